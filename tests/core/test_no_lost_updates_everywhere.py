"""No silent overwrite anywhere (README "History and conflicts"), beyond the edit pages and the API
(``test_no_lost_updates``): each step of the guided entry, the share box, a visit's attendance and agenda, a
measure's data, and the Django admin. Two people (or one person in two browser tabs, for a private draft) read the
page; the first saves; the second's save, based on what they read, is refused with who changed what meanwhile and
keeps what they typed, and a second save replaces the change knowingly. A page that only adds (a part added at a
guide step, agenda items appended, data points appended) has nothing to overwrite: both additions are kept."""
import re

import pytest
from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils.html import escape

from districtlab.core.admin import RevisionChecked
from districtlab.core.history import is_tracked
from districtlab.core.people import name_for
from districtlab.core.permissions import CHANGE, actor_for, can
from districtlab.core.visibility import Visibility
from districtlab.inquiry import models as im
from districtlab.inquiry.forms import PARTS
from districtlab.inquiry.guide import GUIDES
from districtlab.visits import models as vm
from tests.core.test_no_lost_updates import (  # noqa: F401  (demo_actors, sign_ins: fixtures)
    API_ENDPOINTS, TEXT, PostForm, candidate_fields, changed, client_for, demo_actors, editors, page_form, sign_ins)

STEPS = [(model, step) for model, steps in GUIDES.items() for step in steps]
FIELD_STEPS = [(model, step) for model, step in STEPS if step.fields]
ADD_STEPS = [(model, step) for model, step in STEPS if step.adds and not step.fields]
SHARED = [(prefix, model) for prefix, model in API_ENDPOINTS if any(f.name == "visibility" for f in model._meta.fields)]
TRACKED_ADMINS = sorted((model for model in admin.site._registry if is_tracked(model)), key=lambda m: m._meta.label)


def step_id(case):
    model, step = case
    return f"{model._meta.model_name}-{step.slug}"


def step_url(record, step):
    return reverse(f"inquiry:{record._meta.model_name}-step", args=[record.pk, step.slug])


class FormTo(PostForm):
    """The fields a browser would send from the page's form that posts to ``action``."""

    def __init__(self, html, action):
        self.action = action
        super().__init__(html)

    def handle_starttag(self, tag, attrs):
        if tag == "form":
            a = dict(attrs)
            self.inside = a.get("method") == "post" and a.get("action") == self.action
            return
        super().handle_starttag(tag, attrs)


def refused_with_changes(response, by, viewer, *kept):
    """The page refusing a save: 409, who changed it meanwhile (as ``viewer`` knows them), what was typed kept."""
    assert response.status_code == 409, response.status_code
    text = response.content.decode()
    assert "after you opened it" in text
    assert escape(name_for(actor_for(viewer), by.person)) in text
    for value in kept:
        assert escape(value) in text
    return text


@pytest.mark.parametrize("model,step", FIELD_STEPS, ids=list(map(step_id, FIELD_STEPS)))
def test_a_guide_step_based_on_an_old_revision_is_refused_and_keeps_what_was_typed(db, demo, sign_ins, model, step):
    tried = []
    for record, (first, second) in editors(sign_ins, model):
        url = step_url(record, step)
        a, b = client_for(first), client_for(second)
        html, a_data = page_form(a, url)
        _, b_data = page_form(b, url)
        assert f'name="revision" value="{record.revision}"' in html
        for field in candidate_fields(model, step.fields):
            a_value = changed(field, a_data.get(field.name, [""])[0], "A")
            b_value = changed(field, b_data.get(field.name, [""])[0], "Bee")
            if a_value is None or b_value is None:
                continue
            response = a.post(url, {**a_data, field.name: [str(a_value)]})
            if response.status_code != 302:
                tried.append((record.pk, field.name, response.status_code))
                continue
            saved = model.objects.get(pk=record.pk)
            assert saved.revision > record.revision
            text = refused_with_changes(b.post(url, {**b_data, field.name: [str(b_value)]}), first, second,
                                        *([str(b_value)] if isinstance(field, TEXT) else []))
            after = model.objects.get(pk=record.pk)
            assert (getattr(after, field.attname), after.revision) == (getattr(saved, field.attname), saved.revision)
            assert b.post(url, PostForm(text).data()).status_code == 302  # saving again, knowingly, replaces it
            assert str(getattr(model.objects.get(pk=record.pk), field.attname)) == str(b_value) or not isinstance(
                field, TEXT)
            return
    pytest.fail(f"No {model._meta.verbose_name} in the demo whose step “{step.title}” two sign-ins could save: {tried}")


