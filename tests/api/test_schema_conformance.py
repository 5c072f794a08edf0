"""The JSON API keeps to its own OpenAPI schema.

The first tests pin what the schema says about a few records (each once documented wrong); the last has
schemathesis drive the whole API over real HTTP: the demo district is served by a live server, and as a district
admin and as a teacher (token auth) every GET operation is called with a few generated query strings (detail
operations with a record the person can see), and the POST and PATCH of a few records (notes, meetings,
feedback requests, schools, cycles) with generated bodies (a PATCH sends back the ETag of a GET just before it as
If-Match, as a client must, so that it changes the record rather than being refused with 428). Every response
must be no server error and have a documented status code, content type and body. Generation is derandomized, so a run is reproducible, and there
is no deadline or time budget: every operation is reached, whatever the machine's speed.
"""
import datetime as dt
import re

import hypothesis
import requests
import schemathesis
from django.core.management import call_command
from drf_spectacular.drainage import GENERATOR_STATS
from hypothesis import HealthCheck, Phase
from schemathesis import checks
from schemathesis.errors import FailureGroup

from districtlab.visits import models as v

EXAMPLES = 3  # generated requests per operation
WRITES = {"/api/notes/", "/api/notes/{id}/", "/api/meetings/", "/api/meetings/{id}/", "/api/feedback-requests/",
          "/api/feedback-requests/{id}/", "/api/schools/{id}/", "/api/cycles/", "/api/cycles/{id}/"}
CHECKS = [checks.not_a_server_error, checks.status_code_conformance, checks.content_type_conformance,
          checks.response_schema_conformance]


def resolve(schema, node):
    """``node`` with its ``$ref`` (if any, or a nullable one's ``allOf: [$ref]``) followed."""
    while "$ref" in node or len(node.get("allOf", ())) == 1:
        ref = node["$ref"] if "$ref" in node else node["allOf"][0]["$ref"]
        node = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
    return node


def body_of(schema, path, method, code="200"):
    return resolve(schema, schema["paths"][path][method]["responses"][code]["content"]["application/json"]["schema"])


def test_the_schema_is_generated_without_warnings_and_is_valid(tmp_path):
    """A clash of component names (``FeedbackRequest`` was both a record and Feedback's request body) or of
    choice-set names is a warning: the schema must have none, and be valid OpenAPI."""
    GENERATOR_STATS.reset()
    call_command("spectacular", file=str(tmp_path / "schema.yaml"), fail_on_warn=True, validate=True)


def test_feedback_and_feedback_requests_are_documented_apart(world):
    schema = world.client("central").get("/api/schema/?format=json").json()
    asked = body_of(schema, "/api/feedback-requests/{id}/", "get")
    assert {"meeting", "school", "question"} <= set(asked["properties"])
    given = resolve(schema, schema["paths"]["/api/feedback/"]["post"]["requestBody"]["content"]["application/json"]
                    ["schema"])
    assert {"meeting", "kind", "text"} <= set(given["properties"]) and "question" not in given["properties"]


def test_cycles_progress_is_documented_as_the_object_it_returns(world):
    c = world.client("central")
    schema = c.get("/api/schema/?format=json").json()
    documented = body_of(schema, "/api/cycles-progress/", "get")
    data = c.get("/api/cycles-progress/").json()
    assert documented["type"] == "object" and set(documented["properties"]) == set(data) == {
        "year", "as_of", "counted_at", "summary", "count", "next", "previous", "schools"}
    assert set(resolve(schema, documented["properties"]["schools"]["items"])["properties"]) == set(data["schools"][0])
    assert set(resolve(schema, documented["properties"]["summary"])["properties"]) == set(data["summary"])


def test_a_meetings_start_time_is_documented_as_the_api_writes_it(world):
    meeting = v.Meeting.objects.create(district=world.district, school_year=world.year, kind="site_visit",
                                       title="Visit", date=dt.date(2016, 10, 4), starts_at=dt.time(9, 30),
                                       host=world.host, network=world.network)
    c = world.client("central")
    schema = c.get("/api/schema/?format=json").json()
    starts_at = body_of(schema, "/api/meetings/{id}/", "get")["properties"]["starts_at"]
    written = c.get(f"/api/meetings/{meeting.pk}/").json()["starts_at"]
    assert written == "09:30:00" and "format" not in starts_at and re.match(starts_at["pattern"], written)


