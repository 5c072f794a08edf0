from django.urls import path

from districtlab.core.views import AuthoredCreateView, PublishView
from districtlab.core.views import crud_urls as crud

from . import forms, views
from . import models as m

app_name = "inquiry"

urlpatterns = [
    path("schools/<int:pk>/", views.SchoolInquiry.as_view(), name="school"),
    path("networks/<int:pk>/", views.NetworkInquiry.as_view(), name="network"),
    path("progress/", views.Progress.as_view(), name="progress"),
    path("progress.<str:fmt>", views.Progress.as_view(), name="progress-export"),
    path("facilitator/", views.FacilitatorView.as_view(), name="facilitator"),
    *crud("expectations", m.CycleExpectation, forms.CycleExpectationForm, deleted_to="inquiry:progress"),
    path("problems/start/", views.GuidedStart.as_view(model=m.ProblemOfPractice, form_class=forms.ProblemStartForm),
         name="problemofpractice-start"),
    path("problems/<int:pk>/steps/<slug:step>/", views.GuideStep.as_view(model=m.ProblemOfPractice),
         name="problemofpractice-step"),
    path("cycles/start/", views.GuidedStart.as_view(model=m.Cycle, form_class=forms.CycleStartForm),
         name="cycle-start"),
    path("cycles/<int:pk>/steps/<slug:step>/", views.GuideStep.as_view(model=m.Cycle), name="cycle-step"),
    path("problems/<int:pk>/", views.ProblemDetail.as_view(), name="problem-detail"),
    path("problems/<int:pk>/share/", PublishView.as_view(model=m.ProblemOfPractice, along=["goals"]),
         name="problemofpractice-publish"),
    *crud("problems", m.ProblemOfPractice, forms.ProblemForm, create_view=AuthoredCreateView),
    path("goals/<int:pk>/share/", PublishView.as_view(model=m.YearGoal), name="yeargoal-publish"),
    *crud("goals", m.YearGoal, forms.GoalForm, create_view=AuthoredCreateView),
    path("cycles/<int:pk>/", views.CycleDetail.as_view(), name="cycle-detail"),
    path("cycles/<int:pk>/share/", PublishView.as_view(model=m.Cycle), name="cycle-publish"),
    *crud("cycles", m.Cycle, forms.CycleForm, create_view=AuthoredCreateView),
    *crud("change-ideas", m.ChangeIdea, forms.ChangeIdeaForm),
    *crud("evidence", m.Evidence, forms.EvidenceForm),
    path("measures/<int:pk>/", views.MeasureDetail.as_view(), name="measure-detail"),
    path("measures/<int:pk>/data/", views.MeasureData.as_view(), name="measure-data"),
    path("measures/<int:pk>/data.csv", views.measure_csv, name="measure-csv"),
    path("measures/<int:pk>/chart.svg", views.measure_svg, name="measure-svg"),
    *crud("measures", m.Measure, forms.MeasureForm),
]
