"""Reports people read, each as a web page and a PDF from one ``core.pdf.Document``: a school's year, a network's
year and the program's year. A report holds only what its reader may see (the permission layer's scope), names
people as the reader sees them (pseudonyms for researchers), and gives survey figures only to readers of survey
results, never for a group under a survey's smallest size. The whole district's school reports are prepared in the
background (``school_reports_job``) as one zip of PDFs."""
from __future__ import annotations

import tempfile
import zipfile
from collections import Counter

from django.core.files import File
from django.db.models import Q
from django.utils import timezone

from districtlab.core.people import name_for
from districtlab.core.pdf import Chart, Document, Facts, Heading, Note, Paragraph, Table
from districtlab.core.permissions import build_actor, scope
from districtlab.inquiry import models as inquiry
from districtlab.inquiry.measure_chart import measure_chart
from districtlab.inquiry.progress import countable
from districtlab.jobs.tasks import Refused, progress
from districtlab.org import models as org
from districtlab.practices.models import Adoption, Practice
from districtlab.visits.models import Meeting

from . import indicators
from . import models as m
from .charts import indicator_svg
from .policies import SURVEYS
from .results import cached_report as survey_report
from .results import scores, submitted

CHARTS_PER_REPORT = 6  # measure charts in one school's report: its first cycles' first measures
LISTED = 40  # rows of a long list (visits, adoptions) in one report; the rest are counted


def footer(actor) -> str:
    who = "pseudonymised for research" if actor.pseudonymous else "as its reader may see it"
    return f"DistrictLab · {timezone.localdate():%B %-d, %Y} · {who} · synthetic data is marked"


def day(value) -> str:
    return f"{value:%b %-d, %Y}" if value else "—"


def listed(rows: list, noun: str) -> tuple[list, str]:
    return rows[:LISTED], (f"{len(rows) - LISTED} more {noun} are not listed." if len(rows) > LISTED else "")


def memberships(actor, year, **where):
    return scope(actor, org.NetworkMembership.objects.filter(network__school_year=year, **where)).select_related(
        "network__focus_area", "school").order_by("network__name", "school__name")


def cycles_of(actor, cycles) -> tuple[list, list]:
    """The ``cycles`` the reader may read, and the blocks showing them: a table, and how many more they may count
    (shared beyond their authors, their words kept with their teams)."""
    readable = list(scope(actor, cycles).select_related("goal__problem__school").order_by(
        "goal__problem__school__name", "started", "pk"))
    more = countable(actor, cycles).count() - len(readable)
    blocks = [Table(["Cycle", "School", "Stage", "Started", "Ended", "Next"], [
        [c.title, c.goal.problem.school.name if c.goal.problem.school else "—", c.get_stage_display(),
         day(c.started), day(c.ended), c.get_next_step_display()] for c in readable], caption="Cycles of Learning")
        if readable else Paragraph("No cycle recorded that you may read.")]
    if more > 0:
        blocks.append(Note(f"{more} more shared with their teams, schools or networks: counted here, their words stay "
                           "with them."))
    return readable, blocks


def visits_table(meetings) -> list:
    rows, more = listed([[day(v.date), v.title, v.host.name if v.host else "—", v.get_status_display()]
                         for v in meetings], "visits")
    return [Table(["Date", "Visit", "Host", "Status"], rows, caption="Interschool site visits"),
            *([Note(more)] if more else [])]


def survey_blocks(actor, year, responses_filter: Q, who: str) -> list:
    """Each scale of the year's surveys, its mean for ``who`` (the respondents ``responses_filter`` keeps)."""
    found = [s for s in scope(actor, m.Survey.objects.filter(school_year=year).exclude(
        status=m.Survey.Status.DRAFT)) if SURVEYS.reads_results(actor, s)]
    if not found:
        return []
    rows = []
    for survey in found:
        answers = list(submitted(survey).filter(responses_filter).values_list("answers", flat=True))
        for scale in survey.scales.prefetch_related("members__item"):
            mine = [s for s in scores(list(scale.members.all()), answers) if s is not None]
            if len(mine) >= survey.minimum_group:
                rows.append([survey.title, scale.name, f"{sum(mine) / len(mine):.2f}", f"{len(mine):,}"])
            else:
                rows.append([survey.title, scale.name, "held back", f"fewer than {survey.minimum_group}"])
    return [Heading("Survey results"), Table(["Survey", "Scale", f"Mean score ({who})", "Respondents"], rows),
            Note("“Held back”: fewer respondents than the survey's smallest group.")] if rows else []


