"""The permission layer as a matrix: every role × object type × action, through the pages and the API.

Allowed outcomes change the database; refused outcomes are 403/404 (or a 400 naming a choice the actor
cannot use), leave the database as it was, and never put the record's data in the body.
"""
import datetime as dt
import json
from uuid import uuid4

import pytest
from django.db.models import JSONField
from django.forms.models import model_to_dict
from django.urls import reverse

from districtlab.core.history import is_history
from districtlab.org import forms
from districtlab.org import models as m

from ..conftest import ROLES

IN_DISTRICT = {"admin", "central", "facilitator", "principal", "teacher", "coach", "partner", "researcher"}
EDITORS = {"admin", "central"}
ADMIN = {"admin"}

# type: (who may view, create, change, delete). Objects: the host school P.S. 7, its team, the teacher, ...
MATRIX = {
    "district": (IN_DISTRICT, set(), ADMIN, set()),
    "schoolyear": (IN_DISTRICT, EDITORS, EDITORS, ADMIN),
    "learningfocusarea": (IN_DISTRICT, EDITORS, EDITORS, ADMIN),
    "school": (IN_DISTRICT, EDITORS, EDITORS | {"principal"}, ADMIN),
    "demographic": (IN_DISTRICT, EDITORS | {"principal"}, EDITORS | {"principal"}, ADMIN),
    "schoolyearfacts": (IN_DISTRICT, EDITORS | {"principal"}, EDITORS | {"principal"}, ADMIN),
    "person": (IN_DISTRICT, EDITORS, EDITORS | {"teacher"}, ADMIN),
    "position": (IN_DISTRICT, EDITORS, EDITORS, ADMIN),
    "team": (IN_DISTRICT, EDITORS | {"principal"}, EDITORS | {"principal"}, ADMIN),
    "teammembership": (IN_DISTRICT, EDITORS | {"principal"}, EDITORS | {"principal"}, ADMIN),
    "network": (IN_DISTRICT, EDITORS, EDITORS | {"facilitator"}, ADMIN),
    "networkmembership": (IN_DISTRICT, EDITORS | {"facilitator"}, EDITORS | {"facilitator"}, ADMIN),
    "datanote": (IN_DISTRICT, EDITORS, EDITORS, ADMIN),
    "referencetable": (IN_DISTRICT, EDITORS, EDITORS, ADMIN),
    "designationrule": (IN_DISTRICT, EDITORS, EDITORS, ADMIN),
    # Notes by the teacher: the visibility ladder. Anyone with a place in the district may write their own.
    "note:private": ({"teacher"}, IN_DISTRICT, {"teacher"}, {"teacher"}),
    "note:team": ({"teacher", "principal"}, IN_DISTRICT, {"teacher"}, {"teacher"}),
    "note:school": ({"teacher", "principal"}, IN_DISTRICT, {"teacher"}, {"teacher"}),
    "note:network": ({"teacher", "principal", "coach", "facilitator"}, IN_DISTRICT, {"teacher"}, {"teacher"}),
    "note:district": (IN_DISTRICT, IN_DISTRICT, {"teacher"}, {"teacher"}),
}
FORMS = {
    "district": forms.DistrictForm, "schoolyear": forms.SchoolYearForm, "learningfocusarea": forms.LearningFocusAreaForm,
    "school": forms.SchoolForm, "demographic": forms.DemographicForm, "person": forms.PersonForm,
    "schoolyearfacts": forms.SchoolYearFactsForm,
    "position": forms.PositionForm, "team": forms.TeamForm, "teammembership": forms.TeamMembershipForm,
    "network": forms.NetworkForm, "networkmembership": forms.NetworkMembershipForm, "note": forms.NoteForm,
    "datanote": forms.DataNoteForm, "referencetable": forms.ReferenceTableForm,
    "designationrule": forms.DesignationRuleForm,
}
API = {
    "district": "districts", "schoolyear": "school-years", "learningfocusarea": "focus-areas", "school": "schools",
    "demographic": "demographics", "schoolyearfacts": "school-year-facts", "person": "people", "position": "positions", "team": "teams",
    "teammembership": "team-memberships", "network": "networks", "networkmembership": "network-memberships",
    "note": "notes", "datanote": "data-notes", "referencetable": "reference-tables",
    "designationrule": "designation-rules",
}
DETAIL_PAGES = {"district", "school", "person", "team", "network", "note"}
MARKER_FIELD = {"demographic": "value", "schoolyearfacts": "grades", "teammembership": "role", "networkmembership": "role", "position": "title",
                "note": "title", "datanote": "subject", "referencetable": "title", "designationrule": "stipend"}


