"""Forms of the event pages and the attendee check-in page. They validate for display;
the services validate again and do the writing."""

import re

from django import forms
from django.urls import reverse_lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.pickers import area_label
from advisors.models import Advisor
from advisors.pickers import advisor_label
from common.lookups import LookupChoiceField, LookupMultipleChoiceField
from common.phones import normalize_mobile
from legalsavvy.models import LegalSavvyPerson
from legalsavvy.pickers import person_label
from places.models import Area
from topics.models import split_topics, topic_choices

from .access import areas_for
from .models import CheckIn, Event, EventSeries

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def village_choices(prefix):
    """Villages under ``prefix`` grouped by town: a <select> with one <optgroup> per town works
    without JavaScript (events-checkin.js adds a town picker on top when scripts run)."""
    groups = {}
    villages = (
        Area.objects.villages()
        .active()
        .filter(code__startswith=prefix)
        .select_related("parent")
        .order_by("parent__code", "code")
    )
    for village in villages:
        town = village.parent.name if village.parent_id else ""
        groups.setdefault(town, []).append((village.code, village.name))
    return list(groups.items())


class TopicsField(forms.CharField):
    """Topics typed as one line, separated by commas or 、 → list of strings."""

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return ", ".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        return [part.strip() for part in re.split(r"[,，、;；\n]", text or "") if part.strip()]


class EventForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Event.Kind.choices, initial=Event.Kind.LECTURE)
    sector = forms.ChoiceField(
        label=_("Sector (法律六进)"), choices=Event.Sector.choices, initial=Event.Sector.VILLAGES
    )
    audiences = forms.MultipleChoiceField(
        label=_("Audiences"), choices=Event.Audience.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    topic_codes = forms.MultipleChoiceField(
        label=_("Legal topics"), required=False, widget=forms.CheckboxSelectMultiple
    )
    topics = TopicsField(
        label=_("Other topics"), required=False, help_text=_("Free text, separate topics with commas.")
    )
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME_WIDGET)
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=DATETIME_WIDGET)
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=Event.Status.choices, initial=Event.Status.PLANNED)
    series = forms.ModelChoiceField(label=_("Series"), queryset=EventSeries.objects.all(), required=False)
    episode = forms.IntegerField(label=_("Episode"), min_value=1, required=False)
    walk_in_count = forms.IntegerField(label=_("Walk-in headcount"), min_value=0, initial=0)
    advisors = LookupMultipleChoiceField(
        Advisor.objects.filter(active=True),
        label=_("Advisors who spoke or helped"),
        required=False,
        url=reverse_lazy("lookup-advisors"),
        typed_fields=("name", "license_no"),
        typed_label=_("Or type names or licence numbers, separated by commas"),
        label_from=advisor_label,
    )
    legal_savvy_persons = LookupMultipleChoiceField(
        LegalSavvyPerson.objects.none(),
        label=_("Legal-savvy persons who spoke or helped"),
        required=False,
        url=reverse_lazy("lookup-persons"),
        typed_fields=("name", "certificate_no"),
        typed_label=_("Or type names or certificate numbers, separated by commas"),
        label_from=person_label,
    )
    other_speakers = forms.CharField(
        label=_("Other speakers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Names and affiliations: lecturers' group members, judges, teachers, volunteer lawyers."),
    )
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"] = LookupChoiceField(
            areas_for(user).select_related("parent"),
            label=_("Where (village, town or district)"),
            to_field_name="code",
            url=format_lazy("{}?level=district,town,village", reverse_lazy("lookup-areas")),
            typed_fields=("code", "name"),
            typed_label=_("Or type the name or code of the village or town"),
            label_from=area_label,
        )
        # Keep "area" right after the sector in the form.
        order = list(self.fields)
        order.remove("area")
        order.insert(order.index("starts_at"), "area")
        self.order_fields(order)
        from accounts.scopes import scope_prefix

        prefix = scope_prefix(user) or ""
        self.fields["topic_codes"].choices = topic_choices()
        self.fields["legal_savvy_persons"].queryset = LegalSavvyPerson.objects.filter(
            village__code__startswith=prefix, status=LegalSavvyPerson.Status.ACTIVE
        ).select_related("village")

    @classmethod
    def initial_from(cls, event):
        return {
            "title": event.title,
            "kind": event.kind,
            "sector": event.sector,
            "audiences": list(event.audience_rows.values_list("audience", flat=True)),
            "topic_codes": split_topics(event.topics)[0],
            "topics": split_topics(event.topics)[1],
            "area": event.area.code,
            "venue": event.venue,
            "starts_at": event.starts_at,
            "ends_at": event.ends_at,
            "status": event.status,
            "series": event.series_id,
            "episode": event.episode,
            "walk_in_count": event.walk_in_count,
            "advisors": list(event.advisors.values_list("id", flat=True)),
            "legal_savvy_persons": list(event.legal_savvy_persons.values_list("id", flat=True)),
            "other_speakers": event.other_speakers,
            "description": event.description,
        }

    @classmethod
    def initial_copy(cls, event):
        """A new event prefilled from ``event``: planned, no walk-ins, no series episode (it would
        clash); the new event gets its own check-in secret when saved."""
        initial = cls.initial_from(event)
        initial.update({"status": Event.Status.PLANNED, "walk_in_count": 0, "episode": None})
        return initial

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] < data["starts_at"]:
            self.add_error("ends_at", _("The end must not be before the start."))
        # The service stores one list: vocabulary codes first, then the free texts.
        codes = data.pop("topic_codes", None) or []
        data["topics"] = list(codes) + [text for text in data.get("topics") or [] if text not in codes]
        return data


