"""The figures page, its XLSX and the close action: content, scope, bad input, query cap."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.audit import record
from advisors.models import DutyShift
from reports.models import FiguresSnapshot

from .test_figures import _grow

PAGE = reverse("figures:page")
XLSX = reverse("figures:xlsx")
CLOSE = reverse("figures:close")


def test_the_menu_links_to_the_page(ledger, users, client_as):
    assert PAGE == "/figures/"
    assert 'href="/figures/"' in client_as(users.coordinator).get("/").content.decode()


def test_it_shows_every_figure_with_last_year(ledger, users, client_as):
    response = client_as(users.coordinator).get(PAGE, {"year": 2023, "area": "440403"})
    assert response.status_code == 200
    html = response.content.decode()
    rows = {row["key"]: row for row in response.context["rows"]}
    assert rows["duty_shifts"]["value"] == 4 and rows["duty_shifts"]["last"] == 1 and rows["duty_shifts"]["change"] == 3
    assert rows["events"]["value"] == 5 and rows["events"]["last"] == 1
    assert 'data-key="series_episodes:92.8说法"' in html and "《92.8说法》" in html
    assert "2023年1-12月，全区4个村（社区）3名法律顾问" in html
    assert "January–December 2023" in html
    assert 'data-copy="narrative-zh"' in html
    assert [m["shifts"] for m in response.context["monthly"]][11] == 2
    assert {row["code"] for row in response.context["by_area"]} == {"440403106", "440403107", "440403"}
    assert response.context["volunteers"]["activities"]


def test_it_defaults_to_the_users_area_and_the_newest_closed_year(ledger, users, client_as):
    client = client_as(users.town_officer)
    response = client.get(PAGE)
    assert response.context["area"].code == "440403107"
    FiguresSnapshot.objects.create(year=2022, area=ledger.areas.district, figures={}, closed_by=users.coordinator)
    assert client.get(PAGE).context["year"] == 2022  # closed for the district, which contains the town
    FiguresSnapshot.objects.create(year=2023, area=ledger.areas.jingan, figures={}, closed_by=users.coordinator)
    assert client.get(PAGE).context["year"] == 2023


def test_a_town_officer_is_kept_to_their_town(ledger, users, client_as):
    client = client_as(users.town_officer)
    assert client.get(PAGE, {"year": 2023, "area": "440403107"}).status_code == 200
    assert client.get(PAGE, {"year": 2023, "area": "440403"}).status_code == 403
    assert client.get(PAGE, {"year": 2023, "area": "440403106201"}).status_code == 403
    assert client.get(XLSX, {"year": 2023, "area": "440403106"}).status_code == 403
    options = [a.code for a in client.get(PAGE).context["area_options"]]
    assert options == ["440403107"]


def test_others_are_refused(ledger, users, client, client_as):
    assert client.get(PAGE).status_code == 302  # to the login page
    for user in (users.organizer, users.advisor, users.nobody):
        assert client_as(user).get(PAGE).status_code == 403
        assert client_as(user).get(XLSX, {"year": 2023, "area": "440403"}).status_code == 403


@pytest.mark.parametrize(
    "params,status",
    [
        ({"year": "abc", "area": "440403"}, 400),
        ({"year": "1900", "area": "440403"}, 400),
        ({"year": "2023", "area": "abc"}, 400),
        ({"year": "2023", "area": "440499"}, 403),
        ({"year": "2023", "area": "440403199"}, 404),
    ],
)
def test_it_answers_bad_input_clearly(ledger, users, client_as, params, status):
    response = client_as(users.coordinator).get(PAGE, params)
    assert response.status_code == status
    if status == 400:
        assert "errorlist" in response.content.decode()


def test_the_xlsx_has_the_same_numbers(ledger, users, client_as):
    response = client_as(users.coordinator).get(XLSX, {"year": 2023, "area": "440403"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="figures-440403-2023.xlsx"')
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    table = list(book.worksheets[0].values)
    header, total = table[2], table[-1]
    by_town = {row[0]: row for row in table[3:-1]}
    column = {name: i for i, name in enumerate(header)}
    duty = [name for name in header if name and name.startswith("Duty shifts")][0]
    assert total[column[duty]] == 4
    assert by_town["井岸镇"][column[duty]] == 3 and by_town["白蕉镇"][column[duty]] == 1
    figures = {row[0]: row for row in book.worksheets[1].values}
    assert figures["Duty shifts"][2:5] == (4, 1, 3)
    assert figures["Event attendees"][2] == 21
    assert figures["《92.8说法》"][2] == 2
    assert book.worksheets[4]["A1"].value.startswith("2023年1-12月，全区4个村（社区）3名法律顾问")


def test_the_xlsx_follows_the_language(ledger, users, client_as):
    client = client_as(users.coordinator)
    response = client.get(XLSX, {"year": 2023, "area": "440403"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    assert book.sheetnames[0] == "统计表"
    assert "值班" in "".join(str(c) for c in list(book.worksheets[0].values)[2])


def test_a_coordinator_closes_and_the_page_flags_later_changes(ledger, users, client_as):
    client = client_as(users.coordinator)
    response = client.post(CLOSE, {"year": 2023, "area": "440403"})
    assert response.status_code == 302 and "year=2023" in response["Location"]
    shift = DutyShift.objects.get(date=date(2023, 8, 1))
    shift.elections_assisted = 3
    shift.save()
    record(
        users.town_officer,
        shift,
        "update",
        area_code=shift.village.code,
        record_date=shift.date,
        changes={"elections_assisted": [1, 3]},
        summary="补录换届选举",
    )
    html = client.get(PAGE, {"year": 2023, "area": "440403"}).content.decode()
    assert 'id="closed"' in html and "changed" in html
    assert 'id="differences"' in html and 'data-key="elections_assisted"' in html
    assert "补录换届选举" in html and "jingan_officer" in html and "elections_assisted" in html
    # Closing again without a reason is refused; with one, it is kept in the history.
    refused = client.post(CLOSE, {"year": 2023, "area": "440403", "reason": ""}, follow=True)
    assert FiguresSnapshot.objects.count() == 1
    assert "reason" in refused.content.decode().lower() or "原因" in refused.content.decode()
    client.post(CLOSE, {"year": 2023, "area": "440403", "reason": "补录8月换届选举"})
    html = client.get(PAGE, {"year": 2023, "area": "440403"}).content.decode()
    assert "补录8月换届选举" in html and 'id="differences"' not in html
    assert FiguresSnapshot.objects.filter(superseded=True).count() == 1


def test_town_officers_cannot_close(ledger, users, client_as):
    client = client_as(users.town_officer)
    assert client.post(CLOSE, {"year": 2023, "area": "440403107"}).status_code == 403
    assert client.post(CLOSE, {"year": 2023, "area": "440403"}).status_code == 403
    assert "close-form" not in client.get(PAGE, {"year": 2023, "area": "440403107"}).content.decode()
    assert not FiguresSnapshot.objects.exists()


def test_the_page_uses_a_fixed_number_of_queries(ledger, users, client_as, django_assert_max_num_queries):
    # 64: the figures of both years, both years' breakdowns by area (the year-on-year table), duty compliance,
    # open data-quality flags, and the rest; the same number whatever the size of the ledger.
    client = client_as(users.coordinator)
    params = {"year": 2023, "area": "440403"}
    with django_assert_max_num_queries(64) as small:
        client.get(PAGE, params)
    _grow(ledger, 300)
    with django_assert_max_num_queries(64) as large:
        assert client.get(PAGE, params).status_code == 200
    assert len(small.captured_queries) == len(large.captured_queries)
    # Closed, with one and with many audit entries after closing.
    client.post(CLOSE, params)
    shift = DutyShift.objects.filter(date__year=2023).first()
    record(users.town_officer, shift, "update", area_code=shift.village.code, record_date=shift.date)
    with django_assert_max_num_queries(64) as one:
        client.get(PAGE, params)
    for _ in range(30):
        record(users.other_town_officer, shift, "update", area_code=shift.village.code, record_date=shift.date)
    with django_assert_max_num_queries(64) as many:
        assert client.get(PAGE, params).context["changes"][0].user == users.other_town_officer
    assert len(one.captured_queries) == len(many.captured_queries)
    with django_assert_max_num_queries(64):
        client.get(XLSX, params)
