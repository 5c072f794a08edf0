"""The knowledge-flow page reads the picture a background job drew, "as of" when it was drawn, and asks the same
queries whatever the district's size; a new link has it drawn again."""
import datetime as dt

import pytest
from django.test import Client

from districtlab.jobs.models import Job
from districtlab.org import models as org
from districtlab.practices import models as m
from tests.core.queues import database_queue
from tests.query_counts import assert_flat, sizes  # noqa: F401  (fixture)

URL = "/practices/flow/"


def adopt(world, school, source, day):
    practice = m.Practice.objects.create(district=world.district, author=world.people["teacher"], name=f"From {source}",
                                         kind="tool", description="x", visibility="district", origin_school=source)
    return m.Adoption.objects.create(practice=practice, version=practice.versions.get(), school=school,
                                     from_school=source, through="coach", date=day)


@pytest.mark.django_db(transaction=True)
def test_the_page_shows_the_stored_picture_as_of_when_drawn_and_redraws_it_after_a_new_link(world, settings):
    run = database_queue(settings)
    settings.DISTRICTLAB_ANALYTICS_MAX_AGE = 3600
    adopt(world, world.partner, world.host, dt.date(2016, 10, 3))
    c = world.client("central")
    first = c.get(URL).content.decode()
    assert "Drawing the knowledge flow:</strong> waiting for a worker" in first and "learning link" not in first
    run()
    drawn = c.get(URL).content.decode()
    assert "As of " in drawn and "1 learning link among its 2 schools" in drawn and "Drawing" not in drawn
    again = c.get(URL).content.decode()  # read as stored: nothing is drawn again
    assert "1 learning link among its 2 schools" in again and Job.objects.count() == 1

    third = org.School.objects.create(district=world.district, name="P.S. 9")
    adopt(world, third, world.partner, dt.date(2016, 11, 7))
    stale = c.get(URL).content.decode()
    assert "1 learning link among its 2 schools" in stale and "a newer picture is being drawn" in stale
    assert Job.objects.exclude(status__in=Job.FINISHED).count() == 1
    c.get(URL)
    assert Job.objects.exclude(status__in=Job.FINISHED).count() == 1  # one drawing at a time
    run()
    redrawn = c.get(URL).content.decode()
    assert "2 learning links among its 3 schools" in redrawn and "a newer picture" not in redrawn


def test_the_page_reading_its_picture_asks_the_same_queries_in_a_district_three_times_the_size(sizes, settings):
    settings.DISTRICTLAB_ANALYTICS_MAX_AGE = 3600  # drawn on the first visit (the warm-up), read afterwards
    assert_flat(sizes, lambda world: {"flow": f"{URL}?district={world.district.pk}"})


def test_drawing_the_picture_asks_the_same_queries_in_a_district_three_times_the_size(sizes):
    """Drawn again on every visit (jobs run inside the request here): the drawing reads columns, never a row at a
    time."""
    assert_flat(sizes, lambda world: {"flow": f"{URL}?district={world.district.pk}"})


def test_the_page_shows_a_page_of_each_part_and_counts_the_rest(sizes):
    small, large = sizes
    c = Client()
    c.force_login(large.user)
    page = c.get(f"{URL}?district={large.district.pk}")
    assert page.context["practices"] == len(large.schools) > len(page.context["spread"]) == 10
    assert "practices have been adopted; the 10 that reached the most schools are shown" in page.content.decode()
