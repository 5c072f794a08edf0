"""The demo's practice library: the knowledge flows the seeds document, as they document them. Desert Grove's
"Think It Out" published at the spring 2014 session and adopted by Forest Glen and Valley by the start of 2014-15;
the SOAR schools' tools converging on common ones; sharing that reports more over time; P.S. 12's own ten practices
(no adoption from P.S. 10); the circles passed from school to school; Caryn's conferring published at her
demonstration; the summer-2006 conventions and what produced them; a private practice only its author sees; and
loading twice changes nothing."""
import datetime as dt
import re

from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import Client

from districtlab.analysis import knowledge_flow as kf
from districtlab.core.permissions import actor_for, scope
from districtlab.core.publishing import publications_of
from districtlab.demo.loader import load_demo
from districtlab.org.demo.common import SEED_000, SEED_001, SEED_004
from districtlab.org.models import DataNote, District, SchoolYear
from districtlab.practices import models as m
from districtlab.visits.models import Meeting

from ..conftest import snapshot_of

DG, FG, VALLEY = "Desert Grove High School", "Forest Glen High School", "Valley High School"
BEHAVIOR, GRADES, MINDSET = ("Behavioral reflection form", "Student grade monitoring",
                             "Teaching students about growth mindset")
CARYN = "Conferring during independent reading, with a 4x6 notecard per student"
PS12 = "P.S. 12's ten practices for the first 15 minutes of class"
SOURCE = re.compile(r"^seeds/00[014]_[0-9a-f]+\.txt ~\d+")


def client(username):
    c = Client()
    c.force_login(get_user_model().objects.get(username=username))
    return c


def practice(name):
    return m.Practice.objects.select_related("origin_school", "author", "district").get(name=name)


def note(district, subject_start):
    return DataNote.objects.get(district__short_name=district, subject__startswith=subject_start)


def test_think_it_out_goes_from_desert_grove_to_the_other_two_teams(db, demo):
    p = practice("Think It Out")
    assert (p.origin_school.name, p.kind, p.design_element, p.visibility) == (DG, "form", BEHAVIOR, "district")
    assert not p.origin_people.exists()  # the seed names no maker
    [published] = publications_of(p)
    assert (published.from_level, published.to_level, published.by.name) == ("private", "district", "Jillian")
    assert "spring of 2013-14" in published.where and published.at.date() == dt.date(2014, 4, 30)
    start_2014_15 = SchoolYear.objects.get(district=p.district, name="2014-15").start
    adoptions = list(p.adoptions.select_related("school", "from_school", "version"))
    assert sorted((a.school.name, a.from_school.name, a.version.number, a.adapted_as_id, a.through)
                  for a in adoptions) == [(FG, DG, 1, None, "share_out"), (VALLEY, DG, 1, None, "share_out")]
    assert all(published.at.date() < a.date <= start_2014_15 for a in adoptions)
    assert {(e.nature, e.school.name) for e in p.evidence.select_related("school")} == {("perceptual", DG)}
    assert "feedback from a sample of students" in " ".join(p.evidence.values_list("description", flat=True))
    assert not p.evidence.filter(nature="outcome").exists()  # the seed reports none
    share = m.ShareOut.objects.get(practice=p)
    assert (share.school.name, share.date, share.evidence, share.challenges, share.successes) == (
        DG, published.at.date(), True, True, True)
    for subject in ("Who adopted “Think It Out”", "“Think It Out”: maker", "The spring session where"):
        assert note("SOAR", subject).sources.startswith(f"{SEED_001} ~1")


