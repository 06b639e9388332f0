"""The annual report's paragraph, built from the figures (never recomputed here).

The Chinese paragraph follows the wording and units of Doumen District's 2023 report (次, 批次,
人次, 份, 宗, 场次, 期, 名) and is always Chinese: it is the report's language, whatever the UI
language. ``english_paragraph`` is a plain English rendering of the same numbers for readers
without Chinese. Both take a figures dict (live or from a closed-year snapshot) and the area.
"""

from collections import defaultdict

from common.clock import local_today
from places.models import Area

# Units of the volunteers' activities in the paragraph, in the report's order.
ACTIVITY_PHRASES_ZH = {
    "dispute_resolved": "协助化解矛盾纠纷{n}宗",
    "risk_reported": "排查上报风险隐患{n}条",
    "referral": "引导群众寻求法律服务{n}次",
    "outreach_helped": "协助开展普法宣传{n}场次",
    "other": "开展其他志愿服务{n}次",
}
# The duty counters in the order of the report's sentence; an item that is 0 is left out.
DUTY_PHRASES_ZH = [
    ("contracts_reviewed", "审核村（社区）合同{n}份"),
    ("legal_opinions", "出具法律意见书{n}份"),
    ("documents_drafted", "代书{n}份"),
    ("mediations", "参与调解纠纷{n}宗"),
    ("negotiations", "谈判签约{n}宗"),
    ("legal_aid_cases", "参与法律援助{n}宗"),
    ("elections_assisted", "协助换届选举{n}场次"),
    ("phone_consultations", "接受电话咨询{n}次"),
    ("advisor_outreach_sessions", "开展法治宣传活动{n}场次"),
]
ACTIVITY_PHRASES_EN = {
    "dispute_resolved": "helped resolve {n} disputes",
    "risk_reported": "screened and reported {n} risks",
    "referral": "referred people to legal services {n} times",
    "outreach_helped": "helped at {n} outreach sessions",
    "other": "did {n} other volunteer tasks",
}
HONOR_LEVEL_ZH = {"national": "全国", "provincial": "省级", "city": "市级", "district": "区级"}
HONOR_LEVEL_EN = {"national": "national", "provincial": "provincial", "city": "city", "district": "district"}
LEVEL_RANK = {"national": 0, "provincial": 1, "city": 2, "district": 3}


def area_word(area):
    """全区 for a district, 全镇 / 全街道 for a town or subdistrict, 全市, 全省; a village by name."""
    if area.level == Area.Level.TOWN:
        return "全街道" if area.kind == Area.Kind.SUBDISTRICT else "全镇"
    return {Area.Level.DISTRICT: "全区", Area.Level.CITY: "全市", Area.Level.PROVINCE: "全省"}.get(
        area.level, area.name
    )


def _is_running_year(year):
    return int(year) == local_today().year


def _period_zh(year):
    """2023年1-12月; for the running year, up to the current month."""
    last_month = local_today().month if _is_running_year(year) else 12
    return f"{year}年1-{last_month}月"


def _map(figures, key):
    return figures.get(key) or {}


def _figures(figures):
    """Missing figures read as 0, so an old or partial snapshot still renders."""
    f = defaultdict(int, figures)
    f["year"] = figures.get("year") or local_today().year
    return f


def _zh(n):
    """A figure in the paragraph: Arabic digits, no thousands separator (the report's style)."""
    return f"{n:g}" if isinstance(n, float) else str(n)


def chinese_paragraph(figures, area):
    """The report's paragraph as an official writes it: full-width punctuation (，（）；。、), Arabic
    digits, items that are 0 left out (a whole part that is 0 worded "未开展…"), the running year as
    "1-N月" and "截至目前", and the level's own word (全区, 全镇, 全街道, 全市, 全省)."""
    f = _figures(figures)
    running = _is_running_year(f["year"])
    village = area.level == Area.Level.VILLAGE
    word = area.name if village else area_word(area)
    parts = [_duty_zh(f, word, village), _events_zh(f, running), _savvy_zh(f, word, running, village)]
    parts.append(_works_zh(f))
    parts.append(_honors_zh(f))
    return "".join(part for part in parts if part)