@pytest.mark.parametrize("model,step", ADD_STEPS, ids=list(map(step_id, ADD_STEPS)))
def test_a_guide_step_that_only_adds_keeps_both_additions(db, demo, sign_ins, model, step):
    part_form, _, parts = PARTS[step.adds]
    part_model = part_form._meta.model
    text = candidate_fields(part_model, part_form._meta.fields)[0]
    for record, (first, second) in editors(sign_ins, model):
        url = step_url(record, step)
        a, b = client_for(first), client_for(second)
        (_, a_data), (_, b_data) = page_form(a, url), page_form(b, url)
        before = getattr(record, parts).count()
        if a.post(url, {**a_data, f"add-{text.name}": ["Added by A"]}).status_code != 302:
            continue
        assert b.post(url, {**b_data, f"add-{text.name}": ["Added by B"]}).status_code == 302
        added = getattr(record, parts).all()
        assert added.count() == before + 2
        assert {"Added by A", "Added by B"} <= {getattr(p, text.attname) for p in added}
        return
    pytest.fail(f"No {model._meta.verbose_name} in the demo two sign-ins could add to at “{step.title}”")


@pytest.mark.parametrize("prefix,model", SHARED, ids=[prefix for prefix, _ in SHARED])
def test_sharing_a_record_changed_after_the_share_box_was_read_is_refused(db, demo, sign_ins, prefix, model):
    """Sharing what one has not seen (someone changed it after the page was read) is refused, with the change
    shown and the audience chosen kept; sharing again shares it as it now is."""
    for record, (first, second) in editors(sign_ins, model):
        if record.visibility == Visibility.DISTRICT:
            continue
        url = reverse(f"{model._meta.app_label}:{model._meta.model_name}-publish", args=[record.pk])
        a, b = client_for(first), client_for(second)
        page = b.get(url).content.decode()
        read = FormTo(page, url).data()
        assert read["revision"] == [str(record.revision)]
        read_a = a.get(f"/api/{prefix}/{record.pk}/")
        body = read_a.json()
        field = candidate_fields(model, body)[0]
        assert a.patch(f"/api/{prefix}/{record.pk}/", {field.name: changed(field, body[field.name], "A")},
                       content_type="application/json", headers={"If-Match": read_a["ETag"]}).status_code == 200
        choices = re.search(r'<select name="visibility".*?</select>', page, re.S)
        for level in re.findall(r'<option value="(\w+)"', choices.group() if choices else ""):
            response = b.post(url, {**read, "visibility": [level], "where": ["at the studio session"]})
            if response.status_code == 400:  # no one to share with at this level
                continue
            text = refused_with_changes(response, first, second, "at the studio session")
            assert model.objects.get(pk=record.pk).visibility == record.visibility
            assert b.post(url, FormTo(text, url).data()).status_code == 302
            assert model.objects.get(pk=record.pk).visibility == level
            return
    pytest.fail(f"No {model._meta.verbose_name} in the demo two sign-ins could share")


def meeting_for(sign_ins, **at_least):
    """A visit or meeting with ``at_least`` attendance rows and agenda items that two sign-ins may run."""
    meetings = vm.Meeting.objects.annotate(people=Count("attendance", distinct=True),
                                           items=Count("agenda", distinct=True)).filter(
        people__gte=at_least.get("people", 0), items__gte=at_least.get("items", 0)).order_by("pk")
    for meeting in meetings[:200]:
        who = [user for user, actor in sign_ins if can(actor, CHANGE, meeting)]
        if len(who) > 1:
            return meeting, who[:2]
    pytest.fail(f"No meeting in the demo with {at_least} that two sign-ins may run")


