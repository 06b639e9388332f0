"""Roster upload for coordinators: upload → dry run (what would change, or every bad line) → confirm.

The upload is written to disk in chunks and read back as a stream, so a large roster never sits
in memory; the confirm step runs the whole check again (the registry may have changed meanwhile).
"""

import secrets
import time
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.scopes import scope_prefix

from .access import coordinator_required
from .forms import ImportForm
from .importer import MAX_FILE_BYTES, FileErrorCode, RosterFileError, import_roster

SESSION_KEY = "legalsavvy_import"
KEEP_SECONDS = 24 * 3600
MAX_ERRORS_SHOWN = 500


def _folder():
    folder = Path(settings.MEDIA_ROOT) / "legalsavvy-imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _store(upload):
    """Save the upload under an unguessable name; forget uploads older than a day."""
    folder = _folder()
    for old in folder.iterdir():
        if old.is_file() and old.stat().st_mtime < time.time() - KEEP_SECONDS:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(16)
    ext = ".xlsx" if upload.name.lower().endswith(".xlsx") else ".csv"
    path = folder / f"{token}{ext}"
    with open(path, "wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    return token, path


def _stored_path(token):
    if not token or not token.replace("-", "").replace("_", "").isalnum():
        return None
    for ext in (".xlsx", ".csv"):
        path = _folder() / f"{token}{ext}"
        if path.is_file():
            return path
    return None


@coordinator_required
def roster_import(request):
    form = ImportForm()
    context = {"form": form, "max_errors": MAX_ERRORS_SHOWN, "quota": settings.LEGAL_SAVVY_QUOTA}
    scope = scope_prefix(request.user)
    if request.method == "POST" and request.POST.get("confirm"):
        stored = request.session.get(SESSION_KEY) or {}
        path = _stored_path(stored.get("token")) if stored.get("token") == request.POST.get("token") else None
        if path is None:
            messages.error(request, _("The uploaded file is no longer available; upload it again."))
            return redirect("legalsavvy:import")
        result = import_roster(path, dry_run=False, user=request.user, scope=scope)
        path.unlink(missing_ok=True)
        request.session.pop(SESSION_KEY, None)
        if result.ok:
            messages.success(
                request,
                _("%(created)d people imported from %(rows)d rows.") % {"created": result.created, "rows": result.rows},
            )
            return redirect("legalsavvy:registry")
        context.update(result=result, filename=stored.get("name", ""))
        return render(request, "legalsavvy/import.html", context, status=400)
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > MAX_FILE_BYTES:
                form.add_error("file", str(RosterFileError(FileErrorCode.TOO_BIG)))
                return render(request, "legalsavvy/import.html", context, status=400)
            token, path = _store(upload)
            result = import_roster(path, upload.name, dry_run=True, user=request.user, scope=scope)
            context.update(result=result, filename=upload.name)
            if result.ok:
                request.session[SESSION_KEY] = {"token": token, "name": upload.name}
                context["token"] = token
            else:
                path.unlink(missing_ok=True)
            return render(request, "legalsavvy/import.html", context, status=200 if result.ok else 400)
        return render(request, "legalsavvy/import.html", context, status=400)
    return render(request, "legalsavvy/import.html", context)