def model_key(kind):
    return kind.split(":")[0]


def note(world, level):
    return m.Note.objects.create(
        district=world.district, author=world.people["teacher"], title=f"Note-{uuid4().hex[:8]}",
        body="SECRET-BODY", team=world.team, school=world.host, network=world.network, visibility=level)


def target(world, kind):
    """The existing record the view/change actions are tried on."""
    w = world
    if kind.startswith("note:"):
        return note(w, kind.split(":")[1])
    return {
        "district": lambda: w.district,
        "schoolyear": lambda: w.year,
        "learningfocusarea": lambda: w.lfa,
        "school": lambda: w.host,
        "demographic": lambda: m.Demographic.objects.get_or_create(
            school=w.host, school_year=w.year, measure="% ELL", defaults={"value": "12"})[0],
        "schoolyearfacts": lambda: m.SchoolYearFacts.objects.get_or_create(
            school=w.host, school_year=w.year, defaults={"grades": "6-12"})[0],
        "person": lambda: w.people["teacher"],
        "position": lambda: w.people["teacher"].positions.get(),
        "team": lambda: w.team,
        "teammembership": lambda: w.team.memberships.get(person=w.people["teacher"]),
        "network": lambda: w.network,
        "networkmembership": lambda: w.network.memberships.get(school=w.host),
        "datanote": lambda: m.DataNote.objects.get_or_create(
            district=w.district, subject="Team size", defaults={"kind": "conflict", "kept": "5-7", "sources": "x"})[0],
        "referencetable": lambda: m.ReferenceTable.objects.get_or_create(
            district=w.district, title="QR 4.2", defaults={"columns": ["a"], "rows": [["1"]], "source": "x"})[0],
        "designationrule": lambda: m.DesignationRule.objects.get_or_create(
            district=w.district, designation="model_teacher", defaults={"stipend": "$7,500"})[0],
    }[kind]()


def fresh(world, kind):
    """A record nothing depends on, for the delete action."""
    w, tag = world, uuid4().hex[:6]
    if kind.startswith("note:"):
        return note(w, kind.split(":")[1])
    school = m.School.objects.create(district=w.district, name=f"Spare {tag}")
    return {
        "district": lambda: m.District.objects.create(name=f"Spare {tag}", short_name=f"S{tag}"),
        "schoolyear": lambda: m.SchoolYear.objects.create(
            district=w.district, name=f"Y{tag}", start=dt.date(2030, 9, 1), end=dt.date(2031, 6, 30)),
        "learningfocusarea": lambda: m.LearningFocusArea.objects.create(district=w.district, name=f"LFA {tag}"),
        "school": lambda: school,
        "demographic": lambda: m.Demographic.objects.create(
            school=w.host, school_year=w.year, measure=f"M{tag}", value="5"),
        "schoolyearfacts": lambda: m.SchoolYearFacts.objects.create(school=school, school_year=w.year, grades="K-5"),
        "person": lambda: m.Person.objects.create(district=w.district, name=f"Spare {tag}"),
        "position": lambda: m.Position.objects.create(
            person=w.people["teacher"], district=w.district, kind="coach", title=f"T{tag}"),
        "team": lambda: m.Team.objects.create(district=w.district, school=w.host, kind="plc", name=f"PLC {tag}"),
        "teammembership": lambda: m.TeamMembership.objects.create(
            team=w.team, person=w.people["coach"], role="member", start=None),
        "network": lambda: m.Network.objects.create(
            district=w.district, school_year=w.year, name=f"Net {tag}", kind="pair"),
        "networkmembership": lambda: m.NetworkMembership.objects.create(
            network=w.network, school=school, role="partner"),
        "datanote": lambda: m.DataNote.objects.create(district=w.district, kind="gap", subject=f"S{tag}", sources="x"),
        "referencetable": lambda: m.ReferenceTable.objects.create(district=w.district, title=f"T{tag}", source="x"),
        "designationrule": lambda: m.DesignationRule.objects.get_or_create(  # one per designation and district
            district=w.district, designation="master_principal")[0],
    }[kind]()


