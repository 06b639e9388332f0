from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "needs"
    verbose_name = _("Needs and delivered outreach")

    def ready(self):
        from . import menu  # noqa: F401  (registers this app's menu entries)
