from django.urls import path

from .views import AdvisorLookup, AreaLookup, PersonLookup

urlpatterns = [
    path("lookups/advisors/", AdvisorLookup.as_view(), name="lookup-advisors"),
    path("lookups/legal-savvy-persons/", PersonLookup.as_view(), name="lookup-persons"),
    path("lookups/areas/", AreaLookup.as_view(), name="lookup-areas"),
]