def school_year(actor, school, year) -> Document:
    """A school's year: its networks, team, cycles (with their charts), visits, practices shared and taken, and
    its respondents' survey scores."""
    mine = list(memberships(actor, year, school=school))
    networks = [ms.network for ms in mine]
    teams = scope(actor, org.TeamMembership.objects.filter(team__school=school, team__school_year=year)).select_related(
        "person", "team").order_by("team__name", "role")
    cycles, cycle_blocks = cycles_of(actor, inquiry.Cycle.objects.filter(goal__problem__school=school,
                                                                         goal__problem__school_year=year))
    blocks = [Facts([("School year", str(year)), ("Grades", school.grades or "—"),
                     *((f"Network: {ms.network.name}", f"{ms.get_role_display()}"
                        f"{' (returning)' if ms.returning else ' (new)'}; "
                        f"{ms.network.focus_area or 'no focus area recorded'}") for ms in mine)]),
              Heading("School team"),
              (Table(["Member", "Team", "Role"], [[name_for(actor, tm.person), tm.team.name, tm.get_role_display()]
                                                  for tm in teams]) if teams else Paragraph("No team recorded.")),
              Heading("Cycles of Learning"), *cycle_blocks]
    measures = inquiry.Measure.objects.filter(cycle__in=cycles).order_by("cycle__started", "pk")[:CHARTS_PER_REPORT]
    for measure in measures:
        chart = measure_chart(measure)
        if chart.svg:
            blocks.append(Chart(chart.svg, f"{measure.name} ({measure.cycle.title})"
                                           f"{' — synthetic data' if measure.synthetic else ''}"))
    meetings = scope(actor, Meeting.objects.filter(kind=Meeting.Kind.SITE_VISIT, school_year=year).filter(
        Q(host=school) | Q(network__in=networks))).select_related("host").order_by("date")
    blocks += [Heading("Site visits"), *visits_table(list(meetings))]
    shared = scope(actor, Practice.objects.filter(origin_school=school)).order_by("name")
    taken = scope(actor, Adoption.objects.filter(school=school, date__range=(year.start, year.end))).select_related(
        "practice", "from_school").order_by("date")
    blocks += [Heading("Practices shared and taken"),
               Paragraph("Shared: " + ("; ".join(p.name for p in shared[:LISTED]) or "none recorded") + "."),
               Table(["Date", "Practice", "From"], [[day(a.date), a.practice.name,
                                                     a.from_school.name if a.from_school else "—"] for a in taken],
                     caption="Taken from other schools") if taken else Paragraph("Taken: none recorded.")]
    blocks += survey_blocks(actor, year, Q(school=school), "this school's respondents")
    return Document(f"{school.name}: {year}", "A school's year", blocks, footer(actor))


def network_year(actor, network) -> Document:
    """A network's year: its schools, facilitators, cycles school by school, visits, practices that travelled
    between its schools, and its respondents' survey scores."""
    year = network.school_year
    members = list(memberships(actor, year, network=network))
    schools = [ms.school for ms in members]
    _, cycle_blocks = cycles_of(actor, inquiry.Cycle.objects.filter(goal__problem__school__in=schools,
                                                                    goal__problem__school_year=year))
    facilitators = ", ".join(name_for(actor, p) for p in network.facilitators.all()) or "—"
    blocks = [Facts([("Kind", network.get_kind_display()), ("Learning focus area", str(network.focus_area or "—")),
                     ("Facilitators", facilitators), ("School year", str(year))]),
              Table(["School", "Role", "New or returning"], [[ms.school.name, ms.get_role_display(),
                                                            "Returning" if ms.returning else "New"] for ms in members],
                    caption="Schools"),
              Heading("Cycles of Learning"), *cycle_blocks]
    meetings = scope(actor, Meeting.objects.filter(network=network, kind=Meeting.Kind.SITE_VISIT)).select_related(
        "host").order_by("date")
    adoptions = scope(actor, Adoption.objects.filter(school__in=schools, date__range=(year.start, year.end))).select_related(
        "practice", "school", "from_school").order_by("date")
    blocks += [Heading("Site visits"), *visits_table(list(meetings)), Heading("Practices taken up"),
               Table(["Date", "Practice", "By", "From"], [[day(a.date), a.practice.name, a.school.name,
                                                          a.from_school.name if a.from_school else "—"]
                                                         for a in adoptions[:LISTED]])
               if adoptions else Paragraph("None recorded.")]
    blocks += survey_blocks(actor, year, Q(network=network), "this network's respondents")
    return Document(f"{network.name}: {year}", "A network's year", blocks, footer(actor))


