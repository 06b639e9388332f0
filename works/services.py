"""Writes to the works and awards registry: coordinators of the area, checked, locked, audited."""

from datetime import date

from django.db import transaction

from accounts import audit
from accounts.scopes import in_scope
from common.clock import MIN_YEAR, local_today
from places.models import Area

from .errors import WorkError, WorkRefused
from .models import Award, Work

WORK_FIELDS = ["title", "kind", "year", "area", "producers", "link", "notes"]
AWARD_FIELDS = ["title", "level", "awarding_body", "year", "recipient_kind", "recipient", "work", "area", "notes"]


def may_manage(user, area=None):
    """Coordinators change the registry (within their scope); town officers read it."""
    if not (user and user.is_authenticated and getattr(user, "is_coordinator", False)):
        return False
    return area is None or in_scope(user, area.code)


def _check(user, area):
    if not (user and user.is_authenticated and getattr(user, "is_coordinator", False)):
        raise WorkRefused(WorkError.NOT_ALLOWED)
    if area is None or not in_scope(user, area.code):
        raise WorkRefused(WorkError.OUT_OF_SCOPE, "area")


def _year(value):
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise WorkRefused(WorkError.BAD_YEAR, "year") from None
    if not MIN_YEAR <= year <= local_today().year:
        raise WorkRefused(WorkError.BAD_YEAR, "year")
    return year


def _snapshot(obj, fields):
    return {f: getattr(obj, f"{f}_id" if f in ("area", "work") else f) for f in fields}


def _lock(area):
    Area.objects.select_for_update().filter(pk=area.pk).first()


def save_work(user, work=None, **data):
    """Create (``work`` None) or update a work from ``data`` (the WORK_FIELDS, optionally ``file``)."""
    work = work or Work()
    before = _snapshot(work, WORK_FIELDS) if work.pk else {}
    for field in [*WORK_FIELDS, "file"]:
        if field in data:
            setattr(work, field, data[field])
    _check(user, work.area if work.area_id else None)
    work.title = (work.title or "").strip().strip("《》")
    if not work.title:
        raise WorkRefused(WorkError.TITLE_REQUIRED, "title")
    work.year = _year(work.year)
    work.producers = (work.producers or "").strip()
    with transaction.atomic():
        _lock(work.area)
        duplicate = Work.objects.filter(area=work.area, year=work.year, title=work.title).exclude(pk=work.pk)
        if duplicate.exists():
            raise WorkRefused(WorkError.DUPLICATE_WORK, "title")
        work.full_clean(exclude=["area", "file"])
        created = work.pk is None
        work.save()
        audit.record(
            user,
            work,
            "create" if created else "update",
            area_code=work.area.code,
            record_date=date(work.year, 12, 31),
            changes=audit.diff(before, _snapshot(work, WORK_FIELDS), WORK_FIELDS),
        )
    return work


def delete_work(user, work):
    _check(user, work.area)
    with transaction.atomic():
        _lock(work.area)
        if work.awards.exists():
            raise WorkRefused(WorkError.WORK_HAS_AWARDS)
        audit.record(user, work, "delete", area_code=work.area.code, record_date=date(work.year, 12, 31))
        work.delete()


def save_award(user, award=None, **data):
    """Create or update an award. An award for a work names the work (its recipient defaults to
    《title》); one for a project or a person names them in ``recipient``."""
    award = award or Award()
    before = _snapshot(award, AWARD_FIELDS) if award.pk else {}
    for field in AWARD_FIELDS:
        if field in data:
            setattr(award, field, data[field])
    _check(user, award.area if award.area_id else None)
    award.title = (award.title or "").strip()
    if not award.title:
        raise WorkRefused(WorkError.TITLE_REQUIRED, "title")
    award.year = _year(award.year)
    award.recipient = (award.recipient or "").strip()
    if award.recipient_kind == Award.RecipientKind.WORK:
        if award.work_id is None:
            raise WorkRefused(WorkError.WORK_REQUIRED, "work")
        if not in_scope(user, award.work.area.code):
            raise WorkRefused(WorkError.OUT_OF_SCOPE, "work")
        award.recipient = award.recipient or str(award.work)
    elif not award.recipient:
        raise WorkRefused(WorkError.RECIPIENT_REQUIRED, "recipient")
    with transaction.atomic():
        _lock(award.area)
        award.full_clean(exclude=["area", "work"])
        created = award.pk is None
        award.save()
        audit.record(
            user,
            award,
            "create" if created else "update",
            area_code=award.area.code,
            record_date=date(award.year, 12, 31),
            changes=audit.diff(before, _snapshot(award, AWARD_FIELDS), AWARD_FIELDS),
        )
    return award


def delete_award(user, award):
    _check(user, award.area)
    with transaction.atomic():
        _lock(award.area)
        audit.record(user, award, "delete", area_code=award.area.code, record_date=date(award.year, 12, 31))
        award.delete()
