"""Pages for the organisation: home, district, schools, networks, teams, people, notes.

Every page goes through the permission layer (``districtlab.core.permissions``): lists show only what
the actor may see, details 404 outside their scope, and edits 403 without the right.
"""
import datetime as dt

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.views.generic import TemplateView

from districtlab.core import roles as R
from districtlab.core.forms import PublishForm
from districtlab.core.history import newest_changes
from districtlab.core.home import home_cards
from districtlab.core.panels import panels
from districtlab.core.people import ordered_for, prefetch_people
from districtlab.core.permissions import CREATE, actor_for, can, scope
from districtlab.core.publishing import publications_of
from districtlab.core.views import ActorMixin, ScopedDetailView, ScopedListView
from districtlab.core.visibility import Visibility

from . import filters
from . import models as m


def _memberships_with_networks():
    """A school's places in the program's networks (its sub-groups are shown inside their cohort)."""
    return m.NetworkMembership.objects.program().select_related("network__school_year", "network__focus_area")


def _in_program():
    """Counts of ``networks`` (from a school year or a focus area) take the program's networks only (on the joined
    network itself: no list of every network)."""
    return ~Q(networks__kind=m.Network.Kind.SUBGROUP)


def _members_of_each():
    """A team's number of members, counted for the rows shown only (a subquery, not a count of every team's)."""
    members = m.TeamMembership.objects.filter(team=OuterRef("pk")).order_by().values("team").annotate(n=Count("pk"))
    return Coalesce(Subquery(members.values("n")), 0)


def current_years(actor):
    """The current school year of each district the actor sees."""
    return list(
        scope(actor, m.District.objects.all()).exclude(current_school_year=None)
        .values_list("current_school_year_id", flat=True)
    )


@login_required
def home(request):
    """The person's own world: their school(s), teams, networks and what is due."""
    actor = actor_for(request.user)
    person = actor.person
    years = current_years(actor)
    schools = scope(actor, m.School.objects.filter(pk__in=actor.school_ids)).prefetch_related(
        Prefetch("network_memberships", queryset=_memberships_with_networks().filter(network__school_year__in=years),
                 to_attr="current_memberships")
    )
    teams = scope(actor, m.Team.objects.filter(pk__in=actor.team_ids)).select_related("school", "school_year")
    networks = (
        scope(actor, m.Network.objects.filter(pk__in=actor.network_ids))
        .select_related("school_year", "focus_area")
        .prefetch_related(Prefetch("memberships", queryset=m.NetworkMembership.objects.select_related("school")))
    )
    positions = []
    if person:
        positions = [
            p for p in person.positions.select_related("school", "district__current_school_year")
            if p.overlaps(*_year_span(p.district.current_school_year))
        ]
    drafts = scope(actor, m.Note.objects.filter(visibility=Visibility.PRIVATE, author=person)) if person else []
    return render(request, "org/home.html", {
        "person": person,
        "positions": positions,
        "schools": schools,
        "teams": teams,
        "networks": networks,
        "drafts": drafts[:5] if person else [],
        "due": due_items(actor, years),
        "cards": home_cards(actor, years),
        "is_district_staff": actor.superuser or any(actor.has_role(d, R.ADMIN, R.CENTRAL) for d in actor.district_ids),
    })


def _year_span(year):
    today = dt.date.today()
    return (year.start, year.end) if year else (today, today)


