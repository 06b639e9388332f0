"""Forms of the registry pages. They check the shape of the input; the rules live in services."""

from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.pickers import area_label
from accounts.scopes import scope_prefix
from advisors.models import Advisor
from advisors.pickers import advisor_label
from common.clock import MAX_YEAR, MIN_YEAR
from common.lookups import LookupChoiceField, LookupMultipleChoiceField
from places.models import Area

from .models import Gender, LegalSavvyActivity, LegalSavvyPerson, VillageHonor
from .pickers import person_label
from .queries import persons_in_scope, towns_for, villages_for


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


VILLAGE_LOOKUP = format_lazy("{}?level=village", reverse_lazy("lookup-areas"))


def village_field(user, *, active_only=True, required=True, label=_("Village"), multiple=False):
    """A village of the user's scope, chosen by type-ahead (town › village)."""
    villages = villages_for(user).select_related("parent")
    if active_only:
        villages = villages.filter(active=True)
    field_class = LookupMultipleChoiceField if multiple else LookupChoiceField
    return field_class(
        villages,
        label=label,
        required=required,
        to_field_name="code",
        url=VILLAGE_LOOKUP,
        typed_fields=("code", "name"),
        typed_label=_("Or type the village's name or 12-digit code"),
        label_from=area_label,
    )


def advisor_field(label, **kwargs):
    return LookupChoiceField(
        Advisor.objects.filter(active=True),
        label=label,
        url=reverse_lazy("lookup-advisors"),
        typed_fields=("name", "license_no"),
        typed_label=_("Or type the name or licence number"),
        label_from=advisor_label,
        **kwargs,
    )


def persons_field(user, label, **kwargs):
    return LookupMultipleChoiceField(
        persons_in_scope(user).select_related("village"),
        label=label,
        url=reverse_lazy("lookup-persons"),
        typed_fields=("name", "certificate_no"),
        typed_label=_("Or type names or certificate numbers, separated by commas"),
        label_from=person_label,
        **kwargs,
    )


def year_choices(first=2018):
    this_year = timezone.localdate().year
    return [("", _("Any year"))] + [(str(y), str(y)) for y in range(this_year, first - 1, -1)]


class AreaFilterMixin:
    """town / village selects limited to the user's area."""

    def add_area_fields(self, user, *, with_village=True):
        towns = list(towns_for(user).values_list("code", "name"))
        self.fields["town"] = forms.ChoiceField(label=_("Town"), required=False, choices=[("", _("All towns"))] + towns)
        if with_village:
            town = self.data.get("town") or (towns[0][0] if len(towns) == 1 else "")
            villages = []
            if town or len(scope_prefix(user) or "") >= 9:
                villages = list(villages_for(user, town if town in dict(towns) else "").values_list("code", "name"))
            self.fields["village"] = forms.ChoiceField(
                label=_("Village"), required=False, choices=[("", _("All villages"))] + villages
            )


class RegistryFilterForm(AreaFilterMixin, forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=50,
        widget=forms.TextInput(attrs={"placeholder": _("Name or certificate number"), "type": "search"}),
    )
    source = forms.ChoiceField(
        label=_("Source"), required=False, choices=[("", _("All sources"))] + LegalSavvyPerson.Source.choices
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status"))] + LegalSavvyPerson.Status.choices
    )
    year = forms.TypedChoiceField(label=_("Appointed in"), required=False, coerce=int, empty_value=None)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_area_fields(user)
        self.fields["year"].choices = year_choices(1990)
        self.order_fields(["q", "town", "village", "source", "status", "year"])

    def filters(self):
        """Valid filters only: a bad value is ignored rather than failing the page."""
        self.is_valid()  # cleaned_data then holds the valid fields only
        data = self.cleaned_data
        return {
            "town": data.get("town") or "",
            "village": data.get("village") or "",
            "source": data.get("source") or "",
            "status": data.get("status") or "",
            "year": data.get("year"),
            "search": data.get("q") or "",
        }


