from django.apps import AppConfig


class LegalsavvyConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "legalsavvy"

    def ready(self):
        from . import menu  # noqa: F401  (registers this app's menu entries)
