"""Closing a year: the snapshot, re-closing with a kept reason, and differences after closing."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.audit import diff, record
from advisors.models import DutyShift
from reports.figures import annual_figures
from reports.models import FiguresSnapshot
from reports.yearclose import changes_after_close, close_year, closed_state, current_snapshot, differences


def test_it_stores_the_figures_as_they_stand(ledger, users):
    snapshot = close_year(2023, ledger.areas.district, users.coordinator)
    assert snapshot.closed_by == users.coordinator and snapshot.reason == "" and not snapshot.superseded
    live = annual_figures(2023, ledger.areas.district)
    assert {k: v for k, v in snapshot.figures.items() if k != "by_area"} == live
    assert {row["code"] for row in snapshot.figures["by_area"]} == {"440403106", "440403107", "440403"}
    assert differences(snapshot.figures, live) == []


def test_it_needs_a_reason_to_close_again_and_keeps_it(ledger, users):
    first = close_year(2023, ledger.areas.district, users.coordinator)
    with pytest.raises(ValidationError) as refused:
        close_year(2023, ledger.areas.district, users.coordinator, reason="  ")
    assert refused.value.error_dict["reason"][0].code == "reason_required"
    second = close_year(2023, ledger.areas.district, users.coordinator, reason="补录12月台账")
    first.refresh_from_db()
    assert first.superseded and not second.superseded and second.reason == "补录12月台账"
    assert current_snapshot(2023, ledger.areas.district) == second
    assert FiguresSnapshot.objects.filter(year=2023, area=ledger.areas.district).count() == 2


def test_each_area_and_year_is_closed_separately(ledger, users):
    close_year(2023, ledger.areas.district, users.coordinator)
    close_year(2023, ledger.areas.jingan, users.coordinator)  # no reason needed: another area
    close_year(2022, ledger.areas.district, users.coordinator)  # nor for another year
    assert FiguresSnapshot.objects.filter(superseded=False).count() == 3


def test_it_lets_only_coordinators_of_the_area_close(ledger, users):
    for user in (users.town_officer, users.organizer, users.advisor, users.nobody):
        with pytest.raises(PermissionDenied):
            close_year(2023, ledger.areas.jingan, user)
    assert not FiguresSnapshot.objects.exists()
    close_year(2023, ledger.areas.jingan, users.superuser)
    assert FiguresSnapshot.objects.count() == 1


@time_machine.travel("2026-06-01 10:00 +0800")
def test_it_refuses_a_future_year_and_a_bad_one(ledger, users):
    for year, code in ((2027, "future_year"), (1900, "bad_year"), ("abc", "bad_year")):
        with pytest.raises(ValidationError) as refused:
            close_year(year, ledger.areas.district, users.coordinator)
        assert refused.value.error_dict["year"][0].code == code
    close_year(2026, ledger.areas.district, users.coordinator)  # the running year may be closed


def test_a_change_after_closing_shows_as_a_difference_with_who_made_it(ledger, users):
    snapshot = close_year(2023, ledger.areas.district, users.coordinator)
    shift = DutyShift.objects.get(date=date(2023, 12, 31), village=ledger.areas.jianfeng)
    before = {"contracts_reviewed": shift.contracts_reviewed}
    shift.contracts_reviewed = 7
    shift.save()
    # What the advisors' service writes for a correction:
    record(
        users.town_officer,
        shift,
        "update",
        area_code=shift.village.code,
        record_date=shift.date,
        changes=diff(before, {"contracts_reviewed": 7}, ["contracts_reviewed"]),
    )
    # An entry for another year and one for another town are not this close's business.
    record(users.town_officer, shift, "update", area_code=shift.village.code, record_date=date(2024, 1, 1))
    record(users.other_town_officer, shift, "update", area_code="440403106201", record_date=date(2023, 5, 1))

    live = annual_figures(2023, ledger.areas.district)
    assert differences(snapshot.figures, live) == [
        {"key": "contracts_reviewed", "label": differences(snapshot.figures, live)[0]["label"], "closed": 2, "live": 7}
    ]
    jingan_close = close_year(2023, ledger.areas.jingan, users.coordinator)
    entries = list(changes_after_close(snapshot))
    assert [(e.user, e.changes) for e in entries if e.area_code.startswith("440403107")] == [
        (users.town_officer, {"contracts_reviewed": [2, 7]})
    ]
    assert len(entries) == 2  # and 白蕉镇's entry, which lies under the district
    assert list(changes_after_close(jingan_close)) == []  # made before 井岸镇 was closed


def test_differences_compare_map_entries(ledger, users):
    snapshot = close_year(2023, ledger.areas.district, users.coordinator)
    ledger.events.episode2.status = "cancelled"
    ledger.events.episode2.save()
    live = annual_figures(2023, ledger.areas.district)
    keys = {row["key"]: (row["closed"], row["live"]) for row in differences(snapshot.figures, live)}
    assert keys == {"events": (5, 4), "series_episodes:92.8说法": (2, 1)}


def test_an_open_year_has_no_closed_state(ledger, users):
    assert closed_state(2023, ledger.areas.district) is None
    close_year(2023, ledger.areas.jingan, users.coordinator)
    assert closed_state(2023, ledger.areas.district) is None  # a town's close is not the district's
    assert closed_state(2022, ledger.areas.jingan) is None


def test_the_closed_state_says_who_closed_when_why_and_what_changed_since(ledger, users):
    close_year(2023, ledger.areas.district, users.coordinator)
    snapshot = close_year(2023, ledger.areas.district, users.coordinator, reason="补录12月台账")
    state = closed_state(2023, ledger.areas.district)
    assert (state["closed_at"], state["closed_by"], state["reason"]) == (
        snapshot.closed_at,
        users.coordinator.username,
        "补录12月台账",
    )
    assert state["figures"] == annual_figures(2023, ledger.areas.district)  # without the by_area breakdown
    assert state["differences"] == {}
    ledger.events.episode2.status = "cancelled"
    ledger.events.episode2.save()
    expected = {"events": {"closed": 5, "live": 4}, "series_episodes:92.8说法": {"closed": 2, "live": 1}}
    assert closed_state(2023, ledger.areas.district)["differences"] == expected
    live = annual_figures(2023, ledger.areas.district)
    assert closed_state(2023, ledger.areas.district, live=live)["differences"] == expected
    users.coordinator.delete()  # the closer's account is gone: the close stays, without a name
    assert closed_state(2023, ledger.areas.district)["closed_by"] is None
