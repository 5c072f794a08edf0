"""Pages for meetings and visits: the list, a visit, its agenda, invitations, attendance and summary; the
network's year planner and feedback trends; compliance; norms; calendar feeds; the home page's next steps."""
import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Prefetch, Q, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import generic

from districtlab.accounts import mail
from districtlab.analysis.cadence import Rules as RuleSet
from districtlab.analysis.cadence import Gap, leaders_absent, meeting_gaps, studio_findings
from districtlab.analysis.feedback import category_totals, feedback_trends
from districtlab.analysis.rotation import PlanningError, Slot, plan_rotation
from districtlab.core import roles as R
from districtlab.core.history import SEEN, ChangedMeanwhile, create_all, expect_unchanged, latest_change, update_all
from districtlab.core.home import card
from districtlab.core.people import ordered_for
from districtlab.core.permissions import CHANGE, CREATE, build_actor, can, scope
from districtlab.core.roles import PositionKind
from districtlab.core.views import (ActorMixin, PolicyObjectMixin, ScopedDetailView, ScopedListView,
                                    changed_meanwhile, read_revision)
from districtlab.jobs.analyses import Kind, stored
from districtlab.jobs.models import AnalysisMembership, CheckedNetwork, MissingLeader, TeamCadence
from districtlab.jobs.tasks import latest, start
from districtlab.org import models as org

from . import models as m
from .calendar import feed
from .charts import trends_svg
from .filters import MeetingFilter
from .forms import AgendaFromTemplateForm, PlannerForm
from .panels import may_plan
from .summary import sent_to_for, summary_for, summary_job

DONE = (m.Meeting.Status.CANCELLED, m.Meeting.Status.POSTPONED)
COMPLIANCE_PAGE = 50  # schools with gaps, and visits missing a leader, shown a page at a time


class MeetingList(ScopedListView):
    model = m.Meeting
    filterset_class = MeetingFilter
    template_name = "visits/meeting_list.html"

    def base_queryset(self):
        return m.Meeting.objects.select_related("network", "host", "team", "school_year").order_by("-date", "-pk")


def agenda_times(meeting, items):
    """Each agenda item with its clock time, from the meeting's start and the minutes before it."""
    clock = dt.datetime.combine(meeting.date, meeting.starts_at) if meeting.starts_at else None
    out = []
    for item in items:
        out.append((item, clock.time() if clock else None))
        if clock:
            clock += dt.timedelta(minutes=item.minutes)
    return out


def previous_visit(meeting):
    """The network's visit before this one (not cancelled or postponed), whose next steps open this one."""
    if meeting.network_id is None:
        return None
    return (m.Meeting.objects.filter(network=meeting.network_id, kind=meeting.kind, date__lt=meeting.date)
            .exclude(status__in=DONE).order_by("-date").first())


class MeetingDetail(ScopedDetailView):
    model = m.Meeting
    template_name = "visits/meeting_detail.html"

    def base_queryset(self):
        return m.Meeting.objects.select_related("district", "network__focus_area", "host", "team", "school_year")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        meeting = self.object
        ctx["agenda"] = agenda_times(meeting, meeting.agenda.select_related("protocol"))
        ctx["attendance"] = ordered_for(self.actor, meeting.attendance.select_related("person", "school"))
        ctx["observations"] = scope(self.actor, meeting.observations.select_related("author"))
        feedback = list(meeting.feedback.select_related("category", "to_school", "from_school"))
        ctx["glows"] = [f for f in feedback if f.kind == m.Feedback.Kind.GLOW]
        ctx["grows"] = [f for f in feedback if f.kind == m.Feedback.Kind.GROW]
        ctx["requests"] = meeting.feedback_requests.select_related("school")
        ctx["next_steps"] = meeting.next_steps.select_related("owner", "school")
        before = previous_visit(meeting)
        ctx["previous"] = before
        ctx["carried"] = before.next_steps.filter(done_on=None).select_related("owner", "school") if before else []
        ctx.setdefault("template_form", AgendaFromTemplateForm(meeting=meeting))
        ctx["agenda_seen"] = latest_change(m.AgendaItem, meeting_id=meeting.pk)  # what the agenda's forms send back
        ctx["attendance_seen"] = latest_change(m.Attendance, meeting_id=meeting.pk)
        ctx["today"] = dt.date.today()
        ctx["summary"], ctx["sent_to"] = summary_for(self.actor, meeting), sent_to_for(self.actor, meeting)
        if ctx["can_change"]:  # how the sending went, for whoever runs the visit
            ctx["invitations_job"] = latest(meeting, mail.deliver_job)
            ctx["summary_job"] = latest(meeting, summary_job)
        return ctx


