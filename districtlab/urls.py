from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from districtlab.accounts.urls import sign_in_urlpatterns
from districtlab.core import choosers
from districtlab.core.health import healthz, readyz
from districtlab.org.views import home

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),  # load balancers (issue 12): no sign-in
    path("readyz", readyz, name="readyz"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include(sign_in_urlpatterns)),  # sign-in and security (issue 12)
    path("accounts/", include("districtlab.accounts.urls")),
    path("admin/", admin.site.urls),
    path("api/", include("districtlab.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(  # its script a file of its own: no inline script
        url_name="api-schema", template_name="core/api_docs.html"), name="api-docs"),
    path("inquiry/", include("districtlab.inquiry.urls")),
    path("visits/", include("districtlab.visits.urls")),
    path("practices/", include("districtlab.practices.urls")),
    path("program/", include("districtlab.matching.urls")),  # applications and matching (issue 14)
    path("surveys/", include("districtlab.evaluation.urls")),  # program evaluation (issue 15)
    path("jobs/", include("districtlab.jobs.urls")),  # background work's progress (issue 12)
    path("choose/", include(choosers)),  # search-as-you-type suggestions for filters
    path("history/", include("districtlab.core.urls")),  # history of every change (issue 12)
    path("", include("districtlab.org.urls")),
]

handler500 = "districtlab.core.errors.server_error"
