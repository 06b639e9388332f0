from django.urls import path

from . import views

app_name = "jobs"

urlpatterns = [
    path("", views.my_jobs, name="my_jobs"),
    path("<int:pk>/", views.job_detail, name="job_detail"),
    path("<int:pk>/result/", views.job_result, name="job_result"),
    path("<int:pk>/undo/", views.job_undo, name="job_undo"),
]
