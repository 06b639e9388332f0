from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.scopes import scope_q
from common.clock import local_today
from places.models import Area

from .models import Award, Work


def area_choices(user):
    """The areas a work or award may belong to: the user's scope and the towns above village level."""
    return Area.objects.filter(scope_q(user, "code")).exclude(level=Area.Level.VILLAGE).order_by("code")


class WorkForm(forms.ModelForm):
    link = forms.URLField(label=_("link"), required=False, assume_scheme="https")

    class Meta:
        model = Work
        fields = ["title", "kind", "year", "area", "producers", "link", "file", "notes"]
        widgets = {"producers": forms.Textarea(attrs={"rows": 3}), "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = area_choices(user)
        self.fields["year"].initial = local_today().year
        if user.scope_id and not self.instance.pk:
            self.fields["area"].initial = user.scope_id

    def _post_clean(self):
        """The service validates and saves (it refuses with codes shown on the form)."""


class AwardForm(forms.ModelForm):
    class Meta:
        model = Award
        fields = ["title", "level", "awarding_body", "year", "recipient_kind", "work", "recipient", "area", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = area_choices(user)
        self.fields["work"].queryset = Work.objects.filter(scope_q(user, "area__code")).order_by("-year", "title")
        self.fields["year"].initial = local_today().year
        if user.scope_id and not self.instance.pk:
            self.fields["area"].initial = user.scope_id

    def _post_clean(self):
        """The service validates and saves."""


class YearFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = local_today().year
        self.fields["year"].choices = [("", _("All years"))] + [(y, y) for y in range(this_year, 2014, -1)]
