from django.urls import path

from . import views

app_name = "needs"

urlpatterns = [
    path("", views.needs_page, name="page"),
]