def create_data(world, kind, role):
    w, tag = world, f"{role}-{uuid4().hex[:4]}"
    if kind.startswith("note:"):
        return {"district": w.district.pk, "title": f"New note {tag}", "body": "typed text"}
    spare = m.School.objects.create(district=w.district, name=f"Joining {tag}")
    return {
        "district": lambda: {"name": f"District {tag}", "short_name": tag[:40], "time_zone": "America/New_York"},
        "schoolyear": lambda: {"district": w.district.pk, "name": f"Y {tag}", "start": "2020-09-01",
                               "end": "2021-06-30"},
        "learningfocusarea": lambda: {"district": w.district.pk, "name": f"LFA {tag}"},
        "school": lambda: {"district": w.district.pk, "name": f"School {tag}", "grades": "K-5"},
        "demographic": lambda: {"school": w.host.pk, "school_year": w.year.pk, "measure": f"M {tag}",
                                "value": "40-60%"},
        "schoolyearfacts": lambda: {"school": w.host.pk, "grades": "PK-8", "school_year": m.SchoolYear.objects.create(
            district=w.district, name=f"Y {tag}", start=dt.date(2015, 9, 1), end=dt.date(2016, 6, 30)).pk},
        "person": lambda: {"district": w.district.pk, "name": f"Person {tag}"},
        "position": lambda: {"person": w.people["coach"].pk, "district": w.district.pk, "kind": "teacher",
                             "title": f"Title {tag}"},
        "team": lambda: {"district": w.district.pk, "school": w.host.pk, "school_year": w.year.pk, "kind": "plc",
                         "name": f"Team {tag}"},
        "teammembership": lambda: {"team": w.team.pk, "person": w.people["coach"].pk, "role": "member",
                                   "start": f"2016-10-{1 + ROLES.index(role):02d}"},
        "network": lambda: {"district": w.district.pk, "school_year": w.year.pk, "name": f"Net {tag}",
                            "kind": "quad"},
        "networkmembership": lambda: {"network": w.network.pk, "school": spare.pk, "role": "partner"},
        "datanote": lambda: {"district": w.district.pk, "kind": "conflict", "subject": f"About {tag}",
                             "sources": "seed 004 ~167"},
        "referencetable": lambda: {"district": w.district.pk, "title": f"Table {tag}", "columns": ["Measure", "LPP"],
                                   "rows": [["% ELL", "13%"]], "source": "seed 004 Table 2",
                                   "table": "Measure,LPP\n% ELL,13%"},  # the page takes the table as text
        "designationrule": lambda: {"district": w.district.pk, "stipend": "$1,000",  # one per designation
                                    "designation": {"admin": "master_teacher", "central": "model_principal"}.get(
                                        role, "master_principal")},
    }[kind]()


CHANGES = {
    "district": {"name": "Renamed district"}, "schoolyear": {"name": "2016-2017"},
    "learningfocusarea": {"name": "Renamed LFA"}, "school": {"name": "P.S. 7 renamed"},
    "demographic": {"value": ">80%"}, "schoolyearfacts": {"grades": "9-12"}, "person": {"name": "Renamed person"}, "position": {"title": "Lead teacher"},
    "team": {"name": "Renamed team"}, "teammembership": {"role": "col_documenter"},
    "network": {"name": "Renamed network"}, "networkmembership": {"role": "partner"},
    "note": {"title": "Renamed note"}, "datanote": {"kept": "four to six"}, "referencetable": {"title": "QR 4.2 (2016)"},
    "designationrule": {"stipend": "$7,600"},
}


