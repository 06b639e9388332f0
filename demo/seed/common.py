"""Shared pieces of the demo steps: the district's villages, names, phones, deterministic randomness.

Every step draws from its own ``random.Random(seed)`` so the data is the same on every machine and
does not depend on which other steps already ran.
"""

import math
import random
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from accounts.models import User
from common.clock import business_tz
from places.models import Area

DOUMEN = "440403"
SH = business_tz()
BATCH = 2000

# Villages named in the district's 2023 report (honors); never chosen as under-served.
HONOR_VILLAGES = {
    "440403107202": "尖峰村",
    "440403106229": "南澳村",
    "440403103206": "南门村",
    "440403100216": "东滘村",
    "440403107010": "新伟社区",
}
UNDERSERVED_COUNT = 4

SURNAMES = "陈陈陈黄黄黄李李梁梁林林张张吴吴何何赵郑谭邓冯钟刘杨周卢苏曾潘区麦容邝莫胡徐罗谢蔡叶余彭温袁许廖关"
GIVEN = (
    "伟敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华文俊嘉欣锦颖婷雪志健海燕晓宏家宇浩然斌芳玲荣辉智慧"
    "思雅诗琪泽鹏毅龙玉珊晖振国少坚永添金凤莲彩妹润耀炳培"
)


def rng_for(name):
    return random.Random(f"pufa-demo-{name}")


def person_name(rng):
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.8 else "")
    return rng.choice(SURNAMES) + given


def unique_names(rng, n):
    names, seen = [], set()
    while len(names) < n:
        name = person_name(rng)
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def mobile(rng):
    return f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"


def aware(day, clock):
    """The aware datetime of a local date and time in Asia/Shanghai."""
    return datetime.combine(day, clock if isinstance(clock, time) else time.fromisoformat(clock), tzinfo=SH)


def today():
    return timezone.localdate()


def days_of(year, until=None):
    first, last = date(year, 1, 1), date(year, 12, 31)
    if until is not None:
        last = min(last, until)
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def villages():
    """The district's active villages, in code order, with their town."""
    return list(
        Area.objects.villages().active().filter(code__startswith=DOUMEN).select_related("parent").order_by("code")
    )


def distance_km(lat1, lon1, lat2, lon2):
    dy = (lat2 - lat1) * 111.0
    dx = (lon2 - lon1) * 111.0 * math.cos(math.radians((lat1 + lat2) / 2))
    return math.hypot(dx, dy)


def village_positions(village_list):
    """{code: (lat, lon)}: villages spread around their town's centre (sunflower pattern, jittered).

    Pure function of the area list, so every step agrees on which villages are remote.
    """
    radius = {
        "440403100": 0.075,
        "440403106": 0.075,
        "440403105": 0.06,
        "440403103": 0.055,
        "440403107": 0.045,
        "440403001": 0.03,
    }
    by_town = {}
    for village in village_list:
        by_town.setdefault(village.parent_id, []).append(village)
    positions = {}
    for members in by_town.values():
        town = members[0].parent
        centre_lat, centre_lon = town.lat or 22.209, town.lon or 113.296
        r_max = radius.get(town.code, 0.05)
        for i, village in enumerate(members):
            rng = rng_for(f"position-{village.code}")
            angle = i * 2.399963 + rng.uniform(-0.3, 0.3)
            r = r_max * math.sqrt((i + 0.5) / len(members)) * rng.uniform(0.85, 1.1)
            positions[village.code] = (
                round(centre_lat + r * math.sin(angle), 5),
                round(centre_lon + r * math.cos(angle) / math.cos(math.radians(22.2)), 5),
            )
    return positions


def underserved_codes(village_list):
    """The villages (not communities) farthest from the district seat: deliberately under-served."""
    seat = next((a for a in Area.objects.filter(code=DOUMEN)), None)
    seat_lat, seat_lon = (seat.lat, seat.lon) if seat and seat.lat is not None else (22.209, 113.296)
    positions = village_positions(village_list)
    candidates = [v.code for v in village_list if v.kind == Area.Kind.VILLAGE and v.code not in HONOR_VILLAGES]
    candidates.sort(key=lambda code: -distance_km(seat_lat, seat_lon, *positions[code]))
    return set(candidates[:UNDERSERVED_COUNT])


def demo_user(username):
    return User.objects.filter(username=username).first()


def spread(rng, total, weights):
    """Split ``total`` into len(weights) non-negative integers proportional to weights, summing exactly."""
    if total <= 0 or not weights:
        return [0] * len(weights)
    if sum(weights) <= 0:
        weights = [1] * len(weights)
    picks = rng.choices(range(len(weights)), weights=weights, k=total)
    counts = [0] * len(weights)
    for index in picks:
        counts[index] += 1
    return counts


@contextmanager
def own_timestamps(*models):
    """Let bulk_create keep the created_at/updated_at values we set (historical records)."""
    saved = []
    for model in models:
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                saved.append((field, field.auto_now, field.auto_now_add))
                field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add
