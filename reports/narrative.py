"""The annual report's paragraph, built from the figures (never recomputed here).

The Chinese paragraph follows the wording and units of Doumen District's 2023 report (次, 批次,
人次, 份, 宗, 场次, 期, 名) and is always Chinese: it is the report's language, whatever the UI
language. ``english_paragraph`` is a plain English rendering of the same numbers for readers
without Chinese. Both take a figures dict (live or from a closed-year snapshot) and the area.
"""

from collections import defaultdict

from django.utils import timezone

from places.models import Area

# Units of the volunteers' activities in the paragraph.
ACTIVITY_PHRASES_ZH = {
    "dispute_resolved": "协助化解矛盾纠纷{n}宗",
    "risk_reported": "排查上报风险隐患{n}条",
    "referral": "引导群众寻求法律服务{n}次",
    "outreach_helped": "协助开展普法宣传{n}场次",
    "other": "开展其他志愿服务{n}次",
}
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
    return int(year) == timezone.localdate().year


def _period_zh(year):
    """2023年1-12月; for the running year, up to the current month."""
    last_month = timezone.localdate().month if _is_running_year(year) else 12
    return f"{year}年1-{last_month}月"


def _map(figures, key):
    return figures.get(key) or {}


def _figures(figures):
    """Missing figures read as 0, so an old or partial snapshot still renders."""
    f = defaultdict(int, figures)
    f["year"] = figures.get("year") or timezone.localdate().year
    return f


def chinese_paragraph(figures, area):
    f = _figures(figures)
    word = area_word(area)
    where = f"{word}{f['villages']}个村(社区)" if area.level != Area.Level.VILLAGE else area.name
    duty = (
        f"{_period_zh(f['year'])},{where}{f['advisors']}名法律顾问,累计值班{f['duty_shifts']}次"
        f"(其中走访入户{f['home_visits']}次),接待群众来访咨询{f['consultation_batches']}批次"
        f"{f['consultation_people']}人次,审核村(社区)合同{f['contracts_reviewed']}份,"
        f"出具法律意见书{f['legal_opinions']}份,代书{f['documents_drafted']}份,参与调解纠纷{f['mediations']}宗,"
        f"谈判签约{f['negotiations']}宗,参与法律援助{f['legal_aid_cases']}宗,"
        f"协助换届选举{f['elections_assisted']}场次,接受电话咨询{f['phone_consultations']}次,"
        f"开展法治宣传活动{f['advisor_outreach_sessions']}场次。"
    )
    events = f"共开展普法活动{f['events']}场,参与群众{f['event_attendees']}人次"
    series = "".join(f";《{name}》今年已制作播放{n}期" for name, n in _map(f, "series_episodes").items())
    events += series + "。"

    quota = f.get("legal_savvy_quota", 4)
    savvy = f"法律明白人队伍新增了{f['legal_savvy_new']}人," if f["legal_savvy_new"] else ""
    savvy += "截至目前," if _is_running_year(f["year"]) else f"截至{f['year']}年底,"
    savvy += f"{word if area.level != Area.Level.VILLAGE else area.name}共培育{f['legal_savvy_total']}名法律明白人"
    meeting, villages = f["villages_meeting_legal_savvy_quota"], f["villages"]
    if villages and meeting >= villages:
        savvy += f",{meeting}个村(社区)均达到每村(社区){quota}名的配备要求,实现法律明白人全覆盖"
    elif villages:
        savvy += f",{meeting}个村(社区)达到每村(社区){quota}名的配备要求,尚有{villages - meeting}个村(社区)未达到"
    activities = [
        ACTIVITY_PHRASES_ZH[kind].format(n=n)
        for kind, n in _map(f, "legal_savvy_activities").items()
        if kind in ACTIVITY_PHRASES_ZH and n
    ]
    if activities:
        savvy += ";法律明白人全年" + "、".join(activities)
    savvy += "。"

    return duty + events + savvy + _honors_zh(f)


def _honor_rows(f):
    """Awards before candidacies, highest level first; villages in the report's order (code descending)."""
    rows = sorted(f.get("honor_villages") or [], key=lambda r: r["village"], reverse=True)
    return sorted(rows, key=lambda r: (r["status"] != "awarded", LEVEL_RANK.get(r["level"], 9)))


def _honors_zh(f):
    groups = {}
    for row in _honor_rows(f):
        groups.setdefault((row["level"], row["status"]), []).append(f"{row['town']}{row['name']}")
    sentences = []
    for (level, status), names in groups.items():
        level_word = HONOR_LEVEL_ZH.get(level, level)
        if status == "candidate":
            sentences.append(f"{'、'.join(names)}为{level_word}民主法治示范村(社区)候选")
        else:
            sentences.append(f"{'、'.join(names)}获评{level_word}民主法治示范村(社区)")
    households = sum(n for key, n in _map(f, "honors").items() if key.startswith("law_learning_household:"))
    if households:
        sentences.append(f"评选学法用法示范户{households}户")
    return (";".join(sentences) + "。") if sentences else ""


def english_paragraph(figures, area):
    f = _figures(figures)
    if area.level == Area.Level.VILLAGE:
        where = f"In {area.name}"
    else:
        where = f"Across {area.name}'s {f['villages']} villages and communities"
    months = f"January–{_month_name(timezone.localdate().month) if _is_running_year(f['year']) else 'December'}"
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
        for row in _honor_rows(f)
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
