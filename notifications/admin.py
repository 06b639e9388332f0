from django.contrib import admin

from .models import MutedKind, Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created", "user", "kind", "message", "read")
    list_filter = ("kind", "read")
    search_fields = ("user__username", "message")
    raw_id_fields = ("user",)


@admin.register(MutedKind)
class MutedKindAdmin(admin.ModelAdmin):
    list_display = ("user", "kind")
    list_filter = ("kind",)
    raw_id_fields = ("user",)
