"""Live attendance of an event: counts and breakdowns in one aggregate query."""

from django.db.models import Count, Q

from .models import CheckIn

BREAKDOWNS = (
    ("age_group", CheckIn.AgeGroup),
    ("gender", CheckIn.Gender),
    ("occupation", CheckIn.Occupation),
)


def event_counts(event):
    """{"checkins", "walk_in_count", "attendee_count", "age_group": [(code, label, n)], …}.

    Counts rows of live check-ins: unique per phone by constraint, and still there after the
    personal-data purge blanks names and phones.
    """
    live = Q(annulled=False)
    # Aliases must not shadow field names (e.g. "annulled"), hence the n_ prefix.
    aggregates = {"n_live": Count("id", filter=live), "n_annulled": Count("id", filter=Q(annulled=True))}
    for field, choices in BREAKDOWNS:
        for code in choices.values:
            aggregates[f"n_{field}_{code}"] = Count("id", filter=live & Q(**{field: code}))
    totals = CheckIn.objects.filter(event=event).aggregate(**aggregates)
    result = {
        "checkins": totals["n_live"],
        "annulled": totals["n_annulled"],
        "walk_in_count": event.walk_in_count,
        "attendee_count": totals["n_live"] + event.walk_in_count,
    }
    for field, choices in BREAKDOWNS:
        result[field] = [(code, label, totals[f"n_{field}_{code}"]) for code, label in choices.choices]
    return result


def counts_json(event):
    counts = event_counts(event)
    data = {key: counts[key] for key in ("checkins", "annulled", "walk_in_count", "attendee_count")}
    for field, _choices in BREAKDOWNS:
        data[field] = {code: n for code, _label, n in counts[field]}
    return data
