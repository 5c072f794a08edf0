"""Reports as pages and PDFs: a school's year, a network's year and the program's year, holding only what the
reader may see; the PDF opens, embeds its fonts and shows its charts (a page rendered to an image); every school's
report prepared in the background as one download."""
import datetime as dt
import io
import zipfile

import pypdfium2
import pytest

from districtlab.evaluation import actions
from districtlab.evaluation import models as e
from districtlab.inquiry import models as inquiry
from districtlab.jobs.models import Job
from districtlab.visits import models as visits

from .conftest import make_survey
from .test_surveys import submit_as

pytestmark = pytest.mark.django_db
BLUE = (11, 92, 173)  # the indicator chart's bars (#0b5cad)


def pdf_pages(content: bytes):
    doc = pypdfium2.PdfDocument(content)
    return [doc[i] for i in range(len(doc))]


def text_of(pages) -> str:
    return "\n".join(page.get_textpage().get_text_range() for page in pages)


def coloured(image, rgb, tolerance=24) -> int:
    """How many pixels of ``image`` are within ``tolerance`` of ``rgb`` in each channel."""
    return sum(1 for pixel in image.convert("RGB").get_flattened_data()
               if all(abs(a - b) <= tolerance for a, b in zip(pixel, rgb)))


@pytest.fixture
def reported(world):
    """A cycle of the teacher's shared with the team (with a measure of data), a private one, held site visits and
    an outcome measured by them."""
    where = {"district": world.district, "author": world.people["teacher"], "team": world.team,
             "school": world.host, "network": world.network}
    problem = inquiry.ProblemOfPractice.objects.create(**where, school_year=world.year, statement="Talk",
                                                       visibility="team")
    goal = inquiry.YearGoal.objects.create(**where, problem=problem, statement="Explain", visibility="team")
    shared = inquiry.Cycle.objects.create(**where, goal=goal, title="Shared turn and talk", stage="share",
                                          visibility="team", started=dt.date(2016, 10, 1))
    inquiry.Cycle.objects.create(**where, goal=goal, title="My private draft cycle", visibility="private")
    measure = inquiry.Measure.objects.create(cycle=shared, name="Students explaining", unit="%")
    for i, value in enumerate([40, 45, 42, 50, 55, 53, 58, 60, 62, 61]):
        inquiry.DataPoint.objects.create(measure=measure, position=i + 1, label=f"Week {i + 1}", value=value)
    for day in (dt.date(2016, 10, 5), dt.date(2016, 12, 7), dt.date(2017, 2, 8)):
        visits.Meeting.objects.create(district=world.district, school_year=world.year, kind="site_visit",
                                      title="Visit", date=day, network=world.network, host=world.host, status="held")
    outcome = e.Outcome.objects.create(district=world.district, number=1, name="A culture of collaboration")
    e.Indicator.objects.create(outcome=outcome, measure="visits", target=2)
    return world


def test_a_schools_report_holds_what_its_reader_may_see(reported):
    w = reported
    url = f"/surveys/reports/school/{w.host.pk}/{w.year.pk}/"
    teacher = w.client("teacher").get(url).content.decode()
    assert "Shared turn and talk" in teacher and "My private draft cycle" in teacher  # the author's own
    assert teacher.count("<svg") == 1  # the measure's chart
    central = w.client("central").get(url).content.decode()
    assert "My private draft cycle" not in central and "Shared turn and talk" not in central  # the team's words
    assert "1 more shared with their teams" in central  # counted, not read
    researcher = w.client("researcher").get(url).content.decode()
    assert "Tess Teacher" not in researcher and w.people["teacher"].research_id in researcher
    assert w.client("outsider").get(url).status_code == 404