class MeetingAction(PolicyObjectMixin, generic.View):
    """A button on a visit's page (POST only), for whoever runs the visit. One that replaces what the page showed
    (attendance, the agenda) is refused if someone changed that since: the page again (409), saying who changed
    what and keeping what was chosen (``refused``: its words)."""

    model = m.Meeting
    action = CHANGE
    refused = {"what": "visit"}

    def post(self, request, pk):
        self.object = self.get_object()
        try:
            with transaction.atomic():
                # one action on a visit at a time
                m.Meeting.objects.select_for_update(of=("self",)).only("pk").get(pk=pk)
                message = self.act(request, self.object)
        except ChangedMeanwhile as stale:
            return self.refuse(request, stale)
        if message:
            messages.success(request, message)
        return redirect(self.object)

    def seen(self):
        """The latest change the page showed of what this action replaces (None: the page did not say)."""
        return read_revision(self.request.POST, SEEN)

    def typed(self, request) -> dict:
        """What the refused page keeps of what was sent (nothing, for a button)."""
        return {}

    def refuse(self, request, stale):
        page = MeetingDetail()
        page.setup(request, pk=self.object.pk)
        page.object = page.get_object()
        ctx = page.get_context_data(object=page.object, **changed_meanwhile(self.actor, stale, **self.refused),
                                    **self.typed(request))
        return page.render_to_response(ctx, status=409)


class AgendaFromTemplate(MeetingAction):
    """Build the agenda from a protocol template; a site visit opens with the last visit's open next steps.
    Added after the agenda, nothing is overwritten; replacing it is refused if it changed since the page showed it."""

    refused = {"what": "agenda", "kept": "The template you chose is below; the agenda was not replaced.",
               "again": "Build the agenda again to replace it as it is now."}

    def act(self, request, meeting):
        form = AgendaFromTemplateForm(request.POST, meeting=meeting)
        if not form.is_valid():
            messages.error(request, "Choose one of your district's agenda templates.")
            return None
        if form.cleaned_data["replace"]:
            list(meeting.agenda.select_for_update(of=("self",)))
            expect_unchanged(m.AgendaItem, self.seen(), meeting_id=meeting.pk)
            meeting.agenda.all().delete()
        last = meeting.agenda.order_by("-position").first()
        position = last.position + 1 if last else 0
        items = []
        before = previous_visit(meeting)
        carried = list(before.next_steps.filter(done_on=None)) if before else []
        if carried and not meeting.agenda.filter(title__startswith="Next steps from").exists():
            items.append(m.AgendaItem(meeting=meeting, position=position, minutes=15,
                                      title=f"Next steps from {before.title} ({before.date:%b %-d})",
                                      notes="\n".join(f"- {s.text}" for s in carried)))
        for t in form.cleaned_data["template"].items.select_related("protocol"):
            items.append(m.AgendaItem(meeting=meeting, position=position + len(items), title=t.protocol.name,
                                      minutes=t.minutes, protocol=t.protocol, notes=t.protocol.steps))
        create_all(m.AgendaItem, items)
        return f"Added {len(items)} agenda item{'s' if len(items) != 1 else ''}."

    def typed(self, request):
        return {"template_form": AgendaFromTemplateForm(request.POST, meeting=self.object)}


