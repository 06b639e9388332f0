"""Legal-savvy persons (法律明白人): 516 active at the end of 2023, 4 in every village, 129 of them
first appointed in 2023, with their terms, trainings and volunteer activities.

Per village: two persons appointed in 2021, one in 2022, one in 2023. Besides them: in three
villages one of the 2021 persons was removed in 2022 and re-appointed in 2023 (active, not new);
six villages have a person removed in 2022 and two a person removed on 31 December 2023 (neither
counts at the end of 2023); two remote villages lose a person in mid-2025, so they fall below the
quota in the running year.
"""

from datetime import date, timedelta
from decimal import Decimal

from legalsavvy.models import Gender, LegalSavvyActivity, LegalSavvyPerson, LegalSavvyTerm, Training

from .advisors_demo import advisor_on, assignments_by_village
from .common import BATCH, mobile, person_name, rng_for, today, underserved_codes, villages

CERTIFICATE_PREFIX = "斗司法明"
SOURCES = (
    ["cadre"] * 25
    + ["mediator"] * 15
    + ["grid_worker"] * 15
    + ["party_member"] * 15
    + ["womens_federation"] * 10
    + ["five_elders"] * 8
    + ["auxiliary_police"] * 3
    + ["group_head"] * 8
    + ["other"]
)
ANNUAL_TOPICS = {2022: "民法典与农村常见纠纷化解", 2023: "矛盾纠纷排查与人民调解实务"}
ACTIVITY_KINDS = (
    ["dispute_resolved"] * 30 + ["risk_reported"] * 25 + ["referral"] * 20 + ["outreach_helped"] * 20 + ["other"] * 5
)
ACTIVITY_NOTES = {
    "dispute_resolved": ["协助化解邻里宅基地纠纷", "协助调解家庭赡养纠纷", "协助化解土地承包边界纠纷"],
    "risk_reported": ["排查发现一宗拖欠工资隐患并上报", "上报一宗疑似电信诈骗线索", "排查独居老人安全隐患"],
    "referral": ["引导村民向法律顾问咨询", "引导困难群众申请法律援助"],
    "outreach_helped": ["协助开展民法典宣传", "协助组织反诈宣传活动"],
    "other": ["参与村规民约修订讨论"],
}


