"""The roll-up rows of the areas a write touched are rebuilt right after it commits.

A shift saved or deleted, an event saved or deleted (or its audiences changed), an event's check-ins
changed (``outreach.signals.checkins_changed``, once per event per burst) or a check-in deleted: the
touched (year, area) pairs are gathered for the whole transaction, and on commit the task
``coverage.refresh_areas`` rebuilds each year's touched areas (``rollups.refresh_areas``; in-process
without a broker, at the check-in window's end with one). An event's pairs include the home villages
of its attendees (their residents reached). The periodic full rebuild stays the backstop (and the "as
of" time); bulk imports announce whole years instead (``common.signals.bulk_written``). A failure is
logged, never raised into the write. ``COVERAGE_ROLLUPS_ON_WRITE = False`` leaves it to the job."""

import logging
from collections import defaultdict
from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from advisors.models import DutyShift
from common.clock import local_date
from outreach.models import CheckIn, Event, EventAudience
from outreach.signals import checkins_changed

logger = logging.getLogger("coverage")


class Touched:
    """What one transaction touched: {year: area ids}, the events whose areas and attendees' home
    villages are looked up at commit, and the longest countdown asked for."""

    def __init__(self):
        self.areas = defaultdict(set)
        self.events = set()
        self.homes = defaultdict(set)  # event id → home villages of its deleted check-ins
        self.years = {}  # event id → its local year, for the homes of an event deleted after them
        self.countdown = None
        self.queued = self.flushed = False

    def add(self, year, area_id):
        if year and area_id:
            self.areas[year].add(area_id)

    def flush(self):
        from .tasks import refresh_areas_task

        if self.events:
            homes = self.homes
            rows = CheckIn.objects.filter(event_id__in=self.events, home_village__isnull=False).order_by()
            for event_id, home in rows.values_list("event_id", "home_village_id").distinct():
                homes[event_id].add(home)
            for event_id, area_id, starts_at in Event.objects.filter(pk__in=self.events).values_list(
                "pk", "area_id", "starts_at"
            ):
                self.years.pop(event_id, None)
                year = local_date(starts_at).year
                for area in {area_id} | homes[event_id]:
                    self.add(year, area)
            for event_id, year in self.years.items():  # deleted since: what its check-ins named
                for area in homes[event_id]:
                    self.add(year, area)
        for year, area_ids in sorted(self.areas.items()):
            try:
                refresh_areas_task.apply_async((year, sorted(area_ids)), countdown=self.countdown)
            except Exception:
                logger.exception("Could not refresh the coverage roll-ups of %s in %s", sorted(area_ids), year)


def touched():
    """This transaction's Touched, still waiting for its commit, or a new one (``queue`` it)."""
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        for _savepoints, callback, _robust in connection.run_on_commit:
            found = getattr(callback, "coverage_touched", None)
            if found is not None and not found.flushed:
                return found
    return Touched()


def queue(found):
    """Flush ``found`` once the transaction commits (at once in autocommit), the first time only."""
    if found.queued:
        return found
    found.queued = True

    def flush():
        found.flushed = True
        try:
            found.flush()
        except Exception:
            logger.exception("Could not refresh the coverage roll-ups after a write")

    flush.coverage_touched = found
    transaction.on_commit(flush)
    return found


def _enabled(raw=False):
    return settings.COVERAGE_ROLLUPS_ON_WRITE and not raw


def _year(value):
    """The local year of a date or a datetime (a date given as text, before a save parsed it, too)."""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        return local_date(value).year
    return getattr(value, "year", None)


# Where a record was before an update (a moved shift or event leaves its old area's rows wrong).
@receiver(pre_save, sender=DutyShift, dispatch_uid="coverage_before_shift_save")
@receiver(pre_save, sender=Event, dispatch_uid="coverage_before_event_save")
def remember_place(sender, instance, raw=False, **kwargs):
    if not _enabled(raw) or instance.pk is None:
        return
    area, when = ("village_id", "date") if sender is DutyShift else ("area_id", "starts_at")
    instance._coverage_was = sender.objects.filter(pk=instance.pk).values_list(area, when).first()


@receiver(post_save, sender=DutyShift, dispatch_uid="coverage_after_shift_save")
@receiver(post_delete, sender=DutyShift, dispatch_uid="coverage_after_shift_delete")
def shift_written(sender, instance, raw=False, **kwargs):
    if not _enabled(raw):
        return
    found = touched()
    found.add(_year(instance.date), instance.village_id)
    was = getattr(instance, "_coverage_was", None)
    if was:
        found.add(_year(was[1]), was[0])
    queue(found)


@receiver(post_save, sender=Event, dispatch_uid="coverage_after_event_save")
def event_written(sender, instance, raw=False, **kwargs):
    if not _enabled(raw):
        return
    found = touched()
    found.events.add(instance.pk)
    was = getattr(instance, "_coverage_was", None)
    if was:  # its old place and year, with its attendees' home villages in that year
        year = _year(was[1])
        found.add(year, was[0])
        for home in instance.checkins.exclude(home_village=None).values_list("home_village_id", flat=True):
            found.add(year, home)
    queue(found)


@receiver(pre_delete, sender=Event, dispatch_uid="coverage_before_event_delete")
def event_deleted(sender, instance, **kwargs):
    """Before the event and its check-ins are gone: its area and its attendees' home villages."""
    if not _enabled():
        return
    found, year = touched(), _year(instance.starts_at)
    found.add(year, instance.area_id)
    for home in instance.checkins.exclude(home_village=None).values_list("home_village_id", flat=True).distinct():
        found.add(year, home)
    queue(found)


@receiver(post_save, sender=EventAudience, dispatch_uid="coverage_after_audience_save")
@receiver(post_delete, sender=EventAudience, dispatch_uid="coverage_after_audience_delete")
def audience_written(sender, instance, **kwargs):
    if _enabled(kwargs.get("raw", False)):
        found = touched()
        found.events.add(instance.event_id)
        queue(found)


@receiver(checkins_changed, dispatch_uid="coverage_after_checkins")
def checkins_written(sender, event_id, countdown=None, **kwargs):
    if not _enabled():
        return
    found = touched()
    found.events.add(event_id)
    if countdown:
        found.countdown = max(found.countdown or 0, countdown)
    queue(found)


@receiver(post_delete, sender=CheckIn, dispatch_uid="coverage_after_checkin_delete")
def checkin_deleted(sender, instance, **kwargs):
    """A deleted check-in (an undone sheet) no longer names its home village: remember it now."""
    if not _enabled():
        return
    found = touched()
    found.events.add(instance.event_id)
    if instance.home_village_id:
        found.homes[instance.event_id].add(instance.home_village_id)
        if instance.event_id not in found.years:  # once per event: the event may be deleted next
            starts_at = Event.objects.filter(pk=instance.event_id).values_list("starts_at", flat=True).first()
            found.years[instance.event_id] = _year(starts_at) if starts_at else None
    queue(found)
