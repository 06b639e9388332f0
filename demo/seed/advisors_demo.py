"""67 village legal advisors with 1–3 villages each, covering all 129 villages from 2022 on.

A few villages change advisor on 1 July 2023 (both advisors count in 2023) and on 1 January 2025
(history). The demo user "advisor" is the advisor of 井岸镇尖峰村.
"""

from datetime import date, timedelta

from advisors.models import Advisor, Assignment

from .common import DOUMEN, demo_user, mobile, rng_for, unique_names, villages

ADVISOR_COUNT = 67
START = date(2022, 1, 1)
# Villages per advisor in each town (advisors serve villages of one town); sums to 129 and 67.
GROUPS = {
    "440403001": [2, 2, 2, 1, 1],
    "440403100": [3, 3] + [2] * 12,
    "440403103": [2, 2, 2, 2, 2, 1],
    "440403105": [2] * 8 + [1, 1],
    "440403106": [3] + [2] * 17,
    "440403107": [3] + [2] * 9 + [1] * 4,
}
# (town, index of the giving group, index of the taking group, date): one village changes hands.
HANDOVERS = [
    ("440403106", 5, 17, date(2023, 7, 1)),
    ("440403100", 4, 13, date(2023, 7, 1)),
    ("440403105", 2, 9, date(2023, 7, 1)),
    ("440403103", 1, 5, date(2025, 1, 1)),
    ("440403001", 0, 4, date(2025, 1, 1)),
]
LAW_FIRMS = [
    "广东斗门正德律师事务所",
    "广东井岸明理律师事务所",
    "广东珠海诚和律师事务所",
    "广东珠海衡平律师事务所",
    "广东斗门博信律师事务所",
    "广东珠海莲江律师事务所",
    "广东白蕉维正律师事务所",
    "广东珠海中和律师事务所斗门分所",
]
SERVICE_OFFICES = {
    "440403001": "斗门区白藤法律服务所",
    "440403100": "斗门区莲洲法律服务所",
    "440403103": "斗门区斗门镇法律服务所",
    "440403105": "斗门区乾务法律服务所",
    "440403106": "斗门区白蕉法律服务所",
    "440403107": "斗门区井岸法律服务所",
}
SPECIALTIES = [
    "婚姻家庭、继承",
    "劳动争议、工伤",
    "合同纠纷、债权债务",
    "土地承包、宅基地",
    "交通事故、人身损害",
    "物业、房屋买卖",
    "村务治理、集体资产",
    "刑事辩护、法律援助",
]
DEMO_ADVISOR_VILLAGE = "440403107202"  # 井岸镇尖峰村


def licence_numbers():
    """Deterministic 17-digit practice certificate numbers (the demo's marker)."""
    return [f"1440420{10 + i % 12:02d}1{i % 2}{100001 + i:06d}" for i in range(ADVISOR_COUNT)]


def demo_advisors():
    return Advisor.objects.filter(license_no__in=licence_numbers())


def _groups():
    """[(town code, [villages])] in the order the advisors are numbered."""
    by_town = {}
    for village in villages():
        by_town.setdefault(village.parent.code, []).append(village)
    groups = []
    for town, sizes in GROUPS.items():
        members = by_town.get(town, [])
        if sum(sizes) != len(members):
            raise RuntimeError(f"demo: town {town} has {len(members)} villages, the demo plan {sum(sizes)}")
        start = 0
        for size in sizes:
            groups.append((town, members[start : start + size]))
            start += size
    return groups


def load_advisors():
    if not demo_advisors().exists():
        _create()
    _link_demo_user()


def _create():
    rng = rng_for("advisors")
    groups = _groups()
    if len(groups) != ADVISOR_COUNT:
        raise RuntimeError("demo: the advisor plan does not give 67 advisors")
    names = unique_names(rng, ADVISOR_COUNT)
    phones = set()
    advisors = []
    for i, ((town, _members), name, licence) in enumerate(zip(groups, names, licence_numbers())):
        lawyer = i % 6 != 5  # about one in six is a grassroots legal service worker
        phone = mobile(rng)
        while phone in phones:
            phone = mobile(rng)
        phones.add(phone)
        advisors.append(
            Advisor(
                name=name,
                kind=Advisor.Kind.LAWYER if lawyer else Advisor.Kind.LEGAL_WORKER,
                firm=rng.choice(LAW_FIRMS) if lawyer else SERVICE_OFFICES[town],
                license_no=licence,
                phone=phone,
                specialties="、".join(rng.sample(SPECIALTIES, 2)),
            )
        )
    advisors = Advisor.objects.bulk_create(advisors)

    # Group index per town → advisor, to apply the handovers.
    index_in_town, by_town_index = {}, {}
    for advisor, (town, _members) in zip(advisors, groups):
        n = index_in_town.get(town, 0)
        by_town_index[(town, n)] = advisor
        index_in_town[town] = n + 1
    moving = {}
    for town, giver, taker, when in HANDOVERS:
        members = groups[[g for g, (t, _m) in enumerate(groups) if t == town][giver]][1]
        moving[members[-1].code] = (by_town_index[(town, taker)], when)

    assignments = []
    for advisor, (_town, members) in zip(advisors, groups):
        for village in members:
            if village.code in moving:
                successor, when = moving[village.code]
                assignments.append(
                    Assignment(advisor=advisor, village=village, starts_on=START, ends_on=when - timedelta(days=1))
                )
                assignments.append(Assignment(advisor=successor, village=village, starts_on=when))
            else:
                assignments.append(Assignment(advisor=advisor, village=village, starts_on=START))
    Assignment.objects.bulk_create(assignments)


def _link_demo_user():
    user = demo_user("advisor")
    if user is None:
        return
    advisor = (
        demo_advisors()
        .filter(assignments__village__code=DEMO_ADVISOR_VILLAGE, assignments__ends_on__isnull=True)
        .first()
    )
    if advisor is None or advisor.user_id == user.pk:
        return
    Advisor.objects.filter(user=user).exclude(pk=advisor.pk).update(user=None)
    advisor.user = user
    advisor.save(update_fields=["user"])


def assignments_by_village():
    """{village code: [(advisor id, starts_on, ends_on or None)]} of the demo advisors."""
    result = {}
    for advisor_id, code, starts_on, ends_on in (
        Assignment.objects.filter(
            advisor__in=demo_advisors(),
            village__code__startswith=DOUMEN,
        )
        .values_list("advisor_id", "village__code", "starts_on", "ends_on")
        .order_by("village__code", "starts_on")
    ):
        result.setdefault(code, []).append((advisor_id, starts_on, ends_on))
    return result


def advisor_on(periods, day):
    for advisor_id, starts_on, ends_on in periods:
        if starts_on <= day and (ends_on is None or day <= ends_on):
            return advisor_id
    return None