def _random_day(rng, first, last):
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def load_legal_savvy():
    if LegalSavvyPerson.objects.filter(certificate_no__startswith=CERTIFICATE_PREFIX).exists():
        return
    rng = rng_for("legal-savvy")
    # The running year's draws come from a stream of their own: its ranges end yesterday, and drawing
    # them from ``rng`` would shift every later draw with the date (the 2023 report's numbers with it).
    running_rng = rng_for("legal-savvy-running-year")
    now = today()
    village_list = villages()
    underserved = underserved_codes(village_list)
    periods = assignments_by_village()
    ordinary = [v.code for v in village_list if v.code not in underserved]
    reappointed = set(rng.sample(ordinary, 3))
    removed_2022 = set(rng.sample(ordinary, 6))
    removed_on_eve = set(rng.sample(ordinary, 2))
    removed_2025 = set(sorted(underserved)[:2]) if now > date(2025, 6, 30) else set()

    plans = []  # (village, [(appointed_on, removed_on, reason)])
    for village in village_list:
        code = village.code
        d2021 = lambda: _random_day(rng, date(2021, 3, 1), date(2021, 11, 30))  # noqa: E731
        first = (
            [(d2021(), date(2022, 8, 15), "工作调动"), (date(2023, 4, 10), None, "")]
            if code in reappointed
            else [(d2021(), None, "")]
        )
        second = [(d2021(), date(2025, 6, 30), "因病辞任")] if code in removed_2025 else [(d2021(), None, "")]
        plans += [
            (village, first),
            (village, second),
            (village, [(_random_day(rng, date(2022, 3, 1), date(2022, 11, 30)), None, "")]),
            (village, [(_random_day(rng, date(2023, 2, 1), date(2023, 11, 30)), None, "")]),
        ]
        if code in removed_2022:
            plans.append((village, [(d2021(), _random_day(rng, date(2022, 2, 1), date(2022, 10, 31)), "迁出本村")]))
        if code in removed_on_eve:
            plans.append(
                (
                    village,
                    [(_random_day(rng, date(2022, 3, 1), date(2022, 9, 30)), date(2023, 12, 31), "年度考核不合格")],
                )
            )

    persons, phones, serial = [], set(), {}
    for village, terms in plans:
        appointed, removed, reason = terms[-1]
        first_year = terms[0][0].year
        serial[first_year] = serial.get(first_year, 0) + 1
        phone = mobile(rng)
        while phone in phones:
            phone = mobile(rng)
        phones.add(phone)
        gender = Gender.FEMALE if rng.random() < 0.42 else Gender.MALE
        persons.append(
            LegalSavvyPerson(
                name=person_name(rng),
                gender=gender,
                birth_year=rng.randint(1958, 1996),
                phone=phone,
                village=village,
                villager_group=f"第{rng.randint(1, 12)}村民小组",
                source=rng.choice(SOURCES),
                nomination_route=rng.choice(["village_committee"] * 4 + ["town_office", "self"]),
                certificate_no=f"{CERTIFICATE_PREFIX}{first_year}{serial[first_year]:04d}",
                appointed_on=appointed,
                status="removed" if removed else "active",
                removed_on=removed,
                removal_reason=reason,
                advisor_id=advisor_on(periods.get(village.code, []), min(appointed, now)),
            )
        )
    persons = LegalSavvyPerson.objects.bulk_create(persons, batch_size=BATCH)

    term_rows, trainings, activities = [], [], []
    for person, (village, terms) in zip(persons, plans):
        town = village.parent.code
        for appointed, removed, reason in terms:
            term_rows.append(
                LegalSavvyTerm(
                    person=person, village=village, appointed_on=appointed, removed_on=removed, removal_reason=reason
                )
            )
            pre = appointed - timedelta(days=rng.randint(10, 30))
            trainings.append(
                Training(
                    person=person,
                    date=pre,
                    hours=Decimal("8"),
                    topic="法律明白人岗前培训",
                    passed=True,
                    session=f"pre-{town}-{pre:%Y%m}",
                )
            )
        for year in sorted({2022, 2023, now.year}):
            draw = rng if year in (2022, 2023) else running_rng
            active = [
                (a, r) for a, r, _reason in terms if a <= date(year, 12, 31) and (r is None or r > date(year, 1, 1))
            ]
            if not active:
                continue
            start = max(max(a for a, _r in active), date(year, 1, 1))
            end = min([r - timedelta(days=1) for _a, r in active if r] + [date(year, 12, 31), now - timedelta(days=1)])
            if end < start:
                continue
            june = date(year, 6, 10 + int(town[-1]))
            if start <= june <= end:
                trainings.append(
                    Training(
                        person=person,
                        date=june,
                        hours=Decimal(draw.choice(["3", "4"])),
                        topic=ANNUAL_TOPICS.get(year, "反电信网络诈骗与基层治理"),
                        session=f"annual-{year}-{town}",
                    )
                )
            k = draw.choice([0, 1, 1, 2, 2, 3, 4, 5])
            if village.code in underserved:
                k //= 2
            for _ in range(k):
                kind = draw.choice(ACTIVITY_KINDS)
                activities.append(
                    LegalSavvyActivity(
                        person=person,
                        date=_random_day(draw, start, end),
                        kind=kind,
                        count=1 if kind == "outreach_helped" else draw.choice([1, 1, 1, 2, 3]),
                        hours=Decimal(str(draw.choice([0.5, 1, 1.5, 2, 3, 4]))),
                        notes=draw.choice(ACTIVITY_NOTES[kind]),
                    )
                )
    LegalSavvyTerm.objects.bulk_create(term_rows, batch_size=BATCH)
    Training.objects.bulk_create(trainings, batch_size=BATCH)
    LegalSavvyActivity.objects.bulk_create(activities, batch_size=BATCH)
