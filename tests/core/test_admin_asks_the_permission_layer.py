"""The Django admin asks the one permission layer: a superuser's add and change forms never offer another
person's private draft in a dropdown, though what was shared is there."""
import pytest
from django.test import Client

from districtlab.inquiry import models as inquiry
from districtlab.practices import models as practices


@pytest.fixture
def root(world, django_user_model):
    c = Client()
    c.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "x"))
    return c


@pytest.fixture
def drafts(world):
    """The teacher's private problem and practice, and a problem the teacher shared with the district."""
    ctx = dict(district=world.district, author=world.people["teacher"], team=world.team, school=world.host)
    return {
        "private": inquiry.ProblemOfPractice.objects.create(school_year=world.year, statement="SECRET-PROBLEM",
                                                            **ctx),
        "shared": inquiry.ProblemOfPractice.objects.create(school_year=world.year, statement="SHARED-PROBLEM",
                                                           visibility="district", **ctx),
        "practice": practices.Practice.objects.create(name="SECRET-PRACTICE", kind="routine", description="d", **ctx),
    }


@pytest.mark.parametrize("url", ["/admin/inquiry/yeargoal/add/", "/admin/inquiry/evidence/add/",
                                 "/admin/practices/version/add/", "/admin/practices/adoption/add/",
                                 "/admin/practices/convention/add/"])
def test_admin_add_forms_offer_no_private_draft(root, drafts, url):
    r = root.get(url)
    body = r.content.decode()
    assert r.status_code == 200
    assert "SECRET-PROBLEM" not in body and "SECRET-PRACTICE" not in body


def test_admin_dropdowns_still_offer_what_was_shared(root, drafts):
    assert "SHARED-PROBLEM" in root.get("/admin/inquiry/yeargoal/add/").content.decode()


def test_a_private_draft_cannot_be_chosen_by_posting_its_id(root, drafts):
    r = root.post("/admin/inquiry/yeargoal/add/", {
        "problem": drafts["private"].pk, "statement": "A goal on someone's draft", "district": drafts["private"]
        .district_id, "author": drafts["private"].author_id, "visibility": "private"})
    assert r.status_code == 200 and not inquiry.YearGoal.objects.exists()  # the form is shown again with the error
