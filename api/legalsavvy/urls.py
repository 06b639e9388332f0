from rest_framework.routers import DefaultRouter

from .views import ActivityViewSet, HonorViewSet, PersonViewSet, TrainingViewSet

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("legal-savvy-persons", PersonViewSet, basename="legal-savvy-person")
router.register("trainings", TrainingViewSet, basename="training")
router.register("legal-savvy-activities", ActivityViewSet, basename="legal-savvy-activity")
router.register("honors", HonorViewSet, basename="honor")

urlpatterns = router.urls
