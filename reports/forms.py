"""The figures page's year/area picker and the year-close form."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.clock import MAX_YEAR, MIN_YEAR

area_code_field = {
    "label": _("Area"),
    "max_length": 12,
    "regex": r"^\d{1,12}$",
    "error_messages": {"invalid": _("An area code consists of up to 12 digits.")},
}


class FiguresFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    area = forms.RegexField(**area_code_field)


class CloseYearForm(forms.Form):
    year = forms.IntegerField(min_value=MIN_YEAR, max_value=MAX_YEAR, widget=forms.HiddenInput)
    area = forms.RegexField(widget=forms.HiddenInput, **area_code_field)
    reason = forms.CharField(
        label=_("Reason for closing again"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the year is already closed; it is kept with the new snapshot."),
    )


def year_choices(selected=None):
    """The last eight years (newest first), plus the selected one if it is older."""
    this_year = timezone.localdate().year
    years = list(range(this_year, this_year - 8, -1))
    if selected and selected not in years:
        years.append(selected)
    return years
