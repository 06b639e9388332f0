"""Each data-quality rule, positive and negative; flags never change totals; fixed query counts."""

import datetime

import pytest
from django.db.models import Sum

from advisors.models import Advisor, DutyShift
from outreach.models import CheckIn
from quality import rules
from quality.compute import compute_flags
from quality.models import Flag

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 6, 10)
YEAR = (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))


def run(rule, prefix="440403"):
    return rule(prefix, *YEAR)


def checkin(event, phone, client_hash=None, **fields):
    return CheckIn.objects.create(
        event=event,
        name="陈小梅",
        phone=phone,
        age_group=CheckIn.AgeGroup.AGE_36_59,
        occupation=CheckIn.Occupation.FARMER,
        client_hash=client_hash,
        **fields,
    )


def test_a_shift_under_15_minutes_or_over_12_hours_is_flagged(advisor, make_shift):
    from decimal import Decimal

    short = make_shift(advisor, DAY, 9, 10)
    DutyShift.objects.filter(pk=short.pk).update(end_time=datetime.time(9, 10), hours=Decimal("0.17"))
    long = make_shift(advisor, DAY + datetime.timedelta(days=1), 6, 19)
    make_shift(advisor, DAY + datetime.timedelta(days=2), 9, 12)  # 3 h: fine
    make_shift(advisor, DAY + datetime.timedelta(days=3), 9, None)  # still open: not judged
    found = {row.record_id: row for row in run(rules.shift_length)}
    assert set(found) == {short.pk, long.pk}
    assert found[short.pk].kind == Flag.Kind.SHIFT_TOO_SHORT and "10" in found[short.pk].why
    assert found[long.pk].kind == Flag.Kind.SHIFT_TOO_LONG and "13" in found[long.pk].why
    assert found[long.pk].area_code == "440403107201"


def test_more_services_than_minutes_is_flagged(advisor, make_shift):
    from decimal import Decimal

    busy = make_shift(advisor, DAY, 9, 10, consultation_people=50, consultation_batches=50, phone_consultations=20)
    DutyShift.objects.filter(pk=busy.pk).update(hours=Decimal("1"))
    make_shift(advisor, DAY, 13, 16, consultation_people=30, consultation_batches=30, mediations=2)  # 32 in 180 min
    [row] = run(rules.implausible_counters)
    assert row.record_id == busy.pk and "70" in row.why and "60" in row.why


def test_attendees_above_the_villages_population_are_flagged(areas, make_event):
    areas.jianfeng.population = 3
    areas.jianfeng.save()
    crowded = make_event(DAY, walk_in_count=2)
    for n in range(2):
        checkin(crowded, f"1380013800{n}")
    make_event(DAY, walk_in_count=3)  # exactly the population: fine
    make_event(DAY, area=areas.dengsheng, walk_in_count=500)  # population unknown: not judged
    [row] = run(rules.over_population)
    assert (row.record_type, row.record_id) == (Flag.RecordType.EVENT, crowded.pk)
    assert "4" in row.why and "3" in row.why and "尖峰村" in row.why


def test_one_phone_at_two_overlapping_events_is_flagged(areas, make_event):
    morning = make_event(DAY, hour=9, hours=2, title="上午讲座")
    overlapping = make_event(DAY, hour=10, hours=2, area=areas.nanao, title="南澳宣传")
    afternoon = make_event(DAY, hour=14, hours=2, title="下午讲座")
    a = checkin(morning, "13800138000")
    b = checkin(overlapping, "13800138000")
    checkin(afternoon, "13800138000")  # no overlap with the others
    checkin(morning, "13900139000")
    checkin(overlapping, "13900139000", annulled=True)  # annulled: does not count
    found = {row.record_id: row for row in run(rules.phone_at_two_events)}
    assert set(found) == {a.pk, b.pk}
    assert "南澳宣传" in found[a.pk].why and found[b.pk].area_code == areas.nanao.code


