from django.apps import AppConfig


class AdvisorsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "advisors"

    def ready(self):
        from . import menu  # noqa: F401  (registers this app's menu entries)
        from .exports import register_kinds

        register_kinds()  # the ledger's XLSX export as a background job
