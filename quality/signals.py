"""Recompute a shift's flags after it is written (cheap: one village, one day), once the write commits."""

import logging

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from advisors.models import DutyShift
from places.models import Area

from .compute import compute_flags
from .rules import SHIFT_RULES

logger = logging.getLogger("quality")


@receiver(post_save, sender=DutyShift, dispatch_uid="quality_flags_after_shift_write")
def flag_shift_after_write(sender, instance, raw=False, **kwargs):
    if raw:
        return
    village_id, day = instance.village_id, instance.date

    def recompute():
        try:
            code = Area.objects.filter(pk=village_id).values_list("code", flat=True).first()
            if code:
                compute_flags(code, day, day, rules=SHIFT_RULES)
        except Exception:  # a flag is advice: it must never break the write it follows
            logger.exception("Could not recompute the flags of village %s on %s", village_id, day)

    transaction.on_commit(recompute)