class AgendaMove(MeetingAction):
    """Move an agenda item up or down, on the agenda as the page showed it."""

    refused = {"what": "agenda", "kept": "Nothing was moved.", "again": "Move it again on the agenda as it is now."}

    def act(self, request, meeting):
        items = list(meeting.agenda.select_for_update(of=("self",)).order_by("position", "pk"))
        expect_unchanged(m.AgendaItem, self.seen(), meeting_id=meeting.pk)
        try:
            i = next(i for i, item in enumerate(items) if str(item.pk) == request.POST.get("item"))
        except StopIteration:
            raise Http404("No such agenda item.") from None
        j = i - 1 if request.POST.get("direction") == "up" else i + 1
        if 0 <= j < len(items):
            items[i], items[j] = items[j], items[i]
            for position, item in enumerate(items):
                item.position = position
            update_all(m.AgendaItem, items, ["position"])
        return None


def participants(meeting):
    """Who a meeting is for: its team, or its network schools' current school teams and its facilitators."""
    if meeting.team_id:
        return [(ms.person, meeting.team.school, ms.role) for ms in meeting.team.memberships.select_related("person")]
    if meeting.network_id is None:
        return []
    schools = org.School.objects.filter(network_memberships__network=meeting.network_id)
    memberships = org.TeamMembership.objects.filter(
        team__school__in=schools, team__kind=org.Team.Kind.SCHOOL_TEAM,
        team__school_year=meeting.school_year_id).select_related("person", "team__school")
    people = [(ms.person, ms.team.school, ms.role) for ms in memberships]
    return people + [(p, None, "facilitator") for p in meeting.network.facilitators.all()]


class Invite(MeetingAction):
    """One click: invite the meeting's people by email, with the meeting as an iCalendar attachment."""

    def act(self, request, meeting):
        now = dt.datetime.now(dt.UTC)
        people = participants(meeting)
        leaders = set(org.Position.objects.filter(
            kind__in=[PositionKind.PRINCIPAL, PositionKind.ASSISTANT_PRINCIPAL],
            person__in=[person for person, _, _ in people]).values_list("person_id", "school_id"))
        invited = []
        for person, school, role in people:
            attendance, _ = m.Attendance.objects.get_or_create(
                meeting=meeting, person=person,
                defaults={"school": school, "role": role,
                          "leader": (person.pk, getattr(school, "pk", None)) in leaders})
            if attendance.invited is None:
                attendance.invited = now
                attendance.save(update_fields=["invited"])
                invited.append(person)
        addresses = sorted({p.email for p in invited if p.email})
        if addresses:
            message = EmailMessage(f"Invitation: {meeting.title}", invitation_text(meeting, request),
                                   settings.DEFAULT_FROM_EMAIL, bcc=addresses)
            message.attach(f"meeting-{meeting.pk}.ics", feed([meeting], meeting.title), "text/calendar")
            mail.send(message, label="Sending the invitations", owner=request.user, about=meeting)
        return f"Invited {len(invited)} {'person' if len(invited) == 1 else 'people'} ({len(addresses)} by email)."


def invitation_text(meeting, request):
    where = f" at {meeting.host}" if meeting.host else ""
    lines = [f"You are invited to {meeting.title}{where} on {meeting.date:%A, %B %-d, %Y}"
             f"{' at ' + meeting.starts_at.strftime('%-I:%M %p') if meeting.starts_at else ''}."]
    if meeting.lens:
        lines.append(f"Lens: {meeting.lens}")
    lines.append(f"Agenda and notes: {request.build_absolute_uri(meeting.get_absolute_url())}")
    return "\n\n".join(lines) + "\n"


