from django.apps import AppConfig


class CoverageConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "coverage"

    def ready(self):
        from common.signals import bulk_written

        from . import menu, signals  # noqa: F401  (menu entries; roll-ups refreshed after writes)
        from .rollups import on_bulk_written

        bulk_written.connect(on_bulk_written, dispatch_uid="coverage.rollups")
