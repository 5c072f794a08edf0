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
    *crud("surveys", m.Survey, forms.SurveyForm, deleted_to="evaluation:survey-list"),
    *crud("sections", m.Section, forms.SectionForm),
    *crud("questions", m.Item, forms.ItemForm),
    *crud("scales", m.Scale, forms.ScaleForm),
    *crud("scale-statements", m.ScaleItem, forms.ScaleItemForm),
]
