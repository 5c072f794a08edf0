"""Django admin for the inquiry models; drafts stay their author's even here."""
from districtlab.core.admin import register_scoped

from . import models as m

register_scoped([
    (m.ProblemOfPractice, ["statement", "school", "school_year", "visibility"]),
    (m.YearGoal, ["statement", "school", "visibility"]),
    (m.Cycle, ["title", "stage", "school", "visibility"]),
    (m.ChangeIdea, ["description", "cycle"]),
    (m.Evidence, ["kind", "nature", "basis", "description"]),
    (m.Measure, ["name", "cycle", "chart", "synthetic"]),
    (m.DataPoint, ["measure", "position", "label", "value", "denominator", "part"]),
])
