"""common.clock: business time is Asia/Shanghai (settings.TIME_ZONE) whatever the server's zone."""

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import time_machine

from common import clock

UTC = UTC
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_the_business_zone_comes_from_the_settings(settings):
    assert str(clock.business_tz()) == settings.TIME_ZONE == "Asia/Shanghai"


def test_local_today_turns_at_local_midnight_not_at_utc_midnight():
    # 15:59 UTC on 31 December is 23:59 in Guangdong: still the old year.
    with time_machine.travel(datetime(2023, 12, 31, 15, 59, tzinfo=UTC), tick=False):
        assert clock.local_today() == date(2023, 12, 31)
        assert clock.local_now().utcoffset() == timedelta(hours=8)
    # 16:00 UTC is local midnight: the new year has begun although UTC is still on the 31st.
    with time_machine.travel(datetime(2023, 12, 31, 16, 0, tzinfo=UTC), tick=False):
        assert clock.local_today() == date(2024, 1, 1)
        assert clock.local_now() == datetime(2024, 1, 1, 0, 0, tzinfo=SHANGHAI)


def test_local_date_of_an_aware_datetime():
    assert clock.local_date(datetime(2023, 6, 30, 17, 30, tzinfo=UTC)) == date(2023, 7, 1)
    assert clock.local_date(datetime(2023, 6, 30, 15, 30, tzinfo=UTC)) == date(2023, 6, 30)
    assert clock.local_date(datetime(2023, 7, 1, 0, 30, tzinfo=SHANGHAI)) == date(2023, 7, 1)
    assert clock.local_date(None) is None


def test_local_midnight_is_the_start_of_the_local_day():
    assert clock.local_midnight(date(2023, 1, 1)) == datetime(2022, 12, 31, 16, 0, tzinfo=UTC)


def test_month_bounds_including_december_and_leap_february():
    assert clock.month_bounds(2023, 5) == (date(2023, 5, 1), date(2023, 5, 31))
    assert clock.month_bounds(2023, 12) == (date(2023, 12, 1), date(2023, 12, 31))
    assert clock.month_bounds(2024, 2) == (date(2024, 2, 1), date(2024, 2, 29))
    assert clock.month_bounds(2023, 2) == (date(2023, 2, 1), date(2023, 2, 28))
    assert clock.month_bounds(2100, 2)[1] == date(2100, 2, 28)  # a century, not a leap year


def test_year_bounds_give_local_dates_and_aware_local_midnights():
    first, last, start, end = clock.year_bounds(2023)
    assert (first, last) == (date(2023, 1, 1), date(2023, 12, 31))
    assert start == datetime(2022, 12, 31, 16, 0, tzinfo=UTC)
    assert end == datetime(2023, 12, 31, 16, 0, tzinfo=UTC)
    assert start.tzinfo is not None and end - start == timedelta(days=365)


def test_hours_minutes_and_months():
    assert clock.hours_between(time(9, 0), time(11, 20)) == Decimal("2.33")
    assert clock.hours_between(time(9, 0), None) == Decimal("0.00")
    assert clock.hours_between(time(11, 0), time(9, 0)) == Decimal("0.00")
    assert clock.minute(time(9, 5, 42, 7)) == time(9, 5)
    assert clock.parse_month("2023-05") == (2023, 5)
    assert clock.parse_month("2023-13", default="x") == "x"
    assert clock.parse_month(None) is None


def test_year_limits_live_here_and_the_periods_use_them():
    from common import periods

    assert (clock.MIN_YEAR, clock.MAX_YEAR) == (1980, 2100)
    assert (periods.MIN_YEAR, periods.MAX_YEAR) == (clock.MIN_YEAR, clock.MAX_YEAR)
