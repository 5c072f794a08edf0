"""Survey pages: the list, the builder (a survey's page), its actions, answering by personal link, and results."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.views import generic

from districtlab.core import roles as R
from districtlab.core.choosers import record_id
from districtlab.core.permissions import CHANGE, can, scope
from districtlab.core.views import ActorMixin, ScopedDetailView, ScopedListView
from districtlab.jobs.tasks import dotted, latest, start
from districtlab.org.models import Network, School, SchoolYear

from . import actions, answering, charts, indicators, results
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
            raise PermissionDenied
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
            if survey.status != m.Survey.Status.OPEN:
                raise actions.NotNow("Open the survey before sending it.")
            start(actions.send_job, "Sending reminders" if action == "remind" else "Sending the survey",
                  owner=request.user, about=survey,
                  params={"reminder": action == "remind", "base": request.build_absolute_uri("/")})
            messages.success(request, "The emails are being sent: see the progress below.")
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
        items = list(survey.questions())
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
            raise PermissionDenied
        by = request.GET.get("by", "")
        by = by if by in results.GROUPINGS else ""
        return render(request, "evaluation/results.html", {
            "survey": survey, "report": results.cached_report(survey, by=by), "groupings": results.GROUPINGS, "by": by,
            "by_label": results.GROUPINGS.get(by, "")})


class OpenAnswers(ActorMixin, generic.View):
    """The written answers, as a CSV for coding (no respondent named; a question answered by fewer than the
    smallest group is left out)."""

    def get(self, request, pk):
        survey = get_object_or_404(scope(self.actor, m.Survey.objects.all()), pk=pk)
        if not SURVEYS.reads_results(self.actor, survey):
            raise PermissionDenied
        return results.open_answers_csv(survey)


class OutcomeList(ScopedListView):
    model = m.Outcome
    template_name = "evaluation/outcome_list.html"

    def base_queryset(self):
        return m.Outcome.objects.select_related("district").prefetch_related("indicators").order_by(
            "district__name", "number")


class OutcomeDetail(ScopedDetailView):
    """An outcome's indicators: each across the district's school years (a chart against its target), and in the
    year chosen by network, or in one network by school."""

    model = m.Outcome
    template_name = "evaluation/outcome_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        outcome = self.object
        years = list(SchoolYear.objects.filter(district_id=outcome.district_id).order_by("start"))
        year = next((y for y in years if y.pk == record_id(self.request.GET.get("year"))), None) or next(
            (y for y in years if y.pk == outcome.district.current_school_year_id), years[-1] if years else None)
        network = scope(self.actor, Network.objects.filter(school_year=year)).filter(
            pk=record_id(self.request.GET.get("network"))).first() if year else None
        members = {y.pk: indicators.members_of(y) for y in years}
        chosen = indicators.members_of(year, network) if network else members.get(getattr(year, "pk", None), [])
        groups = len({row[0] if network else row[2] for row in chosen})  # its schools, or the year's networks
        page = Paginator(range(groups), GROUPS_PER_PAGE).get_page(self.request.GET.get("page"))
        shown = slice(page.start_index() - 1, page.end_index()) if groups else slice(0)
        ctx.update(years=years, year=year, network=network, page_obj=page, paginator=page.paginator,
                   pages_label="Networks" if network is None else "Schools",
                   indicators=[outcome_indicator(self.actor, indicator, years, year, network, members, chosen, shown)
                               for indicator in outcome.indicators.all()])
        return ctx


GROUPS_PER_PAGE = 25  # networks (or one network's schools) per page of an outcome's table for the chosen year


def outcome_indicator(actor, indicator, years, year, network, members, chosen_members, shown) -> dict:
    """One indicator on its outcome's page: its reading each year (and its chart), and one page of the chosen year's
    groups."""
    chosen = indicators.read(indicator, actor, year, network, members=chosen_members) if year else None
    by_year = [chosen if network is None and y == year else
               indicators.read(indicator, actor, y, members=members[y.pk], groups=False) for y in years]
    unit = indicators.UNITS[indicator.measure]
    if chosen is not None:
        chosen.groups = chosen.groups[shown]
    return {"indicator": indicator, "by_year": by_year, "chosen": chosen, "unit": unit,
            "svg": charts.indicator_svg(indicator.label, [str(y) for y in years], [r.value for r in by_year],
                                        by_year[0].target if by_year else None, unit)}


# -- Reports ------------------------------------------------------------------------------------------------------

class ReportIndex(ActorMixin, generic.TemplateView):
    """The reports of a school year: the program's, each network's and (by typing its name) a school's; and every
    school's as one download prepared in the background."""

    template_name = "evaluation/reports.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        years = scope(self.actor, SchoolYear.objects.select_related("district")).order_by("district__name", "-start")
        chosen = record_id(self.request.GET.get("year"))
        year = next((y for y in years if y.pk == chosen), None) or next(
            (y for y in years if y.pk == y.district.current_school_year_id), None)
        networks = scope(self.actor, Network.objects.filter(school_year=year, parent__isnull=True)).order_by("name")
        page = Paginator(networks, 50).get_page(self.request.GET.get("page"))
        ctx.update(years=years, year=year, page_obj=page, paginator=page.paginator, networks=page.object_list,
                   program=year is not None and (self.actor.has_role(year.district_id, *R.PROGRAM_ROLES)
                                                 or self.actor.superuser),
                   preparing=latest_for(self.request.user, year))
        return ctx


