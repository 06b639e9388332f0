"""coverage.rows.village_coverage: every obligation, every gap rule, "no data" vs zero."""

from datetime import date
from decimal import Decimal

import pytest

from common.periods import Period
from coverage.rollups import refresh_rollups
from coverage.rows import neediest_first, village_coverage
from coverage.rules import Gap, MissingData

from .conftest import assign, complete_village, make_event, make_savvy, make_shift

Y2023 = Period.for_year(2023)
TODAY = date(2024, 3, 1)


def rows_by_code(period=Y2023, area="440403", **kw):
    return {row.village: row for row in village_coverage(period, area, today=TODAY, **kw)}


def test_it_lists_one_row_per_active_village_under_the_area(areas):
    rows = rows_by_code()
    assert set(rows) == {"440403107201", "440403107001", "440403106201", "440403106202"}
    assert set(rows_by_code(area="440403107")) == {"440403107201", "440403107001"}
    assert rows["440403107201"].town == "440403107" and rows["440403107201"].town_name == "井岸镇"


def test_a_complete_village_has_no_gap_and_scores_100(areas, advisor):
    complete_village(areas.jianfeng, advisor)
    row = rows_by_code()["440403107201"]
    assert row.gaps == []
    assert row.score == 100
    assert row.events == 4 and row.attendees == 20
    assert row.duty_hours == Decimal("96.00") and row.duty_hours_required == Decimal("96.0")
    assert row.legal_savvy == 4 and row.legal_savvy_quota == 4
    assert row.audiences_reached == ["general", "youth", "elderly", "women"]
    assert row.advisor == "李律师"


def test_an_empty_village_fails_every_obligation_and_scores_0(areas):
    row = rows_by_code()["440403106201"]
    assert row.gaps == [
        "no_event",
        "no_youth_event",
        "no_elderly_event",
        "duty_below_required",
        "no_advisor",
        "legal_savvy_below_quota",
        "no_youth_reached",
        "no_elderly_reached",
    ]
    assert row.score == 0
    why = {reason.code: reason.why for reason in row.gap_reasons}
    assert "none is recorded before" in why["no_event"]
    assert "0 h recorded of 96 h required (8 h × 12 months), 96 h short" in why["duty_below_required"]
    assert "0 legal-savvy persons active on 2023-12-31; the quota is 4, 4 missing" in why["legal_savvy_below_quota"]


def test_no_event_counts_only_held_events_in_the_village_itself(areas):
    make_event(areas.nanao, "2023-05-01 09:00", status="planned")
    make_event(areas.nanao, "2023-05-02 09:00", status="cancelled")
    make_event(areas.baijiao, "2023-05-03 09:00")  # a town-level event belongs to no village
    make_event(areas.nanao, "2022-11-20 09:00")  # before the period
    row = rows_by_code()["440403106201"]
    assert row.events == 0 and "no_event" in row.gaps
    assert row.last_event_on == date(2022, 11, 20)
    assert row.days_since_last_event == (date(2023, 12, 31) - date(2022, 11, 20)).days
    assert "the last one was on 2022-11-20, 406 days before 2023-12-31" in row.gap_reasons[0].why


def test_one_held_event_clears_no_event(areas):
    make_event(areas.nanao, "2023-05-01 09:00")
    row = rows_by_code()["440403106201"]
    assert row.events == 1 and "no_event" not in row.gaps
    assert row.last_event_on == date(2023, 5, 1)


