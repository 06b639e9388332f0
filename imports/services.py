"""Starting an import: who may, which file, then a job (jobs.services.start_job)."""

from accounts.scopes import is_manager
from jobs.services import start_job
from outreach.access import can_create, can_manage
from outreach.models import Event

from .errors import ImportErrorCode, ImportRefused
from .kinds import CHECKINS, EVENTS, KINDS
from .reading import MAX_FILE_BYTES


def start_import(*, by, kind, upload, dry_run=False, params=None):
    """Town officers and coordinators import into their own area (each line is checked against it);
    a sign-in sheet (``params["event"]``) by whoever manages the event (its organizer, a coordinator)."""
    if kind not in KINDS:
        raise ImportRefused(ImportErrorCode.UNKNOWN_KIND, "kind")
    params = params or {}
    if kind == CHECKINS:
        event = Event.objects.select_related("area").filter(pk=params.get("event") or 0).first()
        if event is None:
            raise ImportRefused(ImportErrorCode.NO_EVENT, "event")
        if not can_manage(by, event):
            raise ImportRefused(ImportErrorCode.NOT_ALLOWED)
    elif kind == EVENTS:
        if not can_create(by):
            raise ImportRefused(ImportErrorCode.NOT_ALLOWED)
    elif not is_manager(by):
        raise ImportRefused(ImportErrorCode.NOT_ALLOWED)
    if upload is None:
        raise ImportRefused(ImportErrorCode.NO_FILE, "file")
    name = (getattr(upload, "name", "") or "").lower()
    if not (name.endswith(".xlsx") or name.endswith(".csv") or name.endswith(".tsv")):
        raise ImportRefused(ImportErrorCode.BAD_TYPE, "file")
    if getattr(upload, "size", 0) > MAX_FILE_BYTES:
        raise ImportRefused(ImportErrorCode.TOO_BIG, "file")
    return start_job(by=by, kind=kind, upload=upload, dry_run=dry_run, params=params)
