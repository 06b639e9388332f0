"""The upload page (town officers and coordinators): choose the kind and file, dry run or import;
the job page then shows its progress and what it found."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from accounts.scopes import is_manager
from common.errors import Refusal
from common.forms import show_refusal
from outreach.access import can_create, can_manage
from outreach.models import Event

from .kinds import CHECKINS, DUTY_SHIFTS, EVENTS, KINDS, LEGAL_SAVVY
from .services import start_import
from .template_files import TEMPLATES


def kinds_for(user):
    """What this user may import from the upload page (sheets are imported from their event)."""
    kinds = []
    if is_manager(user):
        kinds += [DUTY_SHIFTS, LEGAL_SAVVY]
    if can_create(user):
        kinds.append(EVENTS)
    return [(kind, KINDS[kind]) for kind in KINDS if kind in kinds]


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"))
    file = forms.FileField(label=_("File (.xlsx or .csv)"))
    dry_run = forms.BooleanField(
        label=_("Dry run: check the file and show what would change, write nothing"), required=False, initial=True
    )


@login_required
def upload(request):
    kinds = kinds_for(request.user)
    if not kinds:
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    form.fields["kind"].choices = kinds
    if request.method == "POST" and form.is_valid():
        try:
            job = start_import(
                by=request.user,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                dry_run=form.cleaned_data["dry_run"],
            )
        except Refusal as refusal:
            show_refusal(form, refusal)
        else:
            return redirect("jobs:job_detail", pk=job.pk)
    return render(request, "imports/upload.html", {"form": form, "templates": kinds})


class SheetForm(forms.Form):
    file = forms.FileField(label=_("File (.xlsx or .csv)"), required=False)
    pasted = forms.CharField(
        label=_("Or paste the cells copied from Excel (with the header row)"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=2_000_000,
    )
    dry_run = forms.BooleanField(label=_("Dry run: check the sheet, write nothing"), required=False)


@login_required
def sheet(request, event):
    """A paper sign-in sheet of one event: a file or pasted cells (tab-separated), as a job."""
    found = Event.objects.select_related("area").filter(pk=event).first()
    if found is None or not can_manage(request.user, found):
        raise Http404
    form = SheetForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload is None and form.cleaned_data["pasted"].strip():
            upload = SimpleUploadedFile("pasted.tsv", form.cleaned_data["pasted"].encode("utf-8"))
        try:
            job = start_import(
                by=request.user,
                kind=CHECKINS,
                upload=upload,
                dry_run=form.cleaned_data["dry_run"],
                params={"event": found.pk},
            )
        except Refusal as refusal:
            show_refusal(form, refusal)
        else:
            return redirect("jobs:job_detail", pk=job.pk)
    return render(request, "imports/sheet.html", {"form": form, "event": found})


@login_required
def template(request, kind):
    if not (is_manager(request.user) or can_create(request.user)):
        raise PermissionDenied
    if kind not in TEMPLATES:
        raise Http404
    return TEMPLATES[kind]()
