from django.urls import path

from . import views

app_name = "coverage"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("map/", views.map_page, name="map"),
    path("map.svg", views.map_svg, name="map_svg"),
    path("gaps/", views.gap_list, name="gaps"),
    path("gaps.csv", views.gaps_csv, name="gaps_csv"),
    path("gaps.xlsx", views.gaps_xlsx, name="gaps_xlsx"),
    path("village/<str:code>/", views.village_profile, name="village"),
]
