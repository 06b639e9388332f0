from django.urls import path

from . import views

app_name = "quality"

urlpatterns = [
    path("", views.flag_list, name="flags"),
    path("<int:pk>/resolve/", views.flag_resolve, name="flag_resolve"),
    path("<int:pk>/reopen/", views.flag_reopen, name="flag_reopen"),
    path("recompute/", views.flag_recompute, name="flag_recompute"),
]
