"""Who was really reached: per village, the attendances (人次) of its residents — live check-ins at
held events in the period, wherever held, whose home village it is — by age group, gender and
occupation. One query whatever the number of villages."""

from collections import defaultdict

from django.db.models import Count

from outreach.models import CheckIn, Event

BREAKDOWNS = (
    ("age_group", CheckIn.AgeGroup),
    ("gender", CheckIn.Gender),
    ("occupation", CheckIn.Occupation),
)


def empty_reach():
    return {"total": 0, **{name: dict.fromkeys(choices.values, 0) for name, choices in BREAKDOWNS}}


def reach_by_village(period, area_code):
    """{village code: {"total": n, "age_group": {code: n}, "gender": {...}, "occupation": {...}}}
    for the villages under ``area_code`` with at least one resident attendance (others: ``empty_reach()``)."""
    rows = (
        CheckIn.objects.filter(
            annulled=False,
            event__status=Event.Status.HELD,
            event__starts_at__gte=period.start_dt,
            event__starts_at__lt=period.end_dt,
            home_village__code__startswith=area_code,
        )
        .order_by()
        .values_list("home_village__code", "age_group", "gender", "occupation")
        .annotate(n=Count("id"))
    )
    found = defaultdict(empty_reach)
    for code, age_group, gender, occupation, n in rows:
        reach = found[code]
        reach["total"] += n
        for name, value in (("age_group", age_group), ("gender", gender), ("occupation", occupation)):
            reach[name][value] = reach[name].get(value, 0) + n
    return dict(found)
