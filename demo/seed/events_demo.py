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
    mobile,
    own_timestamps,
    person_name,
    rng_for,
    spread,
    today,
    underserved_codes,
    villages,
)

SERIES_NAME = "92.8说法"
SERIES_DESCRIPTION = "斗门区司法局与斗门电台FM92.8合办的法治广播栏目,每期邀请法律顾问以案说法。"
# (held events, of which radio episodes, first episode number, cancelled, never marked held)
PLAN = {2022: (812, 30, 1, 6, 3), 2023: (958, 37, 31, 9, 4)}
DISTRICT_EVENTS = 36
TOWN_EVENTS = 12
MONTH_WEIGHT = {1: 0.8, 2: 0.5, 3: 1.2, 4: 1.0, 5: 1.3, 6: 1.2, 7: 0.8, 8: 0.8, 9: 1.0, 10: 0.8, 11: 1.0, 12: 1.3}
TOPICS = {
    "villages": [
        "民法典",
        "农村土地承包法",
        "反电信网络诈骗",
        "防范养老诈骗",
        "婚姻家庭",
        "乡村振兴促进法",
        "禁毒",
        "扫黑除恶",
        "消防安全",
        "反家庭暴力",
    ],
    "communities": [
        "民法典",
        "反电信网络诈骗",
        "防范养老诈骗",
        "物业管理条例",
        "反家庭暴力",
        "禁毒",
        "消防安全",
        "妇女权益保障法",
    ],
    "schools": ["未成年人保护法", "预防校园欺凌", "禁毒", "网络安全", "宪法", "道路交通安全"],
    "enterprises": ["劳动合同法", "安全生产法", "反电信网络诈骗", "职业病防治法", "民法典合同编"],
    "organs": ["宪法", "行政复议法", "国家安全法", "民法典", "保守国家秘密法"],
    "units": ["宪法", "安全生产法", "民法典", "法律援助法"],
    "online": ["宪法", "民法典", "反电信网络诈骗", "国家安全法", "禁毒"],
}
KINDS = {
    "villages": {"lecture": 35, "case_study": 20, "consultation": 15, "campaign": 15, "performance": 10, "other": 5},
    "communities": {"lecture": 35, "case_study": 20, "consultation": 15, "campaign": 15, "performance": 10, "other": 5},
    "schools": {"lecture": 60, "case_study": 30, "performance": 10},
    "enterprises": {"lecture": 50, "training": 30, "consultation": 20},
    "organs": {"training": 50, "lecture": 40, "case_study": 10},
    "units": {"training": 50, "lecture": 40, "case_study": 10},
    "online": {"online": 100},
}
TITLES = {
    "lecture": "{topic}专题讲座",
    "case_study": "以案释法:{topic}",
    "consultation": "{topic}免费法律咨询",
    "campaign": "{topic}主题宣传",
    "performance": "“{topic}”普法文艺演出",
    "training": "{topic}专题培训",
    "online": "“{topic}”线上有奖知识竞答",
    "other": "{topic}普法活动",
}
CHECKINS = {
    "lecture": (8, 36),
    "case_study": (8, 32),
    "consultation": (4, 20),
    "campaign": (16, 56),
    "performance": (24, 72),
    "training": (12, 40),
    "other": (6, 24),
}
OTHER_SPEAKERS = [
    "王法官(斗门区人民法院)",
    "李检察官(斗门区人民检察院)",
    "陈警官(井岸派出所)",
    "黄老师(斗门区普法讲师团)",
    "梁老师(斗门区第一中学)",
    "周股长(斗门区司法局普法股)",
    "何律师(志愿律师)",
    "赵调解员(区人民调解委员会)",
]
CAMPAIGN_DAYS = [
    (3, 15, "消费者权益保护法"),
    (4, 15, "国家安全法"),
    (5, 10, "民法典"),
    (5, 20, "民法典"),
    (6, 26, "禁毒"),
    (11, 9, "消防安全"),
    (12, 4, "宪法"),
]
OCCUPATIONS = {
    "villages": {
        "farmer": 45,
        "worker": 15,
        "migrant_worker": 8,
        "retired": 15,
        "other": 10,
        "enterprise_staff": 5,
        "civil_servant": 2,
    },
    "communities": {
        "worker": 25,
        "enterprise_staff": 20,
        "retired": 25,
        "other": 15,
        "migrant_worker": 10,
        "civil_servant": 5,
    },
    "schools": {"student": 90, "civil_servant": 3, "other": 7},
    "enterprises": {"enterprise_staff": 60, "migrant_worker": 30, "worker": 10},
    "organs": {"civil_servant": 75, "other": 25},
    "units": {"civil_servant": 50, "enterprise_staff": 20, "other": 30},
}
AGES = {
    "default": {"under_18": 3, "18_35": 22, "36_59": 45, "60_plus": 30},
    "elderly": {"18_35": 5, "36_59": 35, "60_plus": 60},
    "students": {"under_18": 85, "18_35": 10, "36_59": 5},
    "work": {"18_35": 55, "36_59": 43, "60_plus": 2},
}


def _pick(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


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
                kind = _pick(rng, KINDS[sector])
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
                kind=_pick(rng, KINDS[sector]),
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
            kind=_pick(rng, KINDS[sector]),
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
            "village": rng.choice(["党群服务中心", "文化广场", "公共法律服务工作室", "祠堂", "村委会议室"]),
            "town": rng.choice(["综合文化站", "人民政府会议室", "工业园区", "中学"]),
            "district": rng.choice(["斗门区文化广场", "斗门区融媒体中心", "斗门区政务服务中心"]),
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
                    checkins += self._checkins(rng, event, audience_list, sector, wanted)
            EventAudience.objects.bulk_create(audiences, batch_size=BATCH)
            Event.advisors.through.objects.bulk_create(advisor_links, batch_size=BATCH)
            Event.legal_savvy_persons.through.objects.bulk_create(savvy_links, batch_size=BATCH)
            CheckIn.objects.bulk_create(checkins, batch_size=BATCH)

    def _checkins(self, rng, event, audience_list, sector, wanted):
        area = event.area
        if area.level == "village":
            town_code = area.code[:9]
        elif area.level == "town":
            town_code = area.code
        else:
            town_code = DOUMEN
        neighbours = [v for v in self.served if v.code.startswith(town_code)] or self.served
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
            age = _pick(rng, ages)
            occupation = "student" if age == "under_18" else _pick(rng, occupations)
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
