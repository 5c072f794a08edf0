"""Who may see and change a team's inquiry: the visibility ladder, with team co-editing once shared."""
from districtlab.core.permissions import LadderPolicy, PartPolicy, register
from districtlab.org.policies import OrgPolicy

from . import models as m


class InquiryPolicy(LadderPolicy):
    """A team's inquiry: its members write it; once shared with the team, any member may change it."""

    team_edits = True

    def can_create(self, actor, obj):
        if not super().can_create(actor, obj):
            return False
        if obj is None:
            return True
        if isinstance(obj, m.ProblemOfPractice):  # only the team itself, or its school's principal
            return obj.team_id in actor.team_ids or obj.school_id in actor.led_school_ids
        parent = obj.problem if isinstance(obj, m.YearGoal) else obj.goal
        return self.can_view(actor, parent) and self.can_change(actor, parent)


INQUIRY = InquiryPolicy()
for model in (m.ProblemOfPractice, m.YearGoal, m.Cycle):
    register(model, INQUIRY)
register(m.Evidence, PartPolicy(INQUIRY, "problem", "cycle"))
register(m.ChangeIdea, PartPolicy(INQUIRY, "cycle"))
register(m.Measure, PartPolicy(INQUIRY, "cycle"))
register(m.DataPoint, PartPolicy(INQUIRY, "measure__cycle"))
register(m.CycleExpectation, OrgPolicy())
