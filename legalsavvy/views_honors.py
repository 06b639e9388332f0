"""Village honors: the list with filters, add, edit, delete (managers, within their area)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.forms import show_refusal

from .access import manager_required
from .forms import HonorFilterForm, HonorForm
from .services import honors


def _get_honor(user, pk):
    return get_object_or_404(honors.honors_in_scope(user).select_related("village", "village__parent"), pk=pk)


@manager_required
def honor_list(request):
    form = HonorFilterForm(request.user, request.GET)
    form.is_valid()
    data = form.cleaned_data
    rows = honors.honors_in_scope(request.user).select_related("village", "village__parent")
    if data.get("village"):
        rows = rows.filter(village__code=data["village"])
    elif data.get("town"):
        rows = rows.filter(village__code__startswith=data["town"])
    for field in ("title", "level", "status", "year"):
        if data.get(field):
            rows = rows.filter(**{field: data[field]})
    page = Paginator(rows.order_by("-year", "village__code", "title", "id"), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "legalsavvy/honors.html", {"form": form, "page": page, "query": query.urlencode()})


def _save(request, form, honor=None):
    data = dict(form.cleaned_data)
    try:
        if honor is None:
            honor = honors.add_honor(user=request.user, **data)
        else:
            honors.update_honor(honor, user=request.user, **data)
    except ValidationError as exc:
        show_refusal(form, exc)
        return None
    messages.success(request, _("Saved."))
    return redirect(f"{reverse('legalsavvy:honors')}?town={honor.village.code[:9]}&village={honor.village.code}")


@manager_required
def honor_create(request):
    initial = {}
    if request.GET.get("village", "").isdigit():
        initial["village"] = request.GET["village"]
    form = HonorForm(request.user, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        response = _save(request, form)
        if response:
            return response
    return render(request, "legalsavvy/honor_form.html", {"form": form, "honor": None})


@manager_required
def honor_edit(request, pk):
    honor = _get_honor(request.user, pk)
    initial = {
        "village": honor.village.code,
        "title": honor.title,
        "level": honor.level,
        "status": honor.status,
        "year": honor.year,
        "holder": honor.holder,
        "notes": honor.notes,
    }
    form = HonorForm(request.user, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        response = _save(request, form, honor)
        if response:
            return response
    return render(request, "legalsavvy/honor_form.html", {"form": form, "honor": honor})


@require_POST
@manager_required
def honor_delete(request, pk):
    honor = _get_honor(request.user, pk)
    honors.delete_honor(honor, user=request.user)
    messages.success(request, _("The honor is deleted."))
    return redirect("legalsavvy:honors")
