"""Trainings (one session, many attendees), volunteer activities and the yearly summary."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.scopes import scope_q
from common.forms import show_refusal

from . import queries, services
from .access import get_activity, get_person, get_training, manager_required
from .forms import ActivityForm, SummaryForm, TrainingSessionForm
from .models import LegalSavvyActivity, Training


@manager_required
def training_list(request):
    """Training sessions in the user's area, newest first, with attendance and pass counts."""
    sessions = (
        Training.objects.filter(scope_q(request.user, "person__village__code"))
        .order_by()
        .values("session", "date", "topic", "hours")
        .annotate(
            attendees=Count("id"),
            passed_count=Count("id", filter=Q(passed=True)),
            failed_count=Count("id", filter=Q(passed=False)),
        )
        .order_by("-date", "topic")
    )
    page = Paginator(sessions, 50).get_page(request.GET.get("page"))
    return render(request, "legalsavvy/trainings.html", {"page": page})


@manager_required
def training_create(request):
    """Pick who attended (type-ahead, or whole villages) and who passed; record the session once."""
    initial = {"date": timezone.localdate(), "hours": 2}
    village = request.GET.get("village", "")
    if village.isdigit():
        initial["villages"] = [village[:12]]
    form = TrainingSessionForm(request.user, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.record_training_session(
                data["attendees"], data["date"], data["hours"], data["topic"], form.passed_map(), user=request.user
            )
        except ValidationError as exc:
            show_refusal(form, exc)
        else:
            messages.success(request, _("Training recorded for %(count)d people.") % {"count": len(created)})
            return redirect("legalsavvy:trainings")
    return render(request, "legalsavvy/training_form.html", {"form": form})


@require_POST
@manager_required
def training_delete(request, pk):
    training = get_training(request.user, pk)
    person_pk = training.person_id
    services.delete_training(training, user=request.user)
    messages.success(request, _("The training record is deleted."))
    return redirect("legalsavvy:person", pk=person_pk)


@manager_required
def activity_create(request, pk):
    person = get_person(request.user, pk)
    form = ActivityForm(request.POST or None, initial={"date": timezone.localdate(), "count": 1})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_activity(
                person, data["date"], data["kind"], data["count"], data["hours"] or 0, data["notes"], user=request.user
            )
        except ValidationError as exc:
            show_refusal(form, exc)
        else:
            messages.success(request, _("Activity recorded."))
            return redirect("legalsavvy:person", pk=person.pk)
    return render(request, "legalsavvy/activity_form.html", {"person": person, "form": form})


@require_POST
@manager_required
def activity_delete(request, pk):
    activity = get_activity(request.user, pk)
    person_pk = activity.person_id
    services.delete_activity(activity, user=request.user)
    messages.success(request, _("The activity record is deleted."))
    return redirect("legalsavvy:person", pk=person_pk)


@manager_required
def summary(request):
    """The year per village and per person; coordinators also see the most and least active."""
    form = SummaryForm(request.user, request.GET)
    form.is_valid()
    year = form.cleaned_data.get("year") or timezone.localdate().year
    town = form.cleaned_data.get("town") or ""
    villages = queries.village_year_summary(request.user, year, town=town)
    persons = queries.person_year_summary(request.user, year, town=town)
    page = Paginator(persons.order_by("-activity_count", "village__code", "name", "id"), 100).get_page(
        request.GET.get("page")
    )
    context = {
        "form": form,
        "year": year,
        "villages": villages,
        "page": page,
        "kinds": LegalSavvyActivity.Kind.choices,
        "quota": settings.LEGAL_SAVVY_QUOTA,
    }
    if request.user.is_coordinator:
        context["most_active"] = persons.filter(activity_count__gt=0).order_by(
            "-activity_count", "-activity_hours", "id"
        )[:10]
        context["least_active"] = persons.order_by("activity_count", "activity_hours", "village__code", "id")[:10]
    query = request.GET.copy()
    query.pop("page", None)
    context["query"] = query.urlencode()
    return render(request, "legalsavvy/summary.html", context)
