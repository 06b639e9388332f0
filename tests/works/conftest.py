import pytest

from works.models import Award, Work


@pytest.fixture
def video(areas):
    return Work.objects.create(
        title="悔不当初", kind="micro_video", year=2023, area=areas.district, producers="斗门区司法局"
    )


@pytest.fixture
def town_work(areas):
    return Work.objects.create(title="村规民约里的法治", kind="sketch", year=2023, area=areas.jingan)


@pytest.fixture
def prize(video, areas):
    return Award.objects.create(
        title="广东司法行政视频大赛三等奖",
        level="provincial",
        year=2023,
        recipient_kind="work",
        recipient="《悔不当初》",
        work=video,
        area=areas.district,
    )
