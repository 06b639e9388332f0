"""The attendee's optional feedback after checking in: one per check-in, no login.

The done page carries a signed token naming its check-in, so feedback cannot be given for
another person's check-in; this service only trusts the check-in it is handed.
"""

from django.db import IntegrityError, transaction

from common.errors import Refusal
from topics.models import Topic

from ..errors import CheckinError
from ..models import CheckIn, CheckinFeedback


def give_feedback(checkin, *, satisfaction=None, wishes=()):
    """Store satisfaction (1–5 or None) and the topic codes wished for. Refuses a second feedback."""
    if satisfaction in ("", None):
        satisfaction = None
    else:
        try:
            satisfaction = int(satisfaction)
        except (TypeError, ValueError):
            raise Refusal(CheckinError.BAD_SATISFACTION, "satisfaction") from None
        if not 1 <= satisfaction <= 5:
            raise Refusal(CheckinError.BAD_SATISFACTION, "satisfaction")
    codes = sorted({str(code) for code in wishes or ()})
    topics = list(Topic.objects.active().filter(code__in=codes)) if codes else []
    if len(topics) != len(codes):
        raise Refusal(CheckinError.BAD_WISH, "wishes")
    if satisfaction is None and not topics:
        raise Refusal(CheckinError.FEEDBACK_EMPTY)
    try:
        with transaction.atomic():
            locked = CheckIn.objects.select_for_update().get(pk=checkin.pk)
            if locked.annulled or CheckinFeedback.objects.filter(checkin=locked).exists():
                raise Refusal(CheckinError.FEEDBACK_GIVEN)
            feedback = CheckinFeedback.objects.create(checkin=locked, satisfaction=satisfaction)
            feedback.wishes.set(topics)
    except IntegrityError:  # a second submit racing the first
        raise Refusal(CheckinError.FEEDBACK_GIVEN) from None
    return feedback
