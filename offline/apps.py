from django.apps import AppConfig


class OfflineConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "offline"

    def ready(self):
        from . import menu  # noqa: F401  (registers this app's menu entries)
