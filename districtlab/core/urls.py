"""History pages (``districtlab.core.history_views``)."""
from django.urls import path

from . import history_views

app_name = "core"

urlpatterns = [
    path("", history_views.DistrictHistory.as_view(), name="history"),
    path("export.csv", history_views.DistrictHistory.as_view(export=True), name="history-export"),
    path("<str:label>/<int:pk>/", history_views.RecordHistory.as_view(), name="record-history"),
]
