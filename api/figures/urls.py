from django.urls import path

from . import views

urlpatterns = [
    path("figures/", views.FiguresView.as_view(), name="api-figures"),
    path("figures/report.docx", views.FiguresReportView.as_view(), name="api-figures-report"),
    path("figures/close/", views.CloseYearView.as_view(), name="api-figures-close"),
]
