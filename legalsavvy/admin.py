"""Admin views of the registry: for looking things up. Writes go through the registry pages and the
API (``legalsavvy.services``) so terms of appointment, duplicate checks and the audit log stay right;
the admin therefore only shows."""

from django.contrib import admin

from .models import LegalSavvyActivity, LegalSavvyPerson, LegalSavvyTerm, Training, VillageHonor


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class TermInline(admin.TabularInline):
    model = LegalSavvyTerm
    fields = ["village", "appointed_on", "removed_on", "removal_reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(LegalSavvyPerson)
class LegalSavvyPersonAdmin(ReadOnlyAdmin):
    list_display = ["name", "village", "source", "status", "appointed_on", "removed_on", "advisor"]
    list_filter = ["status", "source", "gender", "nomination_route"]
    search_fields = ["name", "certificate_no", "village__name", "village__code"]
    list_select_related = ["village", "advisor"]
    date_hierarchy = "appointed_on"
    inlines = [TermInline]


@admin.register(Training)
class TrainingAdmin(ReadOnlyAdmin):
    list_display = ["person", "date", "hours", "topic", "passed"]
    list_filter = ["passed", "date"]
    search_fields = ["person__name", "topic", "session"]
    list_select_related = ["person__village"]


@admin.register(LegalSavvyActivity)
class LegalSavvyActivityAdmin(ReadOnlyAdmin):
    list_display = ["person", "date", "kind", "count", "hours"]
    list_filter = ["kind", "date"]
    search_fields = ["person__name", "notes"]
    list_select_related = ["person__village"]


@admin.register(VillageHonor)
class VillageHonorAdmin(admin.ModelAdmin):
    list_display = ["village", "title", "level", "status", "year"]
    list_filter = ["title", "level", "status", "year"]
    search_fields = ["village__name", "village__code", "holder"]
    raw_id_fields = ["village"]
    list_select_related = ["village"]
