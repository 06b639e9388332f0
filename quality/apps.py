from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "quality"
    verbose_name = _("Data quality")

    def ready(self):
        from . import menu, signals  # noqa: F401  (menu entries; flags recomputed after shift writes)
