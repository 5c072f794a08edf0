"""Visit pages ask a number of queries that does not grow with the visits, feedback or people recorded."""
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from districtlab.visits import models as m


def grow(world, visit, n):
    """``n`` more of everything: agenda items, feedback, next steps, observations, attendance, visits."""
    category = m.FeedbackCategory.objects.create(district=world.district, name=f"Category {n}")
    for i in range(n):
        m.AgendaItem.objects.create(meeting=visit, position=100 + i + n, title=f"Segment {i}")
        m.Feedback.objects.create(meeting=visit, kind="glow", category=category, text=f"Glow {i}")
        m.NextStep.objects.create(meeting=visit, text=f"Step {i}", owner=world.people["coach"], school=world.partner)
        m.FeedbackRequest.objects.create(meeting=visit, school=world.host, question=f"Q {i}")
        m.Observation.objects.create(meeting=visit, author=world.people["teacher"], district=world.district,
                                     network=world.network, text=f"Seen {i}", visibility="network")
        later = m.Meeting.objects.create(district=world.district, school_year=world.year, kind="team_meeting",
                                         title=f"Team {i}", date=dt.date(2016, 9, 1) + dt.timedelta(days=7 * i + n),
                                         team=world.team, status="held")
        m.Attendance.objects.create(meeting=later, person=world.people["principal"], leader=True, attended=True)


@pytest.mark.parametrize("role, url", [
    ("facilitator", "VISIT"), ("coach", "/visits/"), ("central", "/visits/compliance/"),
    ("coach", "FEEDBACK"), ("coach", "/"), ("teacher", "/visits/norms/")])
def test_visit_pages_ask_the_same_number_of_queries_however_much_is_recorded(world, visit, role, url):
    url = {"VISIT": visit.get_absolute_url(), "FEEDBACK": f"/visits/networks/{world.network.pk}/feedback/"}.get(
        url, url)
    c = world.client(role)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(url).status_code == 200
        return len(ctx)

    grow(world, visit, 2)
    queries(), queries()  # the first visit to compliance makes the district's check (once), the next makes it again
    # (tests keep no check fresh) and meets the job's bookkeeping for the first time
    few = queries()
    grow(world, visit, 12)
    assert queries() == few
