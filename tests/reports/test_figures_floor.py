"""The benchmark's figures floor (demo/bench_floors.py) computes every figure annual_figures reads from the
database, on the hand-built ledger with all its edges, and ``check_figures`` fails a floor that
computes less or something else."""

import pytest

from demo.bench_floors import FIGURES_NOT_FROM_DATABASE, check_figures, figures_floor
from reports.figures import annual_figures
from works.models import Award, Work


@pytest.fixture
def works(ledger):
    """Titles repeat across areas: each counts once, where it first comes; awarded titles come first."""
    a = ledger.areas
    Work.objects.create(title="宪法进万家", kind="sketch", year=2023, area=a.jianfeng)
    Work.objects.create(title="村规民约", kind="kuaiban", year=2023, area=a.xinwei)
    awarded = Work.objects.create(title="村规民约", kind="kuaiban", year=2023, area=a.nanao)
    Work.objects.create(title="去年的微视频", kind="micro_video", year=2022, area=a.jianfeng)
    Award.objects.create(
        title="优秀作品",
        level="city",
        year=2023,
        recipient_kind="work",
        recipient="村规民约",
        work=awarded,
        area=a.nanao,
    )
    Award.objects.create(title="先进集体", level="national", year=2023, recipient_kind="project", area=a.district)
    Award.objects.create(title="往年奖", level="provincial", year=2022, recipient_kind="person", area=a.district)
    return ledger


@pytest.mark.parametrize("where", ["district", "jingan", "jianfeng", "nanao"])
@pytest.mark.parametrize("year", [2022, 2023, 2024])
def test_the_floor_equals_every_figure_from_the_database(works, where, year):
    code = getattr(works.areas, where).code
    app, floor = annual_figures(year, code), figures_floor(year, code)
    assert set(floor) == set(app) - FIGURES_NOT_FROM_DATABASE
    check_figures(app, floor)


def test_the_ledger_gives_the_floor_something_to_compute(works):
    floor = figures_floor(2023, works.areas.district.code)
    assert floor["events"] == 5 and floor["event_attendees"] == 3 + 5 + 2 + 1 + 10
    assert floor["series_episodes"] == {"92.8说法": 2}
    assert (floor["legal_savvy_total"], floor["legal_savvy_new"]) == (6, 4)
    assert floor["villages_meeting_legal_savvy_quota"] == 1
    assert floor["legal_savvy_activities"] == {"dispute_resolved": 2, "referral": 1, "risk_reported": 3}
    assert floor["honors"]["law_learning_household:district:awarded"] == 2
    assert [v["name"] for v in floor["honor_villages"]] == ["新伟社区", "尖峰村"]
    assert floor["works"] == {"count": 2, "titles": ["村规民约", "宪法进万家"]}
    assert [award["title"] for award in floor["awards"]] == ["先进集体", "优秀作品"]


def test_a_floor_computing_less_or_otherwise_fails_the_check(works):
    code = works.areas.district.code
    app, floor = annual_figures(2023, code), figures_floor(2023, code)
    with pytest.raises(AssertionError, match="does not compute"):
        check_figures(app, {key: value for key, value in floor.items() if key != "honors"})
    with pytest.raises(AssertionError, match="disagree"):
        check_figures(app, {**floor, "event_attendees": floor["event_attendees"] + 1})
    with pytest.raises(AssertionError, match="disagree"):
        check_figures(app, {**floor, "works": {"count": 2, "titles": ["宪法进万家", "村规民约"]}})
