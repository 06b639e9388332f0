"""The suggestions of the needs page, the API and the annual report's "不足与下一步" section, as sentences
with their numbers: "尖峰村：2023年土地承包与征地类咨询调解12件，未开展相关普法活动；未覆盖18岁以下群众。"
"""

from django.utils.translation import gettext as _

from common.periods import Period
from coverage.rules import Gap
from topics.models import topic_labels

from .queries import ranked, village_needs


def _topic_item(label, demand, wishes):
    if demand and wishes:
        text = _("%(topic)s: %(demand)s consultations and mediations, %(wishes)s attendees asked to hear about it")
    elif demand:
        text = _("%(topic)s: %(demand)s consultations and mediations")
    else:
        text = _("%(topic)s: %(wishes)s attendees asked to hear about it")
    return text % {"topic": label, "demand": demand, "wishes": wishes}


def village_suggestions(row, labels):
    """The suggestions for one village (a list of phrases, most pressing first)."""
    phrases = [
        _("%(item)s, and no outreach event on it was held") % {"item": _topic_item(labels.get(code, code), d, w)}
        for code, d, w in row.uncovered
    ]
    phrases += [str(Gap(code).label) for code in row.reach_gaps]
    return phrases


def village_sentence(row, period, labels):
    return _("%(village)s, %(period)s: %(suggestions)s.") % {
        "village": row.name,
        "period": period.label,
        "suggestions": _("; ").join(village_suggestions(row, labels)),
    }


def period_sentences(period, area, rows=None):
    """One sentence per village with something to suggest, most pressing first (in the active language).
    ``area``: an Area or a code. ``rows``: the ``village_needs`` rows if already read."""
    rows = village_needs(period, area) if rows is None else rows
    labels = topic_labels()
    return [village_sentence(row, period, labels) for row in ranked(rows)]


def suggestion_sentences(year, area):
    """The report's "不足与下一步" sentences for a calendar year and an area (an Area or a code)."""
    return period_sentences(Period.for_year(int(year)), area)
