"""No lost updates: two people edit the same record; the second, based on what they read before the first saved,
is refused (the edit page answers 409 with who changed what meanwhile and keeps what was typed; the API answers
412), for every model with edit pages (``crud_urls``) and every API endpoint of a record whose history is kept.

Each case works on the demo: a record two sign-ins may both change (or, for a private draft only its author
may change, its author in two browsers), one text field (or yes/no field) changed by each."""
import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.db import models
from django.test import Client
from django.urls import get_resolver, reverse
from django.utils.html import escape

from districtlab.api.urls import router
from districtlab.core.history import is_tracked
from districtlab.core.people import name_for
from districtlab.core.permissions import CHANGE, DELETE, actor_for, can
from districtlab.core.views import EDIT_PAGES
from districtlab.org.models import District

get_resolver().url_patterns  # noqa: B018  (the URLs, so every crud_urls() has registered its model)
FORM_MODELS = sorted(EDIT_PAGES, key=lambda model: model._meta.label)
API_ENDPOINTS = sorted((prefix, viewset.queryset.model) for prefix, viewset, _ in router.registry
                       if is_tracked(viewset.queryset.model))
TEXT = (models.CharField, models.TextField)
NOT_FREE_TEXT = (models.EmailField, models.URLField, models.SlugField)


class PostForm(HTMLParser):
    """The fields a browser would send from a page's edit form (the form without an ``action``)."""

    def __init__(self, html):
        super().__init__()
        self.fields, self.inside, self.select, self.textarea, self.options = [], False, None, None, []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("method") == "post" and "action" not in a
        elif not self.inside:
            return
        elif tag == "input" and "name" in a and a.get("type", "text") not in ("submit", "button", "file", "image",
                                                                             "reset"):  # a browser sends named ones
            if a.get("type") in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append((a["name"], a.get("value", "on")))
            else:
                self.fields.append((a["name"], a.get("value", "")))
        elif tag == "select":
            self.select, self.options = a, []
        elif tag == "option" and self.select is not None:
            self.options.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea":
            self.textarea, self.text = a["name"], ""

    def handle_data(self, data):
        if self.textarea is not None:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select is not None:
            chosen = [v for v, selected in self.options if selected]
            if not chosen and "multiple" not in self.select and self.options:
                chosen = [self.options[0][0]]
            self.fields += [(self.select["name"], v) for v in chosen]
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.fields.append((self.textarea, self.text.removeprefix("\n")))
            self.textarea = None

    def data(self) -> dict:
        out = {}
        for name, value in self.fields:
            out.setdefault(name, []).append(value)
        return out


def marked(model_field, value, mark):
    """``value`` with ``mark`` at its end, within the field's length."""
    limit = model_field.max_length or 10_000
    return (value or "")[: limit - len(mark) - 1] + " " + mark if value else mark


def candidate_fields(model, names):
    """The fields of ``model`` among ``names`` a test may change: free text first, then yes/no, numbers, dates."""
    fields = [f for f in model._meta.concrete_fields if f.editable and f.name in names and not f.primary_key
              and not f.choices and not f.unique and not f.is_relation]
    return ([f for f in fields if isinstance(f, TEXT) and not isinstance(f, NOT_FREE_TEXT)]
            + [f for f in fields if isinstance(f, models.BooleanField)]
            + [f for f in fields if isinstance(f, models.IntegerField)]
            + [f for f in fields if type(f) is models.DateField])


def changed(model_field, value, mark):
    """``value`` (as a page or the API shows it) changed by someone who signs ``mark``."""
    step = 1 if mark == "A" else 2
    if isinstance(model_field, models.BooleanField):
        return not value
    if isinstance(model_field, models.IntegerField):
        return int(value) + step if value not in (None, "") else step
    if isinstance(model_field, models.DateField):
        return (dt.date.fromisoformat(value) + dt.timedelta(days=step)).isoformat() if value else None
    return marked(model_field, value, mark)


