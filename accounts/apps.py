from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"

    def ready(self):
        from . import lockout, menu  # noqa: F401  (menu entries; the lock-out audit receiver)
