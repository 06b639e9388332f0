from django.apps import AppConfig


class CoverageConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "coverage"

    def ready(self):
        from common.signals import bulk_written

        from . import menu  # noqa: F401  (registers this app's menu entries)
        from .rollups import on_bulk_written

        bulk_written.connect(on_bulk_written, dispatch_uid="coverage.rollups")
