"""Writes to the works and awards registry: who may, what is refused (stable codes), the audit trail."""

import pytest

from accounts.models import AuditEntry
from works import services
from works.errors import WorkError
from works.models import Award, Work


def refused(code, call, *args, **kwargs):
    with pytest.raises(Exception) as caught:
        call(*args, **kwargs)
    assert getattr(caught.value, "code", None) == code, caught.value
    return caught.value


def test_a_coordinator_adds_a_work_and_it_is_audited(users, areas):
    work = services.save_work(
        users.coordinator,
        title="《悔不当初》",
        kind="micro_video",
        year=2023,
        area=areas.district,
        producers="斗门区司法局、白藤街道办事处\n斗门镇人民政府",
    )
    assert work.title == "悔不当初" and str(work) == "《悔不当初》"
    assert work.producer_list == ["斗门区司法局", "白藤街道办事处", "斗门镇人民政府"]
    entry = AuditEntry.objects.get(model="works.work", object_id=str(work.pk))
    assert entry.action == "create" and entry.area_code == "440403" and entry.record_date.year == 2023
    services.save_work(users.coordinator, work, kind="animation")
    update = AuditEntry.objects.filter(model="works.work", action="update").get()
    assert update.changes == {"kind": ["micro_video", "animation"]}


def test_refusals(users, areas, video):
    refused(
        WorkError.NOT_ALLOWED,
        services.save_work,
        users.town_officer,
        title="x",
        kind="other",
        year=2023,
        area=areas.jingan,
    )
    outsider = users.coordinator
    outsider.scope = areas.jingan
    refused(
        WorkError.OUT_OF_SCOPE, services.save_work, outsider, title="x", kind="other", year=2023, area=areas.baijiao
    )
    coordinator = users.superuser
    refused(
        WorkError.TITLE_REQUIRED,
        services.save_work,
        coordinator,
        title=" 《》 ",
        kind="other",
        year=2023,
        area=areas.district,
    )
    refused(
        WorkError.BAD_YEAR, services.save_work, coordinator, title="x", kind="other", year=2099, area=areas.district
    )
    refused(
        WorkError.DUPLICATE_WORK,
        services.save_work,
        coordinator,
        title="悔不当初",
        kind="other",
        year=2023,
        area=areas.district,
    )
    refused(
        WorkError.WORK_REQUIRED,
        services.save_award,
        coordinator,
        title="三等奖",
        level="provincial",
        year=2023,
        recipient_kind="work",
        area=areas.district,
    )
    refused(
        WorkError.RECIPIENT_REQUIRED,
        services.save_award,
        coordinator,
        title="全国模范人民调解员",
        level="national",
        year=2023,
        recipient_kind="person",
        area=areas.district,
    )
    assert Work.objects.count() == 1 and Award.objects.count() == 0


def test_an_award_for_a_work_names_it_and_a_work_with_awards_stays(users, areas, video):
    award = services.save_award(
        users.coordinator,
        title="广东司法行政视频大赛三等奖",
        level="provincial",
        year=2023,
        recipient_kind="work",
        work=video,
        area=areas.district,
    )
    assert award.recipient == "《悔不当初》"
    error = refused(WorkError.WORK_HAS_AWARDS, services.delete_work, users.coordinator, video)
    assert error.http_status == 409
    services.delete_award(users.coordinator, award)
    services.delete_work(users.coordinator, video)
    assert not Work.objects.exists()
    assert set(AuditEntry.objects.filter(action="delete").values_list("model", flat=True)) == {
        "works.work",
        "works.award",
    }
