"""Legal-education events (普法活动) with audiences, speakers and check-ins.

2023: 958 held events ("900余场") — 37 episodes of the radio programme 《92.8说法》, district
campaign days, town sessions and village events across kinds, sectors and audiences — plus a few
cancelled ones and some never marked held (neither counts). 2022: 812 held, headcounts only (QR
check-in came in 2023). The running year: events up to today and some planned ones ahead,
including one about to start for the demo organizer. The remote under-served villages get no
events and their residents never appear among the attendees.
"""

from datetime import date, timedelta

from django.utils import timezone

from common.qr import new_secret
from legalsavvy.models import LegalSavvyTerm
from outreach.models import CheckIn, Event, EventAudience, EventSeries
from places.models import Area

from .advisors_demo import advisor_on, assignments_by_village, demo_advisors
from .common import (
    BATCH,
    DOUMEN,
    SH,
    aware,
    demo_user,
    own_timestamps,
    rng_for,
    spread,
    today,
    underserved_codes,
    villages,
)
from .events_catalogue import CAMPAIGN_DAYS, CHECKINS, KINDS, MONTH_WEIGHT, OTHER_SPEAKERS, TITLES, TOPICS, VENUES, pick
from .events_checkins import checkin_rows

SERIES_NAME = "92.8说法"
SERIES_DESCRIPTION = "斗门区司法局与斗门电台FM92.8合办的法治广播栏目,每期邀请法律顾问以案说法。"
# (held events, of which radio episodes, first episode number, cancelled, never marked held)
PLAN = {2022: (812, 30, 1, 6, 3), 2023: (958, 37, 31, 9, 4)}
DISTRICT_EVENTS = 36
TOWN_EVENTS = 12


def load_events():
    if Event.objects.filter(series__name=SERIES_NAME).exists():
        return
    series, _created = EventSeries.objects.get_or_create(
        name=SERIES_NAME, defaults={"kind": EventSeries.Kind.RADIO, "description": SERIES_DESCRIPTION}
    )
    builder = _Builder(series)
    now = today()
    for year, (held, radio, first_episode, cancelled, stale) in PLAN.items():
        builder.year(year, held, radio, first_episode, cancelled, stale, until=None)
    if now.year > 2023 and now > date(now.year, 1, 2):
        yesterday = now - timedelta(days=1)
        share = (yesterday - date(now.year, 1, 1)).days / 365
        builder.year(
            now.year, round(958 * 0.75 * share), round(37 * share), 68 + 37 * (now.year - 2024), 3, 0, until=yesterday
        )
        builder.upcoming(now)
    builder.save()


