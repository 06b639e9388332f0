"""The duty ledger's export: its header and rows (the page's direct CSV/XLSX download and the export
job share them), and the job that writes a province-scale XLSX in the background with progress
(kind ``ledger_xlsx``, registered from ``AdvisorsConfig.ready``).

The job keeps the page's filters (``encode_filters``) and rebuilds the queryset for the user who
started it (``duty.ledger_queryset``: their own scope), so it sees exactly what the page would."""

import datetime
import tempfile

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from accounts.scopes import is_manager
from common.clock import business_tz
from jobs.registry import JobFailed, Outcome, register

from . import duty
from .models import DutyShift

LEDGER_XLSX = "ledger_xlsx"
PROGRESS_EVERY = 1000
_DATES = ("date_after", "date_before")


def counter_labels():
    return [DutyShift._meta.get_field(name).verbose_name for name in DutyShift.COUNTERS]


def ledger_header():
    return [
        _("Date"),
        _("From"),
        _("To"),
        _("Hours"),
        _("Town"),
        _("Village code"),
        _("Village"),
        _("Advisor"),
        _("Mode"),
        *[str(label) for label in counter_labels()],
        _("Presence verified by QR"),
        _("Approved at"),
        _("Approved by"),
        _("Notes"),
    ]


def ledger_rows(shifts):
    modes = dict(DutyShift.Mode.choices)
    for shift in shifts.iterator(chunk_size=2000):
        yield [
            shift.date.isoformat(),
            shift.start_time.strftime("%H:%M"),
            shift.end_time.strftime("%H:%M") if shift.end_time else "",
            float(shift.hours),
            shift.village.parent.name if shift.village.parent else "",
            shift.village.code,
            shift.village.name,
            shift.advisor.name,
            str(modes.get(shift.mode, shift.mode)),
            *[getattr(shift, name) for name in DutyShift.COUNTERS],
            _("yes") if shift.verified_presence else _("no"),
            shift.approved_at.astimezone(business_tz()).strftime("%Y-%m-%d %H:%M") if shift.approved_at else "",
            shift.approved_by.username if shift.approved_by else "",
            shift.notes,
        ]


def encode_filters(filters):
    """The ledger form's valid filters as JSON (dates as ISO text, the month as [year, month])."""
    out = {}
    for name, value in filters.items():
        if isinstance(value, datetime.date):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        elif hasattr(value, "pk"):
            value = value.pk
        out[name] = value
    return out


def decode_filters(data):
    out = dict(data)
    for name in _DATES:
        if out.get(name):
            out[name] = datetime.date.fromisoformat(out[name])
    if out.get("month"):
        out["month"] = tuple(out["month"])
    return out


def run_ledger_xlsx(job, progress):
    """Write the filtered ledger to an XLSX (openpyxl write-only, spooled to a temporary file)."""
    if job.user is None or not is_manager(job.user):
        raise JobFailed([{"line": None, "code": "not_allowed", "message": _("You may not change this record.")}])
    shifts = duty.filter_ledger(duty.ledger_queryset(job.user), **decode_filters(job.params.get("filters", {})))
    total = shifts.count()
    progress(0, total)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Duty ledger")[:31])
    sheet.append(ledger_header())
    done = 0
    for row in ledger_rows(shifts):
        sheet.append(row)
        done += 1
        if done % PROGRESS_EVERY == 0:
            progress(done, max(total, done))
    with tempfile.TemporaryFile() as handle:
        workbook.save(handle)
        handle.seek(0)
        content = handle.read()
    return Outcome(rows_total=done, summary={"export": True}, result=("duty-ledger.xlsx", content))


def register_kinds():
    register(LEDGER_XLSX, gettext_lazy("Duty ledger (Excel export)"), run_ledger_xlsx)
