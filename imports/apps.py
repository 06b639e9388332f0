from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "imports"
    verbose_name = _("Imports")

    def ready(self):
        from . import kinds, menu  # noqa: F401  (registers the import kinds and the menu entry)