def test_errors_are_documented(world):
    schema = world.client("central").get("/api/schema/?format=json").json()
    for path, method, codes in [("/api/schools/", "get", {"200", "400", "401", "403", "404"}),
                                ("/api/schools/", "post", {"201", "400", "401", "403"}),
                                ("/api/schools/{id}/", "patch", {"200", "400", "401", "403", "404", "412", "428"}),
                                ("/api/cycles-progress/", "get", {"200", "400", "401", "403"})]:
        assert set(schema["paths"][path][method]["responses"]) == codes, (path, method)
    r = world.client("teacher").get("/api/cycles-progress/")
    assert r.status_code == 403 and set(r.json()) == {"detail"}


def token_for(base_url, username):
    r = requests.post(f"{base_url}/api/token/", data={"username": username, "password": "districtlab-demo"},
                      timeout=60)
    assert r.status_code == 200, r.text
    return {"Authorization": f"Token {r.json()['token']}"}


def operations(schema):
    """Every GET operation but the schema itself (loaded above, and checked by
    ``test_the_schema_is_generated_without_warnings_and_is_valid``), and the chosen writes; PUT and DELETE are
    left to the endpoints' own tests. Lists first, then the writes, then the details (whose bodies the lists
    have already shown), in the order that reads best in a failure report."""
    ops = [result.ok() for result in schema.get_all_operations()]
    reads = [op for op in ops if op.method.upper() == "GET" and op.path != "/api/schema/"]
    writes = [op for op in ops if op.method.upper() in ("POST", "PATCH") and op.path in WRITES]
    return sorted(reads + writes, key=lambda op: ("{id}" in op.path and op.method.upper() == "GET",
                                                  op.method.upper() != "GET", op.path, op.method))


class Run:
    """One person's run over the operations: the failures (the first of each operation) and what was called."""

    def __init__(self, schema, base_url, username):
        self.schema, self.base_url, self.username = schema, base_url, username
        self.headers = token_for(base_url, username)
        self.failures, self.called, self.nothing_to_see = [], set(), set()
        self.ids = {}

    def first_visible_id(self, session, path):
        """The first record this person can see behind the list ``path`` (None when there is none)."""
        if path not in self.ids:
            r = session.get(f"{self.base_url}{path}", headers=self.headers, timeout=60)
            assert r.status_code in (200, 403), (path, r.status_code)
            results = r.json().get("results", []) if r.status_code == 200 else []
            self.ids[path] = results[0].get("id") if results else None
        return self.ids[path]

    def __call__(self):
        with requests.Session() as session:  # closed before the live server stops
            for op in operations(self.schema):
                self.run(session, op)
        return self

    def run(self, session, op):
        fixed = {}
        if "{id}" in op.path:
            pk = self.first_visible_id(session, op.path.split("{id}")[0])
            if pk is None:  # nothing this person can see there: the list's own run covers the endpoint
                self.nothing_to_see.add(op.label)
                return
            fixed = {"id": pk}
        found = []

        @hypothesis.settings(max_examples=1 if fixed and op.method.upper() == "GET" else EXAMPLES,
                             derandomize=True, database=None, deadline=None, phases=[Phase.explicit, Phase.generate],
                             suppress_health_check=list(HealthCheck))
        @hypothesis.given(case=op.as_strategy(path_parameters=fixed))
        def call(case):
            if found:
                return
            self.called.add(op.label)
            headers = self.headers
            if fixed and op.method.upper() in ("PUT", "PATCH"):  # the revision read just before, as a client does
                read = session.get(f"{self.base_url}{op.path.format(**fixed)}", headers=self.headers, timeout=60)
                headers = {**headers, **({"If-Match": read.headers["ETag"]} if "ETag" in read.headers else {})}
            try:
                case.call_and_validate(base_url=self.base_url, session=session, headers=headers, checks=CHECKS,
                                       timeout=60)
            except (FailureGroup, Exception) as exc:  # reported with its request, after every operation ran
                found.append(f"{op.label} as {self.username}: {exc}")

        call()
        self.failures += found


def test_every_operation_keeps_to_the_schema_for_an_admin_and_a_teacher(demo, live_server):
    # one test for both people: the live server's flush after a test empties the demo district
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/schema/?format=json",
                                           headers=token_for(live_server.url, "nyc.admin"), timeout=60)
    runs = [Run(schema, live_server.url, username)() for username in ("nyc.admin", "nyc.teacher")]
    everything = {op.label for op in operations(schema)}
    assert {"GET /api/meetings/{id}/", "GET /api/cycles-progress/", "POST /api/notes/"} <= everything
    for run in runs:  # each operation was called, or left out for a reason named here
        assert run.called and everything == run.called | run.nothing_to_see
    failures = [failure for run in runs for failure in run.failures]
    assert not failures, "\n\n".join(failures)
