"""Assignment.objects.in_force: the one definition of "in force on a day / during a period"."""

from datetime import date as D

import pytest
from django.db.models import OuterRef, Subquery

from advisors.models import Advisor, Assignment
from places.models import Area


@pytest.fixture
def spells(areas):
    """Four assignments, one village each: open-ended from March, January–April, from July, and 15 May only."""
    advisor = Advisor.objects.create(name="张律师")
    make = lambda village, starts_on, ends_on=None: Assignment.objects.create(  # noqa: E731
        advisor=advisor, village=village, starts_on=starts_on, ends_on=ends_on
    )
    return {
        "open": make(areas.jianfeng, D(2023, 3, 1)),
        "ended": make(areas.xinwei, D(2023, 1, 1), D(2023, 4, 30)),
        "later": make(areas.nanao, D(2023, 7, 1), D(2023, 12, 31)),
        "one_day": make(areas.dengsheng, D(2023, 5, 15), D(2023, 5, 15)),
    }


def names(spells, queryset):
    ids = set(queryset.values_list("pk", flat=True))
    return {name for name, assignment in spells.items() if assignment.pk in ids}


def test_on_a_day(spells):
    assert names(spells, Assignment.objects.in_force(D(2023, 5, 15))) == {"open", "one_day"}
    assert names(spells, Assignment.objects.in_force(D(2023, 5, 16))) == {"open"}


def test_the_first_and_last_days_count(spells):
    assert names(spells, Assignment.objects.in_force(D(2023, 3, 1))) == {"open", "ended"}
    assert names(spells, Assignment.objects.in_force(D(2023, 4, 30))) == {"open", "ended"}
    assert names(spells, Assignment.objects.in_force(D(2023, 2, 28))) == {"ended"}


def test_open_ended_runs_for_ever(spells):
    assert names(spells, Assignment.objects.in_force(D(2099, 1, 1))) == {"open"}


def test_ended_before_and_starting_after_are_not_in_force(spells):
    june = Assignment.objects.in_force(D(2023, 6, 1), D(2023, 6, 30))
    assert names(spells, june) == {"open"}  # "ended" ended in April, "later" starts in July


def test_overlapping_a_range(spells):
    second_quarter = Assignment.objects.in_force(D(2023, 4, 1), D(2023, 6, 30))
    assert names(spells, second_quarter) == {"open", "ended", "one_day"}
    year = Assignment.objects.in_force(D(2023, 1, 1), D(2023, 12, 31))
    assert names(spells, year) == set(spells)
    assert names(spells, Assignment.objects.in_force(D(2022, 1, 1), D(2022, 12, 31))) == set()


def test_it_chains_with_other_filters_and_works_in_a_subquery(spells, areas):
    assert names(spells, Assignment.objects.filter(village=areas.xinwei).in_force(D(2023, 2, 1))) == {"ended"}
    current = Assignment.objects.filter(village=OuterRef("pk")).in_force(D(2023, 5, 15)).values("advisor__name")[:1]
    villages = dict(Area.objects.villages().annotate(advisor=Subquery(current)).values_list("code", "advisor"))
    assert villages[areas.jianfeng.code] == "张律师" and villages[areas.dengsheng.code] == "张律师"
    assert villages[areas.xinwei.code] is None and villages[areas.nanao.code] is None
