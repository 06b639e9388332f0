"""Consultations and mediations by legal topic on a duty shift.

``check_topic_counts`` is the one rule for them: the shift form, the API, imports and offline sync
all call it (the shift services call it on every write that carries or affects topic counts).
"""

from django.utils.translation import gettext

from topics.models import Topic

from ..errors import DutyError, DutyRefused
from ..models import DutyShiftTopic

FIELD = "topics"


def check_topic_counts(topics, *, consultation_batches, mediations, known=None):
    """Check ``{"<topic code>": n}`` against a shift's totals and return it cleaned (ints, zeros dropped).

    Refuses unknown codes, negative or non-integer counts and counts adding up to more than
    ``consultation_batches + mediations``. One query (the codes), none when there are no counts or
    when the caller gives the ``known`` codes (an import loads them once for all its lines).
    """
    cleaned = {}
    if topics is not None and not isinstance(topics, dict):
        raise DutyRefused(DutyError.UNKNOWN_TOPIC, FIELD, topic=str(topics)[:40])
    for code, value in (topics or {}).items():
        if value in (None, ""):
            continue
        if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).lstrip("-").isdigit():
            raise DutyRefused(DutyError.NEGATIVE_COUNTER, FIELD)
        number = int(value)
        if number < 0:
            raise DutyRefused(DutyError.NEGATIVE_COUNTER, FIELD)
        if number:
            cleaned[str(code)] = number
    if not cleaned:
        return {}
    if known is None:
        known = set(Topic.objects.filter(code__in=list(cleaned)).values_list("code", flat=True))
    unknown = sorted(set(cleaned) - set(known))
    if unknown:
        raise DutyRefused(DutyError.UNKNOWN_TOPIC, FIELD, topic=unknown[0])
    total = (consultation_batches or 0) + (mediations or 0)
    if sum(cleaned.values()) > total:
        raise DutyRefused(DutyError.TOPICS_EXCEED_TOTALS, FIELD, sum=sum(cleaned.values()), total=total)
    return cleaned


def topic_counts_of(shift):
    """``{"<code>": n}`` of a saved shift (uses a ``prefetch_related("topic_counts__topic")`` if there)."""
    if shift.pk is None:
        return {}
    return {row.topic.code: row.count for row in shift.topic_counts.all()}


def replace_topic_counts(shift, cleaned):
    """Store the (checked) counts of ``shift``, replacing what it had."""
    shift.topic_counts.all().delete()
    if cleaned:
        ids = dict(Topic.objects.filter(code__in=list(cleaned)).values_list("code", "pk"))
        DutyShiftTopic.objects.bulk_create(
            [DutyShiftTopic(shift=shift, topic_id=ids[code], count=number) for code, number in cleaned.items()]
        )


def topic_breakdown(shift):
    """[(label, n)] of a shift's counts by topic, then the unclassified remainder (未分类) if any."""
    rows = [(row.topic.display_label, row.count) for row in shift.topic_counts.select_related("topic")]
    rest = shift.consultation_batches + shift.mediations - sum(count for _label, count in rows)
    if rest > 0:
        rows.append((gettext("Unclassified"), rest))
    return rows
