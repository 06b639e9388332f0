"""The roll-ups (coverage.models, refreshed by coverage.rollups) give exactly the live answer: for
random events, check-ins, shifts and legal-savvy terms, and random month-aligned periods, the area
rows, the headline, the monthly trend and a district's village rows read from AreaMonth equal
coverage.rows/coverage.summary computed live.
Runs on SQLite and, with DATABASE_URL, on PostgreSQL."""

from dataclasses import asdict
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from advisors.models import Advisor
from common.periods import Period
from common.signals import bulk_written
from coverage import areas as rollup
from coverage import summary
from coverage.models import AreaMonth, RollupYear
from coverage.rollups import refresh_after_import, refresh_rollups, years_with_data
from coverage.rows import village_coverage
from tests.coverage.conftest import make_event, make_savvy, make_shift

TODAY = date(2024, 7, 15)
AUDIENCES = ["general", "youth", "students", "elderly", "women"]
AGES = ["under_18", "18_35", "36_59", "60_plus"]

event_st = st.fixed_dictionaries(
    {
        "area": st.integers(0, 7),  # 0–4 villages (4 inactive), 5–6 towns, 7 the district
        "month": st.integers(1, 24),
        "day": st.sampled_from([1, 2, 15, 28]),
        "time": st.sampled_from(["00:10", "07:59", "08:00", "12:00", "23:50"]),  # UTC and local months differ
        "status": st.sampled_from(["held", "held", "planned", "cancelled"]),
        "walk_ins": st.integers(0, 3),
        "audiences": st.lists(st.sampled_from(AUDIENCES), min_size=1, max_size=2, unique=True),
        "checkins": st.lists(st.tuples(st.integers(-1, 4), st.booleans(), st.sampled_from(AGES)), max_size=3),
    }
)
shift_st = st.tuples(
    st.integers(0, 4),
    st.integers(1, 24),
    st.sampled_from([1, 28]),
    st.sampled_from(["2", "4", "8"]),
    st.sampled_from(["office", "home_visit"]),
)
savvy_st = st.tuples(st.integers(0, 4), st.integers(1, 24), st.one_of(st.none(), st.integers(1, 24)))
period_st = st.one_of(
    st.tuples(st.integers(1, 24), st.integers(0, 11)).map(lambda t: (t[0], min(24, t[0] + t[1]))),
    st.just((1, 12)),
    st.just((13, 24)),
)


def month_date(index, day=1):
    year, month = 2023 + (index - 1) // 12, (index - 1) % 12 + 1
    return date(year, month, day)


def period_of(first, last):
    end = month_date(last + 1) if last < 24 else date(2025, 1, 1)
    return Period.custom(month_date(first), date.fromordinal(end.toordinal() - 1))


def build(areas, events, shifts, savvies):
    villages = [areas.jianfeng, areas.xinwei, areas.nanao, areas.dengsheng, areas.closed]
    places = villages + [areas.jingan, areas.baijiao, areas.district]
    advisor = Advisor.objects.create(name="律师")
    for item in events:
        checkins = [
            {"home": villages[home] if home >= 0 else None, "annulled": annulled, "age_group": age}
            for home, annulled, age in item["checkins"]
        ]
        make_event(
            places[item["area"]],
            f"{month_date(item['month'], item['day']).isoformat()} {item['time']}",
            status=item["status"],
            walk_ins=item["walk_ins"],
            audiences=item["audiences"],
            checkins=checkins,
        )
    for village, month, day, hours, mode in shifts:
        make_shift(advisor, villages[village], month_date(month, day), hours, mode)
    for village, start, length in savvies:
        removed = month_date(min(24, start + length)).isoformat() if length else None
        make_savvy(villages[village], month_date(start).isoformat(), removed)


def live_area(period, area):
    rows = village_coverage(period, area, today=TODAY, live=True)
    head = summary.headline(period, area.code, rows)
    return {
        "villages": head["villages"],
        "events": head["events"],
        "attendees": head["attendees"],
        "residents_reached": sum(r.residents_reached for r in rows),
        "duty_shifts": head["duty_shifts"],
        "duty_hours": Decimal(head["duty_hours"]).quantize(Decimal("0.01")),
        "duty_hours_required": head["duty_hours_required"],
        "home_visits": head["home_visits"],
        "villages_without_event": head["villages_without_event"],
        "villages_meeting_duty": head["villages_meeting_duty"],
        "villages_meeting_quota": head["villages_meeting_quota"],
    }


def rolled(row):
    return {
        "villages": row.villages,
        "events": row.events,
        "attendees": row.attendees,
        "residents_reached": row.residents_reached,
        "duty_shifts": row.duty_shifts,
        "duty_hours": row.duty_hours,
        "duty_hours_required": row.duty_hours_required,
        "home_visits": row.home_visits,
        "villages_without_event": row.villages_without_event,
        "villages_meeting_duty": row.villages_meeting_duty,
        "villages_meeting_quota": row.villages_meeting_quota,
    }


