from django.urls import path

from . import views

urlpatterns = [
    path("figures/", views.FiguresView.as_view(), name="api-figures"),
    path("figures/close/", views.CloseYearView.as_view(), name="api-figures-close"),
]
