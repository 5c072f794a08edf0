"""No silent overwrite in the program's cycle (issue 12's rule, issue 14's pages): for every tracked record of the
matching app that a page changes, two people (or one person in two tabs) read the page, the first saves, and the
second's save, based on what they read, is refused (409) with who changed what meanwhile and what they typed kept;
nothing of the first's is lost, and saving again replaces it knowingly. Records only ever added (an approval, a
signature, a placement) have no page that changes them: ``test_append_only_records_have_no_edit_page``."""
import datetime as dt

import pytest
from django.urls import get_resolver, reverse
from django.utils.html import escape
from django.views.generic.edit import UpdateView

from districtlab.core.people import name_for
from districtlab.core.permissions import actor_for
from districtlab.core.roles import PositionKind
from districtlab.core.views import EDIT_PAGES
from districtlab.matching import models as mm
from districtlab.org import models as org
from tests.conftest import make_person
from tests.core.test_no_lost_updates import PostForm
from tests.core.test_no_lost_updates_everywhere import FormTo
from tests.matching.test_proposals import accepted, formed  # noqa: F401  (the fixture, and forming a proposal)

APPEND_ONLY = (mm.Approval, mm.Signature, mm.Placement)


def refused(response, by, viewer, *kept):
    """409, who changed it meanwhile (as ``viewer`` knows them), what was typed kept; the page's text."""
    assert response.status_code == 409, response.status_code
    text = response.content.decode()
    assert "after you opened it" in text
    if by is not None:
        assert escape(name_for(actor_for(viewer), by)) in text
    for value in kept:
        assert escape(value) in text
    return text


def two_reads(clients, url, action=None):
    pages = [c.get(url) for c in clients]
    assert all(p.status_code == 200 for p in pages), [p.status_code for p in pages]
    return [(FormTo(p.content.decode(), action) if action else PostForm(p.content.decode())).data() for p in pages]


@pytest.fixture
def assistant(cycle):
    w = cycle.world
    w.people["ap"] = make_person(w.district, "ap", "Al Assistant", PositionKind.ASSISTANT_PRINCIPAL, w.host,
                                 start=dt.date(2015, 9, 1))
    w.users["ap"] = w.people["ap"].user
    return w.people["ap"]


@pytest.fixture
def draft(cycle, assistant):
    assert cycle.client("principal").post(reverse("matching:apply", args=[cycle.call.pk]),
                                          {"school": cycle.world.host.pk}).status_code == 302
    return mm.Application.objects.get(call=cycle.call, school=cycle.world.host)


@pytest.mark.parametrize("button", ["application-edit", "application-submit"])
def test_a_draft_saved_by_the_principal_is_not_overwritten_by_the_assistant_principal(cycle, draft, button):
    w = cycle.world
    url = reverse("matching:application-edit", args=[draft.pk])
    a, b = w.client("principal"), w.client("ap")
    a_data, b_data = two_reads([a, b], url, url)
    assert a_data["revision"] == [str(draft.revision)]
    assert a.post(url, {**a_data, "answer_0": ["Written by A"]}).status_code == 302
    saved = mm.Application.objects.get(pk=draft.pk)
    typed = {**b_data, "answer_0": ["Written by Bee"], "role": ["host"], "lfa_1": [str(w.lfa.pk)],
             "answer_1": ["Bee's second answer"]}
    text = refused(b.post(reverse(f"matching:{button}", args=[draft.pk]), typed), w.people["principal"],
                   w.users["ap"], "Written by Bee", "Bee's second answer")
    after = mm.Application.objects.get(pk=draft.pk)
    assert (after.answers, after.revision, after.status) == (saved.answers, saved.revision, "draft")
    again = b.post(reverse(f"matching:{button}", args=[draft.pk]), FormTo(text, url).data())
    assert again.status_code == 302 or button == "application-submit" and again.status_code == 400  # saved, not
    # yet complete (the school in the program says whether it continues)
    assert mm.Application.objects.get(pk=draft.pk).answers[cycle.call.question_list[0]] == "Written by Bee"


