from django.urls import path
from rest_framework.routers import DefaultRouter

from districtlab.accounts import views as accounts
from districtlab.inquiry import api as inquiry
from districtlab.org import api as org
from districtlab.practices import api as practices
from districtlab.visits import api as visits

router = DefaultRouter()
for prefix, viewset in {**org.VIEWSETS, **inquiry.VIEWSETS, **visits.VIEWSETS, **practices.VIEWSETS}.items():
    router.register(prefix, viewset, basename=prefix)

urlpatterns = [
    path("token/", accounts.obtain_token, name="api-token"),
    path("cycles-progress/", inquiry.ProgressView.as_view(), name="api-cycles-progress"),
    *router.urls,
]
