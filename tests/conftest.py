"""A small real district for tests: two schools in a triad-in-progress, a team, and one person per role."""
import datetime as dt
import os
import secrets
from contextlib import contextmanager
from dataclasses import dataclass, field

import hypothesis
import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client

from districtlab.core.roles import Designation, PositionKind
from districtlab.core.visibility import Visibility
from districtlab.org import models as m

PASSWORD = "test-pass-123"
ROLES = ["admin", "central", "facilitator", "principal", "teacher", "coach", "partner", "researcher", "outsider"]


@dataclass
class World:
    district: m.District
    other_district: m.District
    year: m.SchoolYear
    host: m.School
    partner: m.School
    network: m.Network
    team: m.Team
    lfa: m.LearningFocusArea
    people: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)

    def client(self, role: str) -> Client:
        c = Client()
        c.force_login(self.users[role])
        return c


def make_person(district, username, name, kind, school=None, designation="", start=None, title=""):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    person = m.Person.objects.create(district=district, user=user, name=name, email=f"{username}@example.org")
    m.Position.objects.create(person=person, district=district, school=school, kind=kind, designation=designation,
                              start=start, title=title)
    return person


@pytest.fixture
def world(db):
    d = m.District.objects.create(name="Riverside Unified", short_name="RUSD")
    year = m.SchoolYear.objects.create(district=d, name="2016-17", start=dt.date(2016, 9, 1), end=dt.date(2017, 6, 30))
    d.current_school_year = year
    d.save()
    other = m.District.objects.create(name="Elsewhere District", short_name="ELSE")
    other_year = m.SchoolYear.objects.create(
        district=other, name="2016-17", start=dt.date(2016, 9, 1), end=dt.date(2017, 6, 30))
    other.current_school_year = other_year
    other.save()
    host = m.School.objects.create(district=d, name="P.S. 7", grades="9-12", grade_band="High", region="Brooklyn")
    partner = m.School.objects.create(district=d, name="P.S. 8", grades="6-8", grade_band="Middle", region="Queens")
    lfa = m.LearningFocusArea.objects.create(district=d, name="Teacher growth & teams")
    network = m.Network.objects.create(district=d, school_year=year, name="Growth triad", kind="triad", focus_area=lfa)
    m.NetworkMembership.objects.create(network=network, school=host, role="host")
    m.NetworkMembership.objects.create(network=network, school=partner, role="partner", returning=True)
    start = dt.date(2015, 9, 1)
    people = {
        "admin": make_person(d, "admin", "Ada Admin", PositionKind.DISTRICT_ADMIN, start=start),
        "central": make_person(d, "central", "Cy Central", PositionKind.PROGRAM_DIRECTOR, start=start),
        "facilitator": make_person(d, "facilitator", "Fay Facilitator", PositionKind.FACILITATOR, start=start),
        "principal": make_person(d, "principal", "Pat Principal", PositionKind.PRINCIPAL, host,
                                 Designation.MODEL_PRINCIPAL, start),
        "teacher": make_person(d, "teacher", "Tess Teacher", PositionKind.TEACHER, host,
                               Designation.MODEL_TEACHER, start, "Grade 9 English"),
        "coach": make_person(d, "coach", "Cole Coach", PositionKind.COACH, partner, start=start),
        "partner": make_person(d, "partner", "Pia Partner", PositionKind.EXTERNAL_CONSULTANT, start=start),
        "researcher": make_person(d, "researcher", "Rae Researcher", PositionKind.RESEARCHER, start=start),
        "outsider": make_person(other, "outsider", "Otto Outsider", PositionKind.DISTRICT_ADMIN, start=start),
    }
    network.facilitators.add(people["facilitator"])
    team = m.Team.objects.create(district=d, school=host, school_year=year, kind="school_team", name="P.S. 7 LPP team")
    m.TeamMembership.objects.create(team=team, person=people["principal"], role="leader")
    m.TeamMembership.objects.create(team=team, person=people["teacher"], role="note_taker")
    return World(d, other, year, host, partner, network, team, lfa, people,
                 {r: p.user for r, p in people.items()})


