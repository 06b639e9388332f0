from django.contrib import admin

from .models import Area, VillageHonor


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "kind", "parent", "population", "active"]
    list_filter = ["level", "kind", "active", "coords_approximate"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]
    ordering = ["code"]
    list_select_related = ["parent"]


@admin.register(VillageHonor)
class VillageHonorAdmin(admin.ModelAdmin):
    list_display = ["village", "title", "level", "status", "year"]
    list_filter = ["title", "level", "status", "year"]
    search_fields = ["village__name", "village__code", "holder"]
    raw_id_fields = ["village"]
    list_select_related = ["village"]