def test_withdrawing_a_draft_changed_after_the_page_was_read_is_refused(cycle, draft):
    w = cycle.world
    edit, withdraw = (reverse(f"matching:application-{x}", args=[draft.pk]) for x in ("edit", "withdraw"))
    b_data = PostForm(w.client("ap").get(withdraw).content.decode()).data()
    a_data = FormTo(w.client("principal").get(edit).content.decode(), edit).data()
    assert w.client("principal").post(edit, {**a_data, "answer_0": ["Written by A"]}).status_code == 302
    text = refused(w.client("ap").post(withdraw, b_data), w.people["principal"], w.users["ap"])
    assert "It was not withdrawn." in text and mm.Application.objects.get(pk=draft.pk).status == "draft"
    assert w.client("ap").post(withdraw, PostForm(text).data()).status_code == 302
    assert mm.Application.objects.get(pk=draft.pk).status == "withdrawn"


def test_a_decision_on_an_application_decided_meanwhile_is_refused_and_keeps_the_reason(cycle):
    w = cycle.world
    app = cycle.applications["P.S. 9"]
    url, action = app.get_absolute_url(), reverse("matching:application-decide", args=[app.pk])
    a, b = w.client("admin"), w.client("central")
    a_data, b_data = two_reads([a, b], url, action)
    assert a_data["revision"] == [str(app.revision)]
    assert a.post(action, {**a_data, "decision": ["accepted"], "reason": [""]}).status_code == 302
    saved = mm.Application.objects.get(pk=app.pk)
    typed = {**b_data, "decision": ["declined"], "reason": ["Bee declines: no room for another host."]}
    text = refused(b.post(action, typed), w.people["admin"], w.users["central"],
                   "Bee declines: no room for another host.")
    after = mm.Application.objects.get(pk=app.pk)
    assert (after.decision, after.decided_by_id, after.revision) == ("accepted", w.people["admin"].pk,
                                                                      saved.revision)
    assert b.post(action, FormTo(text, action).data()).status_code == 302
    assert mm.Application.objects.get(pk=app.pk).decision == "declined"


def test_scores_saved_in_another_tab_are_not_overwritten(cycle):
    w = cycle.world
    app = cycle.applications["P.S. 9"]
    url = reverse("matching:score", args=[app.pk])
    c = cycle.criteria[0]
    a, b = w.client("central"), w.client("central")  # the reviewer's own scores, in two tabs
    a_data, b_data = two_reads([a, b], url)
    assert a_data["seen"] == ["0"]
    assert a.post(url, {**a_data, f"points_{c.pk}": ["3"], f"comment_{c.pk}": ["Ready, says A"]}).status_code == 302
    saved = mm.Score.objects.get(application=app, criterion=c)
    text = refused(b.post(url, {**b_data, f"points_{c.pk}": ["1"], f"comment_{c.pk}": ["Not ready, says Bee"]}),
                   w.people["central"], w.users["central"], "Not ready, says Bee")
    after = mm.Score.objects.get(pk=saved.pk)
    assert (after.points, after.comment, after.revision) == (3, "Ready, says A", saved.revision)
    assert mm.Score.objects.filter(application=app).count() == 1
    assert b.post(url, PostForm(text).data()).status_code == 302
    assert mm.Score.objects.get(pk=saved.pk).comment == "Not ready, says Bee"


@pytest.mark.parametrize("record", ["call", "hostvisit"])
def test_the_call_and_a_host_visit_edited_by_two_of_central_office(cycle, record):
    w = cycle.world
    if record == "call":
        obj, field, model = cycle.call, "introduction", mm.Call
    else:
        obj, field, model = mm.HostVisit.objects.create(application=cycle.applications["P.S. 9"],
                                                        visited_on=dt.date(2017, 3, 1), notes="Visited."), \
            "notes", mm.HostVisit
    url = reverse(f"matching:{record}-edit", args=[obj.pk])
    a, b = w.client("admin"), w.client("central")
    a_data, b_data = two_reads([a, b], url)
    assert a_data["revision"] == [str(obj.revision)]
    r = a.post(url, {**a_data, field: ["Changed by A"]})
    assert r.status_code == 302, r.content.decode()[:3000]
    saved = model.objects.get(pk=obj.pk)
    text = refused(b.post(url, {**b_data, field: ["Changed by Bee"]}), w.people["admin"], w.users["central"],
                   "Changed by Bee")
    after = model.objects.get(pk=obj.pk)
    assert (getattr(after, field), after.revision) == ("Changed by A", saved.revision)
    assert b.post(url, PostForm(text).data()).status_code == 302
    assert getattr(model.objects.get(pk=obj.pk), field) == "Changed by Bee"


