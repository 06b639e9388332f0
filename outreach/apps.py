from django.apps import AppConfig


class OutreachConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "outreach"

    def ready(self):
        from . import menu, signals  # noqa: F401  (menu entries; the checkins_changed announcement)