def test_attendance_saved_after_the_page_was_read_is_refused_and_keeps_the_ticks(db, demo, sign_ins):
    meeting, (first, second) = meeting_for(sign_ins, people=2)
    url, action = meeting.get_absolute_url(), reverse("visits:attendance", args=[meeting.pk])
    a, b = client_for(first), client_for(second)
    a_data, b_data = FormTo(a.get(url).content.decode(), action).data(), FormTo(b.get(url).content.decode(),
                                                                              action).data()
    one, two = meeting.attendance.order_by("pk")[:2]
    flip = lambda data, row: {**data, "present": sorted(set(data.get("present", [])) ^ {str(row.pk)})}  # noqa: E731
    assert a.post(action, flip(a_data, one)).status_code == 302
    typed = flip(b_data, two)
    text = refused_with_changes(b.post(action, typed), first, second)
    assert vm.Attendance.objects.get(pk=one.pk).attended != one.attended  # A's tick stands
    assert vm.Attendance.objects.get(pk=two.pk).attended == two.attended  # B's is not saved...
    again = FormTo(text, action).data()
    assert sorted(again.get("present", [])) == sorted(typed["present"])  # ...but kept as typed
    assert b.post(action, again).status_code == 302
    assert vm.Attendance.objects.get(pk=two.pk).attended != two.attended


def agenda(meeting):
    return list(meeting.agenda.order_by("position", "pk").values_list("pk", flat=True))


def test_moving_an_agenda_item_after_someone_reordered_it_is_refused(db, demo, sign_ins):
    meeting, (first, second) = meeting_for(sign_ins, items=3)
    url, move = meeting.get_absolute_url(), reverse("visits:agenda-move", args=[meeting.pk])
    template = reverse("visits:agenda-template", args=[meeting.pk])
    a, b = client_for(first), client_for(second)
    seen_a = FormTo(a.get(url).content.decode(), template).data()["seen"]
    seen_b = FormTo(b.get(url).content.decode(), template).data()["seen"]
    items = agenda(meeting)
    assert a.post(move, {"item": items[1], "direction": "up", "seen": seen_a}).status_code == 302
    moved = agenda(meeting)
    assert moved == [items[1], items[0], *items[2:]]
    text = refused_with_changes(b.post(move, {"item": items[2], "direction": "up", "seen": seen_b}), first, second)
    assert agenda(meeting) == moved
    seen = FormTo(text, template).data()["seen"]
    assert b.post(move, {"item": items[2], "direction": "up", "seen": seen}).status_code == 302
    assert agenda(meeting) == [items[1], items[2], items[0], *items[3:]]


def test_replacing_an_agenda_changed_after_the_page_was_read_is_refused_and_appending_is_not(db, demo, sign_ins):
    meeting, (first, second) = meeting_for(sign_ins, items=2)
    url, template = meeting.get_absolute_url(), reverse("visits:agenda-template", args=[meeting.pk])
    a, b = client_for(first), client_for(second)
    chosen = vm.AgendaTemplate.objects.filter(district=meeting.district_id).order_by("pk").first()
    b_data = {**FormTo(b.get(url).content.decode(), template).data(), "template": [str(chosen.pk)]}
    item = meeting.agenda.order_by("pk").first()
    edit = reverse("visits:agendaitem-edit", args=[item.pk])
    edit_data = PostForm(a.get(edit).content.decode()).data()
    assert a.post(edit, {**edit_data, "title": ["Warm-up, shortened by A"]}).status_code == 302
    text = refused_with_changes(b.post(template, {**b_data, "replace": ["on"]}), first, second)
    assert vm.AgendaItem.objects.filter(pk=item.pk, title="Warm-up, shortened by A").exists()
    kept = FormTo(text, template).data()
    assert kept["replace"] == ["on"] and kept["template"] == b_data["template"]
    before = meeting.agenda.count()
    assert b.post(template, b_data).status_code == 302  # appending (nothing replaced) is not refused
    assert meeting.agenda.count() > before
    assert vm.AgendaItem.objects.filter(pk=item.pk, title="Warm-up, shortened by A").exists()