@pytest.fixture
def designations(world):
    nxt = org.SchoolYear.objects.create(district=world.district, name="2017-18", start=dt.date(2017, 9, 1),
                                        end=dt.date(2018, 6, 30))
    today = dt.date.today()
    call = mm.Call.objects.create(district=world.district, school_year=nxt, title="Learning Partners 2017-18",
                                  opens=today - dt.timedelta(days=10), closes=today + dt.timedelta(days=30))
    rule = org.DesignationRule.objects.create(district=world.district, designation="model_teacher")
    mm.Eligibility.objects.create(rule=rule, min_tenure_years=0, ratings="", approvers="superintendent")
    for key, name in [("super", "Sue Superintendent"), ("super2", "Sam Superintendent")]:
        world.people[key] = make_person(world.district, key, name, PositionKind.SUPERINTENDENT,
                                        start=dt.date(2015, 9, 1))
        world.users[key] = world.people[key].user
    return call


def test_a_designation_draft_saved_in_another_tab_is_not_overwritten(world, designations):
    url = reverse("matching:designation-apply", args=[designations.pk])
    c = world.client("teacher")
    assert c.post(url, {"designation": "model_teacher", "rating": "Effective", "statement": "First.",
                        "save": ""}).status_code == 302
    draft = mm.DesignationApplication.objects.get()
    a_data, b_data = two_reads([c, c], f"{url}?designation=model_teacher")
    assert a_data["revision"] == [str(draft.revision)]
    assert c.post(url, {**a_data, "statement": ["Written in tab A"], "save": [""]}).status_code == 302
    saved = mm.DesignationApplication.objects.get()
    text = refused(c.post(url, {**b_data, "statement": ["Written in tab Bee"], "save": [""]}),
                   world.people["teacher"], world.users["teacher"], "Written in tab Bee")
    after = mm.DesignationApplication.objects.get()
    assert (after.statement, after.revision) == ("Written in tab A", saved.revision)
    assert c.post(url, {**PostForm(text).data(), "save": [""]}).status_code == 302
    assert mm.DesignationApplication.objects.get().statement == "Written in tab Bee"


def test_a_page_opened_before_a_draft_existed_does_not_overwrite_it(world, designations):
    url = reverse("matching:designation-apply", args=[designations.pk])
    c = world.client("teacher")
    b_data = PostForm(c.get(f"{url}?designation=model_teacher").content.decode()).data()
    assert b_data["revision"] == ["0"]
    assert c.post(url, {"designation": "model_teacher", "rating": "", "statement": "From tab A.",
                        "save": ""}).status_code == 302
    refused(c.post(url, {**b_data, "designation": ["model_teacher"], "statement": ["From tab Bee."], "save": [""]}),
            world.people["teacher"], world.users["teacher"], "From tab Bee.")
    assert mm.DesignationApplication.objects.get().statement == "From tab A."


def test_a_designation_step_decided_meanwhile_is_refused_and_approvals_are_only_added(world, designations):
    url = reverse("matching:designation-apply", args=[designations.pk])
    assert world.client("teacher").post(url, {"designation": "model_teacher", "rating": "Effective",
                                              "statement": "Mine.", "submit": ""}).status_code == 302
    application = mm.DesignationApplication.objects.get()
    page = reverse("matching:designation-detail", args=[application.pk])
    action = reverse("matching:designation-decide", args=[application.pk])
    a, b = world.client("super"), world.client("super2")
    a_data, b_data = two_reads([a, b], page, action)
    assert a.post(action, {**a_data, "decision": ["approve"], "reason": ["Strong, says A."]}).status_code == 302
    text = refused(b.post(action, {**b_data, "decision": ["decline"], "reason": ["Weak, says Bee."]}), None,
                   world.users["super2"], "Weak, says Bee.")
    assert "Sue Superintendent" in text  # who decided meanwhile
    application.refresh_from_db()
    assert application.status == "approved"
    approval = application.approvals.get()
    assert (approval.approved, approval.reason, approval.revision) == (True, "Strong, says A.", 1)
    assert list(approval.history.values_list("history_type", flat=True)) == ["+"]  # added, never changed