def test_the_other_event_may_lie_outside_the_area_but_only_flags_inside_it_are_returned(areas, make_event):
    here = make_event(DAY, hour=9, hours=2, title="井岸讲座")
    there = make_event(DAY, hour=10, hours=2, area=areas.nanao, title="白蕉宣传")
    mine = checkin(here, "13800138000")
    checkin(there, "13800138000")
    [row] = rules.phone_at_two_events(areas.jingan.code, *YEAR)
    assert row.record_id == mine.pk and "白蕉宣传" in row.why
    assert rules.phone_at_two_events(areas.jingan.code, DAY + datetime.timedelta(days=1), YEAR[1]) == []


def test_a_burst_of_checkins_from_one_address_is_flagged(settings, make_event):
    settings.QUALITY_BURST_CHECKINS = 5
    import time_machine

    from common.clock import local_midnight

    burst = make_event(DAY)
    calm = make_event(DAY)
    moment = local_midnight(DAY) + datetime.timedelta(hours=9, minutes=3, seconds=5)
    with time_machine.travel(moment, tick=False):
        for n in range(5):
            checkin(burst, f"1380000000{n}", client_hash="a" * 64)
            checkin(calm, f"1380000000{n}", client_hash=f"{n}" * 64)  # five different devices
        checkin(calm, "13800000009")  # no address (organizer entry)
    [row] = run(rules.checkin_bursts)
    assert (row.record_type, row.record_id) == (Flag.RecordType.EVENT, burst.pk)
    assert "5" in row.why and "09:03" in row.why


def test_a_burst_across_a_minute_boundary_counts_and_a_slow_stream_does_not(settings, make_event):
    import time_machine

    from common.clock import local_midnight

    settings.QUALITY_BURST_CHECKINS = 5
    burst, slow = make_event(DAY), make_event(DAY)
    nine = local_midnight(DAY) + datetime.timedelta(hours=9, minutes=3)
    for n, offset in enumerate((40, 45, 50, 65, 70)):  # 09:03:40 … 09:04:10: within 30 s
        with time_machine.travel(nine + datetime.timedelta(seconds=offset), tick=False):
            checkin(burst, f"1380000000{n}", client_hash="b" * 64)
    for n in range(5):  # one every 20 s: five within 80 s, never five within a minute
        with time_machine.travel(nine + datetime.timedelta(seconds=20 * n), tick=False):
            checkin(slow, f"1380000000{n}", client_hash="c" * 64)
    [row] = run(rules.checkin_bursts)
    assert row.record_id == burst.pk and "09:03" in row.why


def test_an_advisor_on_duty_while_speaking_elsewhere_is_flagged(areas, advisor, make_shift, make_event):
    elsewhere = make_shift(advisor, DAY, 9, 12)
    talk = make_event(DAY, hour=10, area=areas.nanao, title="南澳普法讲座")
    talk.advisors.add(advisor)
    here = make_event(DAY + datetime.timedelta(days=1), hour=10, title="尖峰村讲座")
    here.advisors.add(advisor)
    make_shift(advisor, DAY + datetime.timedelta(days=1), 9, 12)  # the talk is in the village itself
    make_shift(advisor, DAY + datetime.timedelta(days=2), 9, 12)  # no talk that day
    [row] = run(rules.advisor_elsewhere)
    assert (row.record_type, row.record_id) == (Flag.RecordType.DUTY_SHIFT, elsewhere.pk)
    assert "南澳普法讲座" in row.why and "10:00" in row.why


