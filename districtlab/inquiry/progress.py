"""What the progress pages read: a school year's network schools and the inquiry the viewer may see.

A fixed number of queries whatever the district's size; the arithmetic is ``analysis.completion``'s. The dashboard
of those who count the whole district is read from the district's count, made in the background and stored as a row
per school (``dashboard``, ``jobs.analyses``): a request reads one page of rows and counts them in SQL.
"""
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from districtlab.analysis.completion import STEPS, CycleFact, Expectation, Standing, standings, summary
from districtlab.core import roles as R
from districtlab.core.home import card
from districtlab.core.people import name_for
from districtlab.core.permissions import scope
from districtlab.core.visibility import Visibility
from districtlab.jobs.analyses import Kind, stored
from districtlab.jobs.models import AnalysisMembership, SchoolStanding
from districtlab.org import models as org

from . import models as m
from .panels import inquiry_teams_q, team_inquiry


@dataclass
class SchoolRow:
    school: org.School
    memberships: list = field(default_factory=list)  # this year's network memberships
    standing: object = None

    @property
    def networks(self):
        return [ms.network for ms in self.memberships]

    @property
    def facilitators(self):
        return sorted({name for n in self.networks for name in n.facilitator_names})


def memberships(actor, year, network=None, facilitator=None):
    """The year's network memberships the actor may see, narrowed to a network (or a queryset of networks) or a
    facilitator's networks.

    Each network carries ``facilitator_names`` (pseudonyms for researchers), read in one query.
    """
    members = list(narrowed(scope(actor, org.NetworkMembership.objects.program().filter(network__school_year=year)),
                            network, facilitator).select_related("school", "network__focus_area")
                   .order_by("network__name", "role", "school__name"))
    names = defaultdict(list)
    links = org.Network.facilitators.through.objects.filter(network_id__in={ms.network_id for ms in members})
    for link in links.select_related("person"):
        names[link.network_id].append(name_for(actor, link.person))
    for ms in members:
        ms.network.facilitator_names = names[ms.network_id]
    return members


def narrowed(memberships, network=None, facilitator=None):
    """``memberships`` narrowed to a network (or a queryset of networks) or a facilitator's networks (or those of a
    queryset of people: the facilitators a typed name names)."""
    if network is not None:
        memberships = memberships.filter(network__in=network if isinstance(network, QuerySet) else [network])
    if isinstance(facilitator, QuerySet):
        memberships = memberships.filter(network__in=org.Network.objects.filter(facilitators__in=facilitator))
    elif facilitator is not None:
        memberships = memberships.filter(network__facilitators=facilitator)
    return memberships


def countable(actor, qs):
    """The inquiry records counted for ``actor``: what they may see and, in a district where they follow
    progress (central office, facilitators, researchers), every record shared beyond its author. Those
    are counted by stage and date only; their words stay on the ladder."""
    if actor.superuser:
        return qs.exclude(visibility=Visibility.PRIVATE) | scope(actor, qs)
    districts = [d for d in actor.district_ids if counts_whole_district(actor, d)]
    return qs.filter(district_id__in=districts).exclude(visibility=Visibility.PRIVATE) | scope(actor, qs)


def expectation_for(district_id):
    """The district's expectation row (unsaved, with the seed's two cycles, until it sets its own)."""
    return (m.CycleExpectation.objects.filter(district_id=district_id).first()
            or m.CycleExpectation(district_id=district_id))


# The teams whose school documents its Cycles of Learning (an LPP team; SOAR's school implementation teams).
SCHOOL_TEAMS = (org.Team.Kind.SCHOOL_TEAM, org.Team.Kind.IMPLEMENTATION_TEAM)