@pytest.fixture
def private_note(world):
    return m.Note.objects.create(
        district=world.district, author=world.people["teacher"], title="My private draft",
        body="SECRET-DRAFT-TEXT", team=world.team, school=world.host, network=world.network,
        visibility=Visibility.PRIVATE)


# No test may depend on the machine's speed: these machines are shared and slow.
hypothesis.settings.register_profile("districtlab", deadline=None)
hypothesis.settings.load_profile("districtlab")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """Each run has its own PostgreSQL test database, so two runs on one machine never collide."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.sqlite3":  # SQLite tests run in memory: nothing to share
        test = db.setdefault("TEST", {})
        base = test.get("NAME") or f"test_{db['NAME']}"
        test["NAME"] = f"{base[:40]}_{os.getpid()}_{secrets.token_hex(3)}"


@pytest.fixture
def partner_team(world):
    """P.S. 8's school team: the coach's, not the teacher's nor the principal's."""
    team = m.Team.objects.create(district=world.district, school=world.partner, school_year=world.year,
                                 kind="school_team", name="P.S. 8 LPP team")
    m.TeamMembership.objects.create(team=team, person=world.people["coach"], role="member")
    return team


@pytest.fixture
def teachers_inquiry(world):
    """The teacher's private problem of practice, its year-long goal and a cycle, in P.S. 7's team."""
    from districtlab.inquiry import models as inquiry

    where = {"district": world.district, "author": world.people["teacher"], "team": world.team,
             "school": world.host, "network": world.network}
    problem = inquiry.ProblemOfPractice.objects.create(**where, school_year=world.year, statement="Students talk")
    goal = inquiry.YearGoal.objects.create(**where, problem=problem, statement="Every student explains")
    cycle = inquiry.Cycle.objects.create(**where, goal=goal, title="Turn and talk")
    return {"where": where, "problem": problem, "goal": goal, "cycle": cycle}


def pytest_configure(config):
    """Tests do not need slow password hashing (and module-scoped fixtures hash before any test runs)."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_collection_modifyitems(config, items):
    """Tests marked ``own_databases`` start their own processes and databases, whatever the suite runs on, and
    tests that use no database at all (pure analysis, parsers, commands' arguments) do the same work on either: the
    README's test command runs each of them once, in its SQLite run, or in its PostgreSQL run where the marker says
    ``run="postgresql"`` (to even out the two runs' lengths; without a PostgreSQL run beside, the SQLite run takes
    them too). A ``postgresql_only`` test (it needs PostgreSQL's row locks) is left to the PostgreSQL run; without
    one it is skipped, and CI, which always has one, never skips it. The tests that share the demo run last (after pytest-django's ordering, which each group keeps)."""
    run = os.environ.get("DISTRICTLAB_TEST_RUN")
    if run == "postgresql":
        kept = [item for item in items if once_in(item) == "postgresql"
                or (item.get_closest_marker("own_databases") is None and uses_database(item))]
    elif run == "sqlite" and os.environ.get("DISTRICTLAB_TEST_POSTGRES"):  # a PostgreSQL run goes beside
        kept = [item for item in items if once_in(item) != "postgresql"]
    else:
        kept = items
    if len(kept) < len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept
    items.sort(key=uses_demo)


def once_in(item) -> str | None:
    """The run that takes an ``own_databases`` test ("sqlite" unless its marker names another) or a
    ``postgresql_only`` one ("postgresql"), else None."""
    if item.get_closest_marker("postgresql_only"):
        return "postgresql"
    marker = item.get_closest_marker("own_databases")
    return marker.kwargs.get("run", "sqlite") if marker else None