def measure_for(sign_ins):
    """A measure with data and plain values (no denominator needed), and two sign-ins (or one twice) who enter
    its data."""
    for measure in im.Measure.objects.annotate(n=Count("points")).filter(n__gt=0).exclude(
            chart__in=["p", "pp", "u", "up"]).order_by("pk")[:100]:
        who = [user for user, actor in sign_ins if can(actor, CHANGE, measure)]
        if who:
            return measure, (who * 2)[:2]
    pytest.fail("No measure with data in the demo that a sign-in may enter data for")


def test_replacing_a_measures_data_changed_after_the_page_was_read_is_refused(db, demo, sign_ins):
    measure, (first, second) = measure_for(sign_ins)
    url, action = measure.get_absolute_url(), reverse("inquiry:measure-data", args=[measure.pk])
    a, b = client_for(first), client_for(second)
    a_data, b_data = FormTo(a.get(url).content.decode(), action).data(), FormTo(b.get(url).content.decode(),
                                                                              action).data()
    count = measure.points.count()
    assert a.post(action, {**a_data, "mode": ["append"], "pasted": ["Week A\t5"]}).status_code == 302
    replace = {**b_data, "mode": ["replace"], "pasted": ["Week B1\t1\nWeek B2\t2"]}
    text = refused_with_changes(b.post(action, replace), first, second)
    assert "Week B1" in text  # what was pasted is kept
    assert measure.points.count() == count + 1 and measure.points.filter(label="Week A").exists()
    assert b.post(action, FormTo(text, action).data()).status_code == 302
    assert list(measure.points.order_by("position").values_list("label", flat=True)) == ["Week B1", "Week B2"]


def test_appending_to_a_measures_data_keeps_both(db, demo, sign_ins):
    measure, (first, second) = measure_for(sign_ins)
    a, b = client_for(first), client_for(second)
    url, action = measure.get_absolute_url(), reverse("inquiry:measure-data", args=[measure.pk])
    a_data, b_data = FormTo(a.get(url).content.decode(), action).data(), FormTo(b.get(url).content.decode(),
                                                                              action).data()
    assert a.post(action, {**a_data, "mode": ["append"], "pasted": ["Week A\t5"]}).status_code == 302
    assert b.post(action, {**b_data, "mode": ["append"], "pasted": ["Week B\t6"]}).status_code == 302
    assert {"Week A", "Week B"} <= set(measure.points.values_list("label", flat=True))


def test_every_admin_of_a_tracked_record_checks_its_revision():
    for model, model_admin in admin.site._registry.items():
        if is_tracked(model):
            assert isinstance(model_admin, RevisionChecked), model
        for inline in model_admin.inlines:
            if is_tracked(inline.model):
                assert issubclass(inline, RevisionChecked), (model, inline)


@pytest.fixture
def roots(db, django_user_model):
    return [django_user_model.objects.create_superuser(f"root{i}", f"root{i}@example.org", "x") for i in (1, 2)]


def typed(field, data, name, mark):
    """``data`` with field ``name`` changed as someone signing ``mark`` types it (a checkbox ticked or not)."""
    if isinstance(field, models.BooleanField):
        return {**data, name: [] if data.get(name) else ["on"]}
    value = changed(field, data.get(name, [""])[0], mark)
    return None if value is None else {**data, name: [str(value)]}


def errors(response):
    return re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode(), re.S)