def school_rows(actor, year, members, *, whole_program=False, as_of=None, expect: Expectation | None = None):
    """One row per school, with its standing from the year's problems, goals and cycles the actor may count.

    ``members`` are the network schools. With ``whole_program`` the rows also take in every school the program
    expects to document that year without a network (a school team for the year, as in SOAR, which has no
    networks) and every school with inquiry of the year to count. Every cycle of the year counts, each by its
    own visibility, even under a problem of practice the actor may not count.
    """
    rows = {}
    for ms in members:
        rows.setdefault(ms.school_id, SchoolRow(ms.school)).memberships.append(ms)
    problems = countable(actor, m.ProblemOfPractice.objects.filter(school_year=year))
    goals = countable(actor, m.YearGoal.objects.filter(problem__school_year=year))
    cycles = countable(actor, m.Cycle.objects.filter(goal__problem__school_year=year))
    if not whole_program:  # only these schools: read no more than their records
        problems, goals = problems.filter(school_id__in=rows), goals.filter(problem__school_id__in=rows)
        cycles = cycles.filter(goal__problem__school_id__in=rows)
    problems = list(problems.values_list("school_id", flat=True))
    goals = list(goals.values_list("problem__school_id", flat=True))
    cycles = list(cycles.order_by("pk").values_list("pk", "goal__problem__school_id", "title", "stage", "started",
                                                    "ended"))
    if whole_program:  # one query, whether or not there are such schools
        recorded = {*problems, *goals, *(c[1] for c in cycles)} - rows.keys()
        teamed = Q(teams__school_year=year, teams__kind__in=SCHOOL_TEAMS)
        for school in scope(actor, org.School.objects.filter(teamed | Q(pk__in=sorted(recorded)))
                            .exclude(pk__in=list(rows)).distinct()):
            rows[school.pk] = SchoolRow(school)
    counted = m.Cycle.objects.filter(goal__problem__school_year=year)
    if not whole_program:  # which of these schools' cycles the actor may read, found by their ids
        counted = m.Cycle.objects.filter(pk__in=[c[0] for c in cycles])
    readable = set(scope(actor, counted).values_list("pk", flat=True))
    found = standings(
        rows, problems, goals,
        [CycleFact(school, title if pk in readable else "", stage, started, ended) for pk, school, title, stage,
         started, ended in cycles],
        year_start=year.start, year_end=year.end, as_of=as_of or dt.date.today(),
        expect=expect or expectation_for(year.district_id).as_expectation())
    for key, row in rows.items():
        row.standing = found[key]
    # schools with a record first, then those with no record yet (shown apart), each as people read their numbers
    return sorted(rows.values(), key=lambda r: (not r.standing.has_record, natural(r.school.name)))


def natural(name: str):
    """Sort "P.S. 8" before "P.S. 16", as people read them."""
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", name)]


def progress(actor, year, network=None, facilitator=None, as_of=None, expect=None):
    """The dashboard's rows and its summary, counted from those same rows (no query per school).

    Unfiltered, the rows are every school in the program that year (see ``school_rows``); narrowed to a network
    or a facilitator, that network's or facilitator's schools.
    """
    expect = expect or expectation_for(year.district_id).as_expectation()
    rows = school_rows(actor, year, memberships(actor, year, network, facilitator),
                       whole_program=network is None and facilitator is None, as_of=as_of, expect=expect)
    return rows, {**summary(r.standing for r in rows), "cycles_expected": expect.cycles_per_year}


def other_years(actor, year):
    """The district's other school years with cycles the actor may count: ``[(year, cycles)]``, newest first.

    Two queries: the district's other years, then a count per year of their cycles, found from those years' problems
    (an index), never reading the shown year's. The dashboard names them so that a year with no cycles is not read
    as a district with none."""
    years = list(org.SchoolYear.objects.filter(district_id=year.district_id).exclude(pk=year.pk).order_by("-start"))
    counted = (countable(actor, m.Cycle.objects.filter(goal__problem__school_year__in=[y.pk for y in years]))
               .values("goal__problem__school_year").annotate(cycles=Count("pk")).order_by())
    per_year = {row["goal__problem__school_year"]: row["cycles"] for row in counted}
    years = [y for y in years if y.pk in per_year]
    return [(y, per_year[y.pk]) for y in years]


