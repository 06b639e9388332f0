"""Managing who serves where: the villages overview (officers), advisors and assignments (coordinators)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.scopes import in_scope, may_see_full_phones, scope_q
from common.clock import local_today, month_bounds
from common.forms import show_refusal

from . import duty, services
from .access import is_coordinator
from .errors import DutyError, DutyRefused
from .forms import AdvisorForm, AssignmentForm, EndAssignmentForm
from .models import Advisor, Assignment
from .views import refused
from .views_ledger import manager_required, town_choices

PAGE_SIZE = 100


def coordinator_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_coordinator(request.user):
            return refused(request, _("Only coordinators manage advisors and assignments."))
        return view(request, *args, **kwargs)

    return wrapper


@manager_required
def villages(request):
    """Every village in the area: its advisor today, this month's duty hours, its poster."""
    today = local_today()
    first, last = month_bounds(today.year, today.month)
    town = request.GET.get("town", "")
    queryset = duty.villages_in_scope(request.user, town if town.isdigit() else None)
    page = Paginator(duty.annotate_duty(queryset, first, last), PAGE_SIZE).get_page(request.GET.get("page"))
    current = duty.current_assignment_names([v.pk for v in page.object_list], today)
    rows = [
        {"village": v, "assignment": current.get(v.pk), "under": v.duty_hours < duty.required_hours()}
        for v in page.object_list
    ]
    return render(
        request,
        "advisors/villages.html",
        {
            "rows": rows,
            "page": page,
            "towns": town_choices(request.user),
            "town": town,
            "today": today,
            "required": duty.required_hours(),
            "can_assign": is_coordinator(request.user),
        },
    )


@coordinator_required
def advisor_list(request):
    today = local_today()
    current = Assignment.objects.select_related("village").in_force(today).order_by("village__code")
    advisors = (
        Advisor.objects.select_related("user")
        .annotate(assignment_count=Count("assignments"))
        .prefetch_related(Prefetch("assignments", queryset=current, to_attr="current_assignments"))
    )
    query = request.GET.get("q", "").replace("\x00", "").strip()[:50]
    if query:
        advisors = advisors.filter(Q(name__icontains=query) | Q(firm__icontains=query))
    page = Paginator(advisors.order_by("-active", "name", "id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "advisors/advisor_list.html", {"page": page, "q": query})


@coordinator_required
def advisor_edit(request, pk=None):
    advisor = get_object_or_404(Advisor, pk=pk) if pk is not None else None
    if request.method == "POST":
        form = AdvisorForm(request.POST, instance=advisor)
        if form.is_valid():
            try:
                advisor = services.save_advisor(by=request.user, advisor=advisor, **form.cleaned_data)
            except DutyRefused as refusal:
                show_refusal(form, refusal)
            else:
                messages.success(request, _("Advisor saved."))
                return redirect("advisors:advisor_edit", pk=advisor.pk)
    else:
        form = AdvisorForm(instance=advisor)
    assignments = []
    if advisor is not None:
        assignments = advisor.assignments.select_related("village", "village__parent").order_by("-starts_on")
    return render(
        request,
        "advisors/advisor_form.html",
        {
            "form": form,
            "advisor": advisor,
            "assignments": assignments,
            "end_form": EndAssignmentForm(),
            "show_phone": advisor is not None and may_see_full_phones(request.user, advisor.user_id),
        },
    )


@coordinator_required
def assignment_create(request):
    if request.method == "POST":
        form = AssignmentForm(request.user, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            if not in_scope(request.user, data["village"].code):
                show_refusal(form, DutyRefused(DutyError.OUT_OF_SCOPE, "village"))
            else:
                try:
                    assignment = services.assign_advisor(by=request.user, **data)
                except DutyRefused as refusal:
                    show_refusal(form, refusal)
                else:
                    messages.success(
                        request,
                        _("%(advisor)s now serves %(village)s.")
                        % {"advisor": assignment.advisor.name, "village": assignment.village.name},
                    )
                    return redirect("advisors:advisor_edit", pk=assignment.advisor_id)
    else:
        initial = {"starts_on": local_today(), "village": request.GET.get("village", "")[:12]}
        advisor_id = request.GET.get("advisor", "")
        if advisor_id.isdigit():
            initial["advisor"] = int(advisor_id)
        form = AssignmentForm(request.user, initial=initial)
    return render(request, "advisors/assignment_form.html", {"form": form})


@coordinator_required
@require_POST
def assignment_end(request, pk):
    assignment = get_object_or_404(
        Assignment.objects.select_related("advisor", "village").filter(scope_q(request.user, "village__code")), pk=pk
    )
    form = EndAssignmentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the last day of service."))
    else:
        try:
            services.end_assignment(assignment, by=request.user, ends_on=form.cleaned_data["ends_on"])
        except DutyRefused as refusal:
            messages.error(request, refusal.text)
        else:
            messages.success(request, _("Assignment ended."))
    return redirect("advisors:advisor_edit", pk=assignment.advisor_id)
