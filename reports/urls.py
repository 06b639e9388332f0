from django.urls import path

from . import views as figures_views

app_name = "figures"

urlpatterns = [
    path("", figures_views.figures_page, name="page"),
    path("xlsx/", figures_views.figures_xlsx, name="xlsx"),
    path("docx/", figures_views.figures_docx, name="docx"),
    path("docx/job/", figures_views.figures_docx_job, name="docx_job"),
    path("close/", figures_views.close_year_view, name="close"),
]
