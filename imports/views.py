"""The upload page (town officers and coordinators): choose the kind and file, dry run or import;
the job page then shows its progress and what it found."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from accounts.scopes import is_manager
from common.errors import Refusal
from common.forms import show_refusal

from .kinds import KINDS
from .services import start_import
from .template_files import TEMPLATES


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=list(KINDS.items()))
    file = forms.FileField(label=_("File (.xlsx or .csv)"))
    dry_run = forms.BooleanField(
        label=_("Dry run: check the file and show what would change, write nothing"), required=False, initial=True
    )


@login_required
def upload(request):
    if not is_manager(request.user):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
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
    return render(request, "imports/upload.html", {"form": form, "templates": [(k, KINDS[k]) for k in TEMPLATES]})


@login_required
def template(request, kind):
    if not is_manager(request.user):
        raise PermissionDenied
    if kind not in TEMPLATES:
        raise Http404
    return TEMPLATES[kind]()