@pytest.fixture(autouse=True)
def uploads_folder(settings, tmp_path):
    """Uploads (and charts kept as files) go to a throwaway folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DISTRICTLAB_CHART_DIR = tmp_path / "charts"


DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback",
                     "live_server", "django_db_setup", "demo"}


def uses_database(item) -> bool:
    """Whether ``item`` may reach the test database (pytest-django refuses any other test the database)."""
    return item.get_closest_marker("django_db") is not None or not DATABASE_FIXTURES.isdisjoint(
        getattr(item, "fixturenames", ()))


def uses_demo(item) -> bool:
    return "demo" in getattr(item, "fixturenames", ())


class DemoDatabase:
    """The demo district in the test database, loaded once per run of the suite and shared by the tests that ask
    for ``demo``: they run after every other test (see ``pytest_collection_modifyitems``) and change it only
    inside their own transaction, which rolls back. Before each test (``pytest_runtest_setup``, ahead of its
    fixtures and transaction), a test that wants the demo gets it back if a transactional test has flushed it,
    and a test that wants an empty database gets the demo removed."""

    def __init__(self):
        self.ctx = None  # the first load's context (the ``demo`` fixture's value), None until then

    def load(self):
        from districtlab.demo.loader import load_demo

        ctx = load_demo()
        if self.ctx is None:
            self.ctx = ctx
        else:  # a reload: the tests hold the first context
            vars(self.ctx).update(vars(ctx))

    def present(self) -> bool:
        return get_user_model().objects.filter(username=self.ctx.sign_ins[0][0]).exists()

    def remove(self):
        """Leave the database as the other tests expect it: empty, its history too (clearing up is no one's
        change)."""
        from django.apps import apps
        from django.test import override_settings

        from districtlab.core.changes import tracked_models

        with override_settings(SIMPLE_HISTORY_ENABLED=False):
            for label in ("practices.Practice", "visits.Meeting", "inquiry.ProblemOfPractice", "org.Note",
                          "core.Publication", "org.Network", "org.District", "org.DataNote", "org.ReferenceTable",
                          "auth.User"):
                # authored records and meetings first: their authors and school years are protected; then the
                # research library, which belongs to no district
                apps.get_model(label).objects.all().delete()
            for model in tracked_models():
                model.history.all().delete()

    def prepare(self, item):
        if self.ctx is None:  # not loaded yet: the database is empty (or not made yet)
            return
        if uses_demo(item):
            if not self.present():
                self.load()
        elif uses_database(item) and self.present():
            self.remove()


DEMO = DemoDatabase()


@pytest.fixture(scope="session")
def demo(django_db_setup, django_db_blocker):
    """The demo district, for tests that read it (or change it inside their own transaction): see DemoDatabase."""
    if DEMO.ctx is None:
        with django_db_blocker.unblock():
            DEMO.load()
    return DEMO.ctx


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    if DEMO.ctx is not None:
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            DEMO.prepare(item)


@contextmanager
def rolled_back(django_db_blocker):
    """Database access for a module's fixture that reads the shared demo: whatever it writes on the way (sign-ins,
    queued jobs) is undone afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def snapshot_of(models):
    """Every row of ``models`` (and their many-to-many links) as sorted text, timestamps left out: loading the
    demo twice must leave it unchanged."""
    out = {}
    for model in models:
        fields = [f.attname for f in model._meta.concrete_fields if f.name not in ("created", "updated")]
        out[model._meta.label] = sorted(map(str, model.objects.values_list(*fields)))
        for m2m in model._meta.many_to_many:
            out[f"{model._meta.label}.{m2m.name}"] = sorted(map(str, m2m.remote_field.through.objects.values_list()))
    return out


@pytest.fixture(autouse=True)
def jobs_run_at_once(settings):
    """Background jobs run inside the request, and analytics are drawn afresh on each visit, in tests not about the
    queue; those about it (tests/core/queues.py) run the real queues, the database's and Redis's."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": []}}
    settings.DISTRICTLAB_ANALYTICS_MAX_AGE = 0
