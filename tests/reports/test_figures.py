"""Each figure's definition on the hand-built ledger (tests/reports/conftest.py), edges included."""

from datetime import date

import pytest

from advisors.models import Advisor, Assignment, DutyShift
from places.models import Area
from reports.figures import annual_figures, breakdown_by_child, monthly_breakdown, volunteer_side

from .conftest import assign, checkin, event, local, person

CONTRACT_KEYS = [
    "year",
    "area",
    "area_name",
    "villages",
    "advisors",
    "duty_shifts",
    "home_visits",
    "duty_hours",
    "consultation_batches",
    "consultation_people",
    "contracts_reviewed",
    "legal_opinions",
    "documents_drafted",
    "mediations",
    "negotiations",
    "legal_aid_cases",
    "elections_assisted",
    "phone_consultations",
    "advisor_outreach_sessions",
    "events",
    "event_attendees",
    "series_episodes",
    "legal_savvy_total",
    "legal_savvy_new",
    "villages_meeting_legal_savvy_quota",
    "legal_savvy_activities",
    "honors",
    "narrative",
]


@pytest.fixture
def district(ledger):
    return annual_figures(2023, ledger.areas.district)


@pytest.fixture
def jingan(ledger):
    return annual_figures(2023, ledger.areas.jingan)


def test_it_returns_every_key_of_the_contract(district):
    assert set(CONTRACT_KEYS) <= set(district)
    assert district["year"] == 2023 and district["area"] == "440403" and district["area_name"] == "斗门区"


def test_it_accepts_a_code_as_well_as_an_area(ledger, district):
    assert annual_figures(2023, "440403") == district


def test_it_counts_active_villages_only(district, jingan):
    assert district["villages"] == 4  # the inactive village is left out
    assert jingan["villages"] == 2


def test_it_counts_advisors_whose_assignment_overlaps_the_year(district, jingan):
    # full year, second half, from 31 Dec; not the one who left in 2022, the one starting 2024,
    # nor the one of the inactive village.
    assert district["advisors"] == 3
    assert jingan["advisors"] == 2


def test_it_counts_an_advisor_serving_two_villages_once(ledger):
    assign(ledger.advisors.second_half, ledger.areas.dengsheng, date(2023, 3, 1), date(2023, 3, 31))
    assert annual_figures(2023, ledger.areas.district)["advisors"] == 3


def test_it_takes_shifts_by_their_local_date(district, jingan):
    # 31 Dec 23:30 counts in 2023; 1 Jan 2024 00:30 and 31 Dec 2022 do not.
    assert district["duty_shifts"] == 4
    assert jingan["duty_shifts"] == 3
    assert annual_figures(2024, "440403")["duty_shifts"] == 1
    assert annual_figures(2022, "440403")["duty_shifts"] == 1


def test_it_counts_home_visits_and_sums_hours(district, jingan):
    assert district["home_visits"] == 2
    assert district["duty_hours"] == 8.4
    assert jingan["duty_hours"] == 6.4


def test_it_sums_every_counter(district):
    assert {
        key: district[key]
        for key in (
            "consultation_batches",
            "consultation_people",
            "contracts_reviewed",
            "legal_opinions",
            "documents_drafted",
            "mediations",
            "negotiations",
            "legal_aid_cases",
            "elections_assisted",
            "phone_consultations",
            "advisor_outreach_sessions",
        )
    } == {
        "consultation_batches": 4,
        "consultation_people": 6,
        "contracts_reviewed": 2,
        "legal_opinions": 1,
        "documents_drafted": 1,
        "mediations": 1,
        "negotiations": 1,
        "legal_aid_cases": 1,
        "elections_assisted": 1,
        "phone_consultations": 4,
        "advisor_outreach_sessions": 3,
    }


def test_it_counts_held_events_by_local_start(district, jingan):
    # 31 Dec 23:30 local and 1 Jan 00:00 local count; 1 Jan 2024 00:10 local (still 2023 in UTC),
    # the cancelled and the planned one do not.
    assert district["events"] == 5
    assert jingan["events"] == 2


def test_it_counts_live_checkins_plus_walk_ins(district, jingan):
    # 31 Dec: 3 live phones (an annulled row and its re-check-in count once) + 5 walk-ins;
    # 1 Jan 00:00: 2 walk-ins; 南澳村: 1 + 10. Cancelled and next-year check-ins are not counted.
    assert jingan["event_attendees"] == 10
    assert district["event_attendees"] == 21


def test_it_counts_episodes_per_series_in_the_year(district, jingan):
    assert district["series_episodes"] == {"92.8说法": 2}
    assert jingan["series_episodes"] == {}  # the broadcasts are district-wide


def test_it_counts_legal_savvy_persons_active_on_31_december(district, jingan):
    # 尖峰村: the long-serving, the new, the re-appointed, the one appointed on 31 Dec and the one
    # removed in 2024; not the one removed on 31 Dec nor the one appointed in 2024. 南澳村: 1.
    assert jingan["legal_savvy_total"] == 5
    assert district["legal_savvy_total"] == 6


def test_it_counts_new_legal_savvy_persons_by_their_first_term(district, jingan):
    # First appointed in 2023: the new one, the one removed on 31 Dec, the one appointed on 31 Dec
    # (and 南澳村's). The re-appointed person is not new.
    assert jingan["legal_savvy_new"] == 3
    assert district["legal_savvy_new"] == 4


