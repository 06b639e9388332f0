"""Admin for advisors, assignments and duty shifts. Saves go through ``advisors.services`` so the
admin obeys the same rules (one advisor per village and day, shift rules, audit); approval fields
are read-only and approval is an action that calls ``approve_shifts``."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from common.forms import show_refusal

from . import services
from .errors import DutyError, DutyRefused
from .models import Advisor, Assignment, DutyPoster, DutyShift, DutyShiftChange, RetiredDutySecret


class ServiceCheckedForm(forms.ModelForm):
    """Runs the service's checks in clean() so refusals appear on the form, not as a crash on save."""

    request_user = None

    def service_check(self, data):  # pragma: no cover - overridden
        raise NotImplementedError

    def clean(self):
        data = super().clean()
        if not self.errors:
            try:
                self.service_check(data)
            except DutyRefused as refusal:
                show_refusal(self, refusal)
        return data


class AdvisorForm(ServiceCheckedForm):
    class Meta:
        model = Advisor
        fields = "__all__"

    def service_check(self, data):
        if self.request_user is not None and not self.request_user.is_coordinator:
            raise DutyRefused(DutyError.NOT_ALLOWED)
        services.check_advisor_user(self.instance, data.get("user"))


class AssignmentInline(admin.TabularInline):
    model = Assignment
    fields = ("village", "starts_on", "ends_on")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Advisor)
class AdvisorAdmin(admin.ModelAdmin):
    form = AdvisorForm
    list_display = ("name", "kind", "firm", "license_no", "phone", "user", "active")
    list_filter = ("kind", "active")
    search_fields = ("name", "firm", "license_no", "phone", "user__username")
    raw_id_fields = ("user",)
    inlines = [AssignmentInline]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.request_user = request.user
        return form

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in services.ADVISOR_FIELDS if name in form.cleaned_data}
        saved = services.save_advisor(by=request.user, advisor=obj if change else None, **fields)
        obj.pk = saved.pk


class AssignmentForm(ServiceCheckedForm):
    class Meta:
        model = Assignment
        fields = ("advisor", "village", "starts_on", "ends_on")

    def service_check(self, data):
        services.check_assignment(
            by=self.request_user,
            advisor=data["advisor"],
            village=data["village"],
            starts_on=data["starts_on"],
            ends_on=data.get("ends_on"),
            assignment=self.instance if self.instance.pk else None,
        )


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    form = AssignmentForm
    list_display = ("village", "advisor", "starts_on", "ends_on")
    list_filter = (("ends_on", admin.EmptyFieldListFilter), "starts_on")
    search_fields = ("village__name", "village__code", "advisor__name")
    raw_id_fields = ("advisor", "village")
    list_select_related = ("advisor", "village")
    date_hierarchy = "starts_on"

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.request_user = request.user
        return form

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data.get(name) for name in ("advisor", "village", "starts_on", "ends_on")}
        if change:
            original = Assignment.objects.get(pk=obj.pk)
            services.change_assignment(original, by=request.user, **data)
        else:
            obj.pk = services.assign_advisor(by=request.user, **data).pk

    def has_delete_permission(self, request, obj=None):
        # Assignments are history: end them instead.
        return False


class DutyShiftForm(ServiceCheckedForm):
    class Meta:
        model = DutyShift
        fields = ("advisor", "village", "date", "start_time", "end_time", "mode", *DutyShift.COUNTERS, "notes")

    def service_check(self, data):
        values = {name: data.get(name) for name in services.SHIFT_FIELDS if name in self.fields}
        services.check_shift(by=self.request_user, values=values, shift=self.instance if self.instance.pk else None)


class DutyShiftChangeInline(admin.TabularInline):
    model = DutyShiftChange
    fields = ("changed_at", "changed_by", "changes", "reason")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(DutyShift)
class DutyShiftAdmin(admin.ModelAdmin):
    form = DutyShiftForm
    list_display = (
        "date",
        "start_time",
        "end_time",
        "hours",
        "village",
        "advisor",
        "mode",
        "verified_presence",
        "state",
        "approved_at",
    )
    list_filter = (
        "state",
        "mode",
        "verified_presence",
        "scanned_offline",
        ("approved_at", admin.EmptyFieldListFilter),
        "date",
    )
    search_fields = ("advisor__name", "village__name", "village__code", "notes")
    raw_id_fields = ("advisor", "village")
    list_select_related = ("advisor", "village")
    date_hierarchy = "date"
    readonly_fields = (
        "hours",
        "verified_presence",
        "state",
        "review_comment",
        "scanned_offline",
        "client_id",
        "approved_at",
        "approved_by",
        "created_by",
        "created_at",
        "updated_at",
    )
    inlines = [DutyShiftChangeInline]
    actions = ["approve_selected"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.request_user = request.user
        return form

    def save_model(self, request, obj, form, change):
        values = {name: form.cleaned_data.get(name) for name in services.SHIFT_FIELDS if name in form.cleaned_data}
        if change:
            original = DutyShift.objects.get(pk=obj.pk)
            services.update_shift(original, by=request.user, reason=str(_("changed in the admin")), **values)
        else:
            obj.pk = services.record_shift(by=request.user, **values).pk

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    @admin.action(description=_("Approve the selected shifts"))
    def approve_selected(self, request, queryset):
        try:
            count = services.approve_shifts(queryset, by=request.user)
        except DutyRefused as refusal:
            self.message_user(request, refusal.text, messages.ERROR)
            return
        self.message_user(
            request,
            ngettext("%(count)d shift approved.", "%(count)d shifts approved.", count) % {"count": count},
            messages.SUCCESS,
        )


@admin.register(DutyPoster)
class DutyPosterAdmin(admin.ModelAdmin):
    list_display = ("village", "rotated_at")
    search_fields = ("village__name", "village__code")
    raw_id_fields = ("village",)
    readonly_fields = ("village", "secret", "rotated_at")

    def has_add_permission(self, request):
        return False


@admin.register(RetiredDutySecret)
class RetiredDutySecretAdmin(admin.ModelAdmin):
    list_display = ("village", "retired_at")
    search_fields = ("village__name", "village__code")
    readonly_fields = ("village", "secret", "retired_at")

    def has_add_permission(self, request):
        return False
