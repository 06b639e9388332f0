"""Villages against the quota: the overview (which villages are under) and one village's roster."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.scopes import scope_prefix
from advisors.models import Assignment

from . import services
from .access import get_village, manager_required, shown_phone
from .forms import VillagesForm
from .models import LegalSavvyPerson
from .quota import quota_status, quota_summary


def _advisor_name(on_date):
    current = (
        Assignment.objects.filter(village=OuterRef("pk"))
        .in_force(on_date)
        .order_by("-starts_on")
        .values("advisor__name")[:1]
    )
    return Subquery(current)


@manager_required
def village_list(request):
    form = VillagesForm(request.user, request.GET)
    form.is_valid()
    on_date = form.cleaned_data.get("on") or timezone.localdate()
    area = form.cleaned_data.get("town") or scope_prefix(request.user)
    rows = quota_status(on_date, area).select_related("parent").annotate(advisor_name=_advisor_name(on_date))
    if form.cleaned_data.get("under_only"):
        rows = rows.filter(meets_quota=False)
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "legalsavvy/villages.html",
        {
            "form": form,
            "page": page,
            "on_date": on_date,
            "quota": settings.LEGAL_SAVVY_QUOTA,
            "totals": quota_summary(on_date, area),
            "query": query.urlencode(),
        },
    )


@manager_required
def village_roster(request, code):
    village = get_village(request.user, code)
    today = timezone.localdate()
    status = quota_status(today, village.code).filter(pk=village.pk).first()
    persons = list(
        LegalSavvyPerson.objects.filter(village=village).select_related("advisor").order_by("status", "name", "id")
    )
    for person in persons:
        person.shown_phone = shown_phone(request.user, person.phone)
    return render(
        request,
        "legalsavvy/village.html",
        {
            "village": village,
            "active_count": status.legal_savvy_active if status else 0,
            "meets_quota": bool(status and status.meets_quota),
            "quota": settings.LEGAL_SAVVY_QUOTA,
            "active": [p for p in persons if p.status == LegalSavvyPerson.Status.ACTIVE],
            "removed": [p for p in persons if p.status == LegalSavvyPerson.Status.REMOVED],
            "advisor": services.current_advisor(village, today),
            "honors": village.honors.order_by("-year", "title"),
        },
    )


@require_POST
@manager_required
def village_pair(request, code):
    village = get_village(request.user, code)
    try:
        changed = services.pair_village(village, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(count)d people paired with the village's advisor.") % {"count": changed})
    return redirect("legalsavvy:village", code=village.code)