class AttendeeFields(forms.Form):
    """The attendee's details, shared by the self check-in page and the paper-sheet rows."""

    name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=50)
    phone = forms.CharField(
        label=_("Mobile phone"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    gender = forms.ChoiceField(label=_("Gender"), choices=CheckIn.Gender.choices, initial=CheckIn.Gender.UNSPECIFIED)
    age_group = forms.ChoiceField(label=_("Age group"), choices=CheckIn.AgeGroup.choices)
    occupation = forms.ChoiceField(label=_("Occupation"), choices=[("", "—")] + CheckIn.Occupation.choices)
    home_village = forms.ChoiceField(label=_("Home village"), required=False)

    def __init__(self, *args, villages=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["home_village"]
        field.choices = [("", _("Not from this district / prefer not to say"))] + list(villages)
        # events-checkin.js turns the grouped list into "town, then village" when scripts run.
        field.widget.attrs.update(
            {
                "data-town-picker": "",
                "data-town-label": _("Town"),
                "data-town-placeholder": _("All towns"),
            }
        )

    def clean_phone(self):
        return normalize_mobile(self.cleaned_data["phone"])

    def attendee(self):
        data = dict(self.cleaned_data)
        data["home_village"] = data.get("home_village") or None
        return data


class CheckinForm(AttendeeFields):
    gender = forms.ChoiceField(
        label=_("Gender"),
        choices=CheckIn.Gender.choices,
        widget=forms.RadioSelect,
        initial=CheckIn.Gender.UNSPECIFIED,
    )
    age_group = forms.ChoiceField(label=_("Age group"), choices=CheckIn.AgeGroup.choices, widget=forms.RadioSelect)
    consent = forms.BooleanField(
        label=_("I have read the personal-information notice above and agree."),
        error_messages={"required": _("Please agree to the personal-information notice to check in.")},
    )


class SheetRowForm(AttendeeFields):
    """One line of a paper sign-in sheet; untouched lines are skipped (every select starts blank)."""

    gender = forms.ChoiceField(label=_("Gender"), choices=[("", "—")] + CheckIn.Gender.choices, required=False)
    age_group = forms.ChoiceField(label=_("Age group"), choices=[("", "—")] + CheckIn.AgeGroup.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        phone = self.fields["phone"]
        phone.required = False
        phone.help_text = _("Leave empty if the attendee has none: the row is counted but marked unverifiable.")

    def clean_phone(self):
        raw = (self.cleaned_data.get("phone") or "").strip()
        return normalize_mobile(raw) if raw else ""


class BaseSheetFormSet(forms.BaseFormSet):
    def __init__(self, *args, villages=(), **kwargs):
        self.villages = villages
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "villages": self.villages}


SheetFormSet = forms.formset_factory(
    SheetRowForm, formset=BaseSheetFormSet, extra=5, max_num=100, absolute_max=100, validate_max=True
)


class WalkInForm(forms.Form):
    walk_in_count = forms.IntegerField(label=_("Walk-in headcount"), min_value=0, max_value=1_000_000)


class PhotoForm(forms.Form):
    image = forms.FileField(label=_("Photo"))
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)


class EventFilterForm(forms.Form):
    WHEN = [("", _("All")), ("upcoming", _("Upcoming")), ("past", _("Past"))]
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All"))] + Event.Status.choices, required=False)
    when = forms.ChoiceField(label=_("When"), choices=WHEN, required=False)


class AnnulForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is this check-in wrong?"),
        max_length=200,
        help_text=_("For example: entered twice under two numbers, or not at the event."),
    )


class FeedbackForm(forms.Form):
    """After checking in: how satisfied, and which legal questions the attendee would like to hear about."""

    satisfaction = forms.ChoiceField(
        label=_("How satisfied are you with this event?"),
        choices=[("5", _("5 – very satisfied")), ("4", "4"), ("3", "3"), ("2", "2"), ("1", _("1 – not satisfied"))],
        required=False,
        widget=forms.RadioSelect,
    )
    wishes = forms.MultipleChoiceField(
        label=_("Which legal questions would you like to hear about?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wishes"].choices = topic_choices()
