"""Django admin for the program's annual cycle (issue 14), asking the one permission layer."""
from districtlab.core.admin import register_scoped

from . import models as m

register_scoped([
    (m.Call, ["title", "district", "school_year", "opens", "closes"]),
    (m.Application, ["school", "call", "role", "status", "decision"]),
    (m.RubricCriterion, ["name", "call", "points", "order"]),
    (m.Score, ["application", "criterion", "reviewer", "points"]),
    (m.HostVisit, ["application", "visited_on", "recommendation"]),
])