def missing_records(district):
    """One of each kind of record people edit that the demo holds none of (yet), in ``district``."""
    from districtlab.inquiry.models import CycleExpectation
    from districtlab.visits.models import BlockedDate

    if not CycleExpectation.objects.exists():
        CycleExpectation.objects.create(district=district)
    if not BlockedDate.objects.exists():
        BlockedDate.objects.create(district=district, start=dt.date(2016, 12, 26), end=dt.date(2016, 12, 30),
                                   reason="Winter recess")


@pytest.fixture(scope="module")
def demo_actors(demo, django_db_blocker):
    with django_db_blocker.unblock():
        users = list(get_user_model().objects.filter(username__in=[u for u, *_ in demo.sign_ins]).order_by("username"))
        return [(user, actor_for(user)) for user in users]


@pytest.fixture
def sign_ins(db, demo_actors):
    """The demo's sign-ins with their actors, and the records the demo lacks made in the test's transaction."""
    missing_records(District.objects.get(short_name="NYC DOE"))
    return demo_actors


def editors(sign_ins, model, limit=60):
    """A few records of ``model``, each with two sign-ins who may change it (its author twice, for a private
    draft): those two different people may change first."""
    pairs, alone = [], []
    for record in model._default_manager.order_by("pk")[:limit]:
        who = [user for user, actor in sign_ins if can(actor, CHANGE, record)]
        if len(who) > 1:
            pairs.append((record, who[:2]))
            if len(pairs) == 4:
                break
        elif who and len(alone) < 4:
            alone.append((record, who * 2))
    return pairs + alone


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


def page_form(c, url):
    page = c.get(url)
    assert page.status_code == 200, (url, page.status_code)
    return page.content.decode(), PostForm(page.content.decode()).data()


@pytest.mark.parametrize("model", FORM_MODELS, ids=lambda model: model._meta.label)
def test_an_edit_page_based_on_an_old_revision_is_refused_and_keeps_what_was_typed(db, demo, sign_ins, model):
    tried = []
    for record, (first, second) in editors(sign_ins, model):
        url = reverse(f"{model._meta.app_label}:{model._meta.model_name}-edit", args=[record.pk])
        a, b = client_for(first), client_for(second)
        html, a_data = page_form(a, url)
        _, b_data = page_form(b, url)
        assert f'name="revision" value="{record.revision}"' in html
        for field in candidate_fields(model, set(a_data) | set(re.findall(r'name="(\w+)"', html))):
            before = getattr(record, field.attname)
            if isinstance(field, models.BooleanField):
                typed_a, b_value = {**a_data, field.name: [] if before else ["on"]}, None
            else:
                a_value = changed(field, a_data.get(field.name, [""])[0], "A")
                if a_value is None:
                    continue
                typed_a = {**a_data, field.name: [str(a_value)]}
                b_value = str(changed(field, b_data.get(field.name, [""])[0], "Bee"))
            response = a.post(url, typed_a)
            if response.status_code != 302:
                tried.append((record.pk, field.name, response.status_code))
                continue  # this record's data does not validate as it is (or this field cannot take the mark)
            saved = model._default_manager.get(pk=record.pk)
            assert getattr(saved, field.attname) != before and saved.revision > record.revision
            refused = b.post(url, {**b_data, field.name: [b_value]} if b_value else b_data)
            assert refused.status_code == 409, (url, field.name, refused.status_code)
            text = refused.content.decode()
            assert "after you opened it" in text
            assert escape(name_for(actor_for(second), first.person)) in text  # who changed it meanwhile
            if b_value and isinstance(field, TEXT):
                assert escape(b_value) in text  # what B typed is kept
            after = model._default_manager.get(pk=record.pk)
            assert (getattr(after, field.attname), after.revision) == (getattr(saved, field.attname), saved.revision)
            assert b.post(url, PostForm(text).data()).status_code == 302  # saving again, knowingly, replaces it
            return
    pytest.fail(f"No {model._meta.verbose_name} in the demo that two sign-ins could edit and save: {tried} "
                f"({model._default_manager.count()} in all)")


