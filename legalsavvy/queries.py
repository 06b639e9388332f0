"""Reads behind the registry pages and the API: scoped querysets and yearly summaries, each a
fixed number of queries whatever the number of rows."""

from datetime import date

from django.db.models import Count, DecimalField, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear

from accounts.scopes import may_see_full_phones, scope_prefix, scope_q
from places.models import Area

from .models import LegalSavvyActivity, LegalSavvyPerson, LegalSavvyTerm, Training
from .quota import active_count_subquery

ZERO_HOURS = Value(0, output_field=DecimalField(max_digits=9, decimal_places=1))


def persons_in_scope(user):
    return LegalSavvyPerson.objects.filter(scope_q(user, "village__code"))


def registry(user, *, town="", village="", source="", status="", year=None, search=""):
    """The registry list: scoped, filtered, with village, town and advisor joined in."""
    persons = persons_in_scope(user).select_related("village", "village__parent", "advisor")
    if village:
        persons = persons.filter(village__code=village)
    elif town:
        persons = persons.filter(village__code__startswith=town)
    if source:
        persons = persons.filter(source=source)
    if status:
        persons = persons.filter(status=status)
    if year:
        persons = persons.filter(appointed_on__year=year)
    search = (search or "").strip()
    if search:
        condition = Q(name__icontains=search) | Q(certificate_no__icontains=search)
        if may_see_full_phones(user) and search.isdigit():
            condition |= Q(phone__contains=search)  # only those who see full numbers may search them
        persons = persons.filter(condition)
    return persons.order_by("village__code", "name", "id")


def towns_for(user):
    prefix = scope_prefix(user)
    if prefix is None:
        return Area.objects.none()
    towns = Area.objects.towns().filter(code__startswith=prefix)
    if len(prefix) >= 9:  # a town officer: just their town
        towns = Area.objects.towns().filter(code=prefix[:9])
    return towns.order_by("code")


def villages_for(user, town=""):
    prefix = scope_prefix(user)
    if prefix is None:
        return Area.objects.none()
    villages = Area.objects.villages().filter(code__startswith=prefix)
    if town:
        villages = villages.filter(code__startswith=town)
    return villages.order_by("code")


def training_hours_by_year(person):
    """[{"year", "hours", "sessions"}] newest first."""
    return list(
        Training.objects.filter(person=person)
        .annotate(year=ExtractYear("date"))
        .order_by()
        .values("year")
        .annotate(hours=Sum("hours"), sessions=Count("id"))
        .order_by("-year")
    )


def activity_by_year(person):
    """[{"year", "kind", "kind_label", "total", "hours"}] newest first."""
    rows = list(
        LegalSavvyActivity.objects.filter(person=person)
        .annotate(year=ExtractYear("date"))
        .order_by()
        .values("year", "kind")
        .annotate(total=Sum("count"), hours=Sum("hours"))
        .order_by("-year", "kind")
    )
    labels = dict(LegalSavvyActivity.Kind.choices)
    for row in rows:
        row["kind_label"] = labels.get(row["kind"], row["kind"])
    return rows


def _year_bounds(year):
    return date(year, 1, 1), date(year, 12, 31)


def _sum(queryset, group_field, outer, value, output):
    """Subquery: Sum(value) of ``queryset`` rows whose ``group_field`` equals OuterRef(outer)."""
    rows = (
        queryset.filter(**{group_field: OuterRef(outer)})
        .order_by()
        .values(group_field)
        .annotate(total=Sum(value))
        .values("total")
    )
    zero = ZERO_HOURS if isinstance(output, DecimalField) else Value(0)
    return Coalesce(Subquery(rows, output_field=output), zero, output_field=output)


def person_year_summary(user, year, *, town="", village=""):
    """Persons active at some time in ``year`` in the user's scope, with their activity count and
    hours and their training hours in the year. One query (subqueries, no joins that multiply)."""
    start, end = _year_bounds(year)
    active_in_year = LegalSavvyTerm.objects.filter(
        Q(appointed_on__lte=end) & (Q(removed_on__isnull=True) | Q(removed_on__gt=start))
    ).values("person_id")
    persons = persons_in_scope(user).filter(pk__in=active_in_year)
    if village:
        persons = persons.filter(village__code=village)
    elif town:
        persons = persons.filter(village__code__startswith=town)
    activities = LegalSavvyActivity.objects.filter(date__range=(start, end))
    trainings = Training.objects.filter(date__range=(start, end))
    hours = DecimalField(max_digits=9, decimal_places=1)
    return persons.select_related("village").annotate(
        activity_count=_sum(activities, "person", "pk", "count", IntegerField()),
        activity_hours=_sum(activities, "person", "pk", "hours", hours),
        training_hours=_sum(trainings, "person", "pk", "hours", hours),
    )


def village_year_summary(user, year, *, town=""):
    """Active villages in scope with, for ``year``: persons active at year end, activities by kind,
    activity hours and training hours. One query."""
    start, end = _year_bounds(year)
    prefix = scope_prefix(user)
    if prefix is None:
        return Area.objects.none()
    villages = Area.objects.villages().active().filter(code__startswith=town or prefix)
    if town and not town.startswith(prefix):
        return Area.objects.none()
    activities = LegalSavvyActivity.objects.filter(date__range=(start, end))
    trainings = Training.objects.filter(date__range=(start, end))
    hours = DecimalField(max_digits=9, decimal_places=1)
    annotations = {
        "active_at_end": active_count_subquery(end),
        "activity_count": _sum(activities, "person__village", "pk", "count", IntegerField()),
        "activity_hours": _sum(activities, "person__village", "pk", "hours", hours),
        "training_hours": _sum(trainings, "person__village", "pk", "hours", hours),
    }
    for kind in LegalSavvyActivity.Kind.values:
        annotations[f"kind_{kind}"] = _sum(
            activities.filter(kind=kind), "person__village", "pk", "count", IntegerField()
        )
    return villages.select_related("parent").annotate(**annotations).order_by("code")
