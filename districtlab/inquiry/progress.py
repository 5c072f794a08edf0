"""What the progress pages read: a school year's network schools and the inquiry the viewer may see.

A fixed number of queries whatever the district's size; the arithmetic is ``analysis.completion``'s.
"""
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.urls import reverse

from districtlab.analysis.completion import CycleFact, Expectation, standings, summary
from districtlab.core import roles as R
from districtlab.core.home import card
from districtlab.core.permissions import scope
from districtlab.core.visibility import Visibility
from districtlab.org import models as org

from . import models as m


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
    """The year's network memberships the actor may see, narrowed to a network or a facilitator's networks.

    Each network carries ``facilitator_names`` (pseudonyms for researchers), read in one query.
    """
    qs = (scope(actor, org.NetworkMembership.objects.filter(network__school_year=year))
          .select_related("school", "network__focus_area")
          .order_by("network__name", "role", "school__name"))
    if network is not None:
        qs = qs.filter(network=network)
    if facilitator is not None:
        qs = qs.filter(network__facilitators=facilitator)
    members = list(qs)
    names = defaultdict(list)
    links = org.Network.facilitators.through.objects.filter(network_id__in={ms.network_id for ms in members})
    for link in links.select_related("person"):
        names[link.network_id].append(link.person.research_id if actor.pseudonymous else link.person.name)
    for ms in members:
        ms.network.facilitator_names = names[ms.network_id]
    return members


def countable(actor, qs):
    """The inquiry records counted for ``actor``: what they may see and, in a district where they follow
    progress (central office, facilitators, researchers), every record shared beyond its author. Those
    are counted by stage and date only; their words stay on the ladder."""
    if actor.superuser:
        return qs.exclude(visibility=Visibility.PRIVATE) | scope(actor, qs)
    districts = [d for d in actor.district_ids if actor.has_role(d, *R.PROGRAM_ROLES)]
    return qs.filter(district_id__in=districts).exclude(visibility=Visibility.PRIVATE) | scope(actor, qs)


def expectation_for(district_id):
    """The district's expectation row (unsaved, with the seed's two cycles, until it sets its own)."""
    return (m.CycleExpectation.objects.filter(district_id=district_id).first()
            or m.CycleExpectation(district_id=district_id))


def school_rows(actor, year, members, *, as_of=None, expect: Expectation | None = None):
    """One row per school, with its standing from the problems, goals and cycles the actor may count."""
    rows = {}
    for ms in members:
        rows.setdefault(ms.school_id, SchoolRow(ms.school)).memberships.append(ms)
    problems = countable(actor, m.ProblemOfPractice.objects.filter(school_year=year, school_id__in=rows))
    goals = countable(actor, m.YearGoal.objects.filter(problem__in=problems))
    cycles = countable(actor, m.Cycle.objects.filter(goal__in=goals))
    readable = set(scope(actor, m.Cycle.objects.filter(goal__problem__school_id__in=rows)).values_list("pk", flat=True))
    found = standings(
        rows,
        problems.values_list("school_id", flat=True),
        goals.values_list("problem__school_id", flat=True),
        [CycleFact(school, title if pk in readable else "", stage, started, ended) for pk, school, title, stage,
         started, ended in cycles.values_list("pk", "goal__problem__school_id", "title", "stage", "started", "ended")],
        year_start=year.start, year_end=year.end, as_of=as_of or dt.date.today(),
        expect=expect or expectation_for(year.district_id).as_expectation())
    for key, row in rows.items():
        row.standing = found[key]
    return sorted(rows.values(), key=lambda r: natural(r.school.name))


def natural(name: str):
    """Sort "P.S. 8" before "P.S. 16", as people read them."""
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", name)]


def progress(actor, year, network=None, facilitator=None, as_of=None, expect=None):
    """The dashboard's rows and headline counts."""
    rows = school_rows(actor, year, memberships(actor, year, network, facilitator), as_of=as_of, expect=expect)
    return rows, summary(r.standing for r in rows)


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


@card("inquiry/_my_cycles.html")
def my_cycles(actor, years):
    """The home page's card: this year's cycles of the person's teams, and their own drafts."""
    if actor.person is None:
        return None
    mine = Q(team_id__in=actor.team_ids) | Q(author=actor.person)
    cycles = (scope(actor, m.Cycle.objects.filter(mine, goal__problem__school_year__in=years))
              .select_related("school", "goal__problem__school_year").order_by("-started", "title"))
    if not cycles and not actor.team_ids:
        return None
    today = dt.date.today()
    rows = [(c, bool(c.ended and c.ended < min(today, c.goal.problem.school_year.end) and c.stage != "share"))
            for c in cycles[:10]]
    return {"cycles": rows, "start_url": reverse("inquiry:problemofpractice-start") if actor.team_ids else None}