class TakeAttendance(MeetingAction):
    """Who came: one checkbox per invited person, saved only over the attendance the page showed."""

    refused = {"what": "attendance", "kept": "Your ticks are below, not yet saved.",
               "again": "Save attendance again to replace those changes with yours."}

    def act(self, request, meeting):
        present = set(request.POST.getlist("present"))
        rows = list(meeting.attendance.select_for_update(of=("self",)))
        expect_unchanged(m.Attendance, self.seen(), meeting_id=meeting.pk)
        for a in rows:
            a.attended = str(a.pk) in present
        update_all(m.Attendance, rows, ["attended"])
        if meeting.status == m.Meeting.Status.PLANNED and meeting.date <= dt.date.today():
            meeting.status = m.Meeting.Status.HELD
            meeting.save(update_fields=["status"])
        return f"Attendance saved: {sum(a.attended for a in rows)} of {len(rows)} came."

    def typed(self, request):
        return {"present": {int(pk) for pk in request.POST.getlist("present") if pk.isdigit()}}


class SendSummary(MeetingAction):
    """Write and email the summary: a background job, whose progress the page shows."""

    def act(self, request, meeting):
        job = start(summary_job, "Sending the visit summary", owner=request.user, about=meeting)
        if job.status == job.Status.DONE:
            return job.message
        return "The summary is being written and sent: how it goes shows below."


# -- The network's year -------------------------------------------------------------------------------------------

def month_label(day: dt.date) -> str:
    """The planner's slot for ``day``: its month, "February 2017"."""
    return f"{day:%B %Y}"


