from django.urls import path

from . import pickers, views

app_name = "places"

urlpatterns = [
    path("", views.area_browser, name="area_browser"),
    path("pick.json", pickers.area_pick, name="area_pick"),
    path("<str:code>/", views.area_browser, name="area_detail"),
]
