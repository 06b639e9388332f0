"""The works and awards registry: the list (coordinators and town officers, within their area) and
add/edit/delete (coordinators), writes through works.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.scopes import is_manager
from common.forms import show_refusal

from . import services
from .forms import AwardForm, WorkForm, YearFilterForm
from .queries import awards_in_scope, works_in_scope


def _managers(user):
    if not is_manager(user):
        raise PermissionDenied


def _coordinators(user):
    if not services.may_manage(user):
        raise PermissionDenied


@login_required
def registry(request):
    _managers(request.user)
    form = YearFilterForm(request.GET)
    year = form.cleaned_data.get("year") if form.is_valid() else None
    works = works_in_scope(request.user).prefetch_related("awards")
    awards = awards_in_scope(request.user)
    if year:
        works, awards = works.filter(year=year), awards.filter(year=year)
    return render(
        request,
        "works/registry.html",
        {"form": form, "works": works, "awards": awards, "can_manage": services.may_manage(request.user)},
    )


def _edit(request, form_class, save, instance, template):
    _coordinators(request.user)
    form = form_class(request.user, request.POST or None, request.FILES or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields if name in form.cleaned_data}
        if data.get("file") is None:  # no new upload: keep the file
            data.pop("file", None)
        elif data.get("file") is False:  # "clear" ticked
            data["file"] = ""
        try:
            save(request.user, instance, **data)
        except ValidationError as exc:
            show_refusal(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("works:list")
    return render(request, template, {"form": form, "object": instance})


@login_required
def work_form(request, pk=None):
    work = get_object_or_404(works_in_scope(request.user), pk=pk) if pk else None
    return _edit(request, WorkForm, services.save_work, work, "works/work_form.html")


@login_required
def award_form(request, pk=None):
    award = get_object_or_404(awards_in_scope(request.user), pk=pk) if pk else None
    return _edit(request, AwardForm, services.save_award, award, "works/award_form.html")


@login_required
@require_POST
def work_delete(request, pk):
    work = get_object_or_404(works_in_scope(request.user), pk=pk)
    try:
        services.delete_work(request.user, work)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("works:work_edit", pk=pk)
    messages.success(request, _("Deleted."))
    return redirect("works:list")


@login_required
@require_POST
def award_delete(request, pk):
    award = get_object_or_404(awards_in_scope(request.user), pk=pk)
    services.delete_award(request.user, award)
    messages.success(request, _("Deleted."))
    return redirect("works:list")