def _duty_zh(f, word, village):
    where = word if village else f"{word}{_zh(f['villages'])}个村（社区）"
    lead = f"{_period_zh(f['year'])}，{where}"
    if not f["duty_shifts"]:
        return f"{lead}未开展法律顾问值班工作。"
    lead += f"{_zh(f['advisors'])}名法律顾问" if f["advisors"] else "法律顾问"
    items = [
        f"累计值班{_zh(f['duty_shifts'])}次"
        + (f"（其中走访入户{_zh(f['home_visits'])}次）" if f["home_visits"] else "")
    ]
    if f["consultation_batches"]:
        people = f"{_zh(f['consultation_people'])}人次" if f["consultation_people"] else ""
        items.append(f"接待群众来访咨询{_zh(f['consultation_batches'])}批次{people}")
    items += [phrase.format(n=_zh(f[key])) for key, phrase in DUTY_PHRASES_ZH if f[key]]
    return lead + "，".join(items) + "。"


def _events_zh(f, running):
    series = _map(f, "series_episodes")
    if not f["events"]:
        return "未开展普法活动。"
    text = f"{'' if running else '全年'}共开展普法活动{_zh(f['events'])}场"
    if f["event_attendees"]:
        text += f"，参与群众{_zh(f['event_attendees'])}人次"
    verb = "今年已制作播放" if running else "全年制作播放"
    text += "".join(f"；《{name}》{verb}{_zh(n)}期" for name, n in series.items() if n)
    return text + "。"


def _savvy_zh(f, word, running, village):
    until = "截至目前，" if running else f"截至{f['year']}年底，"
    if not f["legal_savvy_total"]:
        return f"{until}{word}尚未培育法律明白人。"
    text = f"法律明白人队伍新增{_zh(f['legal_savvy_new'])}人，" if f["legal_savvy_new"] else ""
    text += f"{until}{word}共培育{_zh(f['legal_savvy_total'])}名法律明白人"
    quota = f.get("legal_savvy_quota", 4)
    meeting, villages = f["villages_meeting_legal_savvy_quota"], f["villages"]
    if not village and villages:
        text += _quota_zh(meeting, villages, quota)
    counts = _map(f, "legal_savvy_activities")
    activities = [
        phrase.format(n=_zh(counts[kind])) for kind, phrase in ACTIVITY_PHRASES_ZH.items() if counts.get(kind)
    ]
    if activities:
        text += f"；法律明白人{'今年以来' if running else '全年'}" + "、".join(activities)
    return text + "。"


def _quota_zh(meeting, villages, quota):
    rule = f"每村（社区）{quota}名的配备要求"
    if meeting >= villages:
        return f"，{_zh(meeting)}个村（社区）均达到{rule}，实现法律明白人全覆盖"
    if meeting:
        return f"，{_zh(meeting)}个村（社区）达到{rule}，尚有{_zh(villages - meeting)}个村（社区）未达到"
    return f"，尚无村（社区）达到{rule}"


def _works_zh(f):
    """ "推出《…》《…》等N部作品" and the year's awards, when the figures carry them (``works``:
    {"count", "titles"}; ``awards``: [{"title", "recipient", "recipient_kind"}]): a work "获" its award, a
    project "获评" it, a person "被<awarding body>评为" it."""
    works = f.get("works") or {}
    sentences = []
    if works.get("count"):
        titles = "".join(f"《{t}》" for t in works.get("titles", [])[:2])
        many = "等" if works["count"] > len(works.get("titles", [])[:2]) else "共"
        sentences.append(f"推出{titles}{many}{_zh(works['count'])}部原创普法作品")
    for award in f.get("awards") or []:
        kind, body = award.get("recipient_kind", "work"), award.get("awarding_body")
        if kind == "person" and body:
            sentences.append(f"{award['recipient']}被{body}评为{award['title']}")
        else:
            sentences.append(f"{award['recipient']}{'获' if kind == 'work' else '获评'}{award['title']}")
    return ("；".join(sentences) + "。") if sentences else ""


