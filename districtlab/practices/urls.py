from django.urls import path

from districtlab.core.views import AuthoredCreateView, PublishView
from districtlab.core.views import crud_urls as crud

from . import forms, views
from . import models as m

app_name = "practices"

urlpatterns = [
    path("", views.PracticeList.as_view(), name="practice-list"),
    path("<int:pk>/", views.PracticeDetail.as_view(), name="practice-detail"),
    path("<int:pk>/share/", PublishView.as_view(model=m.Practice), name="practice-publish"),
    *crud("practices", m.Practice, forms.PracticeForm, create_view=AuthoredCreateView,
          deleted_to="practices:practice-list"),
    *crud("versions", m.Version, forms.VersionForm),
    *crud("evidence", m.PracticeEvidence, forms.EvidenceForm),
    *crud("adoptions", m.Adoption, forms.AdoptionForm),
    *crud("share-outs", m.ShareOut, forms.ShareOutForm, deleted_to="practices:flow"),
    path("conventions/", views.ConventionList.as_view(), name="convention-list"),
    *crud("conventions", m.Convention, forms.ConventionForm, deleted_to="practices:convention-list"),
    path("flow/", views.KnowledgeFlow.as_view(), name="flow"),
]
