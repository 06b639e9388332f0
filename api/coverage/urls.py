from django.urls import path

from . import views

urlpatterns = [
    path("coverage/", views.CoverageView.as_view(), name="api-coverage"),
    path("coverage/areas/", views.AreaCoverageView.as_view(), name="api-coverage-areas"),
    path("coverage.geojson", views.CoverageGeoJSONView.as_view(), name="api-coverage-geojson"),
]