def month_slots(first: dt.date, last: dt.date, weekday: int):
    """One slot per month from ``first`` to ``last``: that month's ``weekday``s, the middle weeks first."""
    slots, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        day = dt.date(year, month, 1)
        days = []
        while day.month == month:
            if day.weekday() == weekday:
                days.append(day)
            day += dt.timedelta(days=1)
        days.sort(key=lambda d: abs(d.day - 15))  # mid-month first: away from month-start and holiday weeks
        slots.append(Slot(month_label(dt.date(year, month, 1)), tuple(days)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return slots


def expand(spans):
    """Every date in the ``(start, end)`` spans."""
    return {s + dt.timedelta(days=i) for s, e in spans for i in range((e - s).days + 1)}


class Planner(ScopedDetailView):
    """Propose the network's rotation of site visits for the year; create the visits in one click."""

    model = org.Network
    template_name = "visits/planner.html"

    def base_queryset(self):
        return org.Network.objects.select_related("school_year", "district")

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.check_planner()
        form = PlannerForm(request.GET or None, network=self.object)
        ctx = self.get_context_data(object=self.object, form=form)
        if form.is_bound and form.is_valid():
            ctx.update(self.propose(form.cleaned_data))
        return self.render_to_response(ctx, status=400 if form.is_bound and form.errors else 200)

    def check_planner(self):
        if not may_plan(self.actor, self.object):
            raise PermissionDenied("Only the network's facilitator or central office plan its visits.")

    def propose(self, data):
        """The rotation for the form's months, schools named as people know them (for its reasons too)."""
        network = self.object
        members = list(network.memberships.select_related("school").order_by("school__name"))
        ids = {ms.school.name: ms.school_id for ms in members}
        name = {pk: school for school, pk in ids.items()}
        blocked = {school: set() for school in ids}
        for b in m.BlockedDate.objects.filter(school_id__in=name):
            blocked[name[b.school_id]] |= expand([(b.start, b.end)])
        busy = m.Meeting.objects.filter(Q(host_id__in=name) | Q(network__memberships__school_id__in=name)
                                        ).exclude(network=network).exclude(status__in=DONE)
        for day, host, other_school in busy.values_list("date", "host_id", "network__memberships__school_id"):
            for pk in {host, other_school} & set(name):
                blocked[name[pk]].add(day)
        closed = expand(m.BlockedDate.objects.filter(district=network.district_id, school=None)
                        .values_list("start", "end"))
        hosts = [ms.school.name for ms in members if ms.role == org.NetworkMembership.Role.HOST]
        slots = month_slots(data["first"], data["last"], data["weekday"])
        planned = {}  # each month's visit already planned keeps its date and its own host (the meeting's)
        for day, host in (m.Meeting.objects.filter(network=network, kind=m.Meeting.Kind.SITE_VISIT)
                          .exclude(status__in=DONE).order_by("date", "pk").values_list("date", "host_id")):
            planned.setdefault(month_label(day), (day, name.get(host)))
        planned = {label: visit for label, visit in planned.items() if label in {s.label for s in slots}}
        try:
            rotation = plan_rotation(
                list(ids), slots, blocked=blocked, closed=closed, planned=planned,
                min_hosting={h: 1 + data["host_extra"] for h in hosts}, first_host=hosts[0] if hosts else None)
        except PlanningError as exc:
            return {"problem": str(exc)}
        return {"visits": [(v, ids.get(v.host), v.planned) for v in rotation.visits],
                "skipped": rotation.skipped, "hosting": sorted(rotation.hosting.items())}

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.check_planner()
        form = PlannerForm(request.POST, network=self.object)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(object=self.object, form=form), status=400)
        proposal = self.propose(form.cleaned_data)
        if "problem" in proposal:
            return self.render_to_response(
                self.get_context_data(object=self.object, form=form, **proposal), status=400)
        created = create_all(m.Meeting, (
            m.Meeting(district=self.object.district, school_year=self.object.school_year,
                      kind=m.Meeting.Kind.SITE_VISIT, network=self.object, host_id=host, date=v.date,
                      length=form.cleaned_data["length"], title=f"Site visit at {v.host}")
            for v, host, exists in proposal["visits"] if not exists))
        messages.success(request, f"Planned {len(created)} site visit{'s' if len(created) != 1 else ''}; "
                                  "each can be edited, and invitations go out from its page.")
        return redirect(f"{reverse('visits:meeting-list')}?network={self.object.pk}")


class FeedbackTrends(ScopedDetailView):
    """Across a network's visits: glow and grow feedback by category over time, and what schools asked about."""

    model = org.Network
    template_name = "visits/feedback_trends.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        feedback = scope(self.actor, m.Feedback.objects.filter(meeting__network=self.object)).select_related(
            "meeting", "category")
        items = [(f.meeting.date, f.category.name if f.category else "Uncategorised", f.kind) for f in feedback]
        ctx["periods"] = feedback_trends(items) if items else []
        ctx["totals"] = category_totals(items)
        ctx["svg"] = trends_svg(ctx["periods"], self.object.name) if items else None
        ctx["requests"] = scope(self.actor, m.FeedbackRequest.objects.filter(meeting__network=self.object)
                                ).select_related("school", "meeting").order_by("meeting__date")
        return ctx


# -- Compliance ---------------------------------------------------------------------------------------------------