def test_it_counts_villages_meeting_the_quota(ledger, district, settings):
    assert district["villages_meeting_legal_savvy_quota"] == 1
    assert district["legal_savvy_quota"] == 4
    settings.LEGAL_SAVVY_QUOTA = 1
    assert annual_figures(2023, "440403")["villages_meeting_legal_savvy_quota"] == 2


def test_it_sums_legal_savvy_activities_by_kind(district, jingan):
    assert district["legal_savvy_activities"] == {"dispute_resolved": 2, "referral": 1, "risk_reported": 3}
    assert jingan["legal_savvy_activities"] == {"dispute_resolved": 2, "risk_reported": 3}


def test_it_counts_honors_of_the_year(district):
    assert district["honors"] == {
        "democracy_rule_of_law_village:national:candidate": 1,
        "democracy_rule_of_law_village:provincial:awarded": 1,
        "law_learning_household:district:awarded": 2,
    }
    assert [v["name"] for v in district["honor_villages"]] == ["新伟社区", "尖峰村"]


def test_it_works_for_a_village(ledger):
    figures = annual_figures(2023, ledger.areas.jianfeng)
    assert (
        figures["villages"],
        figures["advisors"],
        figures["duty_shifts"],
        figures["events"],
        figures["legal_savvy_total"],
    ) == (1, 1, 1, 1, 5)


def test_it_answers_zeros_for_an_empty_year(ledger):
    figures = annual_figures(2030, ledger.areas.district)
    assert figures["duty_shifts"] == 0 and figures["duty_hours"] == 0 and figures["events"] == 0
    assert figures["series_episodes"] == {} and figures["honors"] == {}
    assert figures["villages"] == 4  # villages exist whatever the year


def test_the_monthly_breakdown_uses_local_months(ledger):
    months = monthly_breakdown(2023, ledger.areas.district)
    assert [m["month"] for m in months] == list(range(1, 13))
    assert months[0]["shifts"] == 1 and months[0]["events"] == 1 and months[0]["attendees"] == 2
    assert months[11]["shifts"] == 2 and months[11]["events"] == 1 and months[11]["attendees"] == 8
    assert sum(m["shifts"] for m in months) == 4
    assert sum(m["events"] for m in months) == 5
    assert sum(m["attendees"] for m in months) == 21


def test_the_breakdown_by_town_adds_up(ledger, district):
    rows = breakdown_by_child(2023, ledger.areas.district)
    by_code = {row["code"]: row for row in rows}
    assert by_code["440403107"]["duty_shifts"] == 3 and by_code["440403106"]["duty_shifts"] == 1
    assert by_code["440403107"]["villages"] == 2 and by_code["440403106"]["villages"] == 2
    assert by_code["440403107"]["legal_savvy_total"] == 5
    # District-wide events form their own row.
    assert by_code["440403"]["name"] is None and by_code["440403"]["events"] == 2
    for key in ("duty_shifts", "duty_hours", "events", "event_attendees", "legal_savvy_total", "villages"):
        assert sum(row[key] for row in rows) == district[key], key


def test_the_volunteer_side_counts_speakers(ledger):
    ev = ledger.events.new_years_eve
    ev.advisors.add(ledger.advisors.full)
    ev.legal_savvy_persons.add(ledger.persons.new, ledger.persons.long_serving)
    ledger.events.nanao.advisors.add(ledger.advisors.full)
    ledger.events.nanao.other_speakers = "王法官(斗门区人民法院)"
    ledger.events.nanao.save()
    ledger.events.cancelled.advisors.add(ledger.advisors.last_day)  # not held: not counted
    side = volunteer_side(2023, ledger.areas.district)
    assert side["events_with_advisors"] == 2 and side["advisors_speaking"] == 1
    assert side["events_with_legal_savvy"] == 1 and side["legal_savvy_speaking"] == 2
    assert side["events_with_other_speakers"] == 1
    assert {row["kind"]: row["count"] for row in side["activities"]} == {
        "dispute_resolved": 2,
        "referral": 1,
        "risk_reported": 3,
    }


def _grow(ledger, n):
    """Add n more of everything (shifts, events with check-ins, persons) to the ledger."""
    village = Area.objects.create(
        code="440403106203", name="加量村", level="village", kind="village", parent=ledger.areas.baijiao
    )
    adv = Advisor.objects.create(name="加量顾问")
    Assignment.objects.create(advisor=adv, village=village, starts_on=date(2023, 1, 1))
    DutyShift.objects.bulk_create(
        [
            DutyShift(
                advisor=adv,
                village=village,
                date=date(2023, 1 + i % 12, 1 + i % 28),
                start_time="09:00",
                end_time="10:00",
                hours=1,
                consultation_batches=1,
                consultation_people=2,
            )
            for i in range(n)
        ]
    )
    for i in range(n // 10):
        ev = event(village, local(2023, 1 + i % 12, 5, 9, 0), walk_in_count=1)
        checkin(ev, f"1390000{i:04d}")
        person(village, [(date(2023, 2, 1), None)])


def test_it_uses_a_fixed_number_of_queries(ledger, django_assert_num_queries):
    with django_assert_num_queries(11):
        annual_figures(2023, ledger.areas.district)
    _grow(ledger, 200)
    with django_assert_num_queries(11):
        figures = annual_figures(2023, ledger.areas.district)
    assert figures["duty_shifts"] == 204
    with django_assert_num_queries(3):
        monthly_breakdown(2023, ledger.areas.district)
    with django_assert_num_queries(5):
        volunteer_side(2023, ledger.areas.district)
    with django_assert_num_queries(8):
        breakdown_by_child(2023, ledger.areas.district)
