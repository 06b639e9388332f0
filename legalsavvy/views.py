"""Registry pages: the list with filters and search, a person's page, register / edit / remove /
re-appoint / pair. Thin: forms check input, ``services`` apply the rules, ``queries`` read."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.exports import csv_response, xlsx_response
from common.forms import show_refusal

from . import queries, services
from .access import get_person, kept_phone, manager_required, shown_phone
from .forms import PersonForm, ReappointForm, RegistryFilterForm, RemoveForm

PAGE_SIZE = 50


@manager_required
def registry(request):
    form = RegistryFilterForm(request.user, request.GET)
    persons = queries.registry(request.user, **form.filters())
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        return _export(request.user, persons, export)
    page = Paginator(persons, PAGE_SIZE).get_page(request.GET.get("page"))
    for person in page.object_list:
        person.shown_phone = shown_phone(request.user, person.phone)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "legalsavvy/registry.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
        },
    )


def _export(user, persons, kind):
    """The filtered registry as a spreadsheet, streamed; phones masked except for coordinators."""
    header = [
        _("Town"),
        _("Village"),
        _("Village code"),
        _("Name"),
        _("Gender"),
        _("Birth year"),
        _("Phone"),
        _("Drawn from"),
        _("Appointed on"),
        _("Status"),
        _("Removed on"),
        _("Reason"),
        _("Certificate number"),
        _("Villager group"),
    ]

    def rows():
        for p in persons.iterator(chunk_size=2000):
            yield [
                p.village.parent.name if p.village.parent_id else "",
                p.village.name,
                p.village.code,
                p.name,
                p.get_gender_display(),
                p.birth_year or "",
                shown_phone(user, p.phone),
                p.get_source_display(),
                p.appointed_on.isoformat(),
                p.get_status_display(),
                p.removed_on.isoformat() if p.removed_on else "",
                p.removal_reason,
                p.certificate_no,
                p.villager_group,
            ]

    filename = f"legal-savvy-{timezone.localdate():%Y%m%d}.{kind}"
    if kind == "csv":
        return csv_response(filename, header, rows())
    return xlsx_response(filename, [(_("Legal-savvy persons"), header, rows())])


@manager_required
def person_detail(request, pk):
    person = get_person(request.user, pk)
    return render(
        request,
        "legalsavvy/person.html",
        {
            "person": person,
            "phone": shown_phone(request.user, person.phone),
            "terms": person.terms.select_related("village").order_by("appointed_on"),
            "trainings": person.trainings.all()[:100],
            "hours_by_year": queries.training_hours_by_year(person),
            "activities": person.activities.all()[:50],
            "activity_by_year": queries.activity_by_year(person),
            "events": person.events.order_by("-starts_at").values("id", "title", "starts_at", "status")[:20],
            "remove_form": RemoveForm(initial={"removed_on": timezone.localdate()}),
            "reappoint_form": ReappointForm(initial={"appointed_on": timezone.localdate()}),
        },
    )


@manager_required
def person_create(request):
    initial = {"appointed_on": timezone.localdate()}
    if request.GET.get("village", "").isdigit():
        initial["village"] = request.GET["village"]
    form = PersonForm(request.user, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            person = services.appoint_person(user=request.user, **data)
        except ValidationError as exc:
            show_refusal(form, exc)
        else:
            messages.success(request, _("%(name)s is registered.") % {"name": person.name})
            return redirect("legalsavvy:person", pk=person.pk)
    return render(request, "legalsavvy/person_form.html", {"form": form, "person": None})


@manager_required
def person_edit(request, pk):
    person = get_person(request.user, pk)
    initial = {
        "village": person.village.code,
        "name": person.name,
        "gender": person.gender,
        "birth_year": person.birth_year,
        "phone": shown_phone(request.user, person.phone),
        "source": person.source,
        "villager_group": person.villager_group,
        "nomination_route": person.nomination_route,
        "certificate_no": person.certificate_no,
        "appointed_on": person.appointed_on,
        "advisor": person.advisor_id,
    }
    form = PersonForm(request.user, request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["phone"] = kept_phone(request.user, data["phone"], person.phone)
        try:
            services.update_person(person, user=request.user, **data)
        except ValidationError as exc:
            show_refusal(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("legalsavvy:person", pk=person.pk)
    return render(request, "legalsavvy/person_form.html", {"form": form, "person": person})


@manager_required
def person_remove(request, pk):
    person = get_person(request.user, pk)
    form = RemoveForm(request.POST or None, initial={"removed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.remove_person(
                person, form.cleaned_data["removed_on"], form.cleaned_data["removal_reason"], user=request.user
            )
        except ValidationError as exc:
            show_refusal(form, exc)
        else:
            messages.success(request, _("%(name)s is removed from the registry.") % {"name": person.name})
            return redirect("legalsavvy:person", pk=person.pk)
    return render(
        request,
        "legalsavvy/person_action.html",
        {
            "person": person,
            "form": form,
            "title": _("Remove from the registry"),
            "button": _("Remove"),
        },
    )


@manager_required
def person_reappoint(request, pk):
    person = get_person(request.user, pk)
    form = ReappointForm(request.POST or None, initial={"appointed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.reappoint_person(person, form.cleaned_data["appointed_on"], user=request.user)
        except ValidationError as exc:
            show_refusal(form, exc)
        else:
            messages.success(request, _("%(name)s is appointed again.") % {"name": person.name})
            return redirect("legalsavvy:person", pk=person.pk)
    return render(
        request,
        "legalsavvy/person_action.html",
        {
            "person": person,
            "form": form,
            "title": _("Appoint again"),
            "button": _("Appoint again"),
        },
    )


@require_POST
@manager_required
def person_pair(request, pk):
    person = get_person(request.user, pk)
    try:
        person = services.pair_with_advisor(person, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Paired with %(advisor)s.") % {"advisor": person.advisor.name})
    return redirect("legalsavvy:person", pk=pk)