def compliance_check(year) -> tuple[dict, list]:
    """Every program network of ``year`` against its district's rules as of today (``COMPLIANCE``, made in the
    background): a ``TeamCadence`` per network school (its team-meeting gaps), a ``CheckedNetwork`` per network (its
    site visits held), a ``MissingLeader`` per school with no principal or AP at a site visit held, an
    ``AnalysisMembership`` per network school; and, as plain data, the studio sessions held. A fixed number of
    queries."""
    rules = rule_set(m.Rules.objects.filter(district_id=year.district_id).first() or m.Rules())
    as_of = min(dt.date.today(), year.end)
    networks = org.Network.objects.program().filter(school_year=year)
    schools_of, names, rows = {pk: set() for pk in networks.values_list("pk", flat=True)}, {}, []
    for ms, network, school, name in org.NetworkMembership.objects.filter(network__in=networks).values_list(
            "pk", "network_id", "school_id", "school__name"):
        schools_of[network].add(school)
        names[school] = name
        rows.append(AnalysisMembership(membership_id=ms, network_id=network, school_id=school))
    held = m.Meeting.objects.filter(school_year=year, date__lte=as_of).exclude(status__in=DONE)
    team_dates = defaultdict(list)
    for school, day in held.filter(kind=m.Meeting.Kind.TEAM_MEETING, team__school_id__in=names).values_list(
            "team__school_id", "date"):
        team_dates[school].append(day)
    totals = {"networks": len(schools_of), "on_cadence": 0, "gaps": 0, "unrecorded": 0}
    for i, school in enumerate(sorted(names, key=lambda s: (names[s], s))):
        gaps = meeting_gaps(team_dates[school], start=year.start, until=as_of, rules=rules) if (
            school in team_dates) else []
        rows.append(TeamCadence(school_id=school, position=i, recorded=school in team_dates, has_gaps=bool(gaps),
                                gaps=[[g.start.isoformat(), g.end.isoformat(), g.days] for g in gaps]))
        totals["gaps" if gaps else "on_cadence" if school in team_dates else "unrecorded"] += 1
    gatherings = held.filter(network__in=networks, kind__in=[m.Meeting.Kind.SITE_VISIT, m.Meeting.Kind.STUDIO])
    visits = {pk: (network, day) for pk, network, day in gatherings.filter(kind=m.Meeting.Kind.SITE_VISIT)
              .values_list("pk", "network_id", "date")}
    leaders, held_by = defaultdict(set), defaultdict(int)
    for meeting, school in m.Attendance.objects.filter(meeting__in=list(visits), attended=True, leader=True
                                                       ).values_list("meeting_id", "school_id"):
        leaders[meeting].add(school)
    for network, _ in visits.values():
        held_by[network] += 1
    rows += [CheckedNetwork(network_id=n, visits=held_by[n]) for n in schools_of]
    absent = leaders_absent(((v, schools_of[n], leaders[v]) for v, (n, _) in visits.items()), rules=rules)
    rows += [MissingLeader(meeting_id=v, network_id=visits[v][0], school_id=s, position=i) for i, (v, s) in enumerate(
        sorted(absent, key=lambda pair: (visits[pair[0]][1], names.get(pair[1], ""), pair)))]
    studio = gatherings.filter(kind=m.Meeting.Kind.STUDIO).annotate(
        came=Count("attendance", filter=Q(attendance__attended=True))).values_list("network_id", "title", "date",
                                                                                   "came")
    totals.update(visits=len(visits), absent=len(absent))  # what a viewer of every network is shown: not counted again
    return {"as_of": as_of.isoformat(), "totals": totals,
            "studio": [[n, title, day.isoformat(), came] for n, title, day, came in studio]}, rows


COMPLIANCE = Kind("compliance", "Checking every network against the program's rules", compliance_check,
                  (org.School, org.Team, org.Network, org.NetworkMembership, m.Meeting, m.Attendance, m.Rules),
                  tables=(AnalysisMembership, TeamCadence, CheckedNetwork, MissingLeader))


