"""Attendee feedback, aggregated only (never per person): satisfaction and topics wished for."""

from django.db.models import Avg, Count, Q
from django.utils.translation import gettext

from .models import CheckinFeedback

LIVE = Q(checkin__annulled=False)


def feedback_summary(events):
    """{"responses", "average", "wishes": [(code, label, n)] most wished first} for a queryset of events.
    Two queries."""
    feedback = CheckinFeedback.objects.filter(LIVE, checkin__event__in=events)
    totals = feedback.aggregate(n=Count("id"), avg=Avg("satisfaction"), rated=Count("satisfaction"))
    through = CheckinFeedback.wishes.through.objects.filter(
        checkinfeedback__checkin__annulled=False, checkinfeedback__checkin__event__in=events
    )
    rows = through.values("topic__code", "topic__label").annotate(n=Count("id")).order_by("-n", "topic__code")
    return {
        "responses": totals["n"],
        "rated": totals["rated"],
        "average": round(totals["avg"], 1) if totals["avg"] is not None else None,
        "wishes": [(row["topic__code"], gettext(row["topic__label"]), row["n"]) for row in rows],
    }
