"""The report paragraph: the report's wording, units and area word, with the figures' numbers."""

import pytest
import time_machine

from places.models import Area
from reports.figures import annual_figures
from reports.narrative import area_word, chinese_paragraph, english_paragraph

REPORT_2023 = {
    "year": 2023,
    "area": "440403",
    "area_name": "斗门区",
    "villages": 129,
    "advisors": 67,
    "duty_shifts": 4644,
    "home_visits": 1548,
    "duty_hours": 13500.5,
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
    "advisor_outreach_sessions": 564,
    "events": 958,
    "event_attendees": 61234,
    "series_episodes": {"92.8说法": 37},
    "legal_savvy_total": 516,
    "legal_savvy_new": 129,
    "villages_meeting_legal_savvy_quota": 129,
    "legal_savvy_activities": {},
    "honors": {"democracy_rule_of_law_village:provincial:awarded": 4},
    "legal_savvy_quota": 4,
    "honor_villages": [
        {
            "village": "440403107202",
            "name": "尖峰村",
            "town": "井岸镇",
            "title": "democracy_rule_of_law_village",
            "level": "provincial",
            "status": "awarded",
        },
        {
            "village": "440403106229",
            "name": "南澳村",
            "town": "白蕉镇",
            "title": "democracy_rule_of_law_village",
            "level": "provincial",
            "status": "awarded",
        },
    ],
}


@pytest.fixture
def doumen_district():
    return Area(code="440403", name="斗门区", level="district")


def test_it_uses_the_reports_wording_and_units(doumen_district):
    text = chinese_paragraph(REPORT_2023, doumen_district)
    assert text.startswith(
        "2023年1-12月,全区129个村(社区)67名法律顾问,累计值班4644次(其中走访入户1548次),接待群众来访咨询5507批次"
        "18312人次,审核村(社区)合同221份,出具法律意见书23份,代书166份,参与调解纠纷68宗,谈判签约2宗,参与法律援助3宗,"
        "协助换届选举2场次,接受电话咨询797次,开展法治宣传活动564场次。"
    )
    assert "共开展普法活动958场,参与群众61234人次;《92.8说法》今年已制作播放37期。" in text
    assert "法律明白人队伍新增了129人,截至2023年底,全区共培育516名法律明白人" in text
    assert "实现法律明白人全覆盖" in text
    assert "井岸镇尖峰村、白蕉镇南澳村获评省级民主法治示范村(社区)" in text


def test_it_says_how_many_villages_are_below_the_quota(doumen_district):
    text = chinese_paragraph({**REPORT_2023, "villages_meeting_legal_savvy_quota": 120}, doumen_district)
    assert "120个村(社区)达到每村(社区)4名的配备要求,尚有9个村(社区)未达到" in text
    assert "全覆盖" not in text


@pytest.mark.parametrize(
    "level,kind,word",
    [
        ("district", None, "全区"),
        ("town", "town", "全镇"),
        ("town", "subdistrict", "全街道"),
        ("city", None, "全市"),
    ],
)
def test_it_names_the_area_by_its_level(level, kind, word):
    area = Area(code="440403107", name="井岸镇", level=level, kind=kind)
    assert area_word(area) == word
    assert chinese_paragraph(REPORT_2023, area).startswith(f"2023年1-12月,{word}129个村(社区)")


def test_it_names_a_village_itself():
    village = Area(code="440403107202", name="尖峰村", level="village", kind="village")
    assert chinese_paragraph(REPORT_2023, village).startswith("2023年1-12月,尖峰村67名法律顾问")


@time_machine.travel("2026-11-25 10:00 +0800")
def test_the_running_year_reads_up_to_this_month(doumen_district):
    text = chinese_paragraph({**REPORT_2023, "year": 2026}, doumen_district)
    assert text.startswith("2026年1-11月,") and "截至目前," in text
    assert english_paragraph({**REPORT_2023, "year": 2026}, doumen_district).startswith("January–November 2026")


def test_the_english_rendering_has_the_same_numbers(doumen_district):
    text = english_paragraph(REPORT_2023, doumen_district)
    assert text.startswith("January–December 2023: Across 斗门区's 129 villages and communities, 67 legal advisors")
    for number in (4644, 1548, 5507, 18312, 221, 23, 166, 68, 564, 958, 61234, 37, 516, 129):
        assert str(number) in text
    assert "provincial model village" in text


def test_the_live_paragraph_mentions_volunteers_and_households(ledger):
    text = annual_figures(2023, ledger.areas.jingan)["narrative"]
    assert text.startswith("2023年1-12月,全镇2个村(社区)2名法律顾问,累计值班3次(其中走访入户2次)")
    assert "协助化解矛盾纠纷2宗、排查上报风险隐患3条" in text
    assert "井岸镇新伟社区为全国民主法治示范村(社区)候选" in text
    assert "井岸镇尖峰村获评省级民主法治示范村(社区)" in text
    assert "评选学法用法示范户2户" in text