class Compliance(ActorMixin, generic.TemplateView):
    """Team-meeting cadence against the MOU, principal/AP presence at visits, studio sessions against the model:
    the district's check, made in the background and read "as of" when it was made, for the networks the viewer
    follows (every one for central office and researchers, their own for a facilitator), a page at a time."""

    template_name = "visits/compliance.html"

    def get_context_data(self, **kwargs):
        if not self.actor.follows_program:
            raise PermissionDenied("Compliance is for central office and facilitators.")
        ctx = super().get_context_data(**kwargs)
        district = scope(self.actor, org.District.objects.exclude(current_school_year=None)).select_related(
            "current_school_year").first()
        if district is None:
            return ctx
        year = district.current_school_year
        networks = scope(self.actor, org.Network.objects.program().filter(school_year=year))
        every = self.actor.superuser or self.actor.has_role(district.pk, R.ADMIN, R.CENTRAL, R.RESEARCHER)
        if not every:
            networks = networks.filter(pk__in=self.actor.facilitated_network_ids)
        configured = m.Rules.objects.filter(district=year.district).first() or m.Rules(district=year.district)
        rules, checks_teams = rule_set(configured), configured.check_team_meetings
        analysis, ctx["building"] = stored(COMPLIANCE, year, self.request.user, self.request.get_full_path())
        day = dt.date.fromisoformat
        # A viewer of every network (in the district: ``scope``) reads every row and the totals stored with them,
        # the same work whatever the district's size; a facilitator's rows are those of their networks, counted.
        totals = analysis.data.get("totals") if every else None
        mine = {"analysis": analysis} if totals else {"analysis": analysis, "network__in": networks.values("pk")}
        ctx["cadence"] = None
        if checks_teams:  # schools with meetings recorded and gaps; those with none recorded are listed apart
            cadence = TeamCadence.objects.filter(analysis=analysis).select_related("school").order_by("position")
            if not totals:
                cadence = cadence.filter(school__in=AnalysisMembership.objects.filter(**mine).values("school_id"))
            counted = totals or cadence.aggregate(on_cadence=Count("pk", filter=Q(recorded=True, has_gaps=False)),
                                                  gaps=Count("pk", filter=Q(has_gaps=True)),
                                                  unrecorded=Count("pk", filter=Q(recorded=False)))
            pages = Paginator(cadence.filter(has_gaps=True), COMPLIANCE_PAGE)
            pages.count = counted["gaps"]  # counted already: no second count
            ctx["page_obj"] = pages.get_page(self.request.GET.get("page"))
            ctx["cadence"] = [(row.school.name, [Gap(day(start), day(end), days) for start, end, days in row.gaps])
                              for row in ctx["page_obj"].object_list]
            ctx["on_cadence"] = counted["on_cadence"]
            ctx["unrecorded"] = [row.school.name for row in cadence.filter(recorded=False)[:COMPLIANCE_PAGE]]
            ctx["unrecorded_more"] = max(counted["unrecorded"] - COMPLIANCE_PAGE, 0)
        absent = MissingLeader.objects.filter(**mine).select_related("meeting", "school").order_by("position")
        absent_pages = Paginator(absent, COMPLIANCE_PAGE)
        if totals:
            absent_pages.count = totals["absent"]
        ctx["absent_page"] = absent_pages.get_page(self.request.GET.get("absent_page"))
        ctx["absent"] = [(row.meeting, row.school.name) for row in ctx["absent_page"].object_list]
        studio = analysis.data["studio"]
        followed = set(networks.filter(pk__in={n for n, *_ in studio}).values_list("pk", flat=True)) if (
            studio and not totals) else {n for n, *_ in studio}
        studio = [(title, day(held_on), came) for n, title, held_on, came in studio if n in followed]
        as_of = day(analysis.data["as_of"])
        ctx["studio"] = studio_findings(studio, year_start=year.start, year_end=year.end, as_of=as_of,
                                        rules=rules) if studio else []
        ctx.update(year=year, rules=rules, as_of=as_of, analysis=analysis,
                   networks=totals["networks"] if totals else networks.count(),
                   visits=totals["visits"] if totals else CheckedNetwork.objects.filter(**mine).aggregate(
                       held=Sum("visits", default=0))["held"],
                   configured=configured,
                   can_configure=can(self.actor, CHANGE if configured.pk else CREATE, configured),
                   querystring=self.request.GET.urlencode())
        return ctx


def rule_set(rules) -> RuleSet:
    """A district's configured rules (the seeds' defaults until it changes them), as the analysis reads them."""
    return RuleSet(rules.team_meeting_max_gap_days, rules.leader_at_site_visits, rules.studio_sessions_per_year,
                   rules.studio_min_participants, rules.studio_max_participants)


# -- Norms, calendar ----------------------------------------------------------------------------------------------

class NormList(ScopedListView):
    model = m.Norm
    template_name = "visits/norm_list.html"
    paginate_by = 50

    def base_queryset(self):
        return m.Norm.objects.select_related("team", "network").prefetch_related("reviews").order_by(
            "team__name", "network__name", "status", "text")


