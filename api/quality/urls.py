from rest_framework.routers import DefaultRouter

from .views import FlagViewSet

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("flags", FlagViewSet, basename="flag")

urlpatterns = router.urls