def test_eligibility_saved_meanwhile_is_not_overwritten(world, designations):
    rule = org.DesignationRule.objects.get()
    url = reverse("matching:eligibility-edit", args=[rule.pk])
    a, b = world.client("admin"), world.client("central")
    a_data, b_data = two_reads([a, b], url)
    assert a.post(url, {**a_data, "ratings": ["Effective"]}).status_code == 302
    saved = mm.Eligibility.objects.get()
    text = refused(b.post(url, {**b_data, "ratings": ["Highly effective, says Bee"]}), world.people["admin"],
                   world.users["central"], "Highly effective, says Bee")
    after = mm.Eligibility.objects.get()
    assert (after.ratings, after.revision) == ("Effective", saved.revision)
    assert b.post(url, PostForm(text).data()).status_code == 302
    assert mm.Eligibility.objects.get().ratings == "Highly effective, says Bee"


def test_publishing_a_proposal_changed_after_the_page_was_read_is_refused(accepted):  # noqa: F811
    w = accepted.world
    proposal = formed(accepted)
    url = reverse("matching:proposal-publish", args=[proposal.pk])
    a, b = w.client("central"), w.client("admin")
    a_data, b_data = two_reads([a, b], url, url)
    assert b_data["revision"] == [str(proposal.revision)]
    assert a.post(url, a_data).status_code == 302
    saved = mm.Proposal.objects.get(pk=proposal.pk)
    assert saved.status == "published"
    placements = list(mm.Placement.objects.values_list("pk", "revision"))
    text = refused(b.post(url, b_data), w.people["central"], w.users["admin"])
    assert "It was not published." in text
    after = mm.Proposal.objects.get(pk=proposal.pk)
    assert (after.published_at, after.revision) == (saved.published_at, saved.revision)
    assert list(mm.Placement.objects.values_list("pk", "revision")) == placements


def test_signing_twice_adds_one_signature_and_changes_none(accepted):  # noqa: F811
    w = accepted.world
    proposal = formed(accepted)
    assert w.client("central").post(reverse("matching:proposal-publish", args=[proposal.pk])).status_code == 302
    placement = mm.Placement.objects.get(application__school=w.host)
    call = placement.application.call
    call.agreement = "We take part."
    call.save()
    url = reverse("matching:sign", args=[placement.pk])
    c = w.client("principal")
    tabs = [PostForm(c.get(url).content.decode()).data() for _ in range(2)]
    for data in tabs:
        assert c.post(url, {**data, "agree": ["yes"]}).status_code == 302
    signature = mm.Signature.objects.get(placement=placement)
    assert signature.revision == 1 and list(signature.history.values_list("history_type", flat=True)) == ["+"]


def test_append_only_records_have_no_edit_page():
    """An approval, a signature and a placement are only ever added (by deciding a step, signing, publishing): no
    page of the app edits one, nor does the API."""
    from districtlab.api.urls import router

    resolver = get_resolver()
    views = []

    def walk(patterns, namespace=""):
        for p in patterns:
            if hasattr(p, "url_patterns"):
                walk(p.url_patterns, p.namespace or namespace)
            elif hasattr(p.callback, "view_class"):
                views.append((f"{namespace}:{p.name}", p.callback.view_class, p.callback.view_initkwargs))
    walk(resolver.url_patterns)
    assert any(name.startswith("matching:") for name, *_ in views)
    api_models = {viewset.queryset.model for _, viewset, _ in router.registry}
    for model in APPEND_ONLY:
        assert model not in EDIT_PAGES and model not in api_models, model
        editors = [name for name, cls, kwargs in views
                   if (kwargs.get("model") or getattr(cls, "model", None)) is model and issubclass(cls, UpdateView)
                   or name.endswith(f":{model._meta.model_name}-edit")]
        assert editors == [], (model, editors)
