"""The roll-up rows of the areas a write touched are rebuilt when it commits (coverage/signals.py):
shifts and events saved, moved and deleted, audiences changed, check-ins made (once per event per
debounce window) and deleted. A year never rolled up is left alone; a year being rebuilt whole is
skipped (PostgreSQL, real threads)."""

import threading

import pytest
from django.core.cache import cache
from django.db import connection, connections, transaction

from coverage.models import AreaMonth, AreaMonthAudience, RollupYear
from coverage.rollups import refresh_areas, refresh_rollups
from outreach.models import CheckIn
from outreach.signals import debounce_key
from tests.coverage.conftest import local, make_event, make_shift


def month_row(area, month):
    return AreaMonth.objects.filter(area=area, month=month).values("events", "checkins", "residents", "shifts").first()


@pytest.fixture
def rolled(areas):
    refresh_rollups([2023])
    return areas


def test_shifts_saved_moved_and_deleted_rebuild_their_villages(rolled, advisor, django_capture_on_commit_callbacks):
    areas = rolled
    with django_capture_on_commit_callbacks(execute=True):
        shift = make_shift(advisor, areas.jianfeng, "2023-03-02", 8)
    assert month_row(areas.jianfeng, 202303)["shifts"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        shift.village = areas.nanao
        shift.save()
    assert month_row(areas.jianfeng, 202303) is None  # the old village's row is gone with its only shift
    assert month_row(areas.nanao, 202303)["shifts"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        shift.delete()
    assert month_row(areas.nanao, 202303) is None


def test_events_and_their_attendees_home_villages_are_rebuilt(rolled, django_capture_on_commit_callbacks):
    areas = rolled
    with django_capture_on_commit_callbacks(execute=True):
        event = make_event(areas.jianfeng, "2023-03-01 10:00", audiences=("youth",), checkins=[areas.nanao])
    assert month_row(areas.jianfeng, 202303) == {"events": 1, "checkins": 1, "residents": 0, "shifts": 0}
    assert month_row(areas.nanao, 202303)["residents"] == 1
    assert AreaMonthAudience.objects.filter(area=areas.jianfeng, month=202303, audience="youth").exists()
    # Moved to May: March loses it, May has it, the resident moves month with it.
    with django_capture_on_commit_callbacks(execute=True):
        event.starts_at, event.ends_at = local("2023-05-01 10:00"), local("2023-05-01 12:00")
        event.save()
    assert month_row(areas.jianfeng, 202303) is None and month_row(areas.nanao, 202303) is None
    assert month_row(areas.nanao, 202305)["residents"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        event.audience_rows.filter(audience="youth").delete()
    assert not AreaMonthAudience.objects.filter(area=areas.jianfeng, audience="youth").exists()
    with django_capture_on_commit_callbacks(execute=True):  # check-ins protect an event: they go first
        event.checkins.all().delete()
        event.delete()
    assert not AreaMonth.objects.filter(month__gte=202301).exists()


def test_deleted_check_ins_leave_their_home_villages(rolled, django_capture_on_commit_callbacks):
    """An undone paper sheet deletes its check-ins: the home villages they named are rebuilt too."""
    areas = rolled
    with django_capture_on_commit_callbacks(execute=True):
        event = make_event(areas.jianfeng, "2023-03-01 10:00", checkins=[areas.nanao, areas.xinwei])
    assert month_row(areas.xinwei, 202303)["residents"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        CheckIn.objects.filter(event=event, home_village=areas.xinwei).delete()
    assert month_row(areas.xinwei, 202303) is None
    assert month_row(areas.jianfeng, 202303)["checkins"] == 1


def test_check_in_bursts_rebuild_once_per_window(rolled, settings, django_capture_on_commit_callbacks):
    areas = rolled
    settings.CHECKIN_DEBOUNCE_SECONDS = 60
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event = make_event(areas.jianfeng, "2023-03-01 10:00")
    for n in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            CheckIn.objects.create(event=event, name="居民", phone=f"1390000000{n}", home_village=areas.nanao)
    # Without a broker the window's first check-in rebuilds at once; the others wait for the next window.
    assert month_row(areas.jianfeng, 202303)["checkins"] == 1
    cache.delete(debounce_key(event.pk))  # the window has passed
    with django_capture_on_commit_callbacks(execute=True):
        CheckIn.objects.create(event=event, name="居民", phone="13900000009")
    assert month_row(areas.jianfeng, 202303)["checkins"] == 4
    assert month_row(areas.nanao, 202303)["residents"] == 3


def test_a_year_never_rolled_up_is_left_alone(areas, advisor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_shift(advisor, areas.jianfeng, "2023-03-02", 8)
    assert not AreaMonth.objects.exists() and not RollupYear.objects.exists()
    assert refresh_areas(2023, [areas.jianfeng.pk]) is False


def test_writes_can_leave_it_to_the_job(rolled, advisor, settings, django_capture_on_commit_callbacks):
    settings.COVERAGE_ROLLUPS_ON_WRITE = False
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        make_shift(advisor, rolled.jianfeng, "2023-03-02", 8)
    assert month_row(rolled.jianfeng, 202303) is None
    assert not [c for c in callbacks if hasattr(c, "coverage_touched")]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL only")
@pytest.mark.django_db(transaction=True)
def test_a_part_rebuild_skips_a_year_being_rebuilt_whole(areas, advisor):
    """While a full rebuild holds the year (FOR UPDATE), a rebuild after a write returns at once
    instead of queueing behind it; once the rebuild is over, it runs."""
    refresh_rollups([2023])
    make_shift(advisor, areas.jianfeng, "2023-03-02", 8)  # autocommit: rebuilt at once
    assert month_row(areas.jianfeng, 202303)["shifts"] == 1
    holding, release = threading.Event(), threading.Event()

    def full_rebuild_in_progress():
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM coverage_rollupyear WHERE year = 2023 FOR UPDATE")
                holding.set()
                release.wait(10)
        finally:
            connections.close_all()

    thread = threading.Thread(target=full_rebuild_in_progress)
    thread.start()
    try:
        assert holding.wait(10)
        assert refresh_areas(2023, [areas.jianfeng.pk]) is False
    finally:
        release.set()
        thread.join(10)
    assert refresh_areas(2023, [areas.jianfeng.pk]) is True
