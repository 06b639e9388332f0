"""The check-ins of the demo events: attendees from the event's village or its neighbours, with
the ages and occupations its audience and sector suggest, drawn from the events' random stream."""

from datetime import timedelta

from outreach.models import CheckIn

from .common import DOUMEN, mobile, person_name
from .events_catalogue import AGES, OCCUPATIONS, pick


def checkin_rows(rng, event, audience_list, sector, wanted, served):
    area = event.area
    if area.level == "village":
        town_code = area.code[:9]
    elif area.level == "town":
        town_code = area.code
    else:
        town_code = DOUMEN
    neighbours = [v for v in served if v.code.startswith(town_code)] or served
    ages = (
        AGES["students"]
        if "students" in audience_list
        else AGES["elderly"]
        if "elderly" in audience_list
        else AGES["work"]
        if sector == "enterprises"
        else AGES["default"]
    )
    occupations = OCCUPATIONS.get(sector, OCCUPATIONS["villages"])
    female = 0.62 if ("elderly" in audience_list or "women" in audience_list) else 0.5
    phones, rows = set(), []
    for i in range(wanted):
        phone = mobile(rng)
        while phone in phones:
            phone = mobile(rng)
        phones.add(phone)
        age = pick(rng, ages)
        occupation = "student" if age == "under_18" else pick(rng, occupations)
        if age == "60_plus" and occupation in ("student", "enterprise_staff", "migrant_worker"):
            occupation = rng.choice(["retired", "farmer"])
        roll = rng.random()
        if area.level == "village":
            home = area if roll < 0.75 else rng.choice(neighbours) if roll < 0.87 else None
        else:
            home = rng.choice(neighbours) if roll < 0.7 else None
        by_organizer = rng.random() < 0.12
        created = event.starts_at + timedelta(minutes=rng.randint(-40, 30))
        gender = "unspecified" if rng.random() < 0.03 else "female" if rng.random() < female else "male"
        row = CheckIn(
            event=event,
            name=person_name(rng),
            phone=phone,
            gender=gender,
            age_group=age,
            occupation=occupation,
            home_village=home,
            created_at=created,
            method="organizer" if by_organizer else "self",
            created_by=event.organizer if by_organizer else None,
        )
        if i == wanted - 1 and rng.random() < 0.05:
            # A wrong entry annulled within minutes: kept, never counted.
            row.annulled, row.annulled_at, row.annulled_by = True, created + timedelta(minutes=5), event.organizer
        rows.append(row)
    return rows
