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


ASCII_PUNCTUATION = set(",();:!?")


def outside_titles(text):
    """The text without the names in 《》 (a programme's name may hold any character)."""
    out, depth = [], 0
    for ch in text:
        depth += ch == "《"
        if not depth:
            out.append(ch)
        depth -= ch == "》"
    return "".join(out)


def test_it_uses_the_reports_wording_units_and_full_width_punctuation(doumen_district):
    text = chinese_paragraph(REPORT_2023, doumen_district)
    assert text == (
        "2023年1-12月，全区129个村（社区）67名法律顾问累计值班4644次（其中走访入户1548次），"
        "接待群众来访咨询5507批次18312人次，审核村（社区）合同221份，出具法律意见书23份，代书166份，"
        "参与调解纠纷68宗，谈判签约2宗，参与法律援助3宗，协助换届选举2场次，接受电话咨询797次，"
        "开展法治宣传活动564场次。全年共开展普法活动958场，参与群众61234人次；《92.8说法》全年制作播放37期。"
        "法律明白人队伍新增129人，截至2023年底，全区共培育516名法律明白人，129个村（社区）均达到每村（社区）"
        "4名的配备要求，实现法律明白人全覆盖。井岸镇尖峰村、白蕉镇南澳村获评省级民主法治示范村（社区）。"
    )
    assert not ASCII_PUNCTUATION & set(outside_titles(text))


def test_zero_items_are_left_out():
    figures = {**REPORT_2023, "negotiations": 0, "legal_aid_cases": 0, "elections_assisted": 0, "home_visits": 0}
    town = Area(code="440403107", name="井岸镇", level="town", kind="town")
    text = chinese_paragraph(figures, town)
    assert "谈判签约" not in text and "法律援助" not in text and "换届选举" not in text
    assert "0宗" not in text and "0场次" not in text and "走访入户" not in text
    assert "累计值班4644次，接待群众来访咨询5507批次" in text
    assert "协助化解" not in text  # no activities at all: no empty clause


def test_a_part_that_is_all_zero_is_worded_not_done(doumen_district):
    empty = {"year": 2023, "villages": 3}
    text = chinese_paragraph(empty, doumen_district)
    assert text == (
        "2023年1-12月，全区3个村（社区）未开展法律顾问值班工作。未开展普法活动。截至2023年底，全区尚未培育法律明白人。"
    )
    assert "0" not in text.replace("2023", "")


def test_it_says_how_many_villages_are_below_the_quota(doumen_district):
    text = chinese_paragraph({**REPORT_2023, "villages_meeting_legal_savvy_quota": 120}, doumen_district)
    assert "120个村（社区）达到每村（社区）4名的配备要求，尚有9个村（社区）未达到" in text
    assert "全覆盖" not in text
    none = chinese_paragraph({**REPORT_2023, "villages_meeting_legal_savvy_quota": 0}, doumen_district)
    assert "尚无村（社区）达到每村（社区）4名的配备要求" in none and "0个村" not in none


@pytest.mark.parametrize(
    "level,kind,word",
    [
        ("district", None, "全区"),
        ("town", "town", "全镇"),
        ("town", "subdistrict", "全街道"),
        ("city", None, "全市"),
        ("province", None, "全省"),
    ],
)
def test_it_names_the_area_by_its_level(level, kind, word):
    area = Area(code="440403107", name="井岸镇", level=level, kind=kind)
    assert area_word(area) == word
    text = chinese_paragraph(REPORT_2023, area)
    assert text.startswith(f"2023年1-12月，{word}129个村（社区）")
    assert f"截至2023年底，{word}共培育516名法律明白人" in text


def test_it_names_a_village_itself():
    village = Area(code="440403107202", name="尖峰村", level="village", kind="village")
    text = chinese_paragraph(REPORT_2023, village)
    assert text.startswith("2023年1-12月，尖峰村67名法律顾问累计值班")
    assert "尖峰村共培育516名法律明白人。" in text  # no quota sentence for one village


@time_machine.travel("2026-11-25 10:00 +0800")
def test_the_running_year_reads_up_to_this_month(doumen_district):
    figures = {**REPORT_2023, "year": 2026, "legal_savvy_activities": {"referral": 3}}
    text = chinese_paragraph(figures, doumen_district)
    assert text.startswith("2026年1-11月，") and "截至目前，全区共培育516名" in text
    assert "。共开展普法活动958场" in text and "全年" not in text
    assert "《92.8说法》今年已制作播放37期" in text and "法律明白人今年以来引导群众寻求法律服务3次" in text
    assert english_paragraph(figures, doumen_district).startswith("January–November 2026")


def test_it_names_the_works_and_awards_the_figures_carry(doumen_district):
    figures = {
        **REPORT_2023,
        "works": {"count": 11, "titles": ["当上官婉儿遇到杀猪盘", "悔不当初"]},
        "awards": [{"title": "广东司法行政视频大赛三等奖", "recipient": "《悔不当初》"}],
    }
    text = chinese_paragraph(figures, doumen_district)
    assert (
        "推出《当上官婉儿遇到杀猪盘》《悔不当初》等11部原创普法作品；《悔不当初》获广东司法行政视频大赛三等奖。" in text
    )


def test_the_english_rendering_has_the_same_numbers(doumen_district):
    text = english_paragraph(REPORT_2023, doumen_district)
    assert text.startswith("January–December 2023: Across 斗门区's 129 villages and communities, 67 legal advisors")
    for number in (4644, 1548, 5507, 18312, 221, 23, 166, 68, 564, 958, 61234, 37, 516, 129):
        assert str(number) in text
    assert "provincial model village" in text


def test_the_live_paragraph_mentions_volunteers_and_households(ledger):
    text = annual_figures(2023, ledger.areas.jingan)["narrative"]
    assert text.startswith("2023年1-12月，全镇2个村（社区）2名法律顾问累计值班3次（其中走访入户2次）")
    assert "协助化解矛盾纠纷2宗、排查上报风险隐患3条" in text
    assert "井岸镇新伟社区为全国民主法治示范村（社区）候选" in text
    assert "井岸镇尖峰村获评省级民主法治示范村（社区）" in text
    assert "评选学法用法示范户2户" in text