def side_by_side(actor, year, members, standing):
    """Per network, its schools' inquiry side by side: ``[(network, [(membership, problems, standing)])]``."""
    cycles = scope(actor, m.Cycle.objects.all()).prefetch_related("change_ideas", "measures")
    goals = scope(actor, m.YearGoal.objects.all()).prefetch_related(Prefetch("cycles", queryset=cycles))
    problems = (scope(actor, m.ProblemOfPractice.objects.filter(
        school_year=year, school_id__in={ms.school_id for ms in members}))
        .select_related("focus_area").prefetch_related(Prefetch("goals", queryset=goals)))
    by_school = defaultdict(list)
    for p in problems:
        by_school[p.school_id].append(p)
    networks = {}
    for ms in members:
        networks.setdefault(ms.network, []).append((ms, by_school[ms.school_id], standing[ms.school_id]))
    return list(networks.items())


EXPORT_COLUMNS = ["school", "networks", "facilitators", "step_reached", "cycles", "cycles_shared",
                  "meets_expectation", "overdue"]


def progress_table(rows):
    """The dashboard as spreadsheet rows."""
    return EXPORT_COLUMNS, [
        [r.school.name, "; ".join(n.name for n in r.networks), "; ".join(r.facilitators), r.standing.reached_label,
         r.standing.cycles, r.standing.shared, "yes" if r.standing.meets_expectation else "no",
         "; ".join(r.standing.overdue)]
        for r in rows]


# -- The district's count, computed in the background and read "as of" (``jobs.analyses``) ------------------------

def counts_whole_district(actor, district_id) -> bool:
    """Does ``actor`` count every record shared beyond its author in the district (see ``countable``)? Their
    dashboard is then read from the district's stored count."""
    return actor.superuser or actor.has_role(district_id, *R.PROGRAM_ROLES)


def program_facts(year) -> dict:
    """What the dashboard counts in ``year`` for everyone who counts the whole district: every school of the program
    (network schools, schools with a school team and schools with inquiry shared beyond its author), its network
    memberships and those records, without their words. A fixed number of queries."""
    members = org.NetworkMembership.objects.program().filter(network__school_year=year)
    shared = {"district_id": year.district_id}
    problems = m.ProblemOfPractice.objects.filter(school_year=year, **shared).exclude(visibility=Visibility.PRIVATE)
    goals = m.YearGoal.objects.filter(problem__school_year=year, **shared).exclude(visibility=Visibility.PRIVATE)
    cycles = m.Cycle.objects.filter(goal__problem__school_year=year, **shared).exclude(visibility=Visibility.PRIVATE)
    program = org.School.objects.filter(
        Q(teams__school_year=year, teams__kind__in=SCHOOL_TEAMS) | Q(pk__in=problems.values("school_id"))
        | Q(pk__in=goals.values("problem__school_id")) | Q(pk__in=cycles.values("goal__problem__school_id")))
    return {
        "schools": dict(org.School.objects.filter(Q(pk__in=members.values("school_id")) | Q(pk__in=program.values(
            "pk"))).values_list("pk", "name")),
        "program": set(program.values_list("pk", flat=True)),
        "members": list(members.values_list("pk", "school_id", "network_id")),
        "problems": list(problems.values_list("school_id", flat=True)),
        "goals": list(goals.values_list("problem__school_id", flat=True)),
        "cycles": [CycleFact(school, "", stage, started, ended, key=pk) for pk, school, stage, started, ended in
                   cycles.order_by("pk").values_list("pk", "goal__problem__school_id", "stage", "started", "ended")],
    }


def program_count(year) -> tuple[dict, list]:
    """The district's count of ``year`` as of today (``PROGRAM_COUNT``): a ``SchoolStanding`` per school of the
    program (``program_facts``; no titles: they are read where the viewer may when shown) in the dashboard's order,
    and an ``AnalysisMembership`` per network school."""
    facts, as_of = program_facts(year), dt.date.today()
    names = facts["schools"]
    found = standings(names, facts["problems"], facts["goals"], facts["cycles"], year_start=year.start,
                      year_end=year.end, as_of=as_of, expect=expectation_for(year.district_id).as_expectation())
    ordered = sorted(found.values(), key=lambda s: (not s.has_record, natural(names[s.school]), s.school))
    totals = summary(ordered)  # the headline of whoever sees every row, unfiltered: read, not counted, per request
    rows = [SchoolStanding(school_id=s.school, position=i, program=s.school in facts["program"], reached=s.reached,
                           cycles=s.cycles, shared=s.shared, meets_expectation=s.meets_expectation,
                           overdue=bool(s.overdue), first_cycle_due="".join(s.overdue[:len(s.overdue) - len(s.late)]),
                           late=[[c.key, c.stage, c.ended.isoformat()] for c in s.late])
            for i, s in enumerate(ordered)]
    return {"as_of": as_of.isoformat(), "totals": totals}, rows + [
        AnalysisMembership(membership_id=ms, school_id=school, network_id=net) for ms, school, net in facts["members"]]


