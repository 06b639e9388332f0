"""Organizer pages for events, mounted at /events/. The public check-in page is at /c/<secret>/."""

from django.urls import path, re_path

from .views import attendees, photos
from .views import events as views

app_name = "outreach"

urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("new/", views.event_create, name="event_create"),
    path("<int:pk>/", views.event_detail, name="event_detail"),
    path("<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("<int:pk>/counts.json", views.event_counts_json, name="event_counts"),
    path("<int:pk>/projector/", views.event_projector, name="event_projector"),
    path("<int:pk>/poster/", views.event_poster, name="event_poster"),
    re_path(r"^(?P<pk>[0-9]+)/qr\.(?P<fmt>png|svg)$", views.event_qr, name="event_qr"),
    path("<int:pk>/rotate-secret/", views.event_rotate, name="event_rotate"),
    path("<int:pk>/status/", views.event_status, name="event_status"),
    path("<int:pk>/walk-ins/", views.event_walk_ins, name="event_walk_ins"),
    path("<int:pk>/attendees/", attendees.event_attendees, name="event_attendees"),
    re_path(r"^(?P<pk>[0-9]+)/attendees\.(?P<fmt>csv|xlsx)$", attendees.event_export, name="event_export"),
    path("<int:pk>/checkins/<int:checkin_pk>/annul/", attendees.checkin_annul, name="checkin_annul"),
    path("<int:pk>/sheet/", attendees.event_sheet, name="event_sheet"),
    path("<int:pk>/photos/", photos.event_photos, name="event_photos"),
    path("<int:pk>/photos/<int:photo_pk>/delete/", photos.photo_delete, name="photo_delete"),
]
