from django.urls import path

from . import views

app_name = "places"

urlpatterns = [
    path("", views.area_browser, name="area_browser"),
    path("<str:code>/", views.area_browser, name="area_detail"),
]