def program_year(actor, district, year) -> Document:
    """The program's year for leadership: its scale, outcomes against their targets, survey results, what spread
    and the visits held."""
    members = org.NetworkMembership.objects.filter(network__school_year=year, network__parent__isnull=True)
    kinds = Counter(org.Network.objects.filter(school_year=year, parent__isnull=True).values_list("kind", flat=True))
    kind_names = dict(org.Network.Kind.choices)
    blocks = [Facts([("School year", str(year)), ("Schools in networks", str(members.values("school").distinct()
                                                                             .count())),
                     ("Returning schools", str(members.filter(returning=True).values("school").distinct().count())),
                     ("Networks", "; ".join(f"{n} {kind_names.get(k, k).lower()}" for k, n in sorted(kinds.items()))
                      or "—")])]
    years = list(org.SchoolYear.objects.filter(district=district).order_by("start"))
    members = {y.pk: indicators.members_of(y) for y in years}
    for outcome in scope(actor, m.Outcome.objects.filter(district=district)).prefetch_related("indicators"):
        blocks.append(Heading(f"Outcome {outcome.number}: {outcome.name}"))
        for indicator in outcome.indicators.all():
            by_year = [indicators.read(indicator, actor, y, members=members[y.pk], groups=False) for y in years]
            now = next(r for r in by_year if r.year == year)
            value = "held back" if now.held_back else indicators.shown(now.value, indicator.measure)
            target = (f"; target {indicators.shown(float(indicator.target), indicator.measure)}"
                      if indicator.target is not None else "")
            blocks += [Paragraph(f"{indicator.label}: {value}{target}."),
                       Chart(indicator_svg(indicator.label, [str(y) for y in years], [r.value for r in by_year],
                                           now.target, indicators.UNITS[indicator.measure]))]
    for survey in scope(actor, m.Survey.objects.filter(school_year=year).exclude(status=m.Survey.Status.DRAFT)):
        if not SURVEYS.reads_results(actor, survey) or survey.school_id:
            continue
        found = survey_report(survey)
        blocks.append(Heading(f"Survey: {survey.title}"))
        if not found.shown:
            blocks.append(Paragraph(f"{found.answered} answered: fewer than its smallest group, so nothing is shown."))
            continue
        blocks.append(Table(["Scale", "Mean score", "Respondents", "Cronbach's alpha", "Since the year before"], [
            [r.scale.name, f"{r.summary.mean:.2f}" if r.summary and r.summary.mean is not None else "—",
             str(r.summary.n if r.summary else 0), f"{r.reliability.alpha:.2f}" if r.reliability else "—",
             (f"{r.change.mean_change:+.2f} ({r.change.ci_low:+.2f} to {r.change.ci_high:+.2f})" if r.change
              else "—")] for r in found.scales], caption=f"{found.answered} answered"))
    spread = Counter(scope(actor, Adoption.objects.filter(practice__district=district,
                                                         date__range=(year.start, year.end)))
                     .values_list("practice__name", flat=True))
    blocks += [Heading("What spread"), Table(["Practice", "Schools that took it up"], [
        [name, str(n)] for name, n in spread.most_common(10)]) if spread else Paragraph("No adoption recorded.")]
    held = Counter(scope(actor, Meeting.objects.filter(district=district, school_year=year,
                                                      kind=Meeting.Kind.SITE_VISIT)).values_list("status", flat=True))
    statuses = dict(Meeting.Status.choices)
    blocks += [Heading("Site visits"), Paragraph("; ".join(f"{statuses[s]}: {n}" for s, n in sorted(held.items()))
                                                  or "None recorded.")]
    return Document(f"{district.name}: the program's year, {year}", "For leadership", blocks, footer(actor))


def school_reports_job(job) -> str:
    """Every network school's report for a year, as its requester may read them, in one zip of PDFs."""
    from districtlab.core.pdf import render

    actor = build_actor(job.owner)
    if not actor.authenticated:
        raise Refused("the account that asked for it can no longer sign in")
    year = scope(actor, org.SchoolYear.objects.filter(pk=job.params["year"])).first()
    if year is None:
        raise Refused("that school year is no longer one you may read")
    schools = list(scope(actor, org.School.objects.filter(
        network_memberships__network__school_year=year)).distinct().order_by("name"))
    with tempfile.TemporaryFile() as file:
        with zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED) as bundle:
            for done, school in enumerate(schools, 1):
                bundle.writestr(f"{slug(school.name)}-{year}.pdf", render(school_year(actor, school, year)))
                if done % 10 == 0 or done == len(schools):
                    progress(job, f"{done} of {len(schools)} schools")
        job.file.save(f"{job.pk}/{job.params['filename']}", File(file), save=False)
    return f"{len(schools)} school reports."


def slug(name: str) -> str:
    from django.utils.text import slugify

    return slugify(name) or "school"