def honor_rows(f):
    """Awards before candidacies, highest level first; villages in the report's order (code descending)."""
    rows = sorted(f.get("honor_villages") or [], key=lambda r: r["village"], reverse=True)
    return sorted(rows, key=lambda r: (r["status"] != "awarded", LEVEL_RANK.get(r["level"], 9)))


def _honors_zh(f):
    groups = {}
    for row in honor_rows(f):
        groups.setdefault((row["level"], row["status"]), []).append(f"{row['town']}{row['name']}")
    sentences = []
    for (level, status), names in groups.items():
        level_word = HONOR_LEVEL_ZH.get(level, level)
        if status == "candidate":
            sentences.append(f"{'、'.join(names)}为{level_word}民主法治示范村（社区）候选")
        else:
            sentences.append(f"{'、'.join(names)}获评{level_word}民主法治示范村（社区）")
    households = sum(n for key, n in _map(f, "honors").items() if key.startswith("law_learning_household:"))
    if households:
        sentences.append(f"评选学法用法示范户{_zh(households)}户")
    return ("；".join(sentences) + "。") if sentences else ""


def english_paragraph(figures, area):
    f = _figures(figures)
    if area.level == Area.Level.VILLAGE:
        where = f"In {area.name}"
    else:
        where = f"Across {area.name}'s {f['villages']} villages and communities"
    months = f"January–{_month_name(local_today().month) if _is_running_year(f['year']) else 'December'}"
    text = (
        f"{months} {f['year']}: {where}, {f['advisors']} legal advisors were on duty {f['duty_shifts']} times "
        f"(including {f['home_visits']} home visits), received {f['consultation_batches']} consultation visits "
        f"({f['consultation_people']} people), reviewed {f['contracts_reviewed']} village contracts, issued "
        f"{f['legal_opinions']} legal opinions, drafted {f['documents_drafted']} documents, took part in "
        f"{f['mediations']} mediations, {f['negotiations']} negotiations and {f['legal_aid_cases']} legal-aid "
        f"cases, assisted {f['elections_assisted']} village elections, answered {f['phone_consultations']} "
        f"phone consultations and held {f['advisor_outreach_sessions']} legal-education sessions. "
        f"{f['events']} legal-education events were held, with {f['event_attendees']} attendances"
    )
    for name, n in _map(f, "series_episodes").items():
        text += f"; {n} episodes of “{name}” were produced and broadcast"
    text += ". "
    text += (
        f"{f['legal_savvy_new']} new legal-savvy persons were appointed, bringing the total to "
        f"{f['legal_savvy_total']}; {f['villages_meeting_legal_savvy_quota']} of {f['villages']} villages "
        f"meet the quota of {f.get('legal_savvy_quota', 4)} per village"
    )
    activities = [
        ACTIVITY_PHRASES_EN[kind].format(n=n)
        for kind, n in _map(f, "legal_savvy_activities").items()
        if kind in ACTIVITY_PHRASES_EN and n
    ]
    if activities:
        text += "; as volunteers they " + ", ".join(activities)
    text += "."
    honors = [
        f"{row['name']} ({row['town']}) {'is a candidate for' if row['status'] == 'candidate' else 'was named'} "
        f"{HONOR_LEVEL_EN.get(row['level'], row['level'])} model village of democracy and the rule of law"
        for row in honor_rows(f)
    ]
    if honors:
        text += " " + "; ".join(honors) + "."
    return text


def _month_name(month):
    return [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ][month - 1]
