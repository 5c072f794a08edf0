"""Django admin for the inquiry models; drafts stay their author's even here."""
from django.contrib import admin

from districtlab.core.permissions import actor_for, scope

from . import models as m


class ScopedAdmin(admin.ModelAdmin):
    def get_queryset(self, request):
        return scope(actor_for(request.user), super().get_queryset(request))


for model, fields in [
    (m.ProblemOfPractice, ["statement", "school", "school_year", "visibility"]),
    (m.YearGoal, ["statement", "school", "visibility"]),
    (m.Cycle, ["title", "stage", "school", "visibility"]),
    (m.ChangeIdea, ["description", "cycle"]),
    (m.Evidence, ["kind", "nature", "basis", "description"]),
    (m.Measure, ["name", "cycle", "chart", "synthetic"]),
    (m.DataPoint, ["measure", "position", "label", "value", "denominator", "part"]),
]:
    admin.site.register(model, type(f"{model.__name__}Admin", (ScopedAdmin,), {"list_display": fields}))