class CalendarPage(ActorMixin, generic.TemplateView):
    """My private calendar address: copy it into a calendar app; revoke it to make the old one stop working."""

    template_name = "visits/calendar.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        person = self.actor.person
        current = m.CalendarFeed.objects.filter(person=person, revoked=None).first() if person else None
        ctx["feed_url"] = self.request.build_absolute_uri(
            reverse("visits:calendar-feed", args=[current.token])) if current else None
        ctx["networks"] = scope(self.actor, org.Network.objects.filter(pk__in=self.actor.network_ids))
        ctx["token"] = current.token if current else None
        return ctx

    def post(self, request):
        person = self.actor.person
        if person is None:
            raise PermissionDenied("Only a person in a district has a calendar.")
        m.CalendarFeed.objects.filter(person=person, revoked=None).update(revoked=dt.datetime.now(dt.UTC))
        if request.POST.get("action") != "revoke":
            m.CalendarFeed.objects.create(person=person)
            messages.success(request, "Your calendar address is ready: copy it into your calendar app.")
        else:
            messages.success(request, "Your calendar address is revoked: calendar apps using it get nothing now.")
        return redirect("visits:calendar")


def feed_owner(token):
    found = m.CalendarFeed.objects.filter(token=token, revoked=None).select_related("person__user").first()
    actor = build_actor(found.person.user) if found is not None and found.person.user is not None else None
    if actor is None or not actor.authenticated:  # a feed dies with its account (deactivated: no rights at all)
        raise Http404("This calendar address does not exist or was revoked.")
    return found.person, actor


def ics(body: bytes, name: str):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}.ics"'
    return response


def person_feed(request, token):
    """A person's meetings: their team's, their networks', the ones they host or are invited to."""
    person, actor = feed_owner(token)
    mine = (Q(attendance__person=person) | Q(team_id__in=actor.team_ids) | Q(network_id__in=actor.network_ids)
            | Q(host_id__in=actor.school_ids))
    meetings = scope(actor, m.Meeting.objects.filter(mine).distinct()).select_related("district", "host")
    return ics(feed(meetings, f"DistrictLab: {person.name}", request.get_host()), "districtlab")


def network_feed(request, token, pk):
    person, actor = feed_owner(token)
    network = get_object_or_404(scope(actor, org.Network.objects.all()), pk=pk)
    meetings = scope(actor, m.Meeting.objects.filter(network=network)).select_related("district", "host")
    return ics(feed(meetings, f"DistrictLab: {network.name}", request.get_host()), f"network-{network.pk}")


# -- Home ---------------------------------------------------------------------------------------------------------

@card("visits/_my_next_steps.html")
def my_next_steps(actor, years):
    """The home page's card: the person's open next steps, overdue ones flagged."""
    if actor.person is None:
        return None
    steps = list(scope(actor, m.NextStep.objects.filter(owner=actor.person, done_on=None))
                 .select_related("meeting", "school").order_by("due", "pk")[:10])
    if not steps:
        return None
    today = dt.date.today()
    return {"steps": [(s, bool(s.due and s.due < today)) for s in steps]}


class BlockedDateList(ScopedListView):
    model = m.BlockedDate
    template_name = "visits/blockeddate_list.html"
    paginate_by = 50

    def base_queryset(self):
        return m.BlockedDate.objects.select_related("school").order_by("-start")


class ProtocolList(ScopedListView):
    """The district's protocols, agenda templates and feedback categories: data it adds to and edits."""

    model = m.Protocol
    template_name = "visits/protocol_list.html"
    paginate_by = 100

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["templates"] = scope(self.actor, m.AgendaTemplate.objects.prefetch_related(
            Prefetch("items", queryset=m.AgendaTemplateItem.objects.select_related("protocol"))))
        ctx["categories"] = scope(self.actor, m.FeedbackCategory.objects.all())
        return ctx