def test_compute_stores_removes_and_keeps_resolved_flags_without_changing_totals(users, advisor, make_shift):
    long = make_shift(advisor, DAY, 6, 19)
    other = make_shift(advisor, DAY + datetime.timedelta(days=1), 5, 18)
    hours_before = DutyShift.objects.aggregate(total=Sum("hours"))["total"]
    result = compute_flags("440403", *YEAR)
    assert (result.found, result.created, result.removed) == (2, 2, 0)
    assert compute_flags("440403", *YEAR).created == 0  # nothing twice
    Flag.objects.filter(record_id=other.pk).update(resolved=True, note="确实加班")
    DutyShift.objects.filter(pk__in=[long.pk, other.pk]).update(end_time=datetime.time(8), hours=2)
    result = compute_flags("440403", *YEAR)
    assert result.removed == 1  # the open flag of the corrected shift closes; the resolved one stays
    assert set(Flag.objects.values_list("record_id", "resolved", "closed_reason")) == {
        (other.pk, True, ""),
        (long.pk, True, Flag.ClosedReason.NO_LONGER_HOLDS),
    }
    # The shift breaks the rule again: the automatically closed flag reopens (the officer's stays).
    DutyShift.objects.filter(pk=long.pk).update(end_time=datetime.time(23), hours=17)
    result = compute_flags("440403", *YEAR)
    assert (result.created, result.reopened) == (0, 1)
    assert Flag.objects.get(record_id=long.pk).resolved is False
    assert DutyShift.objects.count() == 2 and hours_before == 26


def test_compute_is_limited_to_the_area(areas, advisor, make_shift):
    make_shift(advisor, DAY, 6, 19)
    assert compute_flags(areas.baijiao.code, *YEAR).found == 0
    assert compute_flags(areas.jingan.code, *YEAR).found == 1


def test_compute_takes_a_fixed_number_of_queries_whatever_the_number_of_villages(doumen, django_assert_max_num_queries):
    from common.clock import local_midnight
    from outreach.models import Event
    from places.models import Area

    villages = list(Area.objects.villages().order_by("code"))
    start = local_midnight(DAY) + datetime.timedelta(hours=10)

    def seed(first, n):
        """Per village: a 13-hour shift by an advisor who speaks at an event in the next village
        meanwhile, and one phone checked in at that event and at the village's own event."""
        for index in range(first, first + n):
            village, neighbour = villages[index], villages[index + 1]
            person = Advisor.objects.create(name=f"顾问{index}")
            DutyShift.objects.create(
                advisor=person,
                village=village,
                date=DAY,
                start_time=datetime.time(6),
                end_time=datetime.time(19),
                hours=13,
            )
            talk, own = (
                Event.objects.create(
                    title=f"讲座{index}-{k}",
                    area=area,
                    starts_at=start,
                    ends_at=start + datetime.timedelta(hours=2),
                    checkin_secret=f"s{index}-{k}",
                )
                for k, area in enumerate((neighbour, village))
            )
            talk.advisors.add(person)
            checkin(talk, f"139{index:08d}")
            checkin(own, f"139{index:08d}")

    # Seven rule queries, the stored flags, the new ones stored elsewhere (moved records), the insert,
    # the update, savepoint and release; SQLite splits an insert of more than ~120 flags in two.
    seed(0, 2)
    with django_assert_max_num_queries(13):
        assert compute_flags("440403", *YEAR).found == 2 + 2 + 4
    seed(2, 30)
    with django_assert_max_num_queries(13):
        assert compute_flags("440403", *YEAR).found == 32 * 4
    with django_assert_max_num_queries(10):  # nothing new: no insert, no delete
        assert compute_flags("440403", *YEAR).created == 0


def test_a_shift_write_recomputes_its_flags_after_commit(advisor, make_shift, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        shift = make_shift(advisor, DAY, 6, 19)
    assert Flag.objects.filter(record_id=shift.pk, kind=Flag.Kind.SHIFT_TOO_LONG).exists()


def test_the_command_computes_a_year(areas, advisor, make_shift, capsys):
    from django.core.management import CommandError, call_command

    make_shift(advisor, DAY, 6, 19)
    call_command("compute_flags", "--year", "2026", "--area", "440403")
    assert "1 flagged, 1 new" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("compute_flags", "--area", "999")


def test_the_secret_of_a_checkin_address_is_a_keyed_hash():
    from outreach.services.checkin import hash_client_address

    hashed = hash_client_address("203.0.113.5")
    assert len(hashed) == 64 and "203" not in hashed
    assert hashed == hash_client_address("203.0.113.5") != hash_client_address("203.0.113.6")
    assert hash_client_address(None) is None
