"""Village honors (民主法治示范村 at each level, 学法用法示范户): writes and scoped reads.

The model is legalsavvy.models.VillageHonor; pages in legalsavvy/views_honors.py, API in api/legalsavvy.
"""

from django.db import transaction
from django.utils import timezone

from accounts import audit
from accounts.models import AuditEntry
from accounts.scopes import scope_q
from common.clock import MIN_YEAR
from places.models import Area

from ..errors import SavvyError, refusal
from ..models import VillageHonor
from ._common import check_can_manage, clean_village

FIELDS = ["village", "title", "level", "status", "year", "holder", "notes"]


def honors_in_scope(user):
    return VillageHonor.objects.filter(scope_q(user, "village__code"))


def _clean(honor):
    this_year = timezone.localdate().year
    latest = this_year + 1 if honor.status == VillageHonor.Status.CANDIDATE else this_year
    try:
        year = int(honor.year)
    except (TypeError, ValueError):
        raise refusal("year", SavvyError.HONOR_YEAR) from None
    if not MIN_YEAR <= year <= latest:
        raise refusal("year", SavvyError.HONOR_YEAR)
    honor.year = year
    honor.holder = (honor.holder or "").strip()
    honor.notes = (honor.notes or "").strip()
    honor.full_clean(exclude=["village"])
    duplicate = VillageHonor.objects.filter(
        village=honor.village, title=honor.title, level=honor.level, year=honor.year, holder=honor.holder
    ).exclude(pk=honor.pk)
    if duplicate.exists():
        raise refusal("title", SavvyError.HONOR_DUPLICATE)


def _snapshot(honor):
    return {f: getattr(honor, "village_id" if f == "village" else f) for f in FIELDS}


def add_honor(*, village, title, level, year, status=VillageHonor.Status.AWARDED, holder="", notes="", user=None):
    if village is None or village.level != Area.Level.VILLAGE:
        raise refusal("village", SavvyError.NOT_A_VILLAGE)
    check_can_manage(user, village.code)
    honor = VillageHonor(
        village=village, title=title, level=level, year=year, status=status or "awarded", holder=holder, notes=notes
    )
    with transaction.atomic():
        # Two officers adding the same honor at once: the second waits, then sees the first.
        Area.objects.select_for_update().filter(pk=village.pk).first()
        _clean(honor)
        honor.save()
        audit.record(user, honor, AuditEntry.Action.CREATE, area_code=village.code, summary=str(honor)[:300])
    return honor


def update_honor(honor, *, user=None, **changes):
    check_can_manage(user, honor.village.code)
    before = _snapshot(honor)
    if "village" in changes and changes["village"] != honor.village:
        clean_village(changes["village"])
        check_can_manage(user, changes["village"].code)
    for field in FIELDS:
        if field in changes:
            setattr(honor, field, changes[field])
    with transaction.atomic():
        Area.objects.select_for_update().filter(pk=honor.village_id).first()
        _clean(honor)
        changed = audit.diff(before, _snapshot(honor), FIELDS)
        if changed:
            honor.save()
            audit.record(user, honor, AuditEntry.Action.UPDATE, area_code=honor.village.code, changes=changed)
    return honor


def delete_honor(honor, *, user=None):
    """An honor entered by mistake may be deleted; the audit log keeps what it was."""
    check_can_manage(user, honor.village.code)
    with transaction.atomic():
        audit.record(
            user,
            honor,
            AuditEntry.Action.DELETE,
            area_code=honor.village.code,
            changes={f: [v, None] for f, v in _snapshot(honor).items() if v not in ("", None)},
        )
        honor.delete()