def test_the_soar_schools_tools_converge_on_common_tools_in_2014_15(db, demo):
    soar = District.objects.get(short_name="SOAR")
    page = client("soar.central").get(f"/practices/flow/?district={soar.pk}")
    assert page.status_code == 200
    now = {row.Index: (row.tool, row.schools, row.same, row.derived, row.different)
           for row in page.context["alignment"]}
    assert now == {BEHAVIOR: ("Think It Out v1", 3, 3, 0, 0),
                   GRADES: ("Grade reflection and goal-setting form v1", 2, 2, 0, 0),
                   MINDSET: ("8 Strategies to Build Growth Mindset v1", 3, 0, 3, 0)}  # each school's own delivery
    start_2014_15 = SchoolYear.objects.get(district=soar, name="2014-15").start
    before = kf.tool_alignment(list(now), [use for day, use in dated_uses(soar) if day < start_2014_15])
    assert before.loc[BEHAVIOR, ["schools", "same"]].tolist() == [1, 1]  # Desert Grove's pilot only
    assert before.loc[GRADES, "schools"] == 0
    assert before["same"].max() == 1  # no tool was shared by two schools before 2014-15
    versions = practice("8 Strategies to Build Growth Mindset").versions.select_related("parent", "school")
    assert [(v.number, v.parent.number if v.parent else None, v.school.name if v.school else None)
            for v in versions] == [(1, None, None), (2, 1, DG), (3, 1, VALLEY), (4, 1, FG)]
    assert note("SOAR", "A common growth-mindset tool in 2014-15").kind == "gap"


def dated_uses(district):
    """``(date, ToolUse)`` for the district's practices that serve a core element, as the flow page reads them."""
    for p in m.Practice.objects.filter(district=district).exclude(design_element="").select_related("origin_school"):
        if p.origin_school:
            yield p.versions.get(number=1).date, kf.ToolUse(p.origin_school.name, p.design_element, f"{p.name} v1")
    adoptions = m.Adoption.objects.filter(practice__district=district).exclude(practice__design_element="")
    for a in adoptions.select_related("practice", "school", "version", "adapted_as"):
        taken = f"{a.practice.name} v{a.version.number}"
        if a.adapted_as:
            yield a.date, kf.ToolUse(a.school.name, a.practice.design_element,
                                     f"{a.practice.name} v{a.adapted_as.number}", taken)
        else:
            yield a.date, kf.ToolUse(a.school.name, a.practice.design_element, taken)


def test_soar_sharing_says_more_over_time(db, demo):
    soar = District.objects.get(short_name="SOAR")
    page = client("soar.central").get(f"/practices/flow/?district={soar.pk}&start=2013-08-01&end=2015-06-30")
    rows = [(str(r.period), r.share_outs, r.implemented_only, r.partial, r.full, r.evidence)
            for r in page.context["sharing"] if r.share_outs]
    assert rows == [("2013Q4", 3, 3, 0, 0, 0),  # "Teams initially presented what practices they had piloted"
                    ("2014Q2", 2, 0, 1, 1, 1),  # "evidence of their challenges and successes"
                    ("2015Q1", 2, 0, 0, 2, 2)]  # 2014-15: "informed by data gathered by the school ... teams"
    shares = [r.full_share for r in page.context["sharing"] if r.share_outs]
    assert shares == sorted(shares) and shares[0] == 0 and shares[-1] == 1
    assert m.ShareOut.objects.filter(district=soar, synthetic=True).count() == 3  # the early reports are the demo's


def test_ps12s_ten_practices_are_its_own_after_the_october_2014_visit(db, demo):
    p = practice(PS12)
    assert (p.origin_school.name, p.visibility) == ("P.S. 12", "district")
    assert list(p.origin_people.values_list("name", flat=True)) == ["P.S. 12 principal"]
    assert "Teach Like a Champion" in p.links and "The seed never lists the ten." in p.description
    assert not m.Adoption.objects.filter(practice=p).exists()
    assert not m.Adoption.objects.filter(from_school__name="P.S. 10").exists()  # P.S. 10 handed over no practice
    visit = Meeting.objects.get(title__startswith="Triad site visit at P.S. 10")
    v1, v2 = p.versions.all()
    assert visit.date < v1.date < v2.date and v2.parent == v1 and "observation tool" in v2.what_changed
    share = m.ShareOut.objects.select_related("meeting").get(practice=p)
    assert share.meeting.title.startswith("First site visit to P.S. 12") and share.date == share.meeting.date
    framing = note("NYC DOE", "Origin of P.S. 12's ten practices")  # a reading of the seed, not a conflict
    assert framing.kind == "reading" and framing.sources.startswith(SEED_004) and "~5877" in framing.sources
    assert "P.S. 12's own ten practices" in framing.kept


