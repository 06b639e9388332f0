from django.contrib import admin

from .models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "user", "state", "dry_run", "rows_total", "created", "updated", "created_at"]
    list_filter = ["state", "kind", "dry_run"]
    readonly_fields = [field.name for field in Job._meta.fields]

    def has_add_permission(self, request):
        return False
