from django.urls import path

from districtlab.core.views import AuthoredCreateView, PublishView
from districtlab.core.views import crud_urls as crud

from . import forms, transfer, views
from . import models as m

app_name = "org"


urlpatterns = [
    path("districts/", views.DistrictList.as_view(), name="district-list"),
    path("districts/<int:pk>/", views.DistrictDetail.as_view(), name="district-detail"),
    *crud("districts", m.District, forms.DistrictForm, deleted_to="org:district-list"),
    path("years/", views.SchoolYearList.as_view(), name="schoolyear-list"),
    *crud("years", m.SchoolYear, forms.SchoolYearForm, deleted_to="org:schoolyear-list"),
    path("focus-areas/", views.FocusAreaList.as_view(), name="focusarea-list"),
    *crud("focus-areas", m.LearningFocusArea, forms.LearningFocusAreaForm, deleted_to="org:focusarea-list"),
    path("schools/", views.SchoolList.as_view(), name="school-list"),
    path("schools/<int:pk>/", views.SchoolDetail.as_view(), name="school-detail"),
    *crud("schools", m.School, forms.SchoolForm, deleted_to="org:school-list"),
    *crud("demographics", m.Demographic, forms.DemographicForm),
    *crud("school-year-facts", m.SchoolYearFacts, forms.SchoolYearFactsForm),
    path("networks/", views.NetworkList.as_view(), name="network-list"),
    path("networks/<int:pk>/", views.NetworkDetail.as_view(), name="network-detail"),
    *crud("networks", m.Network, forms.NetworkForm, deleted_to="org:network-list"),
    *crud("network-memberships", m.NetworkMembership, forms.NetworkMembershipForm),
    path("teams/", views.TeamList.as_view(), name="team-list"),
    path("teams/<int:pk>/", views.TeamDetail.as_view(), name="team-detail"),
    *crud("teams", m.Team, forms.TeamForm, deleted_to="org:team-list"),
    *crud("team-memberships", m.TeamMembership, forms.TeamMembershipForm),
    path("people/", views.PersonList.as_view(), name="person-list"),
    path("people/<int:pk>/", views.PersonDetail.as_view(), name="person-detail"),
    *crud("people", m.Person, forms.PersonForm, deleted_to="org:person-list"),
    *crud("positions", m.Position, forms.PositionForm),
    path("notes/", views.NoteList.as_view(), name="note-list"),
    path("notes/<int:pk>/", views.NoteDetail.as_view(), name="note-detail"),
    path("notes/<int:pk>/share/", PublishView.as_view(model=m.Note), name="note-publish"),
    *crud("notes", m.Note, forms.NoteForm, create_view=AuthoredCreateView, deleted_to="org:note-list"),
    path("data-notes/", views.DataNoteList.as_view(), name="datanote-list"),
    path("research/", views.ResearchLibrary.as_view(), name="research"),
    *crud("data-notes", m.DataNote, forms.DataNoteForm, deleted_to="org:datanote-list"),
    *crud("reference-tables", m.ReferenceTable, forms.ReferenceTableForm),
    *crud("designation-rules", m.DesignationRule, forms.DesignationRuleForm),
    path("transfer/", transfer.transfer_page, name="transfer"),
    path("transfer/export/<str:kind>.<str:fmt>", transfer.export_download, name="export"),
]