def test_the_circles_travel_from_school_to_school_on_the_nyc_flow_page(db, demo):
    nyc = District.objects.get(short_name="NYC DOE")
    page = client("nyc.central").get(f"/practices/flow/?district={nyc.pk}&start=2015-09-01&end=2016-06-30")
    edges = {(e.source, e.target): e.kinds for e in page.context["edges"]}
    assert "adoption" in edges["P.S. 20", "P.S. 21"] and "adoption" in edges["P.S. 21", "P.S. 22"]
    taken = m.Adoption.objects.select_related("version", "adapted_as", "meeting").get(school__name="P.S. 22")
    assert (taken.version.number, taken.adapted_as.parent, taken.through) == (2, taken.version, "site_visit")
    assert taken.meeting.title.startswith("Site visit at P.S. 21") and taken.date == taken.meeting.date


def test_caryns_conferring_is_published_at_the_demonstration(db, demo):
    p = practice(CARYN)
    demonstration = Meeting.objects.get(district__short_name="Highline",
                                        title__startswith="Caryn's classroom demonstration")
    last_studio = Meeting.objects.get(district__short_name="Highline", title__startswith="Last studio session")
    assert (p.origin_school.name, p.author.name) == ("Oak Park Elementary", "Caryn")
    assert sorted(p.origin_people.values_list("name", flat=True)) == ["Caryn", "Sheryl"]
    assert p.versions.count() == 1  # the seed describes no revision
    events = [(e.from_level, e.to_level, e.at.date()) for e in publications_of(p)]
    assert events == [("private", "network", last_studio.date), ("network", "district", demonstration.date)]
    assert "May 2006 classroom demonstration" in publications_of(p).last().where
    assert set(m.ShareOut.objects.filter(practice=p).values_list("meeting", flat=True)) == {
        last_studio.pk, demonstration.pk}
    body = client("highline.central").get(p.get_absolute_url()).content.decode()
    assert "Shared with the district (Shown at the May 2006 classroom demonstration" in body
    assert note("Highline", "Where Caryn's notecard record system came from").kind == "gap"


def test_the_summer_2006_conventions_and_what_produced_them(db, demo):
    conventions = list(m.Convention.objects.filter(district__short_name="Highline"))
    assert len(conventions) == 7
    assert all(c.level == "district" and c.school is None and dt.date(2006, 6, 1) <= c.date <= dt.date(2006, 9, 22)
               and c.source.startswith(f"{SEED_000} ~8") for c in conventions)
    studio = set(Meeting.objects.filter(district__short_name="Highline", kind="studio"))
    assert len(studio) == 5
    produced_by = {c.title: set(c.meetings.all()) for c in conventions}
    assert produced_by.pop("A district literacy coach placed with struggling principals") == set()
    assert all(meetings == studio for meetings in produced_by.values())  # the first year of studio sessions
    assert not any(c.practices.exists() for c in conventions)  # Caryn's conferring is not a convention (~836-838)
    assert "~836-838" in note("Highline", "What produced the summer-2006 conventions").note


def test_caryns_private_draft_is_hers_alone(db, demo):
    p = practice("Book turnover during independent reading")
    assert (p.visibility, p.author.name) == ("private", "Caryn") and not publications_of(p).exists()
    assert "Book turnover" in client("highline.teacher").get("/practices/").content.decode()
    for username in ("highline.coach", "highline.principal", "highline.central", "highline.researcher"):
        assert "Book turnover" not in client(username).get("/practices/").content.decode(), username
        assert client(username).get(p.get_absolute_url()).status_code == 404, username
        user = get_user_model().objects.get(username=username)
        assert not scope(actor_for(user), m.Practice.objects.filter(pk=p.pk)).exists(), username


def test_every_record_cites_its_seed(db, demo):
    for model in (m.Practice, m.Adoption, m.ShareOut, m.Convention):
        assert all(SOURCE.match(source) for source in model.objects.values_list("source", flat=True)), model
    assert not m.Practice.objects.filter(synthetic=True).exists()


def snapshot():
    return snapshot_of([*apps.get_app_config("practices").get_models(), apps.get_model("core.Publication")])


def test_loading_again_changes_nothing(db, demo):
    before = snapshot(), DataNote.objects.count()
    assert len(before[0]["practices.Practice"]) == 7 and len(before[0]["practices.Adoption"]) == 8
    load_demo()
    assert (snapshot(), DataNote.objects.count()) == before