def as_form_data(model, data):
    """What a browser would post: JSON fields as JSON text, related records as their ids."""
    out = {}
    fields = {f.name: f for f in model._meta.get_fields()}  # (a form may take more: a reference table's text)
    for k, v in data.items():
        if isinstance(fields.get(k), JSONField):
            out[k] = json.dumps(v)
        elif isinstance(v, list):
            out[k] = [getattr(x, "pk", x) for x in v]
        elif v is None:
            out[k] = ""
        elif v is True:
            out[k] = "on"
        elif v is False:
            continue
        else:
            out[k] = v
    return out


def form_payload(obj, kind, change):
    form_class = FORMS[model_key(kind)]
    return {**as_form_data(type(obj), model_to_dict(obj, fields=form_class._meta.fields)), **change}


def marker(obj, kind):
    return str(getattr(obj, MARKER_FIELD.get(model_key(kind), "name")))


def snapshot(obj):
    return type(obj).objects.filter(pk=obj.pk).values().first()


REFUSED = {403, 404}


def check_view(world, kind, channel):
    allowed = MATRIX[kind][0]
    obj = target(world, kind)
    key = model_key(kind)
    problems = []
    for role in ROLES:
        client = world.client(role)
        if channel == "page":
            url = obj.get_absolute_url()
        else:
            url = f"/api/{API[key]}/{obj.pk}/"
        r = client.get(url)
        body = r.content.decode()
        if role in allowed:
            if r.status_code != 200 or (key != "person" or role != "researcher") and marker(obj, kind) not in body:
                problems.append(f"{role} should see it: {r.status_code}")
        else:
            if r.status_code not in REFUSED or marker(obj, kind) in body or "SECRET-BODY" in body:
                problems.append(f"{role} should be refused: {r.status_code}")
    assert not problems, problems


def check_create(world, kind, channel):
    allowed = MATRIX[kind][1]
    key = model_key(kind)
    model = m.Note if key == "note" else type(target(world, kind))
    problems = []
    for role in ROLES:
        data = create_data(world, kind, role)
        before = model.objects.count()
        client = world.client(role)
        if channel == "page":
            r = client.post(reverse(f"org:{key}-create"), as_form_data(model, data))
            ok = r.status_code == 302
        else:
            r = client.post(f"/api/{API[key]}/", data, content_type="application/json")
            ok = r.status_code == 201
        created = model.objects.count() - before
        if role in allowed and not (ok and created == 1):
            problems.append(f"{role} should create: {r.status_code} {r.content[:300]!r}")
        if role not in allowed and (created or r.status_code not in REFUSED | {400}):
            problems.append(f"{role} should be refused: {r.status_code}, created {created}")
    assert not problems, problems


def check_change(world, kind, channel):
    allowed = MATRIX[kind][2]
    key = model_key(kind)
    problems = []
    for role in ROLES:
        obj = target(world, kind) if key != "note" else note(world, kind.split(":")[1])
        obj.refresh_from_db()
        before = snapshot(obj)
        change = {k: f"{v}" for k, v in CHANGES[key].items()}
        client = world.client(role)
        if channel == "page":
            r = client.post(reverse(f"org:{key}-edit", args=[obj.pk]), form_payload(obj, kind, change))
            ok = r.status_code == 302
        else:
            url = f"/api/{API[key]}/{obj.pk}/"  # a change sends back the ETag it read (none if it reads nothing)
            etag = client.get(url).get("ETag")
            r = client.patch(url, change, content_type="application/json", headers={"If-Match": etag} if etag else {})
            ok = r.status_code == 200
        after = snapshot(obj)
        changed = all(str(after[k]) == v for k, v in change.items())
        if role in allowed and not (ok and changed):
            problems.append(f"{role} should change: {r.status_code} {r.content[:300]!r}")
        if role not in allowed:
            if r.status_code not in REFUSED or after != before:
                problems.append(f"{role} should be refused: {r.status_code}")
            elif kind.startswith("note") or role == "outsider":
                if "SECRET-BODY" in r.content.decode():
                    problems.append(f"{role} was shown the record in a refusal")
        if after != before:  # put it back for the next role
            type(obj).objects.filter(pk=obj.pk).update(**{k: before[k] for k in change})
    assert not problems, problems


