"""The import kinds this app registers with the job runner (jobs.registry)."""

from django.utils.translation import gettext_lazy as _

from jobs import registry

from .duty.run import run_duty_import, undo_duty_import

DUTY_SHIFTS = "duty_shifts"
KINDS = {DUTY_SHIFTS: _("Duty ledger")}

registry.register(DUTY_SHIFTS, KINDS[DUTY_SHIFTS], run_duty_import, undo_duty_import)