@pytest.mark.parametrize("prefix,model", API_ENDPOINTS, ids=[p for p, _ in API_ENDPOINTS])
def test_an_api_write_based_on_an_old_revision_is_refused_with_412(db, demo, sign_ins, prefix, model):
    tried = []
    for record, (first, second) in editors(sign_ins, model):
        url = f"/api/{prefix}/{record.pk}/"
        a, b = client_for(first), client_for(second)
        read_a, read_b = a.get(url), b.get(url)
        assert read_a.status_code == read_b.status_code == 200
        etag = read_a["ETag"]
        assert etag == read_b["ETag"] == f'"{record.revision}"' and read_a.json()["revision"] == record.revision
        body = read_a.json()
        for field in candidate_fields(model, body):
            if changed(field, body[field.name], "A") is None:
                continue
            response = a.patch(url, {field.name: changed(field, body[field.name], "A")},
                               content_type="application/json", headers={"If-Match": etag})
            if response.status_code != 200:
                tried.append((record.pk, field.name, response.status_code, response.content[:200]))
                continue
            assert response["ETag"] == f'"{response.json()["revision"]}"' != etag
            saved = response.json()[field.name]
            change = {field.name: changed(field, read_b.json()[field.name], "Bee")}
            stale = b.patch(url, change, content_type="application/json", headers={"If-Match": etag})
            assert stale.status_code == 412, stale.content
            assert stale["ETag"] == response["ETag"]
            refusal = stale.json()
            assert refusal["revision"] == response.json()["revision"]
            assert refusal["changes"] and refusal["changes"][-1]["who"] == name_for(actor_for(second), first.person)
            in_body = b.patch(url, {**change, "revision": record.revision}, content_type="application/json")
            assert in_body.status_code == 412
            assert b.put(url, {**read_b.json(), **change}, content_type="application/json",
                         headers={"If-Match": etag}).status_code == 412
            if can(actor_for(second), DELETE, record):
                assert b.delete(url, headers={"If-Match": etag}).status_code == 412
            assert b.get(url).json()[field.name] == saved  # A's change stands
            return
    pytest.fail(f"No {model._meta.verbose_name} in the demo that two sign-ins could change through the API: {tried} "
                f"({model._default_manager.count()} in all)")


def test_the_schema_documents_etag_if_match_and_412(world):
    schema = world.client("teacher").get("/api/schema/?format=json").json()
    for path in ("/api/notes/{id}/", "/api/cycles/{id}/", "/api/schools/{id}/"):
        operations = schema["paths"][path]
        assert "ETag" in operations["get"]["responses"]["200"]["headers"]
        for method in ("put", "patch", "delete"):
            assert "If-Match" in [p["name"] for p in operations[method]["parameters"] if p["in"] == "header"]
            assert set(operations[method]["responses"]["412"]["content"]["application/json"]["schema"][
                "required"]) == {"detail", "revision", "changes"}
    assert "412" not in schema["paths"]["/api/notes/"]["post"]["responses"]


def test_a_write_that_says_nothing_of_what_it_read_is_refused_with_428(world, private_note):
    """A PUT or PATCH that sends neither If-Match nor a revision could overwrite unseen: refused (428)."""
    teacher = world.client("teacher")
    url = f"/api/notes/{private_note.pk}/"
    assert teacher.patch(url, {"title": "One"}, content_type="application/json").status_code == 428
    assert teacher.patch(url, {"title": "One"}, content_type="application/json",
                         headers={"If-Match": teacher.get(url)["ETag"]}).status_code == 200
    assert teacher.patch(url, {"title": "Two", "revision": 2}, content_type="application/json").json()[
        "revision"] == 3
    assert teacher.patch(url, {"title": "Three"}, content_type="application/json",
                         headers={"If-Match": '"2"'}).status_code == 412
    assert teacher.patch(url, {"title": "Three"}, content_type="application/json",
                         headers={"If-Match": 'W/"3"'}).status_code == 200


