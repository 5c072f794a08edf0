"""A practice's lineage and the knowledge flow read clearly: events on the same day at the same school are
side by side, not drawn over each other; a boundary spanner's score never reads 0.000."""
import datetime as dt
import re

from districtlab.org import models as org
from districtlab.practices import models as m


def markers(svg):
    """The (x, y) of every marker drawn on a chart."""
    groups = re.findall(r'<g id="PathCollection_\d+">(.*?)</g>', svg, re.S)
    return [xy for g in groups for xy in re.findall(r'<use[^>]*x="([\d.]+)"[^>]*y="([\d.]+)"', g)]


def test_events_on_the_same_day_at_the_same_school_are_not_stacked(world):
    p = m.Practice.objects.create(
        district=world.district, author=world.people["teacher"], visibility="network", team=world.team,
        school=world.host, network=world.network, name="Turn-and-talk anchor chart", kind="routine",
        description="Sentence starters", origin_school=world.host)
    day = dt.date(2016, 9, 12)
    v1 = p.versions.get()
    v1.date = day
    v1.save()
    m.Version.objects.create(practice=p, number=2, parent=v1, school=world.host, what_changed="Shorter", date=day)
    m.Adoption.objects.create(practice=p, version=v1, school=world.partner, from_school=world.host,
                              through="site_visit", date=day + dt.timedelta(days=1))
    r = world.client("facilitator").get(p.get_absolute_url())
    assert r.status_code == 200
    drawn = markers(r.content.decode())
    assert len(drawn) >= 3  # origin, version 2, adoption (and the legend's)
    assert len(set(drawn)) == len(drawn), "two markers drawn on the same spot"


def test_a_boundary_spanner_with_a_tiny_score_never_reads_0_000(world):
    """In a district of 63 schools, one path through P.S. 8 scores 1 / (62 × 61) = 0.00026."""
    org.School.objects.bulk_create(org.School(district=world.district, name=f"P.S. {100 + i}") for i in range(60))
    third = org.School.objects.create(district=world.district, name="P.S. 9")
    org.NetworkMembership.objects.create(network=world.network, school=third, role="partner")
    p = m.Practice.objects.create(
        district=world.district, author=world.people["teacher"], visibility="network", team=world.team,
        school=world.host, network=world.network, name="Anchor chart", kind="routine", description="x",
        origin_school=world.host)
    v1 = p.versions.get()
    m.Adoption.objects.create(practice=p, version=v1, school=world.partner, from_school=world.host,
                              through="site_visit", date=dt.date(2016, 11, 2))
    m.Adoption.objects.create(practice=p, version=v1, school=third, from_school=world.partner,
                              through="coach", date=dt.date(2017, 1, 10))
    r = world.client("facilitator").get("/practices/flow/")
    between = dict(r.context["between"])
    assert list(between) == ["P.S. 8"] and 0 < between["P.S. 8"] < 0.0005  # only the school on a path
    body = r.content.decode()
    section = body[body.index("<h3>Between schools</h3>"):body.index("<h3>People in several")]
    assert "P.S. 8: under 0.001" in section and "0.000" not in section
