"""Entering a measure's data: what is not a number is refused naming its line or row and column, wherever the
data comes in (paste, upload, API, the chart commands); a spreadsheet's own header row is understood; a long
series is refused past a clear limit, and a page over a long series does bounded work and says so."""
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from districtlab.inquiry import models as m
from districtlab.inquiry.measure_chart import SHOWN
from districtlab.inquiry.series import MAX_POINTS


@pytest.fixture
def measure(world):
    ctx = dict(district=world.district, author=world.people["teacher"], team=world.team, school=world.host,
               network=world.network, visibility="team")
    problem = m.ProblemOfPractice.objects.create(school_year=world.year, statement="P", **ctx)
    goal = m.YearGoal.objects.create(problem=problem, statement="G", **ctx)
    cycle = m.Cycle.objects.create(goal=goal, title="Turn and talk", **ctx)
    return m.Measure.objects.create(cycle=cycle, name="Students explaining", unit="% of students")


def post(client, measure, **data):
    return client.post(f"/inquiry/measures/{measure.pk}/data/", {"mode": "append", **data})


def refused(r):
    """The one message a refused entry shows, and the pasted text as the form gives it back."""
    assert r.status_code == 400
    form = r.context["form"]
    (message,) = form.non_field_errors()
    assert "Nothing was saved." in r.content.decode()
    return message, form["pasted"].value()


def fill(measure, count, part=lambda i: ""):
    m.DataPoint.objects.bulk_create(m.DataPoint(measure=measure, position=i, label=f"Day {i}", value=(i * 7) % 11,
                                                denominator=20, part=part(i)) for i in range(count))


# -- numbers that are not data ---------------------------------------------------------------------------------

@pytest.mark.parametrize("pasted,problem", [
    ("W1\t3\nW2\tinf", 'Line 2, column "y": "inf" is not a finite number'),
    ("W1\t1e400", 'Line 1, column "y": "1e400" is not a finite number'),
    ("W1\t3\nW2\t-Infinity\nW3\t4", 'Line 2, column "y": "-Infinity" is not a finite number'),
    ("x,y\nW1,nan", 'Line 2, column "y": "nan" is not a finite number'),
    ("W1\t1e308", 'Line 1, column "y": "1e308" is too large'),
    ("W1\t3\t1e400", 'Line 1, column "n": "1e400" is not a finite number'),
])
def test_pasted_values_that_are_not_finite_numbers_are_refused_with_line_and_column(world, measure, pasted,
                                                                                     problem):
    post(world.client("teacher"), measure, pasted="W0\t2")
    message, kept = refused(post(world.client("teacher"), measure, pasted=pasted))
    assert message.startswith(problem)
    assert kept == pasted  # what was typed is still there to correct
    assert [p.label for p in measure.points.all()] == ["W0"]
    assert world.client("teacher").get(measure.get_absolute_url()).status_code == 200
    assert world.client("teacher").get(f"/api/data-points/?measure={measure.pk}").status_code == 200


def test_an_uploaded_file_with_infinity_names_the_row(world, measure):
    upload = SimpleUploadedFile("d.csv", b"x,y\nW1,3\nW2,Infinity\n")
    message, _ = refused(post(world.client("teacher"), measure, file=upload))
    assert message.startswith('Row 3, column "y": "Infinity" is not a finite number')
    assert not measure.points.exists()


def test_the_api_refuses_a_value_too_large_to_chart(world, measure):
    r = world.client("teacher").post("/api/data-points/", {"measure": measure.pk, "position": 0, "label": "W1",
                                                          "value": 1e308}, content_type="application/json")
    assert r.status_code == 400 and "too large" in r.json()["value"][0]
    assert not measure.points.exists()


@pytest.mark.parametrize("command,args", [("runchart", ()), ("spc", ("--chart", "i"))])
@pytest.mark.parametrize("text,problem", [
    ("x,y\n1,2\n2,inf\n", 'Row 3, column "y": "inf" is not a finite number'),
    ("x,y\n1,nan\n", 'Row 2, column "y": "nan" is not a finite number'),
    ("x,y\n1,1e308\n", 'Row 2, column "y": "1e308" is too large'),
])
def test_the_chart_commands_refuse_non_finite_values_with_row_and_column(tmp_path, command, args, text, problem):
    path = tmp_path / "series.csv"
    path.write_text(text)
    with pytest.raises(CommandError) as exc:
        call_command(command, str(path), *args, stdout=io.StringIO())
    assert problem in str(exc.value) and exc.value.returncode == 2


# -- a spreadsheet's own header row ----------------------------------------------------------------------------

def test_a_pasted_header_row_with_the_spreadsheets_names_is_understood(world, measure):
    pasted = "Week\tPercent on task\nWeek 1\t40\nWeek 2\t45\nWeek 3\t47"
    teacher = world.client("teacher")
    r = post(teacher, measure, pasted=pasted)
    assert r.status_code == 302
    assert [(p.label, p.value) for p in measure.points.all()] == [("Week 1", 40), ("Week 2", 45), ("Week 3", 47)]
    page = teacher.get(r.url).content.decode()
    assert "The first line was read as column names: “Week” as the label; “Percent on task” as the value." in page


@pytest.mark.parametrize("header", ["Date,Count,Denominator,Phase", "date,value,total students,stage",
                                    "Phase,Date,Denominator,Value"])
