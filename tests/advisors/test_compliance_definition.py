"""One definition of duty compliance (advisors.compliance): months that met the monthly hours, and
the total against the requirement — the same on the grid, coverage, the village page and the figures."""

from decimal import Decimal

from advisors.compliance import area_compliance, compliance_summary, compliance_text, due_months
from advisors.duty import compliance_grid
from common.periods import Period
from coverage.rows import village_coverage
from coverage.rules import Gap
from places.models import Area

from .conftest import D

# Hours per month logged in 尖峰村 (Jan–May 2023; "today" is 15 June 2023): 3 of 5 months reach 8 h.
JIANFENG = {1: ["09:00-13:00", "14:00-18:00"], 2: ["08:00-18:00"], 3: ["09:00-15:00"], 4: ["09:00-17:00"]}


def _log(shift_of, advisor, village, plan, first_day=3):
    for month, spans in plan.items():
        for day, span in enumerate(spans, start=first_day):
            start, end = span.split("-")
            shift_of(advisor, village, D(2023, month, day), start, end)


def test_due_months_are_whole_finished_months_of_the_period():
    assert due_months(D(2023, 1, 1), D(2023, 12, 31), D(2023, 6, 15)) == [(2023, m) for m in range(1, 6)]
    assert due_months(D(2023, 1, 15), D(2023, 3, 31), D(2023, 6, 15)) == [(2023, 2), (2023, 3)]
    assert due_months(D(2023, 6, 1), D(2023, 6, 30), D(2023, 6, 15)) == []


def test_compliance_summary_counts_months_at_or_over_the_requirement_in_one_query(
    duty, shift_of, django_assert_num_queries
):
    _log(shift_of, duty.a, duty.areas.jianfeng, JIANFENG)
    # 新伟社区: 40 h, all in January — the yearly total would hide four empty months.
    _log(shift_of, duty.a, duty.areas.xinwei, {1: ["08:00-18:00"] * 4}, first_day=10)
    villages = Area.objects.villages()
    with django_assert_num_queries(1):
        summary = compliance_summary(villages, D(2023, 1, 1), D(2023, 12, 31))
    jianfeng = summary.for_village(duty.areas.jianfeng.pk)
    assert (jianfeng.months_met, jianfeng.months, jianfeng.compliant) == (3, 5, False)
    assert summary.for_village(duty.areas.xinwei.pk).months_met == 1
    assert summary.for_village(duty.areas.nanao.pk).months_met == 0


def test_the_grid_coverage_and_profile_agree_with_the_summary(duty, shift_of, client_as):
    _log(shift_of, duty.a, duty.areas.jianfeng, JIANFENG)
    _log(shift_of, duty.a, duty.areas.xinwei, {1: ["08:00-18:00"] * 4}, first_day=10)
    grid = {row.village.code: row for row in compliance_grid(duty.users.coordinator, 2023)}
    row = grid[duty.areas.jianfeng.code]
    assert (row.months_met, row.months, row.months_under) == (3, 5, 2)
    assert row.required == Decimal(40)

    period = Period.custom(D(2023, 1, 1), D(2023, 5, 31))
    rows = {r.village: r for r in village_coverage(period, "440403", today=D(2023, 6, 15))}
    jianfeng, xinwei = rows[duty.areas.jianfeng.code], rows[duty.areas.xinwei.code]
    assert (jianfeng.duty_months_met, jianfeng.duty_months) == (3, 5)
    # 40 h of 40 h required, but only one month met: coverage no longer calls it compliant.
    assert xinwei.duty_hours == xinwei.duty_hours_required == Decimal(40)
    assert (xinwei.duty_months_met, xinwei.duty_months) == (1, 5)
    assert Gap.DUTY_BELOW_REQUIRED in xinwei.gaps
    reason = next(r for r in xinwei.gap_reasons if r.code == Gap.DUTY_BELOW_REQUIRED)
    assert "有1个月达到8小时" in reason.why

    html = client_as(duty.users.coordinator).get("/advisors/compliance/?year=2023").content.decode()
    assert "5个月中3个月达标" in html


def test_the_api_coverage_rows_carry_the_months(duty, shift_of, api_as):
    _log(shift_of, duty.a, duty.areas.jianfeng, JIANFENG)
    body = api_as(duty.users.coordinator).get("/api/coverage/?area=440403107&year=2023").json()
    rows = body["results"] if isinstance(body, dict) and "results" in body else body
    row = next(r for r in rows if r["village"] == duty.areas.jianfeng.code)
    assert (row["duty_months_met"], row["duty_months"]) == (3, 5)


def test_area_compliance_and_the_figures_page(duty, shift_of, client_as):
    _log(shift_of, duty.a, duty.areas.jianfeng, {m: ["09:00-17:00"] for m in range(1, 6)})
    summary = area_compliance("440403107", D(2023, 1, 1), D(2023, 12, 31))
    villages = Area.objects.villages().active().filter(code__startswith="440403107").count()
    assert (summary.villages, summary.villages_compliant, summary.months) == (villages, 1, 5)
    assert summary.village_months_met == 5 and summary.hours == Decimal(40)
    html = client_as(duty.users.coordinator).get("/figures/?year=2023&area=440403107").content.decode()
    assert 'id="duty-compliance"' in html and f"{villages}个村（社区）中有1个" in html


def test_compliance_text_reads_like_the_partial():
    from django.utils import translation

    with translation.override("zh-hans"):
        assert compliance_text(11, 12, Decimal("95"), Decimal("96")) == "12个月中11个月达标 · 95 / 96 小时"
    with translation.override("en"):
        assert compliance_text(0, 0, 0, 0) == "no month finished yet · 0 of 0 h"


def test_the_village_profile_shows_the_months_met(duty, shift_of, client_as):
    _log(shift_of, duty.a, duty.areas.jianfeng, JIANFENG)
    html = client_as(duty.users.coordinator).get(f"/coverage/village/{duty.areas.jianfeng.code}/?year=2023").content
    html = html.decode()
    assert "值班达标月数" in html and "5个月中3个月达标" in html
