"""common.periods: parsing year/quarter/month/custom periods into local dates and aware datetimes."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict

from common.periods import Period, parse_period

UTC = UTC


def test_a_year_runs_from_local_midnight_to_local_midnight():
    period = parse_period({"year": "2023"})
    assert (period.kind, period.start, period.end) == ("year", date(2023, 1, 1), date(2023, 12, 31))
    # Beijing midnight is 16:00 UTC the day before.
    assert period.start_dt == datetime(2022, 12, 31, 16, 0, tzinfo=UTC)
    assert period.end_dt == datetime(2023, 12, 31, 16, 0, tzinfo=UTC)
    assert period.months == 12 and period.label == "2023"


def test_quarters_and_months():
    q = parse_period(QueryDict("year=2024&quarter=1"))
    assert (q.start, q.end, q.months) == (date(2024, 1, 1), date(2024, 3, 31), 3)
    m = parse_period({"year": 2024, "month": "2"})
    assert (m.start, m.end, m.months) == (date(2024, 2, 1), date(2024, 2, 29), 1)
    assert parse_period({"year": 2023, "quarter": 4}).end == date(2023, 12, 31)
    assert q.label == "2024 Q1"


def test_a_custom_period_prorates_partial_months_by_days():
    period = parse_period({"start": "2023-01-01", "end": "2023-06-15"})
    assert period.kind == "custom" and period.months == Decimal("5.5")
    assert parse_period({"start": "2023-02-15", "end": "2023-03-14"}).months == Decimal("0.952")  # 14/28 + 14/31
    assert parse_period({"start": "2023-03-01", "end": "2023-03-01"}).months == Decimal("0.032")
    assert period.label == "2023-01-01 to 2023-06-15"


def test_no_parameters_means_the_current_year_or_the_default(time_machine):
    time_machine.move_to(datetime(2024, 12, 31, 17, 0, tzinfo=UTC))  # already 2025 in Beijing
    assert parse_period({}) == Period.for_year(2025)
    so_far = parse_period({}, default=Period.year_to_date)
    assert so_far == Period.custom(date(2025, 1, 1), date(2025, 1, 1))
    assert so_far.label == "2025 so far (to 2025-01-01)"


def test_last_year_is_the_same_period_shifted():
    assert Period.for_quarter(2024, 2).shifted_years(-1) == Period.for_quarter(2023, 2)
    assert Period.custom(date(2024, 2, 29), date(2024, 3, 10)).shifted_years(-1) == Period.custom(
        date(2023, 2, 28), date(2023, 3, 10)
    )


@pytest.mark.parametrize(
    "params, field",
    [
        ({"year": "x"}, "year"),
        ({"year": "1979"}, "year"),
        ({"year": "2101"}, "year"),
        ({"year": "2023", "quarter": "0"}, "quarter"),
        ({"year": "2023", "month": "1.5"}, "month"),
        ({"quarter": "2"}, "year"),
        ({"year": "2023", "quarter": "1", "month": "1"}, "month"),
        ({"start": "2023-13-01", "end": "2023-12-31"}, "start"),
        ({"start": "2023-01-01"}, "end"),
        ({"start": "2023-05-01", "end": "2023-04-30"}, "end"),
        ({"start": "2000-01-01", "end": "2023-01-01"}, "end"),
        ({"start": "2023-01-01", "end": "2023-01-31", "month": "1"}, "start"),
    ],
)
def test_bad_parameters_raise_field_errors(params, field):
    with pytest.raises(ValidationError) as caught:
        parse_period(params)
    assert field in caught.value.message_dict