# No shrinking: each example builds rows in the database, and shrinking one takes minutes.
@settings(
    max_examples=25,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    events=st.lists(event_st, max_size=8),
    shifts=st.lists(shift_st, max_size=10),
    savvies=st.lists(savvy_st, max_size=6),
    periods=st.lists(period_st, min_size=1, max_size=3),
)
def test_rollups_equal_the_live_computation(areas, events, shifts, savvies, periods):
    with transaction.atomic():
        build(areas, events, shifts, savvies)
        refresh_rollups([2023, 2024])
        for first, last in periods:
            period = period_of(first, last)
            assert rollup.readable(period, TODAY)
            towns = [areas.baijiao, areas.jingan]
            rows = rollup.area_rows(period, areas.district.code, towns, today=TODAY)
            for town, row in zip(towns, rows, strict=True):
                assert rolled(row) == live_area(period, town), (period, town.code)
            (whole,) = rollup.area_rows(period, areas.district.code, [areas.district], today=TODAY)
            live = live_area(period, areas.district)
            assert rolled(whole) == live
            # The page's headline: the sum of every town prefix (events at district level included).
            found = rollup.aggregate(period, areas.district.code, 9, today=TODAY)
            head = rollup.headline(period, areas.district, found)
            assert {key: head[key] for key in head if key in live} == {
                key: value for key, value in live.items() if key != "residents_reached"
            }
            assert rollup.monthly_trend(period, areas.district.code) == summary.monthly_trend(
                period, areas.district.code
            )
            # A district's village rows, their sums read from the roll-ups: field for field the live rows.
            live_rows = village_coverage(period, areas.district, today=TODAY, live=True)
            rolled_rows = village_coverage(period, areas.district, today=TODAY, live=False)
            assert [asdict(row) for row in rolled_rows] == [asdict(row) for row in live_rows], period
        transaction.set_rollback(True)


def test_refresh_replaces_a_year_and_records_as_of(areas, django_capture_on_commit_callbacks):
    make_event(areas.jianfeng, "2023-03-01 10:00", walk_ins=2, checkins=[areas.nanao])
    assert rollup.as_of(Period.for_year(2023)) is None
    call_command("refresh_rollups", "--year", "2023")
    first = RollupYear.objects.get(year=2023).refreshed_at
    assert rollup.as_of(Period.for_year(2023)) == first
    assert AreaMonth.objects.get(area=areas.jianfeng, month=202303).events == 1
    assert AreaMonth.objects.get(area=areas.nanao, month=202303).residents == 1
    # A new write is not seen until the next refresh (the page says "as of").
    make_event(areas.jianfeng, "2023-03-05 10:00")
    assert AreaMonth.objects.get(area=areas.jianfeng, month=202303).events == 1
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert refresh_after_import([2023, None]) == [2023]
    assert len(callbacks) == 1  # after the import's commit
    assert AreaMonth.objects.get(area=areas.jianfeng, month=202303).events == 2
    # What an import (below coverage in the layers) sends instead of calling coverage.
    make_event(areas.jianfeng, "2023-03-06 10:00")
    with django_capture_on_commit_callbacks(execute=True):
        bulk_written.send(sender="imports.events", years={2023})
    assert AreaMonth.objects.get(area=areas.jianfeng, month=202303).events == 3
    assert RollupYear.objects.get(year=2023).refreshed_at >= first
    assert AreaMonth.objects.filter(month__lt=202301).count() == 0


def test_the_command_refreshes_every_year_with_data(areas):
    make_event(areas.jianfeng, "2021-12-31 23:30")  # local 2021
    make_shift(Advisor.objects.create(name="律师"), areas.nanao, "2023-01-05", 8)
    assert years_with_data() == [2021, 2022, 2023]
    call_command("refresh_rollups", "--all")
    assert set(RollupYear.objects.values_list("year", flat=True)) == {2021, 2022, 2023}
    assert AreaMonth.objects.get(area=areas.jianfeng).month == 202112


def test_readable_periods():
    assert rollup.readable(Period.for_year(2023), TODAY)
    assert rollup.readable(Period.for_quarter(2024, 2), TODAY)
    assert rollup.readable(Period.year_to_date(TODAY), TODAY)
    assert not rollup.readable(Period.custom(date(2023, 1, 1), date(2023, 6, 15)), TODAY)
    assert not rollup.readable(Period.custom(date(2023, 1, 2), date(2023, 6, 30)), TODAY)


@pytest.mark.parametrize("towns", [1, 2])
def test_area_rows_run_a_fixed_number_of_queries(areas, django_assert_max_num_queries, towns):
    make_event(areas.jianfeng, "2023-03-01 10:00")
    refresh_rollups([2023])
    children = [areas.baijiao, areas.jingan][:towns]
    with django_assert_max_num_queries(3):
        rollup.area_rows(Period.for_year(2023), areas.district.code, children, today=TODAY)


def test_the_beat_task_refreshes_this_year_and_the_last(areas, settings):
    from common.clock import local_today
    from coverage.tasks import refresh_rollups as task

    entry = settings.CELERY_BEAT_SCHEDULE["refresh-rollups"]
    assert entry["task"] == task.name == "coverage.refresh_rollups"
    year = local_today().year
    make_event(areas.jianfeng, f"{year}-01-01 10:00")
    assert task.apply().get() == [year - 1, year]
    assert AreaMonth.objects.get(area=areas.jianfeng, month=year * 100 + 1).events == 1
    assert set(RollupYear.objects.values_list("year", flat=True)) == {year - 1, year}
