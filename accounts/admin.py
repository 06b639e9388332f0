from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import ActivationLink, AuditEntry, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "scope", "is_active", "is_superuser"]
    list_filter = ["role", "is_active", "is_superuser"]
    search_fields = ["username", "first_name", "last_name", "email", "scope__name", "scope__code"]
    raw_id_fields = ["scope"]
    list_select_related = ["scope"]
    fieldsets = BaseUserAdmin.fieldsets + ((_("Role and area"), {"fields": ("role", "scope", "phone")}),)
    add_fieldsets = BaseUserAdmin.add_fieldsets + ((_("Role and area"), {"fields": ("role", "scope")}),)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "action", "model", "object_id", "summary", "area_code", "record_date"]
    list_filter = ["action", "model"]
    search_fields = ["summary", "object_id", "area_code"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ActivationLink)
class ActivationLinkAdmin(admin.ModelAdmin):
    """Read-only: links are issued from the people pages (the secret is never stored)."""

    list_display = ["user", "short_code", "purpose", "created_at", "created_by", "expires_at", "used_at", "revoked_at"]
    list_filter = ["purpose"]
    search_fields = ["user__username", "short_code"]
    exclude = ["key_hash"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
