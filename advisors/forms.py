"""Forms for the advisor's phone pages and the officers' pages. They only parse input: the rules
live in ``advisors.services`` and their refusals are put back on the right field by
``common.forms.show_refusal``."""

import datetime

from django import forms
from django.urls import reverse_lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.pickers import area_label
from accounts.scopes import scope_q
from common.clock import local_today, parse_month
from common.lookups import LookupChoiceField
from places.models import Area
from topics.models import Topic

from .models import Advisor, DutyShift
from .pickers import advisor_label

COUNTERS = DutyShift.COUNTERS
BIG_NUMBER = {"inputmode": "numeric", "pattern": "[0-9]*", "min": "0", "class": "big-number"}


def counter_fields():
    fields = {}
    for name in COUNTERS:
        model_field = DutyShift._meta.get_field(name)
        # No min_value here: the service refuses negatives with its own clear message.
        fields[name] = forms.IntegerField(
            label=model_field.verbose_name, required=False, initial=0, widget=forms.NumberInput(attrs=BIG_NUMBER)
        )
    return fields


TOPIC_PREFIX = "topic_"


class CountersMixin:
    """The counters, and one number input per active topic (``topic_<code>``) whose values the
    service receives as ``topics={"<code>": n}`` and checks against the totals."""

    def counter_boundfields(self):
        return [self[name] for name in COUNTERS]

    def add_topic_fields(self, current=None):
        current = current or {}
        for topic in Topic.objects.all():
            if not topic.active and not current.get(topic.code):
                continue
            self.fields[TOPIC_PREFIX + topic.code] = forms.IntegerField(
                label=topic.display_label,
                required=False,
                initial=current.get(topic.code, 0),
                widget=forms.NumberInput(attrs=BIG_NUMBER),
            )

    def topic_boundfields(self):
        return [self[name] for name in self.fields if name.startswith(TOPIC_PREFIX)]

    def shift_values(self):
        data = {name: value for name, value in self.cleaned_data.items() if not name.startswith(TOPIC_PREFIX)}
        data.pop("reason", None)
        data["topics"] = {
            name[len(TOPIC_PREFIX) :]: value
            for name, value in self.cleaned_data.items()
            if name.startswith(TOPIC_PREFIX) and value
        }
        return data


