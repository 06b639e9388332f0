"""Who is an active legal-savvy person on a date, and which villages meet the quota.

Active on date D: a term with appointed_on <= D and (removed_on is null or removed_on > D)
— so a person removed on D no longer counts on D, and a re-appointed person counts again
from the new term's date.
"""

from django.conf import settings
from django.db.models import BooleanField, Count, ExpressionWrapper, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from places.models import Area

from .models import LegalSavvyTerm


def active_terms_q(on_date):
    """Q over LegalSavvyTerm for terms active on ``on_date``."""
    return Q(appointed_on__lte=on_date) & (Q(removed_on__isnull=True) | Q(removed_on__gt=on_date))


def active_person_ids(on_date, area_code=""):
    """Ids of persons active on ``on_date`` in villages under ``area_code`` (a queryset, not a list)."""
    return (
        LegalSavvyTerm.objects.filter(active_terms_q(on_date), village__code__startswith=area_code)
        .values("person_id")
        .distinct()
    )


def active_count_subquery(on_date, village_ref="pk"):
    """A Subquery giving the active count for the village ``OuterRef(village_ref)``."""
    counts = (
        LegalSavvyTerm.objects.filter(active_terms_q(on_date), village=OuterRef(village_ref))
        .order_by()
        .values("village")
        .annotate(n=Count("person", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def quota_status(on_date, area_code, quota=None):
    """For each active village under ``area_code``: (village, active count, meets quota), one query.

    Returns a queryset of Area annotated with ``legal_savvy_active`` and ``meets_quota``.
    """
    quota = settings.LEGAL_SAVVY_QUOTA if quota is None else quota
    villages = Area.objects.villages().active().filter(code__startswith=area_code)
    villages = villages.annotate(legal_savvy_active=active_count_subquery(on_date))
    return villages.annotate(
        meets_quota=ExpressionWrapper(Q(legal_savvy_active__gte=quota), output_field=BooleanField())
    ).order_by("code")


def quota_summary(on_date, area_code, quota=None):
    """{"villages", "meeting", "under", "active_persons"} for active villages under ``area_code``, one query."""
    rows = quota_status(on_date, area_code, quota).order_by()
    totals = rows.aggregate(
        villages=Count("pk"),
        meeting=Count("pk", filter=Q(meets_quota=True)),
        active_persons=Sum("legal_savvy_active"),
    )
    totals["active_persons"] = totals["active_persons"] or 0
    totals["under"] = totals["villages"] - totals["meeting"]
    return totals
