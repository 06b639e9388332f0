"""Forms of the registry pages. They check the shape of the input; the rules live in services."""

from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.scopes import scope_prefix
from advisors.models import Advisor
from common.clock import MAX_YEAR, MIN_YEAR
from common.pickers import PickerSelect
from places.models import Area

from .models import Gender, LegalSavvyActivity, LegalSavvyPerson, VillageHonor
from .queries import persons_in_scope, towns_for, villages_for


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class VillageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, village):
        town = village.parent.name if village.parent_id else ""
        return f"{town} · {village.name}" if town else village.name


def village_field(user, *, active_only=True, required=True, label=_("Village")):
    villages = villages_for(user).select_related("parent")
    if active_only:
        villages = villages.filter(active=True)
    return VillageChoiceField(
        queryset=villages,
        label=label,
        required=required,
        to_field_name="code",
        empty_label=_("— choose a village —"),
        widget=PickerSelect(url=format_lazy("{}?level=village", reverse_lazy("area_pick"))),
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
            self.fields["advisor"] = forms.ModelChoiceField(
                label=_("Paired advisor"),
                required=False,
                queryset=Advisor.objects.filter(active=True),
                empty_label=_("— not paired —"),
                widget=PickerSelect(url=reverse_lazy("advisors:advisor_pick")),
            )


class RemoveForm(forms.Form):
    removed_on = forms.DateField(label=_("Removed on"), widget=DateInput())
    removal_reason = forms.CharField(
        label=_("Reason"), max_length=200, help_text=_("For example: moved away, resigned, failed their duties.")
    )


class ReappointForm(forms.Form):
    appointed_on = forms.DateField(label=_("Appointed again on"), widget=DateInput())


class TrainingSessionForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    hours = forms.DecimalField(
        label=_("Hours"),
        min_value=0.1,
        max_value=100,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
    )
    topic = forms.CharField(label=_("Topic"), max_length=200)
    persons = forms.ModelMultipleChoiceField(
        queryset=LegalSavvyPerson.objects.none(),
        label=_("Attendees"),
        error_messages={"required": _("Choose at least one person who attended.")},
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persons"].queryset = persons_in_scope(user).select_related("village")

    def passed_map(self, data):
        """{person id: True/False/None} from the per-person selects named passed_<id>."""
        values = {"yes": True, "no": False}
        return {p.pk: values.get(data.get(f"passed_{p.pk}", "")) for p in self.cleaned_data["persons"]}


class TrainingPickForm(AreaFilterMixin, forms.Form):
    """Which people to list as possible attendees."""

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_area_fields(user)


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