def due_items(actor, years):
    """What needs doing, from the organisation's own records, for the people who can act on it."""
    items = []
    facilitated = m.Network.objects.filter(pk__in=actor.facilitated_network_ids)
    managed_district_ids = actor.districts_with(R.ADMIN, R.CENTRAL)
    if actor.superuser:
        managed_district_ids = list(m.District.objects.values_list("pk", flat=True))
    unfacilitated = (
        m.Network.objects.program().filter(district_id__in=managed_district_ids, school_year__in=years,
                                           facilitators=None)
        .select_related("school_year")
    )
    for network in unfacilitated[:10]:
        items.append(("Assign a facilitator", network, network.get_absolute_url()))
    school_ids = set(actor.led_school_ids)
    school_ids |= set(
        m.NetworkMembership.objects.filter(network__in=facilitated).values_list("school_id", flat=True)
    )
    this_years_team = m.Team.objects.filter(school=OuterRef("pk"), kind=m.Team.Kind.SCHOOL_TEAM, school_year__in=years)
    teamless = m.School.objects.filter(pk__in=school_ids).exclude(Exists(this_years_team)).order_by("name")
    for school in teamless[:10]:
        items.append(("Form this year's school team", school, school.get_absolute_url()))
    return items


KIND_PLURALS = {"triad": "triads", "quad": "quads", "pair": "pairs", "cohort": "LP-plus cohorts",
                "subgroup": "cohort sub-groups", "studio_residency": "studio/residency pairs", "other": "other networks"}


def network_count(kind: str, n: int) -> str:
    """ "3 triads", "1 LP-plus cohort": network counts as people say them."""
    plural = KIND_PLURALS[kind]
    return f"{n} {plural if n != 1 else plural.removesuffix('s')}"


class DistrictList(ScopedListView):
    model = m.District
    template_name = "org/district_list.html"


OVERVIEW_SOURCES = (m.SchoolYear, m.SchoolType, m.School, m.Person, m.Team, m.LearningFocusArea, m.Network,
                    m.NetworkMembership, m.DataNote)


def overview_counts(d) -> dict:
    """The district overview's counts, each over the whole district: computed once per change to the records they
    count (kept in the cache under the newest of those changes), so a visit costs one query, whatever the size."""
    key = f"district-overview:{d.pk}:{newest_changes(OVERVIEW_SOURCES)}"
    return cache.get_or_set(key, lambda: _overview_counts(d), settings.DISTRICTLAB_ANALYTICS_MAX_AGE)


def _overview_counts(d) -> dict:
    program = _in_program()
    by_year = (
        m.SchoolYear.objects.filter(district=d)
        .annotate(
            n_networks=Count("networks", filter=program, distinct=True),
            n_schools=Count("networks__memberships__school", filter=program, distinct=True),
            n_returning=Count("networks__memberships", filter=program & Q(networks__memberships__returning=True),
                              distinct=True),
        )
        .order_by("start")
    )
    kinds = (
        m.Network.objects.program().filter(district=d).values("school_year__name", "kind")
        .annotate(n=Count("pk")).order_by("school_year__start", "kind")
    )
    kinds_by_year = {}
    for row in kinds:
        kinds_by_year.setdefault(row["school_year__name"], []).append(network_count(row["kind"], row["n"]))
    return dict(
        years=[(y, kinds_by_year.get(y.name, [])) for y in by_year],
        n_schools=d.schools.count(),
        n_people=d.people.count(),
        n_teams=d.teams.count(),
        types=list(d.school_types.annotate(n=Count("schools")).order_by("name")),
        focus_areas=list(d.focus_areas.annotate(n=Count("networks", filter=program)).filter(n__gt=0)
                         .order_by("-n", "name")[:12]),
        n_focus_areas=d.focus_areas.count(),
        n_data_notes=d.data_notes.count(),
    )


class DistrictDetail(ScopedDetailView):
    """District overview: the year's networks by type, schools taking part, returning schools."""

    model = m.District
    template_name = "org/district_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        d = self.object
        ctx.update(
            **overview_counts(d),
            reference_tables=d.reference_tables.all(),
            designation_rules=d.designation_rules.all(),
            n_research_tables=m.ReferenceTable.objects.filter(district=None).count(),
            can_add_reference=can(self.actor, CREATE, m.ReferenceTable(district=d)),
        )
        return ctx


