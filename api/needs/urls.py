from django.urls import path

from . import views

urlpatterns = [
    path("needs/", views.NeedsView.as_view(), name="api-needs"),
]
