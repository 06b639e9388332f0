from django.urls import path
from rest_framework.routers import DefaultRouter

from .checkin import PublicCheckinView
from .views import EventQRPngView, EventQRSvgView, EventSeriesViewSet, EventViewSet

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("events", EventViewSet, basename="event")
router.register("event-series", EventSeriesViewSet, basename="event-series")

urlpatterns = [
    path("events/<int:pk>/qr.png", EventQRPngView.as_view(), name="event-qr-png"),
    path("events/<int:pk>/qr.svg", EventQRSvgView.as_view(), name="event-qr-svg"),
    path("checkin/<str:secret>/", PublicCheckinView.as_view(), name="public-checkin"),
    *router.urls,
]