def day(text):
    return dt.date.fromisoformat(text) if text else None


PROGRAM_COUNT = Kind("cycles-progress", "Counting every school's Cycles of Learning", program_count,
                     (org.School, org.Team, org.Network, org.NetworkMembership, m.ProblemOfPractice, m.YearGoal,
                      m.Cycle, m.CycleExpectation), tables=(SchoolStanding, AnalysisMembership))


@dataclass
class Named:
    """A school as a row of the stored count names it."""

    pk: int
    name: str

    def __str__(self):
        return self.name


@dataclass
class CountedRow:
    """A school's row read from the stored count (shaped as ``SchoolRow``)."""

    school: Named
    networks: list = field(default_factory=list)
    facilitators: list = field(default_factory=list)
    standing: object = None


def stored_counts(rows) -> dict:
    """``analysis.completion.summary`` of stored ``SchoolStanding`` rows, in one aggregate."""
    def schools(**where):
        return Count("pk", filter=Q(**where))

    got = rows.aggregate(
        schools=Count("pk"), with_cycle=schools(cycles__gt=0), meeting=schools(meets_expectation=True),
        overdue=schools(overdue=True), cycles=Sum("cycles", default=0), shared=Sum("shared", default=0),
        **{f"reached_{step}": schools(reached=step) for step in STEPS})
    reached = {step: got.pop(f"reached_{step}") for step in STEPS}
    return {**got, "with_record": got["schools"] - reached["none"], "no_record": reached["none"],
            "without_cycle": got["schools"] - got["with_cycle"], "reached": reached}


def stored_totals(analysis) -> dict | None:
    """The headline counts of every row of the stored count, as ``program_count`` made them (None in a count stored
    before it kept them), with the steps in their order (PostgreSQL's ``jsonb`` keeps keys in an order of its own)."""
    totals = analysis.data.get("totals")
    return totals and {**totals, "reached": {step: totals["reached"].get(step, 0) for step in STEPS}}


