"""Survey pages: the list, the builder (a survey's page), its actions, answering by personal link, and results."""
from django.contrib import messages
from django.db.models import Count, Prefetch, Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.crypto import constant_time_compare
from django.views import generic

from districtlab.core.choosers import record_id
from districtlab.core.permissions import CHANGE, can, scope
from districtlab.core.views import ActorMixin, ScopedDetailView, ScopedListView
from districtlab.jobs.tasks import latest, start
from districtlab.org.models import Network, SchoolYear

from . import actions, answering, results
from . import models as m
from .policies import SURVEYS


class SurveyList(ScopedListView):
    model = m.Survey
    template_name = "evaluation/survey_list.html"

    def base_queryset(self):
        return m.Survey.objects.select_related("school_year").annotate(
            answered=Count("responses", filter=Q(responses__submitted_on__isnull=False))).order_by(
            "-school_year__start", "title", "-version")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        person = self.actor.person_id
        ctx["invitations"] = list(m.Invitation.objects.filter(
            person_id=person, survey__status=m.Survey.Status.OPEN).select_related("survey__school_year")) \
            if person else []
        return ctx


class SurveyDetail(ScopedDetailView):
    """The builder: a survey's sections, questions and scales, its audience, and what to do with it next."""

    model = m.Survey
    template_name = "evaluation/survey_detail.html"

    def base_queryset(self):
        return m.Survey.objects.select_related("school_year", "previous__school_year", "district").prefetch_related(
            Prefetch("sections", queryset=m.Section.objects.prefetch_related("items")),
            Prefetch("scales", queryset=m.Scale.objects.prefetch_related(
                Prefetch("members", queryset=m.ScaleItem.objects.select_related("item")))),
            "audience_schools", Prefetch("audience_networks", queryset=Network.objects.select_related(
                "school_year")))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        survey = self.object
        ctx["reads_results"] = SURVEYS.reads_results(self.actor, survey)
        if ctx["reads_results"]:
            ctx["rates"] = results.response_rates(survey)
            ctx["sending"] = latest(survey, actions.send_job)
        ctx["roles"] = [label for role, label in m.AUDIENCE_ROLES if role in (survey.audience_roles or [])]
        ctx["later_years"] = SchoolYear.objects.filter(district_id=survey.district_id,
                                                        start__gt=survey.school_year.start)
        ctx["invitation"] = m.Invitation.objects.filter(survey=survey, person_id=self.actor.person_id).first() \
            if self.actor.person_id and survey.frozen else None
        return ctx


class SurveyAction(ActorMixin, generic.View):
    """Open, close, make a new version, copy to another year, send the personal links, remind."""

    DONE = {"open": "The survey is open. Send it to its audience when you are ready.",
            "close": "The survey is closed: it takes no more answers."}

    def post(self, request, pk, action):
        survey = get_object_or_404(scope(self.actor, m.Survey.objects.select_related("school_year")), pk=pk)
        if not can(self.actor, CHANGE, survey):
            return render(request, "403.html", status=403)
        try:
            return self.do(request, survey, action)
        except actions.NotNow as exc:
            messages.error(request, str(exc))
            return redirect(survey)

    def do(self, request, survey, action):
        if action in ("open", "close"):
            (actions.open_survey if action == "open" else actions.close_survey)(survey)
            messages.success(request, self.DONE[action])
            return redirect(survey)
        if action in ("version", "copy"):
            year = None
            if action == "copy":
                year = SchoolYear.objects.filter(district_id=survey.district_id,
                                                 pk=record_id(request.POST.get("school_year"))).first()
                if year is None:
                    raise actions.NotNow("Choose the school year to copy the survey to.")
            copy = actions.copy_survey(survey, school_year=year, by=self.actor.person)
            messages.success(request, f"A draft copy: {copy}. Change it as you need, then open it.")
            return redirect(copy)
        if action in ("send", "remind"):
            added = actions.invite(survey) if action == "send" else 0
            start(actions.send_job, "Sending reminders" if action == "remind" else "Sending the survey",
                  owner=request.user, about=survey,
                  params={"reminder": action == "remind", "base": request.build_absolute_uri("/")})
            messages.success(request, (f"{added} people added to the audience. " if action == "send" else "")
                             + "The emails are being sent: see the progress below.")
            return redirect(survey)
        raise Http404