def test_a_delete_page_opened_before_a_change_is_refused(world):
    """Deleting what someone changed after the page was opened deletes nothing and says what changed."""
    from districtlab.org.models import Demographic

    fact = Demographic.objects.create(school=world.host, school_year=world.year, measure="% ELL", value="40-60%")
    admin, central = world.client("admin"), world.client("central")
    page = admin.get(f"/demographics/{fact.pk}/delete/").content.decode()
    edit_page = central.get(f"/demographics/{fact.pk}/edit/").content.decode()
    assert central.post(f"/demographics/{fact.pk}/edit/", {**PostForm(edit_page).data(), "value": ["60-80%"]}
                        ).status_code == 302
    refused = admin.post(f"/demographics/{fact.pk}/delete/", PostForm(page).data())
    assert refused.status_code == 409 and "Cy Central" in refused.content.decode()
    assert Demographic.objects.filter(pk=fact.pk, value="60-80%").exists()
    again = PostForm(refused.content.decode()).data()  # the page now shows the latest: deleting it is knowing
    assert admin.post(f"/demographics/{fact.pk}/delete/", again).status_code == 302
    assert not Demographic.objects.filter(pk=fact.pk).exists()


#: Tracked models changed by pages other than ``crud_urls``' edit page (or only by the API and the admin), each
#: with the test that shows a save there based on an old revision is refused.
CHECKED_ELSEWHERE = {
    "inquiry.DataPoint": "tests.core.test_no_lost_updates_everywhere::"
                         "test_replacing_a_measures_data_changed_after_the_page_was_read_is_refused",
    "org.SchoolType": "tests.core.test_no_lost_updates::test_an_api_write_based_on_an_old_revision_is_refused_with_412",
    "matching.Application": "tests.matching.test_no_lost_updates::"
                            "test_a_draft_saved_by_the_principal_is_not_overwritten_by_the_assistant_principal",
    "matching.Call": "tests.matching.test_no_lost_updates::test_the_call_and_a_host_visit_edited_by_two_of_central_office",
    "matching.HostVisit": "tests.matching.test_no_lost_updates::"
                          "test_the_call_and_a_host_visit_edited_by_two_of_central_office",
    "matching.Score": "tests.matching.test_no_lost_updates::test_scores_saved_in_another_tab_are_not_overwritten",
    "matching.DesignationApplication": "tests.matching.test_no_lost_updates::"
                                       "test_a_designation_draft_saved_in_another_tab_is_not_overwritten",
    "matching.Eligibility": "tests.matching.test_no_lost_updates::test_eligibility_saved_meanwhile_is_not_overwritten",
    "matching.Coverage": "tests.matching.test_designation_approvers::"
                         "test_a_superintendents_schools_saved_meanwhile_are_not_overwritten",
    "matching.Proposal": "tests.matching.test_no_lost_updates::"
                         "test_publishing_a_proposal_changed_after_the_page_was_read_is_refused",
}
#: Tracked models only ever added, never changed by a page or the API, with the test that shows it.
APPEND_ONLY = {
    "matching.Approval": "tests.matching.test_no_lost_updates::test_append_only_records_have_no_edit_page",
    "matching.Signature": "tests.matching.test_no_lost_updates::test_append_only_records_have_no_edit_page",
    "matching.Placement": "tests.matching.test_no_lost_updates::test_append_only_records_have_no_edit_page",
}


def test_every_tracked_model_is_shown_to_refuse_a_stale_save():
    """Every model whose history is kept is either edited through ``crud_urls``' edit page (the test above), or
    named here with the test that covers its other edit path, or named as only ever added: a new tracked model
    with none of these fails here."""
    import importlib

    from django.apps import apps

    tracked = {model._meta.label for model in apps.get_models() if is_tracked(model)}
    covered = {model._meta.label for model in FORM_MODELS} | set(CHECKED_ELSEWHERE) | set(APPEND_ONLY)
    assert sorted(tracked - covered) == [], "tracked models with no test against lost updates"
    assert sorted((set(CHECKED_ELSEWHERE) | set(APPEND_ONLY)) - tracked) == []
    for where in {*CHECKED_ELSEWHERE.values(), *APPEND_ONLY.values()}:
        module, _, name = where.partition("::")
        assert callable(getattr(importlib.import_module(module), name, None)), where
