"""Officers' pages: the duty ledger (filters, scope, bulk approval, exports) and the compliance grid
checked against a small data set computed by hand."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest

from advisors import duty as duty_reads
from advisors import services
from advisors.models import DutyShift

from .conftest import D


@pytest.fixture
def year(duty, shift_of):
    """2023 until "now" (15 June):
    尖峰村  Jan 4 h + 4.5 h (home visit) = 8.5 h · Feb 3 h · Jun 2 h
    新伟社区 Jan 8 h exactly
    南澳村  Mar 1.25 h (home visit)
    灯笼村  nothing"""
    a, b, v = duty.a, duty.b, duty.areas
    return {
        "jf_jan_1": shift_of(
            a, v.jianfeng, D(2023, 1, 10), "09:00", "13:00", consultation_batches=2, consultation_people=5
        ),
        "jf_jan_2": shift_of(a, v.jianfeng, D(2023, 1, 17), "14:00", "18:30", mode="home_visit"),
        "jf_feb": shift_of(a, v.jianfeng, D(2023, 2, 7), "09:00", "12:00"),
        "jf_jun": shift_of(a, v.jianfeng, D(2023, 6, 6), "09:00", "11:00"),
        "xw_jan": shift_of(a, v.xinwei, D(2023, 1, 11), "08:00", "16:00"),
        "na_mar": shift_of(b, v.nanao, D(2023, 3, 3), "09:00", "10:15", mode="home_visit"),
    }


def grid_by_code(user, **kwargs):
    return {row.village.code: row for row in duty_reads.compliance_grid(user, 2023, **kwargs)}


def test_compliance_numbers_match_the_hand_computed_set(duty, year):
    grid = grid_by_code(duty.users.coordinator)
    assert list(grid) == ["440403106201", "440403106202", "440403107001", "440403107201"]  # not the closed one
    jf = grid["440403107201"]
    jan, feb, mar, jun, jul = jf.cells[0], jf.cells[1], jf.cells[2], jf.cells[5], jf.cells[6]
    assert (jan.hours, jan.shifts, jan.home_visits, jan.state) == (Decimal("8.50"), 2, 1, "ok")
    assert (feb.hours, feb.shifts, feb.state) == (Decimal("3.00"), 1, "under")
    assert (mar.hours, mar.shifts, mar.state) == (Decimal("0.00"), 0, "under")
    assert (jun.hours, jun.state) == (Decimal("2.00"), "current")  # June is still running
    assert jul.state == "future"
    assert (jf.hours, jf.shifts, jf.home_visits, jf.months_under) == (Decimal("13.50"), 4, 1, 4)
    xw = grid["440403107001"]
    assert xw.cells[0].hours == Decimal("8.00") and xw.cells[0].state == "ok"  # exactly 8 h meets it
    assert xw.months_under == 4
    na = grid["440403106201"]
    assert (na.cells[2].hours, na.cells[2].home_visits, na.cells[2].state) == (Decimal("1.25"), 1, "under")
    assert na.months_under == 5 and na.advisor_names == "李法律工作者"
    assert grid["440403106202"].months_under == 5 and grid["440403106202"].hours == 0


def test_the_requirement_is_a_setting(duty, year, settings):
    settings.DUTY_HOURS_PER_VILLAGE_MONTH = 3
    jf = grid_by_code(duty.users.coordinator)["440403107201"]
    assert jf.cells[1].state == "ok" and jf.months_under == 3


def test_approved_only_counts_approved_shifts(duty, year):
    services.approve_shifts([year["jf_jan_1"].pk, year["jf_jan_2"].pk], by=duty.users.town_officer)
    jf = grid_by_code(duty.users.coordinator, approved_only=True)["440403107201"]
    assert jf.cells[0].hours == Decimal("8.50") and jf.cells[1].hours == 0 and jf.hours == Decimal("8.50")


def test_a_town_officer_sees_only_their_towns_villages(duty, year):
    assert list(grid_by_code(duty.users.town_officer)) == ["440403107001", "440403107201"]
    assert list(grid_by_code(duty.users.coordinator, town="440403106")) == ["440403106201", "440403106202"]


def test_the_compliance_page_marks_shortfalls_red(duty, year, client_as):
    page = client_as(duty.users.town_officer).get("/advisors/compliance/?year=2023")
    html = page.content.decode()
    assert page.status_code == 200 and "南澳村" not in html
    row = html[html.index('data-village="440403107201"') :]
    row = row[: row.index("</tr>")]
    assert 'class="cell ok" data-month="1">8.5' in row
    assert 'class="cell under" data-month="2">3' in row
    assert 'class="cell current" data-month="6">2' in row


def test_the_compliance_exports_stream_every_village_month(duty, year, client_as):
    client = client_as(duty.users.coordinator)
    response = client.get("/advisors/compliance/export.csv?year=2023")
    assert response.streaming
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 1 + 4 * 12
    feb = next(r for r in rows if r[1] == "440403107201" and r[4] == "2023-02")
    assert feb[5:9] == ["3.0", "8.0", "1", "0"]
    response = client.get("/advisors/compliance/export.xlsx?year=2023&town=440403107")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 1 + 2 * 12
    assert ("440403107201", "2023-01", 8.5) in {(r[1], r[4], r[5]) for r in values[1:]}


def test_the_ledger_is_scoped_and_filtered(duty, year, client_as):
    officer = client_as(duty.users.town_officer)
    page = officer.get("/advisors/ledger/")
    assert {s.village.code for s in page.context["page"]} == {"440403107201", "440403107001"}
    assert page.context["totals"]["shifts"] == 5

    def ids(query):
        return {s.pk for s in officer.get(f"/advisors/ledger/?{query}").context["page"]}

    assert ids("village=440403107001") == {year["xw_jan"].pk}
    assert ids("month=2023-02") == {year["jf_feb"].pk}
    assert ids("mode=home_visit") == {year["jf_jan_2"].pk}
    assert ids(f"advisor={duty.a.pk}&month=2023-01") == {year["jf_jan_1"].pk, year["jf_jan_2"].pk, year["xw_jan"].pk}
    services.approve_shifts([year["jf_feb"].pk], by=duty.users.town_officer)
    assert ids("approval=approved") == {year["jf_feb"].pk}
    assert year["jf_feb"].pk not in ids("approval=pending")
    other = client_as(duty.users.other_town_officer).get("/advisors/ledger/")
    assert {s.pk for s in other.context["page"]} == {year["na_mar"].pk}


def test_bad_ledger_filters_never_fail(duty, year, client_as):
    officer = client_as(duty.users.town_officer)
    for query in (
        "month=2023-99",
        "month=x",
        "advisor=abc",
        "advisor=99999999999999999999",
        "village=../",
        "town=1%00",
        "mode=flying",
        "approval=maybe",
        "page=-1",
        "page=abc",
    ):
        assert officer.get(f"/advisors/ledger/?{query}").status_code == 200, query
        assert officer.get(f"/advisors/ledger/export.csv?{query}").status_code == 200, query
    assert officer.get("/advisors/compliance/?year=abc&town=zz").status_code == 200


def test_bulk_approval_of_ticked_shifts(duty, year, client_as):
    officer = client_as(duty.users.town_officer)
    response = officer.post(
        "/advisors/ledger/approve/?month=2023-01", {"shift": [year["jf_jan_1"].pk, year["na_mar"].pk, "junk"]}
    )
    assert response.status_code == 302 and response["Location"] == "/advisors/ledger/?month=2023-01"
    approved = set(DutyShift.objects.filter(approved_at__isnull=False).values_list("pk", flat=True))
    assert approved == {year["jf_jan_1"].pk}  # 南澳村 is in another town


def test_approve_all_matching_the_filters(duty, year, client_as):
    client_as(duty.users.town_officer).post("/advisors/ledger/approve/?month=2023-01", {"all": "1"})
    approved = set(DutyShift.objects.filter(approved_at__isnull=False).values_list("pk", flat=True))
    assert approved == {year["jf_jan_1"].pk, year["jf_jan_2"].pk, year["xw_jan"].pk}


def test_the_ledger_csv_follows_the_filters(duty, year, client_as):
    response = client_as(duty.users.coordinator).get("/advisors/ledger/export.csv?town=440403107&mode=office")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 1 + 4
    assert {r[6] for r in rows[1:]} == {"尖峰村", "新伟社区"}
    xlsx = client_as(duty.users.coordinator).get("/advisors/ledger/export.xlsx?village=440403106201")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 2 and values[1][0] == "2023-03-03" and values[1][3] == 1.25


def test_officer_pages_are_refused_to_advisors_and_organizers(duty, client_as, users):
    for user in (users.advisor, users.organizer, users.nobody):
        client = client_as(user)
        for url in (
            "/advisors/ledger/",
            "/advisors/compliance/",
            "/advisors/villages/",
            "/advisors/ledger/export.csv",
            "/advisors/compliance/export.xlsx",
        ):
            assert client.get(url).status_code == 403, (user, url)
        assert client.post("/advisors/ledger/approve/", {"all": "1"}).status_code == 403


def test_the_villages_page_shows_advisors_hours_and_posters(duty, year, client_as):
    page = client_as(duty.users.town_officer).get("/advisors/villages/")
    rows = {row["village"].code: row for row in page.context["rows"]}
    assert set(rows) == {"440403107001", "440403107201"}
    assert rows["440403107201"]["assignment"].advisor == duty.a
    assert rows["440403107201"]["village"].duty_hours == Decimal("2.00") and rows["440403107201"]["under"]
    assert "/advisors/poster/440403107201/" in page.content.decode()


def test_junk_query_parameters_never_fail_any_officer_page(duty, year, client_as):
    client = client_as(duty.users.coordinator)
    pages = (
        "/advisors/ledger/",
        "/advisors/ledger/export.csv",
        "/advisors/compliance/",
        "/advisors/villages/",
        "/advisors/people/",
        "/advisors/month/",
    )
    for url in pages:
        for query in (
            "q=a%00b",
            "town=%00",
            "village=1%00",
            "advisor=%00",
            "month=2023-0%00",
            "year=%00",
            "mode=%00",
            "page=%00",
            "approval=%00",
        ):
            assert client.get(f"{url}?{query}").status_code in (200, 403), (url, query)