class _Builder:
    def __init__(self, series):
        self.series = series
        self.rng = rng_for("events")
        self.village_list = villages()
        self.underserved = underserved_codes(self.village_list)
        self.served = [v for v in self.village_list if v.code not in self.underserved]
        self.towns = list(Area.objects.towns().filter(code__startswith=DOUMEN).order_by("code"))
        self.district = Area.objects.get(code=DOUMEN)
        self.periods = assignments_by_village()
        self.advisor_ids = list(demo_advisors().values_list("pk", flat=True))
        self.savvy_terms = {}
        for person_id, code, appointed, removed in LegalSavvyTerm.objects.filter(
            village__code__startswith=DOUMEN
        ).values_list("person_id", "village__code", "appointed_on", "removed_on"):
            self.savvy_terms.setdefault(code, []).append((person_id, appointed, removed))
        self.organizer = demo_user("organizer")
        self.events = []  # (Event, audiences, advisor ids, legal-savvy ids, check-ins wanted, sector key)

    # --- planning ---------------------------------------------------------------------------

    def _day(self, year, until, month=None):
        rng = self.rng
        for _ in range(50):
            m = month or rng.choices(list(MONTH_WEIGHT), weights=list(MONTH_WEIGHT.values()))[0]
            start = date(year, m, 1)
            end = (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
            day = start + timedelta(days=rng.randrange((end - start).days + 1))
            if until is None or day <= until:
                return day
        return until

    def year(self, year, held, radio, first_episode, cancelled, stale, until):
        rng = self.rng
        span = 345 if until is None else max((until - date(year, 1, 10)).days - 6, 1)
        for i in range(radio):
            day = date(year, 1, 10) + timedelta(days=int(i * span / max(radio, 1)))
            day += timedelta(days=(3 - day.weekday()) % 7)  # Thursdays
            if until is not None and day > until:
                break
            self._add(
                area=self.district,
                sector="online",
                kind="broadcast",
                status="held",
                starts_at=aware(day, "19:00"),
                minutes=30,
                topic=rng.choice(TOPICS["online"]),
                title="《92.8说法》第{n}期",
                episode=first_episode + i,
                checkins=False,
                year=year,
            )
        others = held - radio
        district = min(DISTRICT_EVENTS if until is None else DISTRICT_EVENTS // 2, others)
        towns = min(TOWN_EVENTS * len(self.towns) if until is None else 6 * len(self.towns), others - district)
        village_total = others - district - towns
        qr = year >= 2023
        for i in range(district):
            if i < len(CAMPAIGN_DAYS) * 2:
                month, dom, topic = CAMPAIGN_DAYS[i % len(CAMPAIGN_DAYS)]
                day = date(year, month, dom) + timedelta(days=i // len(CAMPAIGN_DAYS))
                if until is not None and day > until:
                    day = self._day(year, until)
                sector, kind = rng.choice(["villages", "communities"]), "campaign"
            else:
                day, topic = self._day(year, until), None
                sector = rng.choice(["online", "online", "organs", "units"])
                kind = pick(rng, KINDS[sector])
            self._add(
                area=self.district,
                sector=sector,
                kind=kind,
                status="held",
                day=day,
                topic=topic,
                checkins=qr and kind != "online",
                year=year,
                scale=1.6,
            )
        for i in range(towns):
            town = self.towns[i % len(self.towns)]
            sector = rng.choice(["organs", "units", "enterprises", "enterprises", "schools", "schools"])
            self._add(
                area=town,
                sector=sector,
                kind=pick(rng, KINDS[sector]),
                status="held",
                day=self._day(year, until),
                checkins=qr and rng.random() < 0.6,
                year=year,
                scale=1.3,
            )
        counts = spread(rng, village_total, [rng.uniform(0.6, 1.4) for _ in self.served])
        for village, n in zip(self.served, counts):
            for _ in range(n):
                self._village_event(village, "held", self._day(year, until), qr, year)
        for status, n in (("cancelled", cancelled), ("planned", stale)):
            for _ in range(n):
                self._village_event(rng.choice(self.served), status, self._day(year, until), False, year)

    def _village_event(self, village, status, day, qr, year):
        rng = self.rng
        home = "communities" if village.kind == Area.Kind.COMMUNITY else "villages"
        sector = rng.choices([home, "schools", "enterprises", "units"], weights=[72, 12, 9, 7])[0]
        self._add(
            area=village,
            sector=sector,
            kind=pick(rng, KINDS[sector]),
            status=status,
            day=day,
            checkins=qr and rng.random() < 0.55,
            year=year,
        )

    def upcoming(self, now):
        rng = self.rng
        moment = timezone.localtime().replace(second=0, microsecond=0) + timedelta(minutes=30)
        jianfeng = next((v for v in self.served if v.code == "440403107202"), self.served[0])
        self._add(
            area=jianfeng,
            sector="villages",
            kind="lecture",
            status="planned",
            starts_at=moment,
            topic="民法典",
            checkins=False,
            year=now.year,
            organizer=True,
        )
        for _ in range(12):
            day = now + timedelta(days=rng.randint(1, 40))
            village = rng.choice(self.served)
            self._add(
                area=village,
                sector="villages" if village.kind == "village" else "communities",
                kind=rng.choice(["lecture", "case_study", "consultation"]),
                status="planned",
                day=day,
                checkins=False,
                year=day.year,
                organizer=rng.random() < 0.5,
            )

    def _add(
        self,
        area,
        sector,
        kind,
        status,
        year,
        day=None,
        starts_at=None,
        minutes=None,
        topic=None,
        title=None,
        episode=None,
        checkins=False,
        scale=1.0,
        organizer=None,
    ):
        rng = self.rng
        topic = topic or rng.choice(TOPICS[sector])
        if starts_at is None:
            clock = rng.choices(["09:30", "14:30", "19:30"], weights=[45, 40, 15])[0]
            if kind == "performance":
                clock = "19:30"
            starts_at = aware(day, clock)
        minutes = minutes or rng.choice([90, 120, 120, 150, 180 if kind == "campaign" else 120])
        place = area.name if area.level != "district" else ""
        venue = {
            "village": rng.choice(VENUES["village"]),
            "town": rng.choice(VENUES["town"]),
            "district": rng.choice(VENUES["district"]),
        }[area.level if area.level in ("village", "town") else "district"]
        if kind == "broadcast":
            venue = "斗门电台FM92.8直播间"
        elif sector == "online":
            venue = "线上(斗门司法微信公众号)"
        elif sector == "schools" and area.level == "village":
            venue = "小学"
        elif sector == "enterprises" and area.level == "village":
            venue = "辖区企业"
        event = Event(
            title=(title or TITLES[kind]).format(topic=topic, n=episode) + (f"({place})" if place else ""),
            kind=kind,
            sector=sector,
            topics=[topic],
            area=area,
            venue=f"{place}{venue}"[:200],
            starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=minutes),
            status=status,
            series=self.series if episode else None,
            episode=episode,
            checkin_secret=new_secret(),
            description=f"围绕{topic}开展普法宣传。",
        )
        # Organizer: the demo organizer runs district events, the broadcasts and a share of the rest.
        if organizer or (organizer is None and (area.level == "district" or rng.random() < 0.12)):
            event.organizer = self.organizer
        audiences = self._audiences(sector, kind)
        wanted = 0
        if status == "held" and kind not in ("broadcast", "online"):
            low, high = CHECKINS.get(kind, (6, 24))
            if checkins:
                wanted = int(rng.randint(low, high) * scale * (0.5 if year > 2023 else 1))
                event.walk_in_count = rng.randint(0, 12)
            else:
                event.walk_in_count = int(rng.randint(low * 2, high * 3) * scale)
        elif status == "held" and kind == "online":
            event.walk_in_count = rng.randint(50, 300)
        advisors, savvy = self._speakers(area, starts_at.astimezone(SH).date(), kind)
        # Same draws in the same order as ever, so the demo's numbers do not move.
        with_others = advisors or savvy or rng.random() < (0.8 if area.level == "district" else 0.3)
        if with_others and (rng.random() < 0.5 or not (advisors or savvy)):
            event.other_speakers = "、".join(rng.sample(OTHER_SPEAKERS, rng.choice([1, 1, 2])))
        self.events.append((event, audiences, advisors, savvy, wanted, sector))

    def _audiences(self, sector, kind):
        rng = self.rng
        if sector == "schools":
            return ["students", "youth"]
        if sector == "enterprises":
            return ["enterprise_staff"] + (["migrant_workers"] if rng.random() < 0.6 else [])
        if sector in ("organs", "units"):
            return ["general"] + (["village_cadres"] if rng.random() < 0.4 else [])
        if sector == "online":
            return ["general"] + (["youth"] if rng.random() < 0.3 else [])
        chances = {"elderly": 0.42, "women": 0.25, "village_cadres": 0.18, "youth": 0.14, "migrant_workers": 0.1}
        return ["general"] + [a for a, p in chances.items() if rng.random() < p]

    def _speakers(self, area, day, kind):
        rng = self.rng
        advisors, savvy = [], []
        if kind == "broadcast":
            return [rng.choice(self.advisor_ids)] if self.advisor_ids else [], []
        if area.level == "village":
            advisor_id = advisor_on(self.periods.get(area.code, []), day)
            if advisor_id and rng.random() < 0.45:
                advisors.append(advisor_id)
            active = [p for p, a, r in self.savvy_terms.get(area.code, []) if a <= day and (r is None or r > day)]
            if active and rng.random() < 0.3:
                savvy = rng.sample(active, min(len(active), rng.choice([1, 1, 2])))
        elif self.advisor_ids and rng.random() < 0.4:
            advisors = rng.sample(self.advisor_ids, rng.choice([1, 2]))
        return advisors, savvy

    # --- writing --------------------------------------------------------------------------------

    def save(self):
        rng = self.rng
        now = timezone.now()
        for event, *_rest in self.events:
            event.created_at = min(event.starts_at - timedelta(days=7), now)
            event.updated_at = (
                min(event.ends_at + timedelta(days=1), now) if event.status != "planned" else event.created_at
            )
        with own_timestamps(Event, CheckIn):
            events = Event.objects.bulk_create([e for e, *_rest in self.events], batch_size=BATCH)
            audiences, advisor_links, savvy_links, checkins = [], [], [], []
            for event, (_e, audience_list, advisors, savvy, wanted, sector) in zip(events, self.events):
                audiences += [EventAudience(event=event, audience=a) for a in audience_list]
                advisor_links += [Event.advisors.through(event_id=event.pk, advisor_id=a) for a in advisors]
                savvy_links += [
                    Event.legal_savvy_persons.through(event_id=event.pk, legalsavvyperson_id=p) for p in savvy
                ]
                if wanted:
                    checkins += checkin_rows(rng, event, audience_list, sector, wanted, self.served)
            EventAudience.objects.bulk_create(audiences, batch_size=BATCH)
            Event.advisors.through.objects.bulk_create(advisor_links, batch_size=BATCH)
            Event.legal_savvy_persons.through.objects.bulk_create(savvy_links, batch_size=BATCH)
            CheckIn.objects.bulk_create(checkins, batch_size=BATCH)
