"""A measure's data: pasted or uploaded, all or nothing; the chart and its numbers on the page."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from districtlab.inquiry import models as m

SHIFT = "\n".join(f"Week {i}\t{v}" for i, v in enumerate([3, 4, 3, 5, 4, 3, 4, 3, 9, 10, 9, 11, 10, 12, 11, 10], 1))


@pytest.fixture
def measure(world):
    author = world.people["teacher"]
    ctx = dict(district=world.district, author=author, team=world.team, school=world.host, network=world.network)
    problem = m.ProblemOfPractice.objects.create(school_year=world.year, statement="P", visibility="team", **ctx)
    goal = m.YearGoal.objects.create(problem=problem, statement="G", visibility="team", **ctx)
    cycle = m.Cycle.objects.create(goal=goal, title="Turn and talk", visibility="team", **ctx)
    return m.Measure.objects.create(cycle=cycle, name="Students explaining", unit="% of students")


def post(client, measure, **data):
    return client.post(f"/inquiry/measures/{measure.pk}/data/", {"mode": "append", **data})


def test_pasted_rows_become_a_run_chart_with_its_numbers(world, measure):
    r = post(world.client("principal"), measure, pasted=SHIFT)  # a team member (shared with the team)
    assert r.status_code == 302 and measure.points.count() == 16
    body = world.client("teacher").get(measure.get_absolute_url()).content.decode()
    assert "<svg" in body and "a signal of change" in body
    assert "longest run 8 (signal above 7)" in body  # 8 below, then 8 above the median 7; round(log2(16) + 3) = 7
    assert '<th scope="row">Week 16</th><td>10</td>' in body


def test_parts_rebase_the_median(world, measure):
    rows = "x,y,part\n" + "\n".join(
        f"W{i},{v},{'before' if i <= 8 else 'after change idea 2'}"
        for i, v in enumerate([3, 4, 3, 5, 4, 3, 4, 3, 9, 10, 9, 11, 10, 12, 11, 10], 1))
    post(world.client("teacher"), measure, file=SimpleUploadedFile("d.csv", rows.encode()))
    body = world.client("teacher").get(measure.get_absolute_url()).content.decode()
    assert "after change idea 2" in body and "median 3.5" in body and "median 10" in body
    assert "a signal of change" not in body


def test_a_bad_row_saves_nothing_and_says_which(world, measure):
    post(world.client("teacher"), measure, pasted="W1\t3\nW2\t4")
    r = post(world.client("teacher"), measure, pasted="W3\t5\nW4\tabc\nW5\t6")
    assert r.status_code == 400
    assert 'Line 2, column &quot;y&quot;: &quot;abc&quot; is not a number' in r.content.decode()
    assert [p.label for p in measure.points.all()] == ["W1", "W2"]


def test_replace_and_append(world, measure):
    c = world.client("teacher")
    post(c, measure, pasted="x,y\nA,1\nB,2")
    post(c, measure, pasted="C,3")
    assert [p.label for p in measure.points.all()] == ["A", "B", "C"]
    post(c, measure, pasted="Z,9", mode="replace")
    assert [(p.label, p.position) for p in measure.points.all()] == [("Z", 0)]


def test_p_charts_need_denominators(world, measure):
    measure.chart = "p"
    measure.save()
    c = world.client("teacher")
    assert "needs a denominator" in post(c, measure, pasted="Oct\t3").content.decode()
    post(c, measure, pasted="Oct\t3\t20\nNov\t5\t25\nDec\t2\t22\nJan\t9\t20")
    body = c.get(measure.get_absolute_url()).content.decode()
    assert "<svg" in body and "P control chart" in body


def test_data_round_trips_through_csv(world, measure):
    c = world.client("teacher")
    post(c, measure, pasted="x,y,n,part\nOct,3,20,before\nNov,5,25,after")
    csv_text = c.get(f"/inquiry/measures/{measure.pk}/data.csv").content.decode()
    assert csv_text.splitlines() == ["x,y,n,part", "Oct,3,20,before", "Nov,5,25,after"]
    post(c, measure, file=SimpleUploadedFile("back.csv", csv_text.encode()), mode="replace")
    assert [(p.label, p.value, p.denominator, p.part) for p in measure.points.all()] == [
        ("Oct", 3, 20, "before"), ("Nov", 5, 25, "after")]


def test_only_the_team_enters_data_and_outsiders_see_nothing(world, measure):
    assert post(world.client("coach"), measure, pasted="A,1").status_code == 404  # cannot even see it
    assert world.client("coach").get(f"/inquiry/measures/{measure.pk}/data.csv").status_code == 404
    assert world.client("outsider").get(measure.get_absolute_url()).status_code == 404
    measure.cycle.visibility = "district"
    measure.cycle.save()
    assert world.client("coach").get(measure.get_absolute_url()).status_code == 200
    assert post(world.client("coach"), measure, pasted="A,1").status_code == 403
    assert not measure.points.exists()


def test_measure_page_queries_do_not_grow_with_points(world, measure):
    c = world.client("teacher")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(measure.get_absolute_url()).status_code == 200
        return len(ctx.captured_queries)

    post(c, measure, pasted="\n".join(f"W{i}\t{i % 5}" for i in range(5)))
    small = count()
    post(c, measure, pasted="\n".join(f"W{i}\t{i % 7}" for i in range(5, 60)))
    assert count() == small


def test_the_chart_downloads_as_svg_for_whoever_sees_the_measure(world, measure):
    c = world.client("teacher")
    r = c.get(f"/inquiry/measures/{measure.pk}/chart.svg")
    assert r.status_code == 400 and "no data yet" in r.content.decode()
    post(c, measure, pasted=SHIFT)
    r = c.get(f"/inquiry/measures/{measure.pk}/chart.svg")
    assert r.status_code == 200 and r["Content-Type"] == "image/svg+xml" and b"<svg" in r.content
    assert world.client("coach").get(f"/inquiry/measures/{measure.pk}/chart.svg").status_code == 404
