"""The advisors' duty log: all of 2022 and 2023, and the running year up to yesterday.

2023 reproduces the district's report exactly (4644 shifts, 1548 home visits, 5507 batches /
18312 persons, …): shifts are spread over villages (the remote under-served ones get only a few
short shifts), months (fewer around the Spring Festival), weekdays and time slots, then each
report total is split over the shifts with weights by mode (phone consultations mostly on remote
shifts, mediations on home visits…) so the sums are exact.
"""

from datetime import date, time, timedelta
from decimal import Decimal

from accounts.models import User
from advisors.models import DutyShift

from .advisors_demo import advisor_on, assignments_by_village, demo_advisors
from .common import (
    BATCH,
    aware,
    days_of,
    demo_user,
    own_timestamps,
    rng_for,
    spread,
    today,
    underserved_codes,
    villages,
)

TOTALS = {
    2023: {
        "duty_shifts": 4644,
        "home_visits": 1548,
        "consultation_batches": 5507,
        "consultation_people": 18312,
        "contracts_reviewed": 221,
        "legal_opinions": 23,
        "documents_drafted": 166,
        "mediations": 68,
        "negotiations": 2,
        "legal_aid_cases": 3,
        "elections_assisted": 2,
        "phone_consultations": 797,
        "outreach_sessions": 564,
    },
    2022: {
        "duty_shifts": 4296,
        "home_visits": 1402,
        "consultation_batches": 5120,
        "consultation_people": 16980,
        "contracts_reviewed": 198,
        "legal_opinions": 19,
        "documents_drafted": 150,
        "mediations": 74,
        "negotiations": 3,
        "legal_aid_cases": 4,
        "elections_assisted": 1,
        "phone_consultations": 712,
        "outreach_sessions": 503,
    },
}
UNDERSERVED_SHIFTS = 5
# Relative weight of each mode for each counter.
WEIGHTS = {
    "consultation_batches": {"office": 1.4, "appointment": 1.8, "home_visit": 1.0, "remote": 0.6},
    "contracts_reviewed": {"office": 1.0, "appointment": 1.2, "home_visit": 0.2, "remote": 0.3},
    "legal_opinions": {"office": 1.0, "appointment": 1.5, "home_visit": 0.2, "remote": 0.2},
    "documents_drafted": {"office": 1.0, "appointment": 1.5, "home_visit": 0.5, "remote": 0.1},
    "mediations": {"office": 1.0, "appointment": 0.8, "home_visit": 2.0, "remote": 0.1},
    "negotiations": {"office": 1.0, "appointment": 1.0, "home_visit": 0.5, "remote": 0.0},
    "legal_aid_cases": {"office": 1.0, "appointment": 1.0, "home_visit": 0.5, "remote": 0.2},
    "elections_assisted": {"office": 1.0, "appointment": 0.2, "home_visit": 0.2, "remote": 0.0},
    "phone_consultations": {"office": 0.4, "appointment": 0.2, "home_visit": 0.1, "remote": 3.0},
    "outreach_sessions": {"office": 1.0, "appointment": 0.3, "home_visit": 1.2, "remote": 0.1},
}
MONTH_WEIGHT = {1: 0.9, 2: 0.7, 10: 0.9}  # Spring Festival, National Day week
SLOTS = {
    "morning": (time(9, 0), [3.0, 3.0, 3.5, 4.0]),
    "afternoon": (time(14, 30), [2.5, 3.0, 3.0]),
    "evening": (time(19, 30), [1.5]),
}
HOME_VISIT_NOTES = [
    "走访入户:了解土地承包纠纷情况",
    "走访入户:为孤寡老人讲解赡养相关法律",
    "走访入户:调解邻里排水纠纷",
    "走访入户:宣传反电信诈骗知识",
    "走访入户:解答宅基地使用权问题",
]


def load_duty_log():
    if DutyShift.objects.filter(advisor__in=demo_advisors()).exists():
        return
    periods = assignments_by_village()
    if not periods:
        return
    village_list = villages()
    underserved = underserved_codes(village_list)
    users = {a.pk: a.user_id for a in demo_advisors().only("pk", "user")}
    approver = demo_user("coordinator")
    town_approver = demo_user("jingan_officer")
    now = today()
    shifts = []
    for year in (2022, 2023):
        shifts += _year(year, TOTALS[year], village_list, periods, underserved, until=None)
    if now.year > 2023 and now > date(now.year, 1, 1):
        yesterday = now - timedelta(days=1)
        scale = len(days_of(now.year, yesterday)) / 365
        running = {key: round(value * scale) for key, value in TOTALS[2023].items()}
        shifts += _year(now.year, running, village_list, periods, underserved, until=yesterday)
    first_of_month = now.replace(day=1)
    for shift in shifts:
        shift.created_by_id = users.get(shift.advisor_id)
        shift.created_at = aware(shift.date, shift.end_time) + timedelta(minutes=20)
        if shift.date < first_of_month:
            # Approved by the town justice office early the next month.
            next_month = (shift.date.replace(day=28) + timedelta(days=4)).replace(day=5)
            shift.approved_at = aware(next_month, "10:00")
            shift.state = DutyShift.State.APPROVED
            approver_user = town_approver if shift.village_code.startswith("440403107") else approver
            shift.approved_by = approver_user if isinstance(approver_user, User) else None
        shift.updated_at = shift.approved_at or shift.created_at
    with own_timestamps(DutyShift):
        DutyShift.objects.bulk_create(shifts, batch_size=BATCH)