def test_youth_and_elderly_rules_read_the_event_audiences(areas):
    make_event(areas.nanao, "2023-05-01 09:00", audiences=("general", "women"))
    make_event(areas.dengsheng, "2023-05-01 09:00", audiences=("students",))
    make_event(areas.jianfeng, "2023-05-01 09:00", audiences=("elderly", "youth"))
    make_event(areas.xinwei, "2023-05-01 09:00", audiences=("elderly",), status="planned")
    rows = rows_by_code()
    nanao = rows["440403106201"]
    assert {"no_youth_event", "no_elderly_event"} <= set(nanao.gaps)
    why = {reason.code: reason.why for reason in nanao.gap_reasons}
    assert why["no_youth_event"] == "The 1 event held here in 2023 was not aimed at young people or students."
    assert "no_youth_event" not in rows["440403106202"].gaps  # students count as youth
    assert "no_elderly_event" in rows["440403106202"].gaps
    assert not {"no_youth_event", "no_elderly_event"} & set(rows["440403107201"].gaps)
    assert {"no_youth_event", "no_elderly_event"} <= set(rows["440403107001"].gaps)  # planned ≠ held


def test_duty_rule_compares_hours_with_eight_per_month(areas, advisor):
    assign(advisor, areas.nanao)
    for month in range(1, 12):
        make_shift(advisor, areas.nanao, f"2023-{month:02d}-05", 8)
    make_shift(advisor, areas.nanao, "2023-12-05", 7.5, mode="home_visit")
    make_shift(advisor, areas.nanao, "2024-01-02", 8)  # next year
    row = rows_by_code()["440403106201"]
    assert row.duty_hours == Decimal("95.50") and row.home_visits == 1
    assert "duty_below_required" in row.gaps and "no_advisor" not in row.gaps
    assert row.duty_compliance == 99.5
    make_shift(advisor, areas.nanao, "2023-12-20", 0.5)
    assert "duty_below_required" not in rows_by_code()["440403106201"].gaps


def test_duty_requirement_follows_the_period(areas, advisor):
    make_shift(advisor, areas.nanao, "2023-02-10", 8)
    assert rows_by_code(Period.for_month(2023, 2))["440403106201"].duty_hours_required == Decimal("8.0")
    assert rows_by_code(Period.for_quarter(2023, 1))["440403106201"].duty_hours_required == Decimal("24.0")
    # A custom period prorates a partly covered month by its days: 1 Jan–15 Jun = 5.5 months.
    custom = rows_by_code(Period.custom(date(2023, 1, 1), date(2023, 6, 15)))["440403106201"]
    assert custom.duty_hours_required == Decimal("44.0")
    assert "5.5 months" in {r.code: r.why for r in custom.gap_reasons}["duty_below_required"]
    february = rows_by_code(Period.for_month(2023, 2))["440403106201"]
    assert "duty_below_required" not in february.gaps


def test_no_advisor_is_not_the_same_as_zero_hours(areas, advisor):
    assign(advisor, areas.nanao, "2023-01-01", "2023-03-31")
    rows = rows_by_code()
    assigned, unassigned = rows["440403106201"], rows["440403106202"]
    assert assigned.advisor == "李律师" and assigned.duty_hours == 0
    assert "duty_below_required" in assigned.gaps and "no_advisor" not in assigned.gaps
    assert unassigned.advisor is None and "no_advisor" in unassigned.gaps
    # An assignment that ended before the period does not count.
    assert rows_by_code(Period.for_year(2024))["440403106201"].advisor is None


def test_shifts_without_an_assignment_clear_no_advisor(areas, advisor):
    make_shift(advisor, areas.nanao, "2023-03-01", 4)
    row = rows_by_code()["440403106201"]
    assert "no_advisor" not in row.gaps and "duty_below_required" in row.gaps


def test_legal_savvy_counts_persons_active_on_the_period_end(areas):
    for _ in range(3):
        make_savvy(areas.nanao, "2021-03-01")
    make_savvy(areas.nanao, "2022-01-01", removed_on="2023-12-31")  # removed on the last day: not active
    make_savvy(areas.nanao, "2024-01-05")  # appointed after the period
    row = rows_by_code()["440403106201"]
    assert row.legal_savvy == 3 and "legal_savvy_below_quota" in row.gaps
    assert rows_by_code(Period.for_month(2023, 6))["440403106201"].legal_savvy == 4
    make_savvy(areas.nanao, "2023-12-31")
    assert "legal_savvy_below_quota" not in rows_by_code()["440403106201"].gaps


