"""Synthetic data for ``manage.py benchmark --scale …`` (never used by the app itself).

Guangdong-like shape: 1 province → cities → 6 districts each → 10 towns → 20 villages, so the same
queries can be timed at district, city and province level. Deterministic (seeded). On PostgreSQL the
big tables are written with ``COPY`` (the province's 5 million check-ins in minutes, not an hour).
"""

import random
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import connection

from advisors.models import Advisor, Assignment, DutyShift
from common.clock import business_tz
from legalsavvy.models import LegalSavvyPerson, LegalSavvyTerm
from outreach.models import CheckIn, Event, EventAudience
from places.models import Area

TZ = business_tz()
BATCH = 5000


@dataclass(frozen=True)
class Scale:
    cities: int
    districts_per_city: int
    towns_per_district: int = 10
    villages_per_town: int = 20
    shifts_per_village: int = 50
    events_per_village: int = 10
    checkins_per_event: int = 20

    @property
    def villages(self):
        return self.cities * self.districts_per_city * self.towns_per_district * self.villages_per_town


# The province: 25,200 villages, 1.26M duty shifts, 252,000 events, 5M check-ins.
SCALES = {
    "tiny": Scale(
        1,
        1,
        towns_per_district=2,
        villages_per_town=3,
        shifts_per_village=4,
        events_per_village=2,
        checkins_per_event=3,
    ),
    "district": Scale(1, 1),
    "city": Scale(1, 6),
    "province": Scale(21, 6),
}
AUDIENCES = [a for a, _ in Event.Audience.choices]
KINDS = [k for k, _ in Event.Kind.choices]
SECTORS = [s for s, _ in Event.Sector.choices]
AGE_GROUPS = [a for a, _ in CheckIn.AgeGroup.choices]
OCCUPATIONS = [o for o, _ in CheckIn.Occupation.choices]