def check_delete(world, kind, channel):
    allowed = MATRIX[kind][3]
    key = model_key(kind)
    problems = []
    for role in ROLES:
        obj = fresh(world, kind)
        client = world.client(role)
        if channel == "page":
            r = client.post(reverse(f"org:{key}-delete", args=[obj.pk]))
            ok = r.status_code == 302
        else:
            r = client.delete(f"/api/{API[key]}/{obj.pk}/")
            ok = r.status_code == 204
        gone = not type(obj).objects.filter(pk=obj.pk).exists()
        if role in allowed and not (ok and gone):
            problems.append(f"{role} should delete: {r.status_code}")
        if role not in allowed and (gone or r.status_code not in REFUSED):
            problems.append(f"{role} should be refused: {r.status_code}, deleted={gone}")
    assert not problems, problems


CHECKS = {"view": check_view, "create": check_create, "change": check_change, "delete": check_delete}


CASES = [
    (kind, action, channel)
    for kind in MATRIX for action in CHECKS for channel in ("page", "api")
    # records without a page of their own (memberships, positions...) are viewed through the API only
    if not (action == "view" and channel == "page" and model_key(kind) not in DETAIL_PAGES)
]


@pytest.mark.parametrize("kind,action,channel", CASES)
def test_permission_matrix(world, kind, action, channel):
    CHECKS[action](world, kind, channel)


def test_matrix_covers_every_org_model():
    """A new org model without a row here would be an unchecked door."""
    covered = {model_key(k) for k in MATRIX}
    models = {mod._meta.model_name for mod in m.__dict__.values()
              if isinstance(mod, type) and issubclass(mod, m.models.Model) and mod.__module__ == m.__name__
              and not mod._meta.abstract and not is_history(mod)}  # history tables: nobody edits them
    assert models - {"schooltype"} == covered


@pytest.mark.parametrize("url", ["/", "/schools/", "/api/schools/", "/api/schema/", "/api/docs/", "/transfer/"])
def test_signed_out_visitors_see_nothing(client, world, url):
    r = client.get(url)
    assert r.status_code in (302, 401, 403)
    assert "P.S. 7" not in r.content.decode()


def test_private_draft_never_listed_for_others(world, private_note):
    for role in ROLES:
        for url in ("/notes/", "/api/notes/", f"/teams/{world.team.pk}/", f"/networks/{world.network.pk}/"):
            body = world.client(role).get(url).content.decode()
            if role == "teacher" and url != f"/networks/{world.network.pk}/":
                assert "My private draft" in body, (role, url)
            elif role != "teacher":
                assert "My private draft" not in body and "SECRET-DRAFT-TEXT" not in body, (role, url)