class ShiftForm(CountersMixin, forms.Form):
    """Log or edit a shift: village among the advisor's, date, times, mode, counters, notes."""

    village = forms.ChoiceField(label=_("Village"))
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    start_time = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    end_time = forms.TimeField(label=_("To"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    mode = forms.ChoiceField(label=_("Mode"), choices=DutyShift.Mode.choices, initial=DutyShift.Mode.OFFICE)
    notes = forms.CharField(label=_("Notes"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, village_choices=(), require_end=True, with_reason=False, topics=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].choices = list(village_choices)
        self.fields["end_time"].required = require_end
        for name, field in counter_fields().items():
            self.fields[name] = field
        self.add_topic_fields(topics)
        if with_reason:
            self.fields["reason"] = forms.CharField(
                label=_("Reason for the correction"), required=False, max_length=200
            )

    def clean_village(self):
        code = self.cleaned_data["village"]
        village = Area.objects.filter(code=code).first()
        if village is None:
            raise forms.ValidationError(_("Choose one of your villages."))
        return village

    def clean(self):
        cleaned = super().clean()
        for name in COUNTERS:
            if cleaned.get(name) is None and name not in self.errors:
                cleaned[name] = 0
        return cleaned


class FinishShiftForm(CountersMixin, forms.Form):
    """End a QR-started shift and say what was done."""

    end_time = forms.TimeField(
        label=_("Finished at"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    mode = forms.ChoiceField(label=_("Mode"), choices=DutyShift.Mode.choices, initial=DutyShift.Mode.OFFICE)
    notes = forms.CharField(label=_("Notes"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, started_today=True, **kwargs):
        super().__init__(*args, **kwargs)
        # Today "empty" means "now" (the moment the advisor presses the button); a shift left open
        # on an earlier day needs its real end time.
        self.started_today = started_today
        if started_today:
            self.fields["end_time"].help_text = _("Leave empty to use the time you press the button.")
        else:
            self.fields["end_time"].required = True
        for name, field in counter_fields().items():
            self.fields[name] = field
        self.add_topic_fields()

    def clean(self):
        cleaned = super().clean()
        for name in COUNTERS:
            if cleaned.get(name) is None and name not in self.errors:
                cleaned[name] = 0
        return cleaned


APPROVAL_CHOICES = [
    ("", _("All")),
    ("pending", _("Waiting for approval")),
    ("returned", _("Returned for correction")),
    ("approved", _("Approved")),
    ("open", _("Not finished")),
]


class LedgerFilterForm(forms.Form):
    """Ledger filters. Invalid values are dropped (the page never fails on a bad link). The village and
    advisor are type-ahead pickers: only the chosen ones are in the page, whatever the number of people."""

    town = forms.ChoiceField(label=_("Town"), required=False)
    village = LookupChoiceField(
        Area.objects.none(),
        label=_("Village"),
        required=False,
        to_field_name="code",
        url=format_lazy("{}?level=village", reverse_lazy("lookup-areas")),
        typed_fields=("code", "name"),
        typed_label=_("Or type the village's name or 12-digit code"),
        label_from=area_label,
    )
    advisor = LookupChoiceField(
        Advisor.objects.none(),
        label=_("Advisor"),
        required=False,
        url=reverse_lazy("lookup-advisors"),
        typed_fields=("name", "license_no"),
        typed_label=_("Or type the name or licence number"),
        label_from=advisor_label,
    )
    month = forms.CharField(label=_("Month"), required=False, widget=forms.TextInput(attrs={"type": "month"}))
    mode = forms.ChoiceField(label=_("Mode"), required=False, choices=[("", _("All"))] + DutyShift.Mode.choices)
    approval = forms.ChoiceField(label=_("Approval"), required=False, choices=APPROVAL_CHOICES)

    def __init__(self, *args, towns=(), villages=None, advisors=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["town"].choices = [("", _("All"))] + list(towns)
        if villages is not None:
            self.fields["village"].queryset = villages.select_related("parent")
        if advisors is not None:
            self.fields["advisor"].queryset = advisors
        town = (self.data.get("town") or "") if self.is_bound else ""
        if town.isdigit():  # town → its villages
            self.fields["village"].widget.attrs["data-picker-url"] = format_lazy(
                "{}?level=village&under={}", reverse_lazy("lookup-areas"), town
            )

    def clean_village(self):
        village = self.cleaned_data.get("village")
        return village.code if village else ""

    def clean_month(self):
        text = self.cleaned_data.get("month") or ""
        if not text:
            return None
        month = parse_month(text)
        if month is None:
            raise forms.ValidationError(_("Enter a month as YYYY-MM."))
        return month

    def clean_advisor(self):
        advisor = self.cleaned_data.get("advisor")
        return advisor.pk if advisor else None

    def filters(self):
        """The valid filters only (a bad value is reported on the form and otherwise ignored)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


class ComplianceFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    town = forms.ChoiceField(label=_("Town"), required=False)
    approved_only = forms.BooleanField(label=_("Approved shifts only"), required=False)

    def __init__(self, *args, towns=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["town"].choices = [("", _("All"))] + list(towns)

    def values(self):
        year = local_today().year
        if self.is_bound and self.is_valid():
            return (
                self.cleaned_data.get("year") or year,
                self.cleaned_data.get("town") or None,
                self.cleaned_data.get("approved_only", False),
            )
        return year, None, False


class AdvisorForm(forms.ModelForm):
    class Meta:
        model = Advisor
        fields = ["name", "kind", "firm", "license_no", "phone", "user", "specialties", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(role=User.Role.ADVISOR).order_by("username")
        self.fields["user"].required = False

    def _post_clean(self):
        # Model validation (user uniqueness etc.) is the service's job; see views_manage.
        pass


class AssignmentForm(forms.Form):
    """Who serves which village from when: both chosen with type-ahead pickers (advisors; town → village)."""

    advisor = LookupChoiceField(
        Advisor.objects.filter(active=True),
        label=_("Advisor"),
        url=reverse_lazy("lookup-advisors"),
        typed_fields=("name", "license_no"),
        typed_label=_("Or type the name or licence number"),
        label_from=advisor_label,
    )
    village = LookupChoiceField(
        Area.objects.none(),
        label=_("Village"),
        to_field_name="code",
        url=format_lazy("{}?level=village", reverse_lazy("lookup-areas")),
        typed_fields=("code", "name"),
        typed_label=_("Or type the village's name or 12-digit code"),
        label_from=area_label,
    )
    starts_on = forms.DateField(label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    ends_on = forms.DateField(
        label=_("Ends on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty while the assignment lasts."),
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = (
            Area.objects.villages().active().filter(scope_q(user, "code")).select_related("parent")
        )


class EndAssignmentForm(forms.Form):
    ends_on = forms.DateField(
        label=_("Last day of service"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


def initial_times(now):
    """Prefill: a two-hour shift ending at the last quarter hour (or 09:00–11:00 early in the day)."""
    end = now.replace(minute=now.minute - now.minute % 15, second=0, microsecond=0)
    if end.hour < 2:
        return datetime.time(9, 0), datetime.time(11, 0)
    start = end - datetime.timedelta(hours=2)
    return start.time(), end.time()