def test_the_school_report_pdf_opens_with_its_text_and_fonts(reported):
    w = reported
    r = w.client("teacher").get(f"/surveys/reports/school/{w.host.pk}/{w.year.pk}/pdf/")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    text = text_of(pdf_pages(r.content))
    assert "P.S. 7: 2016-17" in text and "Shared turn and talk" in text and "Page 1 of" in text
    assert b"/FontFile2" in r.content and b"/Subtype /Image" not in r.content  # fonts embedded, charts vector


def test_the_program_report_pdf_shows_its_charts(reported):
    w = reported
    r = w.client("central").get(f"/surveys/reports/program/{w.year.pk}/pdf/")
    assert r.status_code == 200
    pages = pdf_pages(r.content)
    assert "Interschool site visits held: 3; target 2." in text_of(pages)
    drawn = sum(coloured(page.render(scale=1).to_pil(), BLUE) for page in pages)
    assert drawn > 500  # the indicator's bar, drawn on the page
    assert w.client("teacher").get(f"/surveys/reports/program/{w.year.pk}/").status_code == 403
    assert w.client("facilitator").get(f"/surveys/reports/program/{w.year.pk}/").status_code == 200


def test_a_networks_report_lists_its_schools_and_visits(reported):
    w = reported
    page = w.client("principal").get(f"/surveys/reports/network/{w.network.pk}/").content.decode()
    assert "P.S. 8" in page and "Fay Facilitator" in page and page.count("Held") == 3
    assert "Shared turn and talk" in page  # a member of the team it is shared with
    central = w.client("central").get(f"/surveys/reports/network/{w.network.pk}/").content.decode()
    assert "Shared turn and talk" not in central and "1 more shared with their teams" in central
    assert w.client("outsider").get(f"/surveys/reports/network/{w.network.pk}/").status_code == 404


def test_every_schools_report_is_prepared_in_the_background(reported):
    w = reported
    c = w.client("central")
    assert c.post("/surveys/reports/prepare/", {"year": w.year.pk}).status_code == 302
    job = Job.objects.get(label__startswith="Preparing every school's report")
    assert job.status == "done" and job.message == "2 school reports."
    with job.file.open("rb") as f, zipfile.ZipFile(io.BytesIO(f.read())) as bundle:
        names = sorted(bundle.namelist())
        assert names == ["ps-7-2016-17.pdf", "ps-8-2016-17.pdf"]
        assert "P.S. 8: 2016-17" in text_of(pdf_pages(bundle.read("ps-8-2016-17.pdf")))
    assert "2 school reports" in c.get(f"/surveys/reports/?year={w.year.pk}").content.decode()
    assert w.client("teacher").post("/surveys/reports/prepare/", {"year": w.year.pk}).status_code == 403


def test_a_school_is_found_by_typing_its_name(reported):
    w = reported
    c = w.client("principal")
    r = c.get("/surveys/reports/school/", {"year": w.year.pk, "school": "P.S. 8"})
    assert r.url == f"/surveys/reports/school/{w.partner.pk}/{w.year.pk}/"
    r = c.get("/surveys/reports/school/", {"year": w.year.pk, "school": "P.S."}, follow=True)
    assert "Type one school" in r.content.decode()
    assert c.get("/surveys/reports/school/", {"year": "x\x00", "school": "P.S. 8"}).status_code == 404


def test_a_schools_survey_figures_are_held_back_below_the_smallest_group(reported):
    w = reported
    made = make_survey(w, minimum=3)
    actions.open_survey(made.survey)
    actions.invite(made.survey)
    submit_as(made, ["teacher", "principal", "coach"], [(4, 4, 2), (5, 4, 1), (3, 3, 3)])
    school = w.client("central").get(f"/surveys/reports/school/{w.host.pk}/{w.year.pk}/").content.decode()
    assert "held back" in school and "fewer than 3" in school  # P.S. 7: two respondents; not how many
    network = w.client("central").get(f"/surveys/reports/network/{w.network.pk}/").content.decode()
    assert "<td>3.89</td>" in network and "<td>3</td>" in network  # the triad's three together
