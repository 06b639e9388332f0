"""The inbox (every logged-in user), marking read, and the page to mute reminder kinds."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import services
from .models import Kind, Notification


@login_required
def inbox(request):
    notes = Notification.objects.filter(user=request.user).order_by("-created", "-id")
    page = Paginator(notes, 30).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page": page, "notes": page.object_list})


@login_required
@require_POST
def mark_read(request, pk):
    note = get_object_or_404(Notification, pk=pk, user=request.user)
    services.mark_read(request.user, [note.pk])
    target = request.POST.get("next") or ""
    if target == "open" and note.url and url_has_allowed_host_and_scheme(note.url, allowed_hosts=None):
        return redirect(note.url)
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_all_read(request):
    services.mark_read(request.user)
    return redirect("notifications:inbox")


@login_required
def preferences(request):
    if request.method == "POST":
        services.set_muted(request.user, request.POST.getlist("muted"))
        return redirect("notifications:preferences")
    muted = services.muted_kinds(request.user)
    kinds = [{"value": value, "label": label, "muted": value in muted} for value, label in Kind.choices]
    return render(request, "notifications/preferences.html", {"kinds": kinds})
