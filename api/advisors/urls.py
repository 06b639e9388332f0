from django.urls import path
from rest_framework.routers import DefaultRouter

from .views import AdvisorViewSet, AssignmentViewSet, DutyQRPngView, DutyQRSvgView, DutyShiftViewSet

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("advisors", AdvisorViewSet, basename="advisor")
router.register("assignments", AssignmentViewSet, basename="assignment")
router.register("duty-shifts", DutyShiftViewSet, basename="duty-shift")

urlpatterns = [
    # Explicit paths: the areas router (api/areas) owns /areas/{code}/ but not these.
    path("areas/<str:code>/duty-qr.png", DutyQRPngView.as_view(), name="area-duty-qr-png"),
    path("areas/<str:code>/duty-qr.svg", DutyQRSvgView.as_view(), name="area-duty-qr-svg"),
    *router.urls,
]