class SchoolList(ScopedListView):
    model = m.School
    filterset_class = filters.SchoolFilter
    template_name = "org/school_list.html"

    def base_queryset(self):
        return m.School.objects.select_related("district").prefetch_related(
            "types", Prefetch("network_memberships", queryset=_memberships_with_networks()),
            Prefetch("year_facts", queryset=m.SchoolYearFacts.objects.select_related("school_year")),
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        year = self.request.GET.get("year")  # "In a network in" a year: the grades of that year
        ctx["rows"] = [(s, *s.span_in(year)) for s in ctx["object_list"]]
        return ctx


class SchoolDetail(ScopedDetailView):
    """A school: demographics by year, teams, networks across years, people."""

    model = m.School
    template_name = "org/school_detail.html"

    def base_queryset(self):
        return m.School.objects.select_related("district").prefetch_related("types")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        s = self.object
        demographics = list(s.demographics.select_related("school_year").order_by("school_year__start", "measure"))
        year_facts = {f.school_year_id: f for f in s.year_facts.select_related("school_year")}  # grades by year
        years = sorted({d.school_year for d in demographics} | {f.school_year for f in year_facts.values()},
                       key=lambda y: y.start)
        measures = sorted({d.measure for d in demographics})
        cell = {(d.measure, d.school_year_id): d for d in demographics}
        ctx.update(
            demographic_years=years,
            demographic_rows=[(measure, [cell.get((measure, y.pk)) for y in years]) for measure in measures],
            grades_by_year=[year_facts.get(y.pk) for y in years] if year_facts else [],
            demographic_sources=sorted({d.source for d in demographics if d.source}),
            memberships=_memberships_with_networks().filter(school=s).order_by("network__school_year__start"),
            teams=s.teams.select_related("school_year").annotate(n_members=_members_of_each()),
            positions=ordered_for(self.actor, s.positions.select_related("person").order_by("-start", "person__name")),
            can_add_demographic=can(self.actor, CREATE, m.Demographic(school=s)),
            can_add_team=can(self.actor, CREATE, m.Team(district=s.district, school=s)),
        )
        return ctx


def _prefetch_subgroups():
    """A cohort's sub-groups with their focus areas and schools, shown inside the cohort."""
    return Prefetch("subgroups", queryset=m.Network.objects.select_related("focus_area").prefetch_related(
        Prefetch("memberships", queryset=m.NetworkMembership.objects.select_related("school"))))


class NetworkList(ScopedListView):
    """The program's networks, each cohort with its sub-groups; sub-groups alone when asked for (``filters``)."""

    model = m.Network
    filterset_class = filters.NetworkFilter
    template_name = "org/network_list.html"

    def base_queryset(self):
        return m.Network.objects.select_related("school_year", "focus_area", "parent").prefetch_related(
            prefetch_people(self.actor, "facilitators"), _prefetch_subgroups(),
            Prefetch("memberships", queryset=m.NetworkMembership.objects.select_related("school")),
        )

    def get_queryset(self):
        return filters.listed_networks(super().get_queryset(), self.request.GET)


class MembersAndNotesMixin:
    """A team's or network's page: may the actor add members, and which notes shared with it may they read."""

    membership_model = None
    parent_field = ""

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_add_member"] = can(self.actor, CREATE, self.membership_model(**{self.parent_field: self.object}))
        ctx["notes"] = scope(self.actor, m.Note.objects.filter(**{self.parent_field: self.object})).select_related(
            "author")
        return ctx


class NetworkDetail(MembersAndNotesMixin, ScopedDetailView):
    model = m.Network
    membership_model, parent_field = m.NetworkMembership, "network"
    template_name = "org/network_detail.html"

    def base_queryset(self):
        return m.Network.objects.select_related("school_year", "focus_area", "parent", "district").prefetch_related(
            prefetch_people(self.actor, "facilitators"), _prefetch_subgroups(),
            Prefetch("memberships", queryset=m.NetworkMembership.objects.select_related("school")),
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["panels"] = panels("network", self.actor, self.object)  # its cycles, visits, feedback, planner
        return ctx


class TeamList(ScopedListView):
    model = m.Team
    filterset_class = filters.TeamFilter
    template_name = "org/team_list.html"

    def base_queryset(self):
        return (m.Team.objects.select_related("school", "school_year").annotate(n_members=_members_of_each())
                .order_by("name", "pk"))


class TeamDetail(MembersAndNotesMixin, ScopedDetailView):
    model = m.Team
    membership_model, parent_field = m.TeamMembership, "team"
    template_name = "org/team_detail.html"

    def base_queryset(self):
        return m.Team.objects.select_related("school", "school_year", "district")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["memberships"] = ordered_for(self.actor, self.object.memberships.select_related("person")
                                         .order_by("role", "person__name"))
        ctx["panels"] = panels("team", self.actor, self.object)  # e.g. the team's Cycles of Learning
        return ctx


class PersonList(ScopedListView):
    model = m.Person
    filterset_class = filters.PersonFilter
    template_name = "org/person_list.html"

    def base_queryset(self):
        return m.Person.objects.select_related("district").prefetch_related(
            Prefetch("positions", queryset=m.Position.objects.select_related("school"))
        )


def past_records(district) -> dt.date | None:
    """The day a district's records end, when that is before today (a district recorded in the past)."""
    until = district.records_until()
    return until if until < dt.date.today() else None


class PersonDetail(ScopedDetailView):
    """A person: positions with derived tenure, teams, networks they facilitate."""

    model = m.Person
    template_name = "org/person_detail.html"

    def base_queryset(self):
        return m.Person.objects.select_related("district__current_school_year").prefetch_related(
            Prefetch("positions", queryset=m.Position.objects.select_related("school").order_by("start"))
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        p = self.object
        ctx.update(
            tenure=p.tenure_years(), tenure_until=past_records(p.district),
            team_memberships=p.team_memberships.select_related("team__school", "team__school_year"),
            facilitated=p.facilitated_networks.select_related("school_year", "focus_area"),
            sees_contact=self.actor.sees_contact_details(p.district_id) or p.pk == self.actor.person_id,
            can_add_position=can(self.actor, CREATE, m.Position),
        )
        return ctx


class DataNoteList(ScopedListView):
    """Where the sources disagree or are silent, and what DistrictLab kept: the data's own footnotes."""

    model = m.DataNote
    filterset_class = filters.DataNoteFilter
    template_name = "org/datanote_list.html"
    paginate_by = 50

    def base_queryset(self):
        return m.DataNote.objects.select_related("district")


class ResearchLibrary(ActorMixin, TemplateView):
    """From the research: the literature's reference tables and data notes, shared by every district."""

    template_name = "org/research.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            tables=scope(self.actor, m.ReferenceTable.objects.filter(district=None)).order_by("pk"),  # as added
            notes=scope(self.actor, m.DataNote.objects.filter(district=None)),
            can_add=can(self.actor, CREATE, m.ReferenceTable(district=None)), **kwargs)


class FocusAreaList(ScopedListView):
    model = m.LearningFocusArea
    template_name = "org/focusarea_list.html"

    def base_queryset(self):
        return (m.LearningFocusArea.objects.select_related("district")
                .annotate(n_networks=Count("networks", filter=_in_program()))
                .order_by("name", "pk"))


class SchoolYearList(ScopedListView):
    model = m.SchoolYear
    template_name = "org/schoolyear_list.html"

    def base_queryset(self):
        return m.SchoolYear.objects.select_related("district")


class NoteList(ScopedListView):
    model = m.Note
    template_name = "org/note_list.html"

    def base_queryset(self):
        return m.Note.objects.select_related("author", "team", "school", "network")


class NoteDetail(ScopedDetailView):
    model = m.Note
    template_name = "org/note_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["publications"] = publications_of(self.object)
        ctx["publish_form"] = PublishForm(record=self.object, actor=self.actor)
        return ctx
