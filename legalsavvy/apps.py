from django.apps import AppConfig


class LegalsavvyConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'legalsavvy'