def test_legal_savvy_quota_is_a_setting(areas, settings):
    settings.LEGAL_SAVVY_QUOTA = 2
    make_savvy(areas.nanao)
    make_savvy(areas.nanao)
    row = rows_by_code()["440403106201"]
    assert row.legal_savvy_quota == 2 and "legal_savvy_below_quota" not in row.gaps


def test_attendees_are_live_checkins_plus_walk_ins(areas):
    make_event(
        areas.nanao, "2023-04-01 09:00", walk_ins=7, checkins=[areas.nanao, areas.nanao, (areas.nanao, True), None]
    )
    row = rows_by_code()["440403106201"]
    assert row.attendees == 3 + 7


def test_residents_reached_are_credited_to_their_home_village(areas):
    # An event in 南澳村 attended by residents of 南澳村, 尖峰村 and nowhere; one at the town hall.
    make_event(
        areas.nanao,
        "2023-04-01 09:00",
        checkins=[areas.nanao, areas.jianfeng, areas.jianfeng, None, (areas.jianfeng, True)],
    )
    make_event(areas.baijiao, "2023-04-02 09:00", checkins=[areas.jianfeng, areas.dengsheng])
    make_event(areas.baijiao, "2023-04-03 09:00", status="cancelled", checkins=[areas.dengsheng])
    make_event(areas.baijiao, "2024-01-03 09:00", checkins=[areas.dengsheng])
    rows = rows_by_code()
    assert rows["440403106201"].residents_reached == 1
    assert rows["440403107201"].residents_reached == 3  # reached in another town, annulled one excluded
    assert rows["440403106202"].residents_reached == 1
    assert rows["440403107201"].events == 0  # being reached elsewhere is not an event here
    assert rows["440403107201"].residents_per_1000 == 1.0  # 3 of 3,000


def test_period_edges_are_local_dates_in_shanghai(areas):
    late = make_event(areas.nanao, "2023-12-31 23:30")  # 15:30 UTC on 31 Dec
    early = make_event(areas.dengsheng, "2024-01-01 00:30")  # 16:30 UTC on 31 Dec
    assert early.starts_at.astimezone(tz=__import__("datetime").timezone.utc).year == 2023
    y2023, y2024 = rows_by_code(Period.for_year(2023)), rows_by_code(Period.for_year(2024))
    assert y2023["440403106201"].events == 1 and y2024["440403106201"].events == 0
    assert y2023["440403106202"].events == 0 and y2024["440403106202"].events == 1
    assert y2023["440403106201"].last_event_on == date(2023, 12, 31)
    assert y2024["440403106202"].last_event_on == date(2024, 1, 1)
    assert late.pk and rows_by_code(Period.for_month(2024, 1))["440403106202"].events == 1


def test_no_data_is_kept_apart_from_zero(areas):
    rows = rows_by_code()
    located, unlocated = rows["440403106201"], rows["440403106202"]  # 灯笼村 has no coordinates or population
    assert located.missing_data == [] and located.distance_km is not None
    assert unlocated.missing_data == [MissingData.NO_COORDINATES, MissingData.NO_POPULATION]
    assert unlocated.distance_km is None and unlocated.lat is None
    assert unlocated.residents_per_1000 is None and located.residents_per_1000 == 0.0
    # Missing data is not an outreach gap.
    assert not {"no_coordinates", "no_population"} & set(unlocated.gaps)


def test_a_boundary_counts_as_a_location(areas):
    areas.dengsheng.boundary = {
        "type": "Polygon",
        "coordinates": [[[113.3, 22.2], [113.31, 22.2], [113.31, 22.21], [113.3, 22.2]]],
    }
    areas.dengsheng.save()
    row = rows_by_code(with_boundary=True)["440403106202"]
    assert MissingData.NO_COORDINATES not in row.missing_data


