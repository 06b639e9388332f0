from django.urls import path

from . import views

app_name = "offline"

urlpatterns = [
    path("sw.js", views.service_worker, name="service_worker"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("offline/duty/", views.duty, name="duty"),
    path("offline/scan/", views.scan_shell, name="scan_shell"),
    path("offline/door/", views.door_list, name="door_list"),
    path("offline/door/<int:pk>/", views.door, name="door"),
    path("offline/door/<int:pk>/count/", views.door_count, name="door_count"),
]