def test_superuser_does_not_see_private_drafts(world, private_note, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    from django.test import Client

    c = Client()
    c.force_login(root)
    assert c.get(private_note.get_absolute_url()).status_code == 404
    assert "SECRET-DRAFT-TEXT" not in c.get("/admin/org/note/").content.decode()
    assert c.get("/schools/").status_code == 200


# What each role may write on the visibility ladder, and how far it may share it. The external partner (seed 000's
# consultant co-leading studio sessions) writes within what they take part in: their own notes and observations at
# the meetings they attend, shared with those meetings' teams, schools and networks, never with the whole district;
# they add no practices (nor their evidence) to the schools' library.
LADDER_WRITERS = IN_DISTRICT
NOT_PARTNER = IN_DISTRICT - {"partner"}
LADDER_ACTIONS = {
    "write a note": LADDER_WRITERS,
    "share one's note with the district": NOT_PARTNER,
    "add a practice": NOT_PARTNER,
    "add evidence to the teacher's team practice": {"teacher", "principal"},
    "write an observation at a studio session one attends": LADDER_WRITERS,
    "share one's observation with the session's network": LADDER_WRITERS,
    "share one's observation with the district": NOT_PARTNER,
}


def studio_session(world):
    """A studio session at P.S. 7 that the external partner co-leads (seed 000's studio/residency model)."""
    from districtlab.visits import models as visits

    meeting = visits.Meeting.objects.create(
        district=world.district, school_year=world.year, kind="studio", title="Studio session",
        date=dt.date(2016, 10, 19), network=world.network, host=world.host)
    visits.Attendance.objects.create(meeting=meeting, person=world.people["partner"], role="external consultant",
                                     leader=True)
    return meeting


def try_ladder_action(world, action, role, client):
    """Do ``action`` as ``role``: (HTTP status, whether the database changed)."""
    from districtlab.practices import models as practices
    from districtlab.visits import models as visits

    person, post = world.people[role], lambda url, data: client.post(url, data, content_type="application/json")
    if action == "write a note":
        r = post("/api/notes/", {"district": world.district.pk, "title": f"Note by {role}"})
        return r.status_code, m.Note.objects.filter(author=person).exists()
    if action == "share one's note with the district":
        own = m.Note.objects.create(district=world.district, author=person, title=f"Draft by {role}")
        r = post(f"/api/notes/{own.pk}/publish/", {"visibility": "district"})
        return r.status_code, m.Note.objects.get(pk=own.pk).visibility == "district"
    if action == "add a practice":
        r = post("/api/practices/", {"district": world.district.pk, "name": f"Routine of {role}", "kind": "routine",
                                     "description": "d"})
        return r.status_code, practices.Practice.objects.filter(author=person).exists()
    if action == "add evidence to the teacher's team practice":
        practice = practices.Practice.objects.create(
            district=world.district, author=world.people["teacher"], name=f"Team routine {role}", kind="routine",
            description="d", team=world.team, school=world.host, visibility="district")
        r = post("/api/practice-evidence/", {"practice": practice.pk, "kind": "student_outcomes", "nature": "outcome",
                                             "basis": "data", "description": "Exit tickets"})
        return r.status_code, practice.evidence.exists()
    meeting = studio_session(world)
    if action == "write an observation at a studio session one attends":
        r = post("/api/observations/", {"meeting": meeting.pk, "text": "Lea conferred with two students"})
        return r.status_code, visits.Observation.objects.filter(author=person, visibility="private").exists()
    own = visits.Observation.objects.create(district=world.district, author=person, meeting=meeting,
                                            network=world.network, school=world.host, text="What I saw")
    level = "network" if action.endswith("network") else "district"
    r = post(f"/api/observations/{own.pk}/publish/", {"visibility": level})
    return r.status_code, visits.Observation.objects.get(pk=own.pk).visibility == level


@pytest.mark.parametrize("action", list(LADDER_ACTIONS))
def test_who_writes_and_shares_on_the_ladder(world, action):
    problems = []
    sharing = action.startswith("share one's")  # someone outside the district has nothing of their own there
    for role in [r for r in ROLES if not (sharing and r == "outsider")]:
        status, changed = try_ladder_action(world, action, role, world.client(role))
        if role in LADDER_ACTIONS[action] and not (status in (200, 201) and changed):
            problems.append(f"{role} should be allowed: {status}")
        if role not in LADDER_ACTIONS[action] and (changed or status not in REFUSED | {400}):
            problems.append(f"{role} should be refused: {status}, changed={changed}")
    assert not problems, problems


def test_the_partners_share_box_stops_below_the_district(world):
    meeting = studio_session(world)
    from districtlab.visits import models as visits

    own = visits.Observation.objects.create(district=world.district, author=world.people["partner"],
                                            meeting=meeting, network=world.network, school=world.host, text="Seen")
    page = world.client("partner").get(f"/visits/observations/{own.pk}/share/").content.decode()
    assert 'value="network"' in page and 'value="district"' not in page
