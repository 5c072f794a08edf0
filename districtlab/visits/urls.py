from django.urls import path

from districtlab.core.views import AuthoredCreateView, PublishView
from districtlab.core.views import crud_urls as crud

from . import forms, views
from . import models as m

app_name = "visits"

urlpatterns = [
    path("", views.MeetingList.as_view(), name="meeting-list"),
    path("<int:pk>/", views.MeetingDetail.as_view(), name="meeting-detail"),
    path("<int:pk>/agenda/from-template/", views.AgendaFromTemplate.as_view(), name="agenda-template"),
    path("<int:pk>/agenda/move/", views.AgendaMove.as_view(), name="agenda-move"),
    path("<int:pk>/invite/", views.Invite.as_view(), name="invite"),
    path("<int:pk>/attendance/", views.TakeAttendance.as_view(), name="attendance"),
    path("<int:pk>/summary/", views.SendSummary.as_view(), name="summary"),
    *crud("meetings", m.Meeting, forms.MeetingForm, deleted_to="visits:meeting-list"),
    *crud("agenda", m.AgendaItem, forms.AgendaItemForm),
    *crud("attendance", m.Attendance, forms.AttendanceForm),
    *crud("feedback", m.Feedback, forms.FeedbackForm),
    *crud("feedback-requests", m.FeedbackRequest, forms.FeedbackRequestForm),
    *crud("next-steps", m.NextStep, forms.NextStepForm),
    path("observations/<int:pk>/share/", PublishView.as_view(model=m.Observation), name="observation-publish"),
    *crud("observations", m.Observation, forms.ObservationForm, create_view=AuthoredCreateView),
    path("networks/<int:pk>/planner/", views.Planner.as_view(), name="planner"),
    path("networks/<int:pk>/feedback/", views.FeedbackTrends.as_view(), name="feedback-trends"),
    path("compliance/", views.Compliance.as_view(), name="compliance"),
    *crud("rules", m.Rules, forms.RulesForm, deleted_to="visits:compliance"),
    path("norms/", views.NormList.as_view(), name="norm-list"),
    *crud("norms", m.Norm, forms.NormForm, deleted_to="visits:norm-list"),
    *crud("norm-reviews", m.NormReview, forms.NormReviewForm),
    path("blocked-dates/", views.BlockedDateList.as_view(), name="blockeddate-list"),
    *crud("blocked-dates", m.BlockedDate, forms.BlockedDateForm, deleted_to="visits:blockeddate-list"),
    path("protocols/", views.ProtocolList.as_view(), name="protocol-list"),
    *crud("protocols", m.Protocol, forms.ProtocolForm, deleted_to="visits:protocol-list"),
    *crud("agenda-templates", m.AgendaTemplate, forms.AgendaTemplateForm, deleted_to="visits:protocol-list"),
    *crud("agenda-template-items", m.AgendaTemplateItem, forms.AgendaTemplateItemForm),
    *crud("feedback-categories", m.FeedbackCategory, forms.FeedbackCategoryForm, deleted_to="visits:protocol-list"),
    path("calendar/", views.CalendarPage.as_view(), name="calendar"),
    path("calendar/<str:token>.ics", views.person_feed, name="calendar-feed"),
    path("calendar/<str:token>/networks/<int:pk>.ics", views.network_feed, name="network-feed"),
]
