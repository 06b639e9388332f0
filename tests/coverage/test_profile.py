"""coverage.profile.village_profile_data: the village profile's data without the page around it."""

from accounts.scopes import may_see_full_phones
from common.periods import Period
from coverage.profile import village_profile_data
from legalsavvy.models import VillageHonor

from .conftest import assign, make_event, make_savvy, make_shift


def test_the_profile_holds_this_year_last_year_the_timeline_and_the_roster(areas, users, advisor):
    assign(advisor, areas.jianfeng)
    held = make_event(areas.jianfeng, "2023-04-01 10:00", audiences=("elderly",), walk_ins=12)
    make_event(areas.jianfeng, "2022-04-01 10:00")
    shift = make_shift(advisor, areas.jianfeng, "2023-04-03", 6, mode="home_visit")
    active = make_savvy(areas.jianfeng, name="王明白")
    removed = make_savvy(areas.jianfeng, "2020-01-01", removed_on="2023-06-30", name="李离任")
    VillageHonor.objects.create(
        village=areas.jianfeng, title="democracy_rule_of_law_village", level="provincial", year=2021
    )
    data = village_profile_data(users.coordinator, areas.jianfeng, Period.for_year(2023))
    assert data["village"] == areas.jianfeng and data["previous"].year == 2022
    assert (data["row"].events, data["last"].events) == (1, 1)
    assert {label: (now, before) for label, now, before in data["compare"]}["Attendees"] == (12, 0)
    assert [(item["kind"], item.get("event") or item.get("shift")) for item in data["timeline"]] == [
        ("shift", shift),
        ("event", held),
    ]  # the period's only, newest first
    assert [(entry["person"], entry["person"].active_at_end) for entry in data["roster"]] == [
        (active, True),
        (removed, False),
    ]  # those active at the period's end first
    assert [h.year for h in data["honors"]] == [2021]
    assert [a.advisor for a in data["assignments"]] == [advisor]
    assert data["as_of"] == "2023-12-31" and [str(a) for a in data["audiences"]] == ["Elderly people"]


def test_a_village_without_data_still_has_its_scorecard(areas, users):
    data = village_profile_data(users.coordinator, areas.dengsheng, Period.for_year(2023))
    assert data["timeline"] == [] and data["roster"] == [] and data["audiences"] == []
    assert data["row"].score == 0 and ("Events held", 0, 0) in data["compare"]


def test_only_a_coordinator_sees_the_rosters_phones_in_full(areas, users):
    person = make_savvy(areas.jianfeng, name="王明白")
    person.phone = "13800138000"
    person.save()
    period = Period.for_year(2023)
    phones = {
        user: [entry["phone"] for entry in village_profile_data(user, areas.jianfeng, period)["roster"]]
        for user in (users.coordinator, users.town_officer)
    }
    assert phones == {users.coordinator: ["13800138000"], users.town_officer: ["138****8000"]}
    assert may_see_full_phones(users.coordinator) and not may_see_full_phones(users.town_officer)