@pytest.mark.parametrize("model", TRACKED_ADMINS, ids=lambda model: model._meta.label)
def test_an_admin_change_based_on_an_old_revision_is_refused_and_keeps_what_was_typed(db, demo, sign_ins, roots,
                                                                                    model):
    first, second = roots
    a, b = client_for(first), client_for(second)
    tried = []
    for record in model._default_manager.order_by("pk")[:20]:
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/{record.pk}/change/"
        page = a.get(url)
        if page.status_code != 200:  # someone's private draft: not even the admin shows it
            continue
        html = page.content.decode()
        a_data, b_data = PostForm(html).data(), PostForm(b.get(url).content.decode()).data()
        assert a_data["revision_read"] == [str(record.revision)]
        for field in candidate_fields(model, set(a_data) | set(re.findall(r'name="(\w+)"', html))):
            typed_a, typed_b = typed(field, a_data, field.name, "A"), typed(field, b_data, field.name, "Bee")
            if typed_a is None or typed_b is None:
                continue
            response = a.post(url, typed_a)
            if response.status_code != 302:
                tried.append((record.pk, field.name, errors(response)))
                continue
            saved = model._default_manager.get(pk=record.pk)
            assert saved.revision > record.revision
            refused = b.post(url, typed_b)
            assert refused.status_code == 200  # the admin's way: the form again, with the error at its top
            text = refused.content.decode()
            assert "after you opened it" in text and "root1" in text
            if isinstance(field, TEXT):
                assert escape(typed_b[field.name][0]) in text  # what B typed is kept
            after = model._default_manager.get(pk=record.pk)
            assert (getattr(after, field.attname), after.revision) == (getattr(saved, field.attname), saved.revision)
            assert b.post(url, PostForm(text).data()).status_code == 302  # saving again, knowingly, replaces it
            if isinstance(field, TEXT):
                assert getattr(model._default_manager.get(pk=record.pk), field.attname) == typed_b[field.name][0]
            return
    pytest.fail(f"No {model._meta.verbose_name} in the demo whose admin page two superusers could save: {tried}")


@pytest.mark.parametrize("parent,inline_model", [
    (model, inline.model) for model, model_admin in admin.site._registry.items() for inline in model_admin.inlines],
    ids=lambda x: x._meta.label)
def test_an_admin_inline_row_changed_meanwhile_is_refused(db, demo, roots, parent, inline_model):
    first, second = roots
    a, b = client_for(first), client_for(second)
    link = next(f for f in inline_model._meta.fields if f.is_relation and f.related_model is parent)
    row = inline_model._default_manager.order_by("pk").first()
    url = f"/admin/{parent._meta.app_label}/{parent._meta.model_name}/{getattr(row, link.attname)}/change/"
    a_data, b_data = PostForm(a.get(url).content.decode()).data(), PostForm(b.get(url).content.decode()).data()
    prefix = next(name.removesuffix("-id") for name, value in a_data.items()
                  if name.endswith("-id") and value == [str(row.pk)])
    html = a.get(url).content.decode()
    names = {n.removeprefix(prefix + "-") for n in re.findall(r'name="([\w-]+)"', html) if n.startswith(prefix + "-")}
    for field in candidate_fields(inline_model, names):
        name = f"{prefix}-{field.name}"
        typed_a, typed_b = typed(field, a_data, name, "A"), typed(field, b_data, name, "Bee")
        if typed_a is None or typed_b is None:
            continue
        response = a.post(url, typed_a)
        assert response.status_code == 302, errors(response)
        saved = inline_model._default_manager.get(pk=row.pk)
        assert saved.revision > row.revision
        refused = b.post(url, typed_b)
        text = refused.content.decode()
        assert refused.status_code == 200 and "after you opened it" in text
        if isinstance(field, TEXT):
            assert escape(typed_b[name][0]) in text
        after = inline_model._default_manager.get(pk=row.pk)
        assert (getattr(after, field.attname), after.revision) == (getattr(saved, field.attname), saved.revision)
        return
    pytest.fail(f"Nothing of {inline_model._meta.verbose_name} {row.pk} a test could change in its inline")
