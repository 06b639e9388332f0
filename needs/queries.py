"""Needs against delivered outreach, per village of an area and period (reads only).

- demand: the duty shifts' consultations and mediations by topic (advisors.DutyShiftTopic) in the
  village, dated in the period; the rest of the shifts' consultations and mediations is unclassified.
- wishes: topics attendees asked to hear about in their feedback after checking in at a held event in
  the period, counted for their home village (or, without one, the village where the event was held).
- delivered: held events in the village in the period, per topic they cover (a vocabulary code, or a
  free-text topic equal to a topic's label in either language). As in coverage, events held at town
  or district level count for no village.
- reach: the residents' attendances by age group, gender and occupation (``coverage.reach``).

Six queries whatever the number of villages.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F, Sum
from django.db.models.functions import Coalesce
from django.utils import translation

from advisors.models import DutyShift, DutyShiftTopic
from coverage.reach import empty_reach, reach_by_village
from outreach.models import CheckIn, CheckinFeedback, Event
from places.models import Area
from topics.models import Topic


@dataclass
class VillageNeeds:
    village: str
    name: str
    town_name: str
    population: int | None
    demand: dict  # {topic code: consultations and mediations}
    unclassified: int
    wishes: dict  # {topic code: attendees who asked for it}
    delivered: dict  # {topic code: held events}
    events: int
    reach: dict
    uncovered: list = field(default_factory=list)  # [(code, demand, wishes)] biggest first
    reach_gaps: list = field(default_factory=list)  # ["no_youth_reached", "no_elderly_reached"]

    @property
    def weight(self):
        """How pressing the village's suggestions are: uncovered demand, then the reach gaps."""
        return sum(demand + wishes for _code, demand, wishes in self.uncovered)


def _topic_keys(topics):
    """{text: code}: each topic's code and its label in Chinese and English (for free-text event topics)."""
    keys = {}
    for topic in topics:
        keys[topic.code] = topic.code
        keys[topic.label] = topic.code
        for language in ("zh-hans", "en"):
            with translation.override(language):
                keys[topic.display_label] = topic.code
    return keys


def village_needs(period, area):
    """[VillageNeeds] for the active villages under ``area`` (an Area or a code), ordered by code."""
    code = area.code if isinstance(area, Area) else str(area)
    villages = list(
        Area.objects.villages()
        .active()
        .filter(code__startswith=code)
        .select_related("parent")
        .order_by("code")
        .only("code", "name", "population", "parent__name")
    )
    topics = list(Topic.objects.all())
    keys = _topic_keys(topics)

    demand = defaultdict(dict)
    for village, topic, n in (
        DutyShiftTopic.objects.filter(
            shift__village__code__startswith=code, shift__date__gte=period.start, shift__date__lte=period.end
        )
        .order_by()
        .values_list("shift__village__code", "topic__code")
        .annotate(n=Sum("count"))
    ):
        demand[village][topic] = n
    totals = dict(
        DutyShift.objects.filter(village__code__startswith=code, date__gte=period.start, date__lte=period.end)
        .order_by()
        .values_list("village__code")
        .annotate(n=Sum(F("consultation_batches") + F("mediations")))
    )

    wishes = defaultdict(lambda: defaultdict(int))
    home = Coalesce("checkinfeedback__checkin__home_village__code", "checkinfeedback__checkin__event__area__code")
    for village, topic in (
        CheckinFeedback.wishes.through.objects.filter(
            checkinfeedback__checkin__annulled=False,
            checkinfeedback__checkin__event__status=Event.Status.HELD,
            checkinfeedback__checkin__event__starts_at__gte=period.start_dt,
            checkinfeedback__checkin__event__starts_at__lt=period.end_dt,
        )
        .annotate(home=home)
        .filter(home__startswith=code)
        .values_list("home", "topic__code")
    ):
        wishes[village][topic] += 1

    delivered = defaultdict(lambda: defaultdict(int))
    events = defaultdict(int)
    for village, event_topics in Event.objects.filter(
        status=Event.Status.HELD,
        area__code__startswith=code,
        area__level=Area.Level.VILLAGE,
        starts_at__gte=period.start_dt,
        starts_at__lt=period.end_dt,
    ).values_list("area__code", "topics"):
        events[village] += 1
        for topic in {keys[text] for text in event_topics or () if isinstance(text, str) and text in keys}:
            delivered[village][topic] += 1

    reach = reach_by_village(period, code)
    order = {topic.code: i for i, topic in enumerate(topics)}
    rows = []
    for village in villages:
        asked, wished, held = (
            demand.get(village.code, {}),
            wishes.get(village.code, {}),
            delivered.get(village.code, {}),
        )
        row = VillageNeeds(
            village=village.code,
            name=village.name,
            town_name=village.parent.name if village.parent else "",
            population=village.population,
            demand=dict(asked),
            unclassified=max(0, (totals.get(village.code) or 0) - sum(asked.values())),
            wishes=dict(wished),
            delivered=dict(held),
            events=events.get(village.code, 0),
            reach=reach.get(village.code) or empty_reach(),
        )
        row.uncovered = sorted(
            (
                (topic, asked.get(topic, 0), wished.get(topic, 0))
                for topic in set(asked) | set(wished)
                if not held.get(topic) and asked.get(topic, 0) + wished.get(topic, 0) > 0
            ),
            key=lambda item: (-(item[1] + item[2]), order.get(item[0], 999), item[0]),
        )
        if not row.reach["age_group"].get(CheckIn.AgeGroup.UNDER_18):
            row.reach_gaps.append("no_youth_reached")
        if not row.reach["age_group"].get(CheckIn.AgeGroup.AGE_60_PLUS):
            row.reach_gaps.append("no_elderly_reached")
        rows.append(row)
    return rows


def ranked(rows):
    """Villages with something to suggest, most pressing first (uncovered demand, reach gaps, code)."""
    return sorted(
        (row for row in rows if row.uncovered or row.reach_gaps),
        key=lambda row: (-row.weight, -len(row.reach_gaps), row.village),
    )


def totals_by_topic(rows):
    """{code: {"demand", "wishes", "delivered"}} summed over the villages."""
    result = defaultdict(lambda: {"demand": 0, "wishes": 0, "delivered": 0})
    for row in rows:
        for name in ("demand", "wishes", "delivered"):
            for topic, n in getattr(row, name).items():
                result[topic][name] += n
    return dict(result)
