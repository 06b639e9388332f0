"""The Word report: who may download it (the figures' rules), what it holds, and the roll-up of a
city whose rows are its districts."""

from datetime import date

import pytest

from accounts.audit import record
from places.models import Area
from reports.docx.document import DOCX_CONTENT_TYPE
from reports.figures import annual_figures
from reports.yearclose import close_year
from tests.conftest import make_user

from .conftest import advisor, assign, event, shift
from .docx_reading import KEYS, open_docx, pictures, table_figures, texts

URL = "/api/figures/report.docx"


def get_docx(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == DOCX_CONTENT_TYPE
    assert "attachment" in response["Content-Disposition"] and ".docx" in response["Content-Disposition"]
    return open_docx(response.content)


def test_a_district_report_holds_every_part(ledger, users, api_as, django_assert_max_num_queries):
    client = api_as(users.coordinator)
    with django_assert_max_num_queries(80):
        doc = get_docx(client, year=2023, area="440403")
    lines = texts(doc)
    figures = annual_figures(2023, "440403")
    assert lines[0] == "斗门区2023年普法依法治理工作情况"
    assert lines[1] == figures["narrative"]
    for title in ("分区域统计", "逐月情况", "村（社区）覆盖情况", "荣誉情况"):
        assert title in lines
    assert "年度数据封存" not in lines  # the year is open
    assert len(pictures(doc)) == 2  # the monthly chart and the map
    assert "井岸镇尖峰村：省级民主法治示范村（社区）" in lines
    assert "井岸镇新伟社区：全国民主法治示范村（社区）候选" in lines
    assert "学法用法示范户2户" in lines


def test_the_table_cells_are_the_annual_figures(ledger, users, api_as):
    doc = get_docx(api_as(users.coordinator), year=2023, area="440403")
    rows = table_figures(doc)
    assert list(rows) == ["白蕉镇", "井岸镇", "斗门区本级", "合计"]
    for name, code in (("井岸镇", "440403107"), ("白蕉镇", "440403106")):
        this, last = annual_figures(2023, code), annual_figures(2022, code)
        assert rows[name] == {key: (this[key], last[key]) for key in KEYS}
    total, last = annual_figures(2023, "440403"), annual_figures(2022, "440403")
    assert rows["合计"] == {key: (total[key], last[key]) for key in KEYS}
    # The district's own broadcasts are a row of their own, so the rows add up to the total.
    for key in KEYS:
        assert sum(values[key][0] for name, values in rows.items() if name != "合计") == total[key]


def test_a_closed_year_has_the_closing_note_and_later_corrections(ledger, users, api_as):
    close_year(2023, ledger.areas.district, users.coordinator)
    late = shift(ledger.advisors.full, ledger.areas.jianfeng, date(2023, 11, 2))
    record(
        users.coordinator,
        late,
        "create",
        area_code=late.village.code,
        record_date=late.date,
        summary="补录 尖峰村 2023-11-02 值班",
    )
    doc = get_docx(api_as(users.coordinator), year=2023, area="440403")
    lines = texts(doc)
    assert "年度数据封存" in lines
    assert any(line.startswith("2023年数据已于") and "协调员" in line for line in lines)
    assert "与封存数据不一致的指标：" in lines
    assert "累计值班：封存时为4，现为5" in lines
    assert any(line.endswith("补录 尖峰村 2023-11-02 值班") for line in lines)
    # The closed figures are what the table shows.
    assert table_figures(doc)["合计"]["duty_shifts"] == (4, 1)  # not the live 5


@pytest.mark.parametrize(
    "who,params,status",
    [
        ("coordinator", {"area": "440403"}, 400),
        ("coordinator", {"year": "x", "area": "440403"}, 400),
        ("coordinator", {"year": 2023, "area": "440403999"}, 404),
        ("town_officer", {"year": 2023, "area": "440403106"}, 403),
        ("town_officer", {"year": 2023, "area": "440403"}, 403),
        ("organizer", {"year": 2023, "area": "440403"}, 403),
        ("advisor", {"year": 2023, "area": "440403107"}, 403),
    ],
)
def test_the_figures_rules_apply(areas, users, api_as, who, params, status):
    assert api_as(getattr(users, who)).get(URL, params).status_code == status


def test_anonymous_is_refused(areas, client):
    assert client.get(URL, {"year": 2023, "area": "440403"}).status_code in (401, 403)


def test_a_town_officer_downloads_the_town_with_a_row_per_village(ledger, users, api_as):
    rows = table_figures(get_docx(api_as(users.town_officer), year=2023, area="440403107"))
    assert list(rows) == ["新伟社区", "尖峰村", "合计"]
    assert rows["合计"]["duty_shifts"] == (3, 0)


def test_the_figures_page_offers_the_download(ledger, users, client_as):
    client = client_as(users.coordinator)
    page = client.get("/figures/", {"year": 2023, "area": "440403"}).content.decode()
    assert "/figures/docx/?year=2023&amp;area=440403" in page
    response = client.get("/figures/docx/", {"year": 2023, "area": "440403"})
    assert response.status_code == 200 and response["Content-Type"] == DOCX_CONTENT_TYPE
    assert texts(open_docx(response.content))[1] == annual_figures(2023, "440403")["narrative"]
    assert client.get("/figures/docx/", {"year": "abc", "area": "440403"}).status_code == 400
    assert client_as(users.organizer).get("/figures/docx/", {"year": 2023, "area": "440403"}).status_code == 403


@pytest.fixture
def city(ledger):
    """Zhuhai with two districts: Doumen (the ledger) and Xiangzhou (one town, one village, some rows)."""
    zhuhai = Area.objects.create(code="4404", name="珠海市", level="city")
    Area.objects.filter(code="440403").update(parent=zhuhai)
    xiangzhou = Area.objects.create(code="440402", name="香洲区", level="district", parent=zhuhai)
    town = Area.objects.create(code="440402001", name="翠香街道", level="town", kind="subdistrict", parent=xiangzhou)
    village = Area.objects.create(code="440402001001", name="沿河社区", level="village", kind="community", parent=town)
    lawyer = advisor("香洲顾问")
    assign(lawyer, village, date(2023, 1, 1))
    for day in (3, 4, 5):
        shift(lawyer, village, date(2023, 5, day), consultation_batches=2, mediations=1)
    event(village, ledger.events.nanao.starts_at, walk_in_count=40)
    return zhuhai


def test_a_city_document_has_a_row_per_district_adding_up_to_the_city(city, api_as):
    coordinator = make_user("zhuhai", "coordinator", city)
    doc = get_docx(api_as(coordinator), year=2023, area="4404")
    lines = texts(doc)
    assert lines[0] == "珠海市2023年普法依法治理工作情况"
    assert (
        lines[1].startswith("2023年1-12月，全市5个村（社区）") and lines[1] == annual_figures(2023, "4404")["narrative"]
    )
    rows = table_figures(doc)
    assert list(rows) == ["香洲区", "斗门区", "合计"]
    city_figures = annual_figures(2023, "4404")
    for key in KEYS:
        assert rows["香洲区"][key][0] + rows["斗门区"][key][0] == rows["合计"][key][0] == city_figures[key]
    assert rows["香洲区"]["duty_shifts"] == (3, 0) and rows["斗门区"]["duty_shifts"][0] == 4
