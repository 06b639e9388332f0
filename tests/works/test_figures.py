"""The year's works and awards in the figures, the paragraph, /api/figures/ and the XLSX."""

import io

from openpyxl import load_workbook

from reports.figures import annual_figures


def test_the_figures_carry_the_years_works_and_awards(areas, video, town_work, prize):
    district = annual_figures(2023, "440403")
    assert district["works"] == {"count": 2, "titles": ["悔不当初", "村规民约里的法治"]}  # awarded first
    assert district["awards"] == [
        {
            "title": "广东司法行政视频大赛三等奖",
            "level": "provincial",
            "awarding_body": "",
            "recipient_kind": "work",
            "recipient": "《悔不当初》",
        }
    ]
    assert (
        "推出《悔不当初》《村规民约里的法治》共2部原创普法作品；《悔不当初》获广东司法行政视频大赛三等奖。"
        in district["narrative"]
    )
    town = annual_figures(2023, "440403107")
    assert town["works"] == {"count": 1, "titles": ["村规民约里的法治"]} and town["awards"] == []
    assert "推出《村规民约里的法治》共1部原创普法作品。" in town["narrative"]
    assert annual_figures(2022, "440403")["works"] == {"count": 0, "titles": []}
    assert "原创普法作品" not in annual_figures(2022, "440403")["narrative"]


def test_the_api_and_the_xlsx_carry_them(users, api_as, client_as, video, prize):
    body = api_as(users.coordinator).get("/api/figures/", {"year": 2023, "area": "440403"}).json()
    assert body["works"]["titles"] == ["悔不当初"] and body["awards"][0]["recipient"] == "《悔不当初》"
    response = client_as(users.coordinator).get("/figures/xlsx/", {"year": 2023, "area": "440403"})
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = [tuple(c for c in row if c is not None) for row in book.worksheets[5].values]
    assert ("原创普法作品", 1) in rows and ("《悔不当初》",) in rows
    assert any(row[:2] == ("广东司法行政视频大赛三等奖", "省级") and row[-1] == "《悔不当初》" for row in rows)