def _month_counts(n, days):
    """Shifts per month for one village: proportional to the days available, largest remainders."""
    weight = {}
    for day in days:
        weight[day.month] = weight.get(day.month, 0) + MONTH_WEIGHT.get(day.month, 1.0)
    total = sum(weight.values())
    exact = {m: n * w / total for m, w in weight.items()}
    counts = {m: int(x) for m, x in exact.items()}
    for m in sorted(exact, key=lambda m: counts[m] - exact[m])[: n - sum(counts.values())]:
        counts[m] += 1
    return counts


def _year(year, totals, village_list, periods, underserved, until):
    rng = rng_for(f"duty-{year}")
    days = days_of(year, until)
    if not days:
        return []
    by_month = {}
    for day in days:
        by_month.setdefault(day.month, []).append(day)
    normal = [v for v in village_list if v.code not in underserved]
    low = min(UNDERSERVED_SHIFTS, len(days) // 30 + 1)
    rest = totals["duty_shifts"] - low * (len(village_list) - len(normal))
    base = max(rest // max(len(normal), 1) - 4, 0)
    extra = spread(rng, rest - base * len(normal), [rng.uniform(0.5, 1.5) for _ in normal])
    per_village = {v.code: base + e for v, e in zip(normal, extra)}
    per_village.update(dict.fromkeys(underserved, low))

    used = set()  # (advisor, date, slot)
    planned = []  # (village, advisor, day, slot)
    for village in village_list:
        for month, n in _month_counts(per_village.get(village.code, 0), days).items():
            month_days = by_month[month]
            workdays = [d for d in month_days if d.weekday() < 5] or month_days
            for _ in range(n):
                for _attempt in range(30):
                    day = rng.choice(workdays if rng.random() < 0.9 else month_days)
                    advisor_id = advisor_on(periods.get(village.code, []), day)
                    slots = ["morning", "afternoon", "evening"]
                    rng.shuffle(slots)
                    slot = next((s for s in slots if (advisor_id, day, s) not in used), None)
                    if advisor_id is not None and slot is not None:
                        used.add((advisor_id, day, slot))
                        planned.append((village, advisor_id, day, slot))
                        break
    if len(planned) != totals["duty_shifts"]:
        raise RuntimeError(f"demo: planned {len(planned)} shifts for {year}, wanted {totals['duty_shifts']}")
    # Exactly the report's number of home visits, on day-time shifts of served villages.
    daytime = [i for i, p in enumerate(planned) if p[3] != "evening" and p[0].code not in underserved]
    home = set(rng.sample(daytime, min(totals["home_visits"], len(daytime))))
    shifts = []
    for i, (village, advisor_id, day, slot) in enumerate(planned):
        if i in home:
            mode = "home_visit"
        elif slot == "evening":
            mode = "remote"
        else:
            mode = rng.choices(["office", "appointment", "remote"], weights=[75, 15, 10])[0]
        start, durations = SLOTS[slot]
        hours = 2.0 if village.code in underserved else rng.choice(durations)
        end = (aware(day, start) + timedelta(hours=hours)).time()
        shift = DutyShift(
            advisor_id=advisor_id,
            village=village,
            date=day,
            start_time=start,
            end_time=end,
            hours=Decimal(str(hours)),
            mode=mode,
            verified_presence=year == today().year and mode != "remote" and rng.random() < 0.6,
            notes=rng.choice(HOME_VISIT_NOTES) if mode == "home_visit" and rng.random() < 0.2 else "",
        )
        shift.village_code = village.code
        shifts.append(shift)
    _counters(rng, shifts, totals, underserved)
    return shifts


def _counters(rng, shifts, totals, underserved):
    for counter, by_mode in WEIGHTS.items():
        weights = [by_mode[s.mode] * (0.3 if s.village_code in underserved else 1.0) for s in shifts]
        for shift, n in zip(shifts, spread(rng, totals.get(counter, 0), weights)):
            setattr(shift, counter, n)
    # Persons ≥ batches on every shift: each batch is at least one person, the rest follow the batches.
    extra = totals.get("consultation_people", 0) - sum(s.consultation_batches for s in shifts)
    for shift, n in zip(shifts, spread(rng, max(extra, 0), [s.consultation_batches for s in shifts])):
        shift.consultation_people = shift.consultation_batches + n
