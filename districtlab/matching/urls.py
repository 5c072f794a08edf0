from districtlab.matching.views import agreements, calls, designations, proposals, review

app_name = "matching"

urlpatterns = [*calls.urlpatterns, *review.urlpatterns, *designations.urlpatterns, *proposals.urlpatterns,
               *agreements.urlpatterns]
