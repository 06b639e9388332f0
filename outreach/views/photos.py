"""Organizer pages for an event's photos: everyone who sees the event sees them; managers add and remove."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from outreach import services
from outreach.access import can_manage
from outreach.forms import PhotoForm
from outreach.models import EventPhoto

from ._common import _event


@login_required
def event_photos(request, pk):
    event = _event(request, pk)
    manage = can_manage(request.user, event)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.add_photo(request.user, event, form.cleaned_data["image"], form.cleaned_data["caption"])
            except ValidationError as error:
                form.add_error("image", error)
            else:
                messages.success(request, _("Photo added."))
                return redirect("outreach:event_photos", pk=pk)
    return render(
        request,
        "outreach/event_photos.html",
        {
            "event": event,
            "form": form,
            "manage": manage,
            "photos": event.photos.all(),
        },
    )


@login_required
@require_POST
def photo_delete(request, pk, photo_pk):
    event = _event(request, pk, manage=True)
    photo = get_object_or_404(EventPhoto, pk=photo_pk, event=event)
    services.delete_photo(request.user, photo)
    messages.success(request, _("Photo removed."))
    return redirect("outreach:event_photos", pk=pk)
