"""Every "Share" page opens for whoever may share the record, and sharing from it widens the record's audience."""
import datetime as dt

import pytest

from districtlab.core.models import Publication
from districtlab.core.visibility import Visibility
from districtlab.org import models as org
from districtlab.practices import models as practices
from districtlab.visits import models as visits


def _records(world, teachers_inquiry):
    """One private draft of each kind that has a Share page, all the teacher's, all in P.S. 7's team."""
    where = teachers_inquiry["where"]
    problem, goal, cycle = (teachers_inquiry[k] for k in ("problem", "goal", "cycle"))
    meeting = visits.Meeting.objects.create(
        district=world.district, school_year=world.year, kind="site_visit", title="October site visit",
        date=dt.date(2016, 10, 19), network=world.network, host=world.host)
    return {
        "note": (org.Note.objects.create(**where, title="Draft note"), "/notes/{}/share/"),
        "problem": (problem, "/inquiry/problems/{}/share/"),
        "goal": (goal, "/inquiry/goals/{}/share/"),
        "cycle": (cycle, "/inquiry/cycles/{}/share/"),
        "observation": (visits.Observation.objects.create(**where, meeting=meeting, text="Pairs talk"),
                        "/visits/observations/{}/share/"),
        "practice": (practices.Practice.objects.create(**where, name="Talk moves", kind="routine",
                                                       description="Sentence starters"), "/practices/{}/share/"),
    }


KINDS = ["note", "problem", "goal", "cycle", "observation", "practice"]


@pytest.mark.parametrize("kind", KINDS)
def test_share_page_opens_with_the_wider_audiences(world, teachers_inquiry, kind):
    record, url = _records(world, teachers_inquiry)[kind]
    response = world.client("teacher").get(url.format(record.pk))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Share" in page and "Now shared with" in page
    assert 'value="team"' in page and 'value="district"' in page and 'value="private"' not in page


@pytest.mark.parametrize("kind", KINDS)
def test_sharing_from_the_page_widens_and_is_recorded(world, teachers_inquiry, kind):
    record, url = _records(world, teachers_inquiry)[kind]
    response = world.client("teacher").post(url.format(record.pk), {"visibility": "team", "where": "team meeting"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.visibility == Visibility.TEAM
    assert Publication.objects.filter(object_id=record.pk, to_level="team", where="team meeting").exists()


def test_a_bad_share_choice_reshows_the_page_with_the_problem(world, teachers_inquiry):
    record, url = _records(world, teachers_inquiry)["note"]
    response = world.client("teacher").post(url.format(record.pk), {"visibility": "private"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    record.refresh_from_db()
    assert record.visibility == Visibility.PRIVATE


def test_who_may_not_change_the_record_cannot_open_its_share_page(world, teachers_inquiry):
    record, url = _records(world, teachers_inquiry)["note"]
    record.visibility = Visibility.DISTRICT
    record.save()
    assert world.client("coach").get(url.format(record.pk)).status_code == 403  # sees it, may not change it
    record.visibility = Visibility.PRIVATE
    record.save()
    assert world.client("principal").get(url.format(record.pk)).status_code == 404  # another's private draft
