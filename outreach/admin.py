"""Admin for events and check-ins. Check-ins are read-only here: they are written only by
``services.perform_checkin`` and never deleted (annul them on the event's attendee page)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from common.phones import mask_phone

from .models import CheckIn, Event, EventAudience, EventPhoto, EventSeries, RetiredCheckinSecret


@admin.register(EventSeries)
class EventSeriesAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]


class EventAudienceInline(admin.TabularInline):
    model = EventAudience
    extra = 0


class EventPhotoInline(admin.TabularInline):
    model = EventPhoto
    extra = 0
    fields = ["image", "thumbnail", "caption", "uploaded_by", "uploaded_at"]
    readonly_fields = ["image", "thumbnail", "uploaded_by", "uploaded_at"]
    can_delete = True

    def has_add_permission(self, request, obj=None):
        # Uploads go through the event page, which strips EXIF/GPS and makes thumbnails.
        return False


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "starts_at", "area", "kind", "sector", "status", "series", "episode", "organizer"]
    list_filter = ["status", "kind", "sector", "series", "starts_at"]
    search_fields = ["title", "venue", "area__name", "area__code", "other_speakers"]
    date_hierarchy = "starts_at"
    list_select_related = ["area", "series", "organizer"]
    raw_id_fields = ["area", "organizer"]
    filter_horizontal = ["advisors", "legal_savvy_persons"]
    readonly_fields = ["checkin_secret", "created_at", "updated_at"]
    inlines = [EventAudienceInline, EventPhotoInline]

    def save_model(self, request, obj, form, change):
        if not obj.checkin_secret:
            from common.qr import new_secret

            obj.checkin_secret = new_secret()
        super().save_model(request, obj, form, change)


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "event",
        "name",
        "masked_phone",
        "gender",
        "age_group",
        "occupation",
        "method",
        "annulled",
        "personal_data_purged",
    ]
    list_filter = ["annulled", "method", "gender", "age_group", "occupation", "personal_data_purged"]
    search_fields = ["event__title", "name"]
    list_select_related = ["event"]
    date_hierarchy = "created_at"

    @admin.display(description=_("phone"))
    def masked_phone(self, obj):
        return mask_phone(obj.phone)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RetiredCheckinSecret)
class RetiredCheckinSecretAdmin(admin.ModelAdmin):
    list_display = ["event", "retired_at"]
    list_select_related = ["event"]
    readonly_fields = ["event", "secret", "retired_at"]

    def has_add_permission(self, request):
        return False
