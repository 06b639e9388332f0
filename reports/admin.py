"""Closed-year snapshots (annual figures): read-only here; close a year on the figures page."""

from django.contrib import admin

from .models import FiguresSnapshot


@admin.register(FiguresSnapshot)
class FiguresSnapshotAdmin(admin.ModelAdmin):
    list_display = ["year", "area", "closed_at", "closed_by", "superseded", "reason"]
    list_filter = ["year", "superseded"]
    search_fields = ["area__code", "area__name", "reason"]
    list_select_related = ["area", "closed_by"]
    readonly_fields = ["year", "area", "figures", "closed_by", "closed_at", "reason", "superseded"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