class PersonForm(forms.Form):
    village = forms.ModelChoiceField(queryset=Area.objects.none())
    name = forms.CharField(label=_("Name"), max_length=50)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, initial=Gender.UNSPECIFIED)
    birth_year = forms.IntegerField(label=_("Birth year"), required=False, min_value=1900, max_value=2100)
    phone = forms.CharField(
        label=_("Mobile phone"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    source = forms.ChoiceField(label=_("Drawn from"), choices=LegalSavvyPerson.Source.choices)
    villager_group = forms.CharField(label=_("Villager group"), required=False, max_length=50)
    nomination_route = forms.ChoiceField(
        label=_("Nomination route"), required=False, choices=[("", "—")] + LegalSavvyPerson.NominationRoute.choices
    )
    certificate_no = forms.CharField(label=_("Certificate number"), required=False, max_length=40)
    appointed_on = forms.DateField(label=_("Appointed on"), widget=DateInput())

    def __init__(self, user, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"] = village_field(user)
        if editing:
            self.fields["advisor"] = advisor_field(_("Paired advisor"), required=False)


class RemoveForm(forms.Form):
    removed_on = forms.DateField(label=_("Removed on"), widget=DateInput())
    removal_reason = forms.CharField(
        label=_("Reason"), max_length=200, help_text=_("For example: moved away, resigned, failed their duties.")
    )


class ReappointForm(forms.Form):
    appointed_on = forms.DateField(label=_("Appointed again on"), widget=DateInput())


class TrainingSessionForm(forms.Form):
    """One session, many attendees: picked one by one (type-ahead) and/or whole villages at once;
    who passed or failed the examination are picked among them (the others were not examined)."""

    date = forms.DateField(label=_("Date"), widget=DateInput())
    hours = forms.DecimalField(
        label=_("Hours"),
        min_value=0.1,
        max_value=100,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
    )
    topic = forms.CharField(label=_("Topic"), max_length=200)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persons"] = persons_field(user, _("Attendees"), required=False)
        self.fields["villages"] = village_field(
            user, required=False, multiple=True, label=_("Everyone active in these villages attended too")
        )
        self.fields["passed"] = persons_field(user, _("Passed the examination"), required=False)
        self.fields["failed"] = persons_field(user, _("Did not pass the examination"), required=False)
        self.persons = persons_in_scope(user)

    def clean(self):
        data = super().clean()
        attendees = list(data.get("persons") or [])
        villages = list(data.get("villages") or [])
        if villages:
            seen = {person.pk for person in attendees}
            everyone = self.persons.filter(village__in=villages, status=LegalSavvyPerson.Status.ACTIVE)
            attendees += [person for person in everyone.order_by("village__code", "name") if person.pk not in seen]
        if not attendees and "persons" not in self.errors and "villages" not in self.errors:
            self.add_error("persons", _("Choose at least one person who attended."))
        ids = {person.pk for person in attendees}
        passed = {person.pk for person in data.get("passed") or []}
        failed = {person.pk for person in data.get("failed") or []}
        if (passed | failed) - ids:
            self.add_error("passed", _("Only attendees can pass or fail the examination."))
        if passed & failed:
            self.add_error("failed", _("Nobody can both pass and fail the examination."))
        data["attendees"] = attendees
        return data

    def passed_map(self):
        """{person id: True/False/None} for the attendees."""
        passed = {person.pk for person in self.cleaned_data.get("passed") or []}
        failed = {person.pk for person in self.cleaned_data.get("failed") or []}
        return {
            p.pk: True if p.pk in passed else False if p.pk in failed else None for p in self.cleaned_data["attendees"]
        }


class ActivityForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    kind = forms.ChoiceField(label=_("What they did"), choices=LegalSavvyActivity.Kind.choices)
    count = forms.IntegerField(label=_("How many"), min_value=1, max_value=10000, initial=1)
    hours = forms.DecimalField(
        label=_("Hours"),
        min_value=0,
        max_value=100,
        decimal_places=1,
        required=False,
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class SummaryForm(AreaFilterMixin, forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_area_fields(user, with_village=False)
        self.fields["year"].choices = year_choices()[1:]


class VillagesForm(AreaFilterMixin, forms.Form):
    on = forms.DateField(label=_("On date"), required=False, widget=DateInput())
    under_only = forms.BooleanField(label=_("Only villages under quota"), required=False)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_area_fields(user, with_village=False)


class HonorForm(forms.Form):
    village = forms.ModelChoiceField(queryset=Area.objects.none())
    title = forms.ChoiceField(label=_("Honor"), choices=VillageHonor.Title.choices)
    level = forms.ChoiceField(label=_("Level"), choices=VillageHonor.Level.choices)
    status = forms.ChoiceField(label=_("Status"), choices=VillageHonor.Status.choices)
    year = forms.IntegerField(label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    holder = forms.CharField(label=_("Household (for a law-learning household)"), required=False, max_length=100)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"] = village_field(user, active_only=False)
        self.fields["year"].initial = timezone.localdate().year


class HonorFilterForm(AreaFilterMixin, forms.Form):
    title = forms.ChoiceField(
        label=_("Honor"), required=False, choices=[("", _("All honors"))] + VillageHonor.Title.choices
    )
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("All levels"))] + VillageHonor.Level.choices
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status"))] + VillageHonor.Status.choices
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_area_fields(user)
        self.fields["year"].choices = year_choices(1990)
        self.order_fields(["town", "village", "title", "level", "status", "year"])


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Roster spreadsheet (.xlsx or .csv)"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"})
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Only .xlsx and .csv files can be imported."), code="bad_type")
        return upload
