from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("<uuid:pk>/", views.job_page, name="job"),
    path("<uuid:pk>/status/", views.job_status, name="status"),
    path("<uuid:pk>/download/", views.job_download, name="download"),
    path("analyses/<int:pk>/refresh/", views.refresh_analysis, name="refresh-analysis"),
]
