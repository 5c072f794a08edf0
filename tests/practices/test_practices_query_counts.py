"""Practice pages ask a number of queries that does not grow with the practices, versions or adoptions."""
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from districtlab.org import models as org
from districtlab.practices import models as m


def grow(world, practice, n):
    """``n`` more practices (each adopted), schools, versions, adoptions, share-outs and conventions."""
    for i in range(n):
        school = org.School.objects.create(district=world.district, name=f"P.S. {100 + i + 10 * n}")
        org.NetworkMembership.objects.create(network=world.network, school=school, role="partner")
        other = m.Practice.objects.create(district=world.district, author=world.people["teacher"], name=f"P{i}-{n}",
                                          kind="tool", description="x", visibility="district", origin_school=school,
                                          design_element="Element")
        m.Adoption.objects.create(practice=other, version=other.versions.get(), school=world.partner,
                                  from_school=school, through="coach", date=dt.date(2016, 10, 1 + i))
        last = practice.versions.order_by("-number").first()
        version = m.Version.objects.create(practice=practice, number=last.number + 1, parent=last, school=school)
        m.Adoption.objects.create(practice=practice, version=last, adapted_as=version, school=school,
                                  from_school=world.host, through="site_visit", date=dt.date(2016, 11, 1 + i))
        m.ShareOut.objects.create(district=world.district, school=school, date=dt.date(2016, 12, 1 + i), summary="x")
        convention = m.Convention.objects.create(district=world.district, title=f"C{i}-{n}", level="district",
                                                 date=dt.date(2017, 6, 1))
        convention.practices.add(practice, other)


@pytest.mark.parametrize("url", ["/practices/", "DETAIL", "/practices/conventions/", "/practices/flow/"])
def test_practice_pages_ask_the_same_number_of_queries_however_much_is_recorded(world, url):
    practice = m.Practice.objects.create(district=world.district, author=world.people["teacher"], name="Routine",
                                         kind="routine", description="x", visibility="district",
                                         origin_school=world.host, design_element="Element")
    url = practice.get_absolute_url() if url == "DETAIL" else url
    c = world.client("central")

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(url).status_code == 200
        return len(ctx)

    grow(world, practice, 2)
    queries()  # warm Django's caches (content types)
    few = queries()
    grow(world, practice, 8)
    assert queries() == few