def test_common_header_names_find_their_columns_in_any_order(world, measure, header):
    measure.chart = "p"
    measure.save()
    names = header.split(",")
    cells = {"x": "2016-10-03", "y": "9", "n": "20", "part": "before"}
    order = {0: "x", 1: "y", 2: "n", 3: "part"} if header[0] in "Dd" else {0: "part", 1: "x", 2: "n", 3: "y"}
    row = ",".join(cells[order[i]] for i in range(len(names)))
    assert post(world.client("teacher"), measure, pasted=f"{header}\n{row}").status_code == 302
    (p,) = measure.points.all()
    assert (p.label, p.value, p.denominator, p.part) == ("2016-10-03", 9, 20, "before")


def test_a_first_line_with_a_bad_value_is_still_a_bad_row_not_a_header(world, measure):
    message, _ = refused(post(world.client("teacher"), measure, pasted="Week 3\tabc\nWeek 4\t5"))
    assert message.startswith('Line 1, column "y": "abc" is not a number')


# -- long series -----------------------------------------------------------------------------------------------

def test_a_paste_longer_than_a_measure_holds_is_refused_and_kept(world, measure):
    pasted = "\n".join(f"Day {i}\t{i % 9}" for i in range(MAX_POINTS + 1))
    message, kept = refused(post(world.client("teacher"), measure, pasted=pasted))
    assert f"a measure holds at most {MAX_POINTS:,} points" in message
    assert kept == pasted and not measure.points.exists()


def test_adding_to_a_nearly_full_measure_past_the_limit_is_refused(world, measure):
    fill(measure, MAX_POINTS - 1)
    message, _ = refused(post(world.client("teacher"), measure, pasted="A\t1\nB\t2"))
    assert f"This measure has {MAX_POINTS - 1:,} points" in message
    assert measure.points.count() == MAX_POINTS - 1
    assert post(world.client("teacher"), measure, pasted="A\t1").status_code == 302  # exactly full is fine
    r = world.client("teacher").post("/api/data-points/", {"measure": measure.pk, "position": MAX_POINTS,
                                                          "label": "Z", "value": 1}, content_type="application/json")
    assert r.status_code == 400 and "This measure is full" in r.json()["measure"][0]


def test_a_5_mib_paste_gets_a_message_with_the_text_kept(world, measure):
    """A browser sends a pasted line end as CR LF: 5 MiB typed is 6.25 MiB sent. It is read, not refused bare."""
    lines = 5 * 1024 * 1024 // len("1\t2\n")
    pasted = "1\t2\r\n" * lines
    message, kept = refused(post(world.client("teacher"), measure, pasted=pasted))
    assert f"The pasted text has {lines:,} lines" in message and "at most 10,000 points" in message
    assert kept == pasted and not measure.points.exists()


@pytest.mark.parametrize("chart", ["run", "p"])
def test_a_measure_page_over_a_full_measure_shows_the_latest_points_and_says_so(world, measure, chart):
    measure.chart = chart
    measure.save()
    fill(measure, MAX_POINTS, part=lambda i: f"Phase {i // 7}")  # 1,429 parts of 7 points (the last of 4)
    r = world.client("teacher").get(measure.get_absolute_url())
    assert r.status_code == 200
    chart_ = r.context["chart"]
    assert (chart_.total, chart_.shown, chart_.windowed) == (MAX_POINTS, SHOWN, True)
    body = r.content.decode()
    table = body[body.index("<tbody>"):body.index("</tbody>")]
    assert table.count("<tr>") == SHOWN  # the table lists only the points drawn
    assert f'<th scope="row">Day {MAX_POINTS - 1}</th>' in table and '<th scope="row">Day 0</th>' not in table
    assert f"This measure has {MAX_POINTS} points: the chart and the table show the latest {SHOWN}" in body
    # each part's figures are those of all its points, not only those drawn
    first_shown, start = r.context["parts"][0], MAX_POINTS - SHOWN
    assert first_shown["part"] == f"Phase {start // 7}" and first_shown["n_obs"] == 7
    assert len(first_shown["points"]) == sum(1 for i in range(start, MAX_POINTS) if i // 7 == start // 7)
    svg = world.client("teacher").get(f"/inquiry/measures/{measure.pk}/chart.svg")
    assert svg.status_code == 200
    labels = re.findall(r"<!-- Day (\d+) -->", svg.content.decode())  # the x labels drawn
    assert labels and min(int(n) for n in labels) >= MAX_POINTS - SHOWN


def test_a_short_measure_is_shown_whole_without_a_note(world, measure):
    fill(measure, 30)
    r = world.client("teacher").get(measure.get_absolute_url())
    assert (r.context["chart"].total, r.context["chart"].shown, r.context["chart"].windowed) == (30, 30, False)
    assert "show the latest" not in r.content.decode()


def test_a_p_charts_axis_says_proportion_not_the_unit_counted(world, measure):
    measure.chart, measure.unit = "p", "groups"
    measure.save()
    fill(measure, 12)
    svg = world.client("teacher").get(f"/inquiry/measures/{measure.pk}/chart.svg").content.decode()
    assert "<!-- proportion (groups) -->" in svg and "<!-- groups -->" not in svg


def test_an_mr_charts_page_reads_no_runs_signal(world, measure):
    """Moving ranges 1, 2, ..., 10: one crossing of their centre line would be a runs signal on any other chart."""
    measure.chart = "mr"
    measure.save()
    for i, v in enumerate([0, 1, 3, 6, 10, 15, 21, 28, 36, 45, 55]):
        m.DataPoint.objects.create(measure=measure, position=i, label=f"W{i}", value=v)
    body = world.client("teacher").get(measure.get_absolute_url()).content.decode()
    assert "runs are not read on a moving-range chart" in body and "a signal of change" not in body