def build(scale, year, log):
    """Build ``scale`` (a Scale) → {"province", "city", "district": Area, "villages": n}."""
    rng = random.Random(2023)
    villages_per_town, towns_per_district = scale.villages_per_town, scale.towns_per_district
    shifts_per_village, events_per_village = scale.shifts_per_village, scale.events_per_village
    checkins_per_event = scale.checkins_per_event

    province = Area.objects.create(code="44", name="广东省(模拟)", level="province", lat=23.1, lon=113.3)
    cities = Area.objects.bulk_create(
        [Area(code=f"44{c:02d}", name=f"模拟市{c}", level="city", parent=province) for c in range(1, scale.cities + 1)]
    )
    district_objs = Area.objects.bulk_create(
        [
            Area(
                code=f"{city.code}{d:02d}",
                name=f"{city.name}第{d}区",
                level="district",
                parent=city,
                lat=21.5 + rng.random() * 3,
                lon=110 + rng.random() * 6,
            )
            for city in cities
            for d in range(1, scale.districts_per_city + 1)
        ]
    )
    town_objs = Area.objects.bulk_create(
        [
            Area(
                code=f"{d.code}{100 + t:03d}",
                name=f"{d.name}{t}镇",
                level="town",
                kind="town",
                parent=d,
                lat=d.lat,
                lon=d.lon,
            )
            for d in district_objs
            for t in range(towns_per_district)
        ],
        batch_size=BATCH,
    )
    village_objs = Area.objects.bulk_create(
        [
            Area(
                code=f"{t.code}{200 + v:03d}",
                name=f"{t.name}{v}村",
                level="village",
                kind="village",
                parent=t,
                lat=t.lat + rng.uniform(-0.05, 0.05),
                lon=t.lon + rng.uniform(-0.05, 0.05),
                coords_approximate=True,
                population=rng.randint(800, 9000),
            )
            for t in town_objs
            for v in range(villages_per_town)
        ],
        batch_size=BATCH,
    )
    log(
        f"areas: {len(cities)} cities, {len(district_objs)} districts, {len(town_objs)} towns, "
        f"{len(village_objs)} villages"
    )

    advisors = Advisor.objects.bulk_create(
        [Advisor(name=f"顾问{i}", firm="模拟律师事务所") for i in range((len(village_objs) + 1) // 2)], batch_size=BATCH
    )
    Assignment.objects.bulk_create(
        [
            Assignment(advisor=advisors[i // 2], village=v, starts_on=date(year - 1, 1, 1))
            for i, v in enumerate(village_objs)
        ],
        batch_size=BATCH,
    )
    log(f"advisors: {len(advisors)} with {len(village_objs)} assignments")

    def shifts():
        for i, v in enumerate(village_objs):
            advisor = advisors[i // 2]
            for s in range(shifts_per_village):
                day = date(year, 1, 1) + timedelta(days=(s * 365) // shifts_per_village + rng.randrange(3))
                start = 9 if i % 2 == 0 else 14
                yield DutyShift(
                    advisor=advisor,
                    village=v,
                    date=day,
                    start_time=time(start),
                    end_time=time(start + 3),
                    hours=3,
                    mode="home_visit" if s % 3 == 0 else "office",
                    consultation_batches=rng.randrange(4),
                    consultation_people=4 + rng.randrange(6),
                    contracts_reviewed=rng.randrange(2),
                )

    count = _bulk(DutyShift, shifts())
    log(f"duty shifts: {count}")

    start_of_year = datetime(year, 1, 1, 9, tzinfo=TZ)

    def events():
        for i, v in enumerate(village_objs):
            for e in range(events_per_village):
                starts = start_of_year + timedelta(days=rng.randrange(360), hours=rng.randrange(8))
                yield Event(
                    title=f"普法讲座{i}-{e}",
                    kind=rng.choice(KINDS),
                    sector=rng.choice(SECTORS),
                    area=v,
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=2),
                    status="held",
                    walk_in_count=rng.randrange(20),
                    checkin_secret=f"bench-{i}-{e}",
                )

    count = _bulk(Event, events())
    event_ids = list(Event.objects.values_list("id", "area_id"))
    _bulk(EventAudience, (EventAudience(event_id=eid, audience=rng.choice(AUDIENCES)) for eid, _ in event_ids))
    log(f"events: {count}")

    def checkins():
        for eid, area_id in event_ids:
            for c in range(checkins_per_event):
                yield CheckIn(
                    event_id=eid,
                    name="参会人",
                    phone=f"13{eid % 1000000:07d}{c:02d}"[:11],
                    age_group=rng.choice(AGE_GROUPS),
                    occupation=rng.choice(OCCUPATIONS),
                    home_village_id=area_id,
                )

    count = _bulk(CheckIn, checkins())
    log(f"check-ins: {count}")

    persons = _bulk(
        LegalSavvyPerson,
        (
            LegalSavvyPerson(name=f"明白人{i}-{k}", village=v, appointed_on=date(year - 1, 3, 1))
            for i, v in enumerate(village_objs)
            for k in range(4)
        ),
    )
    _bulk(
        LegalSavvyTerm,
        (
            LegalSavvyTerm(person_id=pid, village_id=vid, appointed_on=date(year - 1, 3, 1))
            for pid, vid in list(LegalSavvyPerson.objects.values_list("id", "village_id"))
        ),
    )
    log(f"legal-savvy persons: {persons}")

    user_model = get_user_model()
    user_model.objects.create_user("bench-coordinator", password="bench-pass-1234", role="coordinator")
    # Planner statistics and the visibility map, as a live database has them after autovacuum: without
    # statistics PostgreSQL plans the correlated subqueries for an empty table; without the visibility
    # map an exact COUNT(*) reads the whole table instead of an index (no index-only scan).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return {"province": province, "city": cities[0], "district": district_objs[0], "villages": len(village_objs)}


def existing(scale):
    """The areas a previous ``build(scale)`` left in this database, as ``build`` returns them."""
    villages = Area.objects.villages().filter(code__startswith="44").count()
    if villages != scale.villages:
        raise ValueError(f"this database holds {villages} benchmark villages, the scale has {scale.villages}")
    by_code = Area.objects.in_bulk(["44", "4401", "440101"], field_name="code")
    return {"province": by_code["44"], "city": by_code["4401"], "district": by_code["440101"], "villages": villages}


def _bulk(model, rows):
    """Write model instances: COPY on PostgreSQL, bulk_create elsewhere → how many."""
    if connection.vendor == "postgresql":
        return _copy(model, rows)
    count, batch = 0, []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            model.objects.bulk_create(batch)
            count += len(batch)
            batch = []
    if batch:
        model.objects.bulk_create(batch)
        count += len(batch)
    return count


def _copy(model, rows):
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    count = 0
    sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row([field.get_db_prep_save(field.pre_save(row, True), connection) for field in fields])
            count += 1
    return count


def open_events():
    """Two events open for check-in now in the first village: the one the clients hammer through
    ``/api/checkin/{secret}/`` and the one the floor view writes to → (hammered, floor)."""
    from django.utils import timezone

    village = Area.objects.villages().order_by("code").first()
    now = timezone.now()
    made = []
    for name in ("hammered", "floor"):
        made.append(
            Event.objects.create(
                title=f"压测 {name}",
                kind=KINDS[0],
                sector=SECTORS[0],
                area=village,
                starts_at=now - timedelta(minutes=10),
                ends_at=now + timedelta(hours=3),
                status=Event.Status.PLANNED,
                checkin_secret=f"bench-open-{name}-{secrets.token_hex(4)}",
            )
        )
    return made