def latest_for(user, year):
    from districtlab.jobs.models import Job

    from .reports import school_reports_job

    if year is None:
        return None
    return Job.objects.filter(owner=user, handler=dotted(school_reports_job), params__year=year.pk).order_by(
        "-created").first()


class PrepareReports(ActorMixin, generic.View):
    def post(self, request):
        from .reports import school_reports_job

        year = get_object_or_404(scope(self.actor, SchoolYear.objects.select_related("district")),
                                 pk=record_id(request.POST.get("year")))
        if not (self.actor.superuser or self.actor.has_role(year.district_id, *R.PROGRAM_ROLES)):
            raise PermissionDenied
        start(school_reports_job, f"Preparing every school's report for {year}", owner=request.user,
              params={"year": year.pk, "filename": f"school-reports-{year.district.short_name}-{year}.zip"
                      .replace(" ", "-")})
        messages.success(request, "Every school's report is being prepared: its progress shows below.")
        return redirect(f"{reverse('evaluation:reports')}?year={year.pk}")


class Report(ActorMixin, generic.View):
    """A report as a page, or as a PDF (``pdf``)."""

    pdf = False

    def get(self, request, **kwargs):
        from districtlab.core import pdf as documents

        from . import reports

        document = self.document(reports, **kwargs)
        if self.pdf:
            response = HttpResponse(documents.render(document), content_type="application/pdf")
            response["Content-Disposition"] = f'inline; filename="{reports.slug(document.title)}.pdf"'
            return response
        blocks = [(type(block).__name__.lower(), block) for block in document.blocks]
        return render(request, "evaluation/report.html", {"document": document, "blocks": blocks,
                                                          "pdf_url": f"{request.path}pdf/"})


class SchoolReport(Report):
    def document(self, reports, pk, year):
        school = get_object_or_404(scope(self.actor, School.objects.all()), pk=pk)
        year = get_object_or_404(SchoolYear, pk=year, district_id=school.district_id)
        return reports.school_year(self.actor, school, year)


class NetworkReport(Report):
    def document(self, reports, pk):
        network = get_object_or_404(scope(self.actor, Network.objects.select_related("school_year", "focus_area")),
                                    pk=pk)
        return reports.network_year(self.actor, network)


class ProgramReport(Report):
    def document(self, reports, year):
        year = get_object_or_404(scope(self.actor, SchoolYear.objects.select_related("district")), pk=year)
        if not (self.actor.superuser or self.actor.has_role(year.district_id, *R.PROGRAM_ROLES)):
            raise PermissionDenied
        return reports.program_year(self.actor, year.district, year)


class FindSchoolReport(ActorMixin, generic.View):
    """The school typed in the reports page's box: its report for the year."""

    def get(self, request):
        from districtlab.org.filters import SCHOOLS

        year = get_object_or_404(scope(self.actor, SchoolYear.objects.all()), pk=record_id(request.GET.get("year")))
        found = SCHOOLS.matches(scope(self.actor, School.objects.filter(district_id=year.district_id)),
                                request.GET.get("school", ""))
        school = found.first() if found.count() == 1 else None
        if school is None:
            messages.error(request, "Type one school's name (or choose it from the suggestions).")
            return redirect(f"{reverse('evaluation:reports')}?year={year.pk}")
        return redirect("evaluation:report-school", pk=school.pk, year=year.pk)
