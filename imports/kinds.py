"""The import kinds this app registers with the job runner (jobs.registry)."""

from django.utils.translation import gettext_lazy as _

from jobs import registry

from .checkins import run_sheet_import, undo_sheet_import
from .duty.run import run_duty_import, undo_duty_import
from .events import run_events_import, undo_events_import
from .roster import run_roster_import, undo_roster_import

DUTY_SHIFTS = "duty_shifts"
CHECKINS = "checkins"
LEGAL_SAVVY = "legal_savvy"
EVENTS = "events"
KINDS = {
    DUTY_SHIFTS: _("Duty ledger"),
    EVENTS: _("Events held"),
    LEGAL_SAVVY: _("Legal-savvy roster"),
    CHECKINS: _("Paper sign-in sheet of an event"),
}

registry.register(DUTY_SHIFTS, KINDS[DUTY_SHIFTS], run_duty_import, undo_duty_import)
registry.register(EVENTS, KINDS[EVENTS], run_events_import, undo_events_import)
# A sheet is undone as a whole (its check-ins deleted) until an attendee of it gives feedback.
registry.register(CHECKINS, KINDS[CHECKINS], run_sheet_import, undo_sheet_import)
# New persons, and registered ones updated, removed or appointed again (legalsavvy.importer.matching).
registry.register(LEGAL_SAVVY, KINDS[LEGAL_SAVVY], run_roster_import, undo_roster_import)
