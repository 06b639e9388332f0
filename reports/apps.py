from django.apps import AppConfig


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"

    def ready(self):
        from jobs.registry import register_undo_guard

        from . import menu  # noqa: F401  (registers this app's menu entries)
        from .jobguards import closed_year_guard
        from .jobkinds import register_kinds

        register_undo_guard(closed_year_guard)
        register_kinds()  # the Word report as a background job