class StoredRows:
    """The dashboard's rows read from the district's stored count, as ``actor`` sees them, a slice at a time: a
    ``Paginator`` asks for one page; iterating reads them all, a chunk at a time (the downloads).

    Unfiltered, a viewer of the district (everyone in it sees its schools and networks: ``org.policies``) sees every
    row: the page is read by its position and the counts are the ones stored with the rows, so a request does the
    same work at 180 schools or 5,400. Narrowed to a network or a facilitator, the rows of those networks' schools
    are found through their memberships and counted (a few schools each)."""

    CHUNK = 2000

    def __init__(self, actor, analysis, year, network=None, facilitator=None):
        self.actor, self.analysis, self.year = actor, analysis, year
        self.members = narrowed(scope(actor, org.NetworkMembership.objects.filter(network__school_year=year)),
                                network, facilitator).values("pk")
        self.every_row = network is None and facilitator is None and actor.in_district(year.district_id)
        self.standings = SchoolStanding.objects.filter(analysis=analysis).order_by("position")
        if not self.every_row:
            seen = Q(school__in=AnalysisMembership.objects.filter(analysis=analysis, membership__in=self.members)
                     .values("school_id"))
            if network is None and facilitator is None:  # the whole program, as ``school_rows`` counts it
                seen |= Q(program=True, school__in=scope(actor, org.School.objects.filter(
                    district_id=year.district_id)).values("pk"))
            self.standings = self.standings.filter(seen)
        self.counts = (self.every_row and stored_totals(analysis)) or stored_counts(self.standings)

    def __len__(self):
        return self.counts["schools"]

    def __getitem__(self, index):
        if isinstance(index, int):
            return self[index:index + 1][0]
        return self.shown(list(self.standings.select_related("school")[index]))

    def __iter__(self):
        for start in range(0, len(self), self.CHUNK):
            yield from self[start:start + self.CHUNK]

    def shown(self, standings) -> list[CountedRow]:
        """Rows of these ``standings``: their networks among the viewer's, facilitators by the names the viewer sees
        (pseudonyms for researchers), and an overdue cycle's title only where the viewer may read it."""
        networks, people = defaultdict(list), defaultdict(set)
        links = AnalysisMembership.objects.filter(analysis=self.analysis, school__in=[s.school_id for s in standings])
        if not self.every_row:
            links = links.filter(membership__in=self.members)
        for link in links.select_related("network").only("school_id", "network__name").order_by(
                "network__name", "membership__role", "pk"):
            networks[link.school_id].append(link.network)
        for link in org.Network.facilitators.through.objects.filter(
                network_id__in={n.pk for found in networks.values() for n in found}).select_related("person"):
            people[link.network_id].add(name_for(self.actor, link.person))
        titles = dict(scope(self.actor, m.Cycle.objects.filter(  # the overdue cycles' titles the viewer may read,
            pk__in=sorted({c[0] for s in standings for c in s.late})))  # found by their ids (not the district's)
            .order_by().values_list("pk", "title"))
        return [CountedRow(
            Named(s.school_id, s.school.name), networks[s.school_id],
            sorted(set().union(*(people[n.pk] for n in networks[s.school_id]))),
            Standing(s.school_id, s.reached, s.cycles, s.shared, s.meets_expectation, overdue=[
                *filter(None, [s.first_cycle_due]),
                *(CycleFact(s.school_id, titles.get(pk, ""), stage, ended=day(end)).late_words
                  for pk, stage, end in s.late)]))
            for s in standings]


def dashboard(actor, year, network=None, facilitator=None, *, expect=None, page=""):
    """The dashboard for ``actor``: ``(rows, counts, analysis, building)``. Whoever counts the whole district reads
    its stored count (``analysis``, "as of" when it was made; ``building`` is the job making a newer one, if any), a
    page of rows at a time (``StoredRows``); anyone else is counted here, from what they may count. ``page`` is where
    the count is shown."""
    expect = expect or expectation_for(year.district_id).as_expectation()
    if not counts_whole_district(actor, year.district_id):
        return *progress(actor, year, network, facilitator, expect=expect), None, None
    analysis, building = stored(PROGRAM_COUNT, year, actor.user, page)
    rows = StoredRows(actor, analysis, year, network, facilitator)
    return rows, {**rows.counts, "cycles_expected": expect.cycles_per_year}, analysis, building


@card("inquiry/_my_cycles.html")
def my_cycles(actor, years):
    """The home page's card: this year's cycles of the person's teams, and their own drafts."""
    if actor.person is None:
        return None
    mine = Q(team_id__in=actor.team_ids) | Q(author=actor.person)
    cycles = (scope(actor, m.Cycle.objects.filter(mine, goal__problem__school_year__in=years))
              .select_related("school", "goal__problem__school_year").order_by("-started", "title"))
    teams = (org.Team.objects.filter(inquiry_teams_q(actor), school__isnull=False)
             .filter(Q(school_year__in=years) | Q(school_year=None, district__current_school_year__in=years))
             .select_related("school", "school_year", "district__current_school_year").order_by("name")[:5])
    inquiries = [x for t in teams if (x := team_inquiry(actor, t, t.school_year or t.district.current_school_year))]
    if not cycles and not inquiries:
        return None
    today = dt.date.today()
    rows = [(c, bool(c.ended and c.ended < min(today, c.goal.problem.school_year.end) and c.stage != "share"))
            for c in cycles[:10]]
    return {"cycles": rows, "teams": inquiries}
