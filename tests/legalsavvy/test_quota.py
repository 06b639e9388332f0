"""Who counts as active on a date, and which villages meet the quota."""

import datetime as dt

from legalsavvy import services
from legalsavvy.quota import active_person_ids, quota_status, quota_summary
from places.models import Area

D = dt.date


def test_a_person_counts_from_their_appointment_date(areas, person_factory):
    person = person_factory(areas.jianfeng, appointed_on=D(2023, 3, 1))
    assert person.pk not in set(
        active_person_ids(D(2023, 2, 28), areas.jianfeng.code).values_list("person_id", flat=True)
    )
    assert person.pk in set(active_person_ids(D(2023, 3, 1), areas.jianfeng.code).values_list("person_id", flat=True))


def test_a_removed_person_stops_counting_on_the_removal_date(areas, person_factory):
    person = person_factory(areas.jianfeng, appointed_on=D(2023, 1, 1))
    services.remove_person(person, D(2023, 6, 30), "迁出")
    ids = lambda day: set(active_person_ids(day, "440403").values_list("person_id", flat=True))  # noqa: E731
    assert person.pk in ids(D(2023, 6, 29))
    assert person.pk not in ids(D(2023, 6, 30))
    assert person.pk not in ids(D(2023, 12, 31))


def test_a_reappointed_person_counts_again_from_the_new_term_and_history_stays(areas, person_factory):
    person = person_factory(areas.jianfeng, appointed_on=D(2022, 1, 1))
    services.remove_person(person, D(2022, 6, 1), "外出务工")
    services.reappoint_person(person, D(2023, 1, 1))
    ids = lambda day: set(active_person_ids(day, "440403").values_list("person_id", flat=True))  # noqa: E731
    assert person.pk in ids(D(2022, 3, 1))  # first term
    assert person.pk not in ids(D(2022, 9, 1))  # the gap
    assert person.pk in ids(D(2023, 1, 1))  # second term
    assert list(person.terms.order_by("appointed_on").values_list("appointed_on", "removed_on")) == [
        (D(2022, 1, 1), D(2022, 6, 1)),
        (D(2023, 1, 1), None),
    ]


def test_quota_status_counts_each_active_village_and_says_whether_it_meets_the_quota(areas, person_factory, settings):
    settings.LEGAL_SAVVY_QUOTA = 2
    person_factory(areas.jianfeng)
    person_factory(areas.jianfeng)
    person_factory(areas.xinwei)
    late = person_factory(areas.xinwei, appointed_on=D(2024, 1, 1))
    gone = person_factory(areas.nanao)
    services.remove_person(gone, D(2023, 5, 1), "辞任")
    assert late and gone
    rows = {v.code: (v.legal_savvy_active, v.meets_quota) for v in quota_status(D(2023, 12, 31), "440403")}
    assert rows == {
        areas.xinwei.code: (1, False),
        areas.nanao.code: (0, False),
        areas.dengsheng.code: (0, False),
        areas.jianfeng.code: (2, True),
    }  # the inactive village is left out
    assert quota_summary(D(2023, 12, 31), "440403") == {"villages": 4, "meeting": 1, "under": 3, "active_persons": 3}


def test_quota_status_is_limited_to_the_area(areas, person_factory):
    person_factory(areas.nanao)
    rows = list(quota_status(D(2023, 12, 31), areas.jingan.code))
    assert {v.code for v in rows} == {areas.jianfeng.code, areas.xinwei.code}


def test_quota_status_takes_one_query_whatever_the_number_of_villages(areas, person_factory, django_assert_num_queries):
    person_factory(areas.jianfeng)
    with django_assert_num_queries(1):
        small = list(quota_status(D(2023, 12, 31), areas.jingan.code))
    for n in range(60):
        village = Area.objects.create(
            code=f"440403106{300 + n}", name=f"测试村{n}", level="village", parent=areas.baijiao
        )
        for _ in range(n % 3):
            person_factory(village)
    with django_assert_num_queries(1):
        large = list(quota_status(D(2023, 12, 31), "440403"))
    assert len(small) == 2 and len(large) == 64
    with django_assert_num_queries(1):
        quota_summary(D(2023, 12, 31), "440403")
