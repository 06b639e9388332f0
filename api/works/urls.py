from rest_framework.routers import DefaultRouter

from .views import AwardViewSet, WorkViewSet

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("works", WorkViewSet, basename="work")
router.register("awards", AwardViewSet, basename="award")

urlpatterns = router.urls