def test_distance_is_measured_from_the_district_seat(areas):
    rows = rows_by_code()
    # 南澳村 (22.23, 113.36) from the district seat (22.209, 113.296): about 7 km.
    assert 6.5 < rows["440403106201"].distance_km < 7.2
    assert rows["440403107201"].distance_km < rows["440403106201"].distance_km


def test_score_adds_the_documented_parts(areas, advisor):
    assign(advisor, areas.nanao)
    make_event(areas.nanao, "2023-03-01 09:00", audiences=("youth",))
    make_event(areas.nanao, "2023-04-01 09:00")
    for month in range(1, 7):
        make_shift(advisor, areas.nanao, f"2023-{month:02d}-03", 8)
    make_savvy(areas.nanao)
    row = rows_by_code()["440403106201"]
    # events 30×2/4 = 15, youth 10, elderly 0, duty 30×48/96 = 15, legal-savvy 20×1/4 = 5
    assert row.score == 45
    assert row.gaps == [
        "no_elderly_event",
        "duty_below_required",
        "legal_savvy_below_quota",
        "no_youth_reached",
        "no_elderly_reached",
    ]


def test_neediest_first_orders_by_score_then_remoteness(areas, advisor):
    complete_village(areas.jianfeng, advisor)
    ordered = [row.village for row in neediest_first(village_coverage(Y2023, "440403", today=TODAY))]
    # Three villages score 0: the most remote first, the one without coordinates last; the complete one at the end.
    assert ordered == ["440403106201", "440403107001", "440403106202", "440403107201"]


def test_gap_codes_are_the_contract_codes():
    assert {"no_event", "duty_below_required", "legal_savvy_below_quota", "no_youth_event", "no_elderly_event"} <= set(
        Gap.values
    )


@pytest.mark.parametrize("villages", [10, 300])
def test_query_count_does_not_grow_with_villages(db, areas, advisor, villages, django_assert_num_queries):
    from places.models import Area

    Area.objects.bulk_create(
        [
            Area(code=f"440403105{i:03d}", name=f"村{i}", level="village", parent=None, lat=22.1 + i / 1000, lon=113.2)
            for i in range(villages)
        ]
    )
    for area in Area.objects.filter(code__startswith="440403105")[:5]:
        make_event(area, "2023-06-01 09:00", audiences=("youth", "elderly"), checkins=[area])
        make_shift(advisor, area, "2023-06-01", 3)
        make_savvy(area)
    # whether the roll-ups answer (no year rolled up: live), villages, check-ins at their events,
    # check-ins by home village, audiences, district seats, compliance
    with django_assert_num_queries(7):
        rows = village_coverage(Y2023, "440403", today=TODAY)
    assert len(rows) == villages + 4
    live = [(row.village, row.events, row.attendees, row.duty_hours, row.score) for row in rows]
    refresh_rollups([2023])
    # rolled up: the roll-ups' year, the villages with their month sums and seats, audiences
    with django_assert_num_queries(3):
        rows = village_coverage(Y2023, "440403", today=TODAY)
    assert [(row.village, row.events, row.attendees, row.duty_hours, row.score) for row in rows] == live
    assert sum(row.events for row in rows) == 5


def test_score_is_rounded_down_so_100_means_everything_met(areas, advisor):
    complete_village(areas.jianfeng, advisor)
    make_shift(advisor, areas.nanao, "2023-01-01", 1)  # unrelated village
    from advisors.models import DutyShift

    DutyShift.objects.filter(village=areas.jianfeng, date="2023-12-05").update(hours=Decimal("7.5"))
    row = rows_by_code()["440403107201"]
    assert row.gaps == ["duty_below_required"]
    assert row.score == 99  # 99.84 rounded down
