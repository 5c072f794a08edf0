"""The Cycles of Learning as a spreadsheet: one row per cycle, in the CoL Documentation Tool's terms."""
from django.db.models import Prefetch

from districtlab.core.permissions import scope
from districtlab.org.models import District

from . import models as m

CYCLE_COLUMNS = ["district", "school_year", "school", "network", "learning_focus_area", "problem_of_practice",
                 "year_long_goal", "cycle", "stage", "cycle_goal", "change_ideas", "prediction", "measures",
                 "results", "next_step", "next_step_thinking", "lessons", "started", "ended", "shared_with"]


def export_cycles(actor, district=None, year: str | None = None):
    """Every cycle the actor may see, with its problem of practice and year-long goal."""
    districts = scope(actor, District.objects.filter(**({"pk": district.pk} if district else {})))
    cycles = (scope(actor, m.Cycle.objects.filter(district__in=districts))
              .select_related("district", "school", "network", "goal__problem__school_year",
                              "goal__problem__focus_area")
              .prefetch_related("change_ideas", Prefetch("measures", queryset=m.Measure.objects.order_by("pk")))
              .order_by("district__name", "goal__problem__school_year__start", "school__name", "started", "pk"))
    if year:
        cycles = cycles.filter(goal__problem__school_year__name=year)
    rows = []
    for c in cycles:
        problem = c.goal.problem
        rows.append([
            c.district.short_name, problem.school_year.name, c.school.name if c.school else "",
            c.network.name if c.network else "", problem.focus_area.name if problem.focus_area else "",
            problem.statement, c.goal.statement, c.title, c.get_stage_display(), c.smaller_goal,
            "; ".join(i.description for i in c.change_ideas.all()), c.prediction,
            "; ".join(ms.name for ms in c.measures.all()), c.results, c.get_next_step_display() if c.next_step else "",
            c.next_step_thinking, c.lessons, c.started.isoformat() if c.started else "",
            c.ended.isoformat() if c.ended else "", c.get_visibility_display(),
        ])
    return CYCLE_COLUMNS, rows
