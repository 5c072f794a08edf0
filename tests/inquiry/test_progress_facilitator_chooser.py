"""The progress dashboard's facilitator filter is a search-as-you-type chooser, not a dropdown of every facilitator of
the year (hundreds in New York): a facilitator is chosen by typing a name, or by id; researchers, who see people by
pseudonym only, type a pseudonym and never see a name, and a name they type finds no one."""
import datetime as dt
import re

import pytest

from districtlab.org import models as org
from tests.inquiry.test_progress_pages import followed, page  # noqa: F401  (the fixture)


@pytest.fixture
def guide(world, followed):  # noqa: F811  (the fixture)
    """Gil Guide facilitates another network this year, with P.S. 99; Len Last facilitated one last year only."""
    other = org.Network.objects.create(district=world.district, school_year=world.year, name="Other pair", kind="pair")
    org.NetworkMembership.objects.create(network=other, school=org.School.objects.create(
        district=world.district, name="P.S. 99"), role="host")
    gil = org.Person.objects.create(district=world.district, name="Gil Guide")
    other.facilitators.add(gil)
    last_year = org.SchoolYear.objects.create(district=world.district, name="2015-16", start=dt.date(2015, 9, 1),
                                              end=dt.date(2016, 6, 30))
    old = org.Network.objects.create(district=world.district, school_year=last_year, name="Old triad", kind="triad")
    old.facilitators.add(org.Person.objects.create(district=world.district, name="Len Last"))
    return gil


def suggested(world, role, text, year=None):
    """The names the facilitator box suggests to ``role`` for ``text``."""
    query = f"field=facilitator&facilitator={text}" + (f"&year={year}" if year else "")
    r = world.client(role).get(f"/choose/facilitator/?{query}")
    assert r.status_code == 200
    return re.findall(r'data-label="([^"]*)"', r.content.decode())


def test_the_page_lists_no_facilitator_until_one_is_chosen(world, guide):
    form = page(world, "central").split('role="search"')[1].split("</form>")[0]
    assert '<input type="text" name="facilitator"' in form and 'placeholder="All facilitators"' in form
    assert '<select name="facilitator"' not in form and "Gil Guide" not in form and "Fay Facilitator" not in form


def test_central_office_finds_a_facilitator_by_typing_and_filters_by_them(world, guide):
    assert suggested(world, "central", "gui") == ["Gil Guide"]
    assert suggested(world, "central", "fa") == ["Fay Facilitator"]
    assert suggested(world, "central", "Len", year=world.year.pk) == []  # not a facilitator this year
    by_name = page(world, "central", "/inquiry/progress/?facilitator=Gil+Guide")
    assert "P.S. 99" in by_name and "P.S. 7" not in by_name
    by_id = page(world, "central", f"/inquiry/progress/?facilitator={guide.pk}")
    assert "P.S. 99" in by_id and 'value="Gil Guide"' in by_id  # the box shows the name of the one chosen
    api = world.client("central").get("/api/cycles-progress/?facilitator=Fay").json()
    assert [s["school_name"] for s in api["schools"]] == ["P.S. 7", "P.S. 8"]


def test_researchers_choose_by_pseudonym_and_never_see_a_name(world, guide):
    pseudonym = guide.research_id
    assert suggested(world, "researcher", "Gil") == []
    assert suggested(world, "researcher", pseudonym[-4:]) == [pseudonym]
    body = page(world, "researcher", f"/inquiry/progress/?facilitator={guide.pk}")
    assert "Gil Guide" not in body and f'value="{pseudonym}"' in body and "P.S. 99" in body
    assert "P.S. 99" in page(world, "researcher", f"/inquiry/progress/?facilitator={pseudonym.replace(' ', '+')}")
    refused = page(world, "researcher", "/inquiry/progress/?facilitator=Gil+Guide", status=400)
    assert "That is not one of this year&#x27;s facilitators." in refused and 'id="id_facilitator_error"' in refused


def test_nobody_is_suggested_from_another_district_and_a_bad_choice_is_named(world, guide):
    assert suggested(world, "outsider", "Gil") == [] and suggested(world, "outsider", str(guide.pk)) == []
    assert world.client("central").get("/choose/facilitator/?field=facilitator&facilitator=Gil").status_code == 200
    body = page(world, "central", "/inquiry/progress/?facilitator=Nobody", status=400)
    assert "That is not one of this year&#x27;s facilitators." in body
    r = world.client("central").get("/api/cycles-progress/?facilitator=-1")
    assert r.status_code == 400 and "facilitator" in r.json()
    assert world.client("teacher").get("/inquiry/progress/?facilitator=Gil").status_code == 403
