"""The district's history asks the same queries in a district three times the size, with three times the history
and three times the records since deleted: who may still see a deleted record is decided in the database, not
record by record (issue 13)."""
import datetime as dt

from django.test import Client

from districtlab.core.history import changes_by
from districtlab.core.visibility import Visibility
from districtlab.org import models as m
from districtlab.visits import models as visits

from tests.query_counts import assert_flat, counts, sizes  # noqa: F401  (the fixture)


def changed_and_deleted(world):
    """For every school, six teams made, renamed and deleted and a team meeting held and deleted; and a private
    draft written and deleted by a teacher, which central office never sees."""
    year = world.district.current_school_year
    with changes_by(world.user, "page"):
        for school, team in zip(world.schools, world.teams):
            for k in range(6):
                gone = m.Team.objects.create(district=world.district, school=school, school_year=year,
                                             kind="school_team", name=f"{school.name} team {k}")
                gone.name = f"{school.name} gone team {k}"
                gone.save()
                gone.delete()
            visits.Meeting.objects.create(district=world.district, school_year=year, kind="team_meeting",
                                          title="Cancelled meeting", team=team, date=dt.date(2016, 9, 14)).delete()
    with changes_by(None, "page"):
        for i, school in enumerate(world.schools):
            m.Note.objects.create(district=world.district, author=world.people[i * 6], title=f"Draft of {school.name}",
                                  body="SECRET-DRAFT-TEXT", school=school, visibility=Visibility.PRIVATE).delete()


def urls(world):
    return {"history": "/history/", "its second page": "/history/?page=2", "teams": "/history/?kind=org.team",
            "meetings": "/history/?kind=visits.meeting",
            "by central office": f"/history/?person={world.user.person.pk}"}


def test_the_history_asks_the_same_queries_in_a_district_three_times_the_size(sizes):
    for world in sizes:
        changed_and_deleted(world)
    assert_flat(sizes, urls)


def test_the_history_asks_the_same_queries_with_three_times_the_deleted_records(sizes):
    small, _large = sizes
    changed_and_deleted(small)
    once = counts(small, urls)
    changed_and_deleted(small)
    changed_and_deleted(small)
    assert counts(small, urls) == once


def test_deleted_records_stay_with_those_who_saw_them(sizes):
    small, _large = sizes
    changed_and_deleted(small)
    c = Client()
    c.force_login(small.user)
    teams = c.get("/history/", {"kind": "org.team"}).content.decode()
    assert "P.S. 5 S gone team 5" in teams and "Deleted" in teams
    everything = c.get("/history/").content.decode() + c.get("/history/export.csv").content.decode()
    assert "SECRET-DRAFT-TEXT" not in everything and "Draft of" not in everything
    assert "Cancelled meeting" not in c.get("/history/", {"kind": "visits.meeting"}).content.decode()
