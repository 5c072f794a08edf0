"""Where a team starts or continues its Cycles of Learning: the home page's card, the team's and network's pages.

One function (``team_inquiry``) says what a team's members may do next with their inquiry in a school year, so the
home page and the team page offer the same links: "Start your team's problem of practice" only where the team has
none, else "Open your problem of practice"; "Start a cycle" once it has a year-long goal, with the team and year
already chosen.
"""
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse

from districtlab.core.panels import panel
from districtlab.core.permissions import CREATE, can, scope

from . import models as m


def inquiry_teams_q(actor) -> Q:
    """The school teams whose inquiry ``actor`` may write: their own teams, and the teams of the schools they lead."""
    return Q(pk__in=actor.team_ids) | Q(school_id__in=actor.led_school_ids)


def team_inquiry(actor, team, year) -> dict | None:
    """What ``actor`` may do next with ``team``'s inquiry in school ``year``: ``{"team", "year", "problem",
    "start_problem", "start_cycle"}`` (links or None); None when the team has no school or nothing is offered."""
    if team is None or team.school_id is None or year is None:
        return None
    writes = actor.superuser or team.pk in actor.team_ids or team.school_id in actor.led_school_ids
    problem = (scope(actor, m.ProblemOfPractice.objects.filter(team=team, school_year=year))
               .order_by("-updated").first())
    query = urlencode({"team": team.pk, "school_year": year.pk})
    start_problem = start_cycle = None
    if writes and problem is None and can(actor, CREATE, m.ProblemOfPractice):
        start_problem = f"{reverse('inquiry:problemofpractice-start')}?{query}"
    if writes and problem is not None and can(actor, CREATE, m.Cycle) and scope(
            actor, m.YearGoal.objects.filter(problem__team=team, problem__school_year=year)).exists():
        start_cycle = f"{reverse('inquiry:cycle-start')}?{query}"
    if problem is None and start_problem is None:
        return None
    return {"team": team, "year": year, "problem": problem, "start_problem": start_problem,
            "start_cycle": start_cycle}


@panel("team", "inquiry/_team_panel.html")
def team_panel(actor, team):
    """The team page's Cycles of Learning: its problem of practice this year, and where to start."""
    year = team.school_year or team.district.current_school_year
    return team_inquiry(actor, team, year)


@panel("network", "inquiry/_network_panel.html")
def network_panel(actor, network):
    """The network page links to its schools' Cycles of Learning side by side (seen by whoever sees the network)."""
    return {"url": reverse("inquiry:network", args=[network.pk])}
