from django.urls import path

from . import views

app_name = "works"

urlpatterns = [
    path("", views.registry, name="list"),
    path("new/", views.work_form, name="work_create"),
    path("<int:pk>/", views.work_form, name="work_edit"),
    path("<int:pk>/delete/", views.work_delete, name="work_delete"),
    path("awards/new/", views.award_form, name="award_create"),
    path("awards/<int:pk>/", views.award_form, name="award_edit"),
    path("awards/<int:pk>/delete/", views.award_delete, name="award_delete"),
]
