"""Topic data for the demo (the last step, with its own random generator, so every earlier number
stays the same): duty shifts' consultations and mediations by topic, vocabulary codes on the events,
and attendee feedback after check-in. Written in bulk like the other historical demo data."""

from advisors.models import DutyShift, DutyShiftTopic
from outreach.models import CheckIn, CheckinFeedback, Event
from topics.models import Topic
from topics.services import ensure_seed_topics

from .common import DOUMEN, rng_for

# What residents bring to advisors: villages are about land, family and neighbours; communities
# about wages, contracts, consumers and fraud. Weights per topic code.
VILLAGE_WEIGHTS = {
    "land": 24,
    "marriage_family": 18,
    "neighbours": 14,
    "inheritance": 10,
    "contracts_debts": 8,
    "labour": 7,
    "elderly": 5,
    "traffic": 4,
    "telecom_fraud": 3,
    "administrative": 3,
    "minors": 2,
    "consumer": 1,
    "other": 1,
}
COMMUNITY_WEIGHTS = {
    "labour": 18,
    "contracts_debts": 16,
    "marriage_family": 14,
    "consumer": 10,
    "telecom_fraud": 9,
    "neighbours": 8,
    "inheritance": 6,
    "traffic": 6,
    "elderly": 5,
    "minors": 3,
    "administrative": 3,
    "land": 1,
    "other": 1,
}
# Free-text event topics of the demo catalogue → the vocabulary code they cover.
EVENT_TOPIC_CODES = {
    "农村土地承包法": "land",
    "反电信网络诈骗": "telecom_fraud",
    "防范养老诈骗": "elderly",
    "婚姻家庭": "marriage_family",
    "反家庭暴力": "marriage_family",
    "妇女权益保障法": "marriage_family",
    "未成年人保护法": "minors",
    "预防校园欺凌": "minors",
    "道路交通安全": "traffic",
    "劳动合同法": "labour",
    "民法典合同编": "contracts_debts",
    "物业管理条例": "neighbours",
    "行政复议法": "administrative",
}
CLASSIFIED_SHARE = 0.75  # advisors classify about three quarters of what they record
FEEDBACK_SHARE = 0.3  # about one attendee in three answers the optional feedback


def _pick(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def load_topics():
    if DutyShiftTopic.objects.exists() or CheckinFeedback.objects.exists():
        return  # already loaded: a second run changes nothing
    rng = rng_for("topics")
    ensure_seed_topics()  # a database flushed since its migrations has lost the seeded vocabulary
    topics = dict(Topic.objects.values_list("code", "pk"))
    rows = []
    shifts = (
        DutyShift.objects.filter(village__code__startswith=DOUMEN)
        .order_by("pk")
        .values_list("pk", "village__kind", "consultation_batches", "mediations")
    )
    for pk, kind, batches, mediations in shifts:
        weights = COMMUNITY_WEIGHTS if kind == "community" else VILLAGE_WEIGHTS
        counts = {}
        for _unit in range(batches + mediations):
            if rng.random() < CLASSIFIED_SHARE:
                code = _pick(rng, weights)
                counts[code] = counts.get(code, 0) + 1
        rows += [DutyShiftTopic(shift_id=pk, topic_id=topics[code], count=n) for code, n in sorted(counts.items())]
    DutyShiftTopic.objects.bulk_create(rows, batch_size=1000)

    changed = []
    for event in Event.objects.filter(area__code__startswith=DOUMEN).order_by("pk").only("pk", "topics"):
        codes = [EVENT_TOPIC_CODES[text] for text in event.topics or () if text in EVENT_TOPIC_CODES]
        codes = [code for code in dict.fromkeys(codes) if code not in event.topics]
        if codes:
            event.topics = codes + list(event.topics)
            changed.append(event)
    Event.objects.bulk_update(changed, ["topics"], batch_size=500)

    feedback, wishes = [], []
    checkins = (
        CheckIn.objects.filter(annulled=False, event__status=Event.Status.HELD, event__area__code__startswith=DOUMEN)
        .order_by("pk")
        .values_list("pk", "home_village__kind", "age_group")
    )
    for pk, kind, age_group in checkins:
        if rng.random() >= FEEDBACK_SHARE:
            continue
        weights = dict(COMMUNITY_WEIGHTS if kind == "community" else VILLAGE_WEIGHTS)
        if age_group == CheckIn.AgeGroup.UNDER_18:
            weights.update(minors=40, telecom_fraud=20, traffic=15)
        elif age_group == CheckIn.AgeGroup.AGE_60_PLUS:
            weights.update(elderly=40, telecom_fraud=25, inheritance=20)
        satisfaction = rng.choices([5, 4, 3, 2, 1], weights=[55, 30, 10, 3, 2])[0] if rng.random() < 0.9 else None
        codes = {_pick(rng, weights) for _ in range(rng.choice([1, 1, 2, 3]))}
        feedback.append(CheckinFeedback(checkin_id=pk, satisfaction=satisfaction))
        wishes.append(sorted(codes))
    created = CheckinFeedback.objects.bulk_create(feedback, batch_size=1000)
    through = CheckinFeedback.wishes.through
    through.objects.bulk_create(
        [
            through(checkinfeedback_id=item.pk, topic_id=topics[code])
            for item, codes in zip(created, wishes, strict=True)
            for code in codes
        ],
        batch_size=1000,
    )
