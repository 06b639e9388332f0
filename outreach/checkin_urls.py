"""Short public check-in URLs (mounted at /c/ by config/urls.py): what the event QR opens."""

from django.urls import path

from .views.checkin import checkin_done, checkin_page

urlpatterns = [
    path("<str:secret>/", checkin_page, name="checkin"),
    path("<str:secret>/ok/", checkin_done, name="checkin_done"),
]
