from django.contrib import admin

from .models import Flag


@admin.register(Flag)
class FlagAdmin(admin.ModelAdmin):
    list_display = ("record_date", "kind", "area_code", "record_type", "record_id", "resolved")
    list_filter = ("kind", "resolved", "record_type")
    search_fields = ("area_code", "why", "note")
    readonly_fields = ("created", "resolved_by", "resolved_at")