class Answer(generic.View):
    """Answering through a personal link: no sign-in needed, the link is the key. Saves as one types (a script
    posts each change, ``save=1``), resumes, and submits."""

    template_name = "evaluation/answer.html"

    def invitation(self, pk, token):
        invitation = m.Invitation.objects.select_related("survey__school_year", "person").filter(pk=pk).first()
        if invitation is None or not constant_time_compare(invitation.token, token):
            raise Http404("This link is not a survey link: check that it was copied whole.")
        return invitation

    def page(self, request, invitation, response, errors=None, status=200, done=False):
        survey = invitation.survey
        sections = list(survey.sections.prefetch_related("items"))
        return render(request, self.template_name, {
            "survey": survey, "sections": answering.questions(sections, response.answers if response else {},
                                                              errors or {}),
            "errors": errors or {}, "done": done or response is None or response.submitted}, status=status)

    def get(self, request, pk, token):
        invitation = self.invitation(pk, token)
        try:
            answering.check_open(invitation.survey)
        except answering.Closed as exc:
            return render(request, "evaluation/closed.html", {"survey": invitation.survey, "why": str(exc)})
        return self.page(request, invitation, answering.response_for(invitation))

    def post(self, request, pk, token):
        invitation = self.invitation(pk, token)
        survey = invitation.survey
        try:
            answering.check_open(survey)
        except answering.Closed as exc:
            if request.POST.get("save"):
                return JsonResponse({"saved": False, "message": str(exc)}, status=409)
            return render(request, "evaluation/closed.html", {"survey": survey, "why": str(exc)}, status=409)
        response = answering.response_for(invitation)
        if response is None or response.submitted:
            return self.page(request, invitation, response, done=True)
        items = answering.items_of(survey)
        errors = answering.save(response, items, request.POST, only_sent=bool(request.POST.get("save")))
        if request.POST.get("save"):
            return JsonResponse({"saved": not errors, "errors": errors}, status=200 if not errors else 400)
        if "submit" in request.POST:
            errors = {**answering.missing(response, items), **errors}
            if not errors:
                answering.submit(response, invitation)
                return render(request, "evaluation/thanks.html", {"survey": survey})
        elif not errors:
            messages.success(request, "Saved. Come back with the same link to carry on.")
        return self.page(request, invitation, response, errors=errors, status=400 if errors else 200)


class MyAnswer(ActorMixin, generic.View):
    """A signed-in invitee's way in: their personal link."""

    def get(self, request, pk):
        invitation = get_object_or_404(m.Invitation, survey_id=pk, person_id=self.actor.person_id)
        return redirect(invitation)


class Results(ActorMixin, generic.View):
    def get(self, request, pk):
        survey = get_object_or_404(scope(self.actor, m.Survey.objects.select_related("school_year", "previous")),
                                   pk=pk)
        if not SURVEYS.reads_results(self.actor, survey):
            return render(request, "403.html", status=403)
        by = request.GET.get("by", "")
        by = by if by in results.GROUPINGS else ""
        return render(request, "evaluation/results.html", {
            "survey": survey, "report": results.report(survey, by=by), "groupings": results.GROUPINGS, "by": by,
            "by_label": results.GROUPINGS.get(by, "")})


class OpenAnswers(ActorMixin, generic.View):
    """The written answers, as a CSV for coding (no respondent named; a question answered by fewer than the
    smallest group is left out)."""

    def get(self, request, pk):
        survey = get_object_or_404(scope(self.actor, m.Survey.objects.all()), pk=pk)
        if not SURVEYS.reads_results(self.actor, survey):
            return render(request, "403.html", status=403)
        return results.open_answers_csv(survey)
