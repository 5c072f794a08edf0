from django.urls import path

from districtlab.core.views import crud_urls as crud

from . import forms, views
from . import models as m

app_name = "evaluation"

urlpatterns = [
    path("", views.SurveyList.as_view(), name="survey-list"),
    path("<int:pk>/", views.SurveyDetail.as_view(), name="survey-detail"),
    path("<int:pk>/results/", views.Results.as_view(), name="survey-results"),
    path("<int:pk>/written-answers.csv", views.OpenAnswers.as_view(), name="survey-open-answers"),
    path("<int:pk>/answer/", views.MyAnswer.as_view(), name="my-answer"),
    path("<int:pk>/<str:action>/", views.SurveyAction.as_view(), name="survey-action"),
    path("answer/<int:pk>/<str:token>/", views.Answer.as_view(), name="answer"),
    path("reports/", views.ReportIndex.as_view(), name="reports"),
    path("reports/prepare/", views.PrepareReports.as_view(), name="reports-prepare"),
    path("reports/school/", views.FindSchoolReport.as_view(), name="report-find-school"),
    path("reports/school/<int:pk>/<int:year>/", views.SchoolReport.as_view(), name="report-school"),
    path("reports/school/<int:pk>/<int:year>/pdf/", views.SchoolReport.as_view(pdf=True), name="report-school-pdf"),
    path("reports/network/<int:pk>/", views.NetworkReport.as_view(), name="report-network"),
    path("reports/network/<int:pk>/pdf/", views.NetworkReport.as_view(pdf=True), name="report-network-pdf"),
    path("reports/program/<int:year>/", views.ProgramReport.as_view(), name="report-program"),
    path("reports/program/<int:year>/pdf/", views.ProgramReport.as_view(pdf=True), name="report-program-pdf"),
    path("outcomes/", views.OutcomeList.as_view(), name="outcome-list"),
    path("outcomes/<int:pk>/", views.OutcomeDetail.as_view(), name="outcome-detail"),
    *crud("surveys", m.Survey, forms.SurveyForm, deleted_to="evaluation:survey-list"),
    *crud("sections", m.Section, forms.SectionForm),
    *crud("questions", m.Item, forms.ItemForm),
    *crud("scales", m.Scale, forms.ScaleForm),
    *crud("scale-statements", m.ScaleItem, forms.ScaleItemForm),
    *crud("outcomes", m.Outcome, forms.OutcomeForm, deleted_to="evaluation:outcome-list"),
    *crud("indicators", m.Indicator, forms.IndicatorForm),
    *crud("evidence", m.SurveyEvidence, forms.SurveyEvidenceForm),
]
