from django.contrib import admin

from .models import Award, Work


@admin.register(Work)
class WorkAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "year", "area"]
    list_filter = ["kind", "year"]
    search_fields = ["title", "producers"]
    raw_id_fields = ["area"]


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ["title", "level", "year", "recipient_kind", "recipient", "area"]
    list_filter = ["level", "recipient_kind", "year"]
    search_fields = ["title", "recipient", "awarding_body"]
    raw_id_fields = ["area", "work"]
