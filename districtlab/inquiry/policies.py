"""Who may see and change a team's inquiry: the visibility ladder, with team co-editing once shared."""
from districtlab.core.permissions import LadderPolicy, PartPolicy, moved, register
from districtlab.org.policies import OrgPolicy

from . import models as m


class InquiryPolicy(LadderPolicy):
    """A team's inquiry: its members write it; once shared with the team, any member may change it."""

    team_edits = True

    @staticmethod
    def whole_field(obj) -> str:
        """What a record belongs to: a problem to its team, a goal to its problem, a cycle to its goal."""
        return {m.ProblemOfPractice: "team", m.YearGoal: "problem", m.Cycle: "goal"}[type(obj)]

    def misplaced(self, actor, obj):
        name = self.whole_field(obj)
        whole = getattr(obj, name, None)
        if whole is None or not moved(obj, name):
            return {}
        if isinstance(obj, m.ProblemOfPractice):  # only the team itself, or its school's principal
            if whole.pk in actor.team_ids or whole.school_id in actor.led_school_ids:
                return {}
            return {"team": "You can only work on the inquiry of a team you belong to (or a team of the school "
                            "you lead)."}
        if self.can_view(actor, whole) and self.can_change(actor, whole):
            return {}
        return {name: f"You can only add to a {whole._meta.verbose_name} you may change."}

    def can_create(self, actor, obj):
        if not super().can_create(actor, obj):
            return False
        return obj is None or getattr(obj, f"{self.whole_field(obj)}_id") is not None


INQUIRY = InquiryPolicy()
for model in (m.ProblemOfPractice, m.YearGoal, m.Cycle):
    register(model, INQUIRY)
register(m.Evidence, PartPolicy(INQUIRY, "problem", "cycle"))
register(m.ChangeIdea, PartPolicy(INQUIRY, "cycle"))
register(m.Measure, PartPolicy(INQUIRY, "cycle"))
register(m.DataPoint, PartPolicy(INQUIRY, "measure__cycle"))
register(m.CycleExpectation, OrgPolicy())
