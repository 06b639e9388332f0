from django import forms
from django.contrib import admin

from . import services
from .errors import TopicError
from .models import Topic


class TopicAdminForm(forms.ModelForm):
    class Meta:
        model = Topic
        fields = ["code", "label", "position", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["code"].disabled = True

    def clean_code(self):
        code = self.cleaned_data["code"]
        if not self.instance.pk and not services.CODE_RE.match(code):
            raise forms.ValidationError(TopicError.BAD_CODE.label, code=TopicError.BAD_CODE.value)
        return code


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    form = TopicAdminForm
    list_display = ["code", "display_label", "position", "active"]
    list_filter = ["active"]
    search_fields = ["code", "label"]

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in ("label", "position", "active")}
        if change:
            services.update_topic(obj, by=request.user, **data)
        else:
            services.create_topic(by=request.user, code=form.cleaned_data["code"], **data)

    def has_delete_permission(self, request, obj=None):
        return False  # retire a topic (active off) instead: shifts and events keep its code
