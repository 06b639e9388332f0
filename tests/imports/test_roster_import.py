"""The legal-savvy roster as a job: new persons created, registered ones updated, removed or appointed
again (the registry's identity: name + phone, certificate, or the name alone), dry run per village,
idempotent, all or nothing with every bad line named, and undone as a whole."""

import datetime as dt

import pytest

from jobs.models import Job
from jobs.services import can_undo
from legalsavvy import services
from legalsavvy.models import LegalSavvyPerson, LegalSavvyTerm, Training
from legalsavvy.quota import active_terms_q

from .conftest import ledger_csv

HEADER = ["镇街", "村居", "姓名", "性别", "电话", "任命日期"]
ROWS = [["井岸镇", "尖峰村", "陈明白", "女", "13800138001", "2023-01-10"]]
FULL = ["镇街", "村居", "姓名", "性别", "电话", "证书编号", "任命日期", "状态", "撤销日期", "撤销原因"]


def _state():
    """Everything the registry holds, to compare before and after."""
    persons = sorted(
        LegalSavvyPerson.objects.values_list(
            "id", "village_id", "name", "gender", "phone", "certificate_no", "appointed_on", "status", "removed_on"
        )
    )
    terms = sorted(
        LegalSavvyTerm.objects.values_list("id", "person_id", "appointed_on", "removed_on", "removal_reason")
    )
    return persons, terms


@pytest.fixture
def registered(duty, areas):
    """In 尖峰村: 李在任 (active, with phone), 王撤销 (removed 2023-03-01), 赵证书 (certificate only)."""
    on = dt.date(2022, 5, 1)
    active = services.appoint_person(village=areas.jianfeng, name="李在任", appointed_on=on, phone="13900139001")
    removed = services.appoint_person(village=areas.jianfeng, name="王撤销", appointed_on=on, phone="13900139002")
    services.remove_person(removed, dt.date(2023, 3, 1), "moved away")
    certified = services.appoint_person(village=areas.jianfeng, name="赵证书", appointed_on=on, certificate_no="FL-001")
    return LegalSavvyPerson.objects.get(pk=active.pk), LegalSavvyPerson.objects.get(pk=removed.pk), certified


def _roster(rows):
    return ledger_csv(rows, header=FULL)


MIXED = [
    # new
    ["井岸镇", "尖峰村", "陈新人", "女", "13800138001", "", "2023-01-10", "", "", ""],
    # registered and active: the gender and the appointment date corrected
    ["井岸镇", "尖峰村", "李在任", "男", "13900139001", "", "2022-05-02", "在任", "", ""],
    # registered and removed: appointed again
    ["井岸镇", "尖峰村", "王撤销", "", "13900139002", "", "2023-04-01", "在任", "", ""],
    # registered by certificate: removed from a date
    ["井岸镇", "尖峰村", "赵证书", "", "", "FL-001", "2022-05-01", "撤销", "2023-05-20", "调离"],
]


def test_a_dry_run_says_per_village_what_each_row_would_do_and_writes_nothing(registered, users, run_import):
    before = _state()
    _r, job = run_import(users.coordinator, _roster(MIXED), kind="legal_savvy", dry_run=True)
    assert job["state"] == "succeeded", job["errors"]
    assert (job["created"], job["updated"], job["unchanged"]) == (1, 3, 0)
    stored = Job.objects.get(pk=job["id"])
    assert stored.summary["counts"] == {"created": 1, "changed": 1, "removed": 1, "reappointed": 1, "unchanged": 0}
    [village] = stored.summary["villages"]
    assert (village["code"], village["created"], village["changed"], village["removed"], village["reappointed"]) == (
        "440403107201",
        1,
        1,
        1,
        1,
    )
    assert (village["active_now"], village["active_after"], village["refused"]) == (2, 3, 0)
    assert _state() == before


def test_the_import_creates_updates_removes_and_reappoints_through_the_services(registered, users, run_import):
    active, removed, certified = registered
    _r, job = run_import(users.coordinator, _roster(MIXED), kind="legal_savvy")
    assert job["state"] == "succeeded", job["errors"]
    assert (job["created"], job["updated"], job["unchanged"]) == (1, 3, 0)
    assert LegalSavvyPerson.objects.get(name="陈新人").status == "active"
    active.refresh_from_db()
    assert (active.gender, active.appointed_on) == ("male", dt.date(2022, 5, 2))
    removed.refresh_from_db()
    assert (removed.status, removed.appointed_on, removed.removed_on) == ("active", dt.date(2023, 4, 1), None)
    assert list(removed.terms.values_list("appointed_on", "removed_on")) == [
        (dt.date(2022, 5, 1), dt.date(2023, 3, 1)),
        (dt.date(2023, 4, 1), None),
    ]
    certified.refresh_from_db()
    assert (certified.status, certified.removed_on, certified.removal_reason) == (
        "removed",
        dt.date(2023, 5, 20),
        "调离",
    )
    # the services' audit entries
    from accounts.models import AuditEntry

    assert AuditEntry.objects.filter(object_id=str(certified.pk), model="legalsavvy.legalsavvyperson").count() == 2


def test_the_same_file_twice_changes_nothing_the_second_time(registered, users, run_import):
    run_import(users.coordinator, _roster(MIXED), kind="legal_savvy")
    after_first = _state()
    _r, job = run_import(users.coordinator, _roster(MIXED), kind="legal_savvy")
    assert job["state"] == "succeeded", job["errors"]
    assert (job["created"], job["updated"], job["unchanged"]) == (0, 0, 4)
    assert _state() == after_first
    assert can_undo(Job.objects.get(pk=job["id"])) is False


def test_a_new_person_already_removed_is_registered_with_a_closed_term(duty, users, run_import):
    rows = [["井岸镇", "尖峰村", "钱旧人", "男", "13800138009", "", "2021-01-01", "", "2022-12-31", ""]]
    _r, job = run_import(users.coordinator, _roster(rows), kind="legal_savvy")
    assert job["state"] == "succeeded", job["errors"]
    person = LegalSavvyPerson.objects.get(name="钱旧人")
    assert (person.status, person.removed_on) == ("removed", dt.date(2022, 12, 31))
    assert LegalSavvyTerm.objects.filter(active_terms_q(dt.date(2023, 6, 1))).count() == 0
    _r, job = run_import(users.coordinator, _roster(rows), kind="legal_savvy")
    assert (job["state"], job["unchanged"]) == ("succeeded", 1)


BAD = [
    # good
    ["井岸镇", "尖峰村", "陈新人", "女", "13800138001", "", "2023-01-10", "", "", ""],
    # appointed again before the removal: the service's refusal
    ["井岸镇", "尖峰村", "王撤销", "", "13900139002", "", "2023-02-01", "在任", "", ""],
    # removed without a date
    ["井岸镇", "尖峰村", "李在任", "", "13900139001", "", "2022-05-01", "撤销", "", ""],
    # an unknown status
    ["井岸镇", "新伟社区", "孙某", "", "", "", "2022-05-01", "休假", "", ""],
    # the same registered person twice (by certificate, then by name alone)
    ["井岸镇", "尖峰村", "赵证书", "", "", "FL-001", "2022-05-01", "", "", ""],
    ["井岸镇", "尖峰村", "赵证书", "", "", "", "2022-05-01", "", "", ""],
]


def test_every_bad_line_is_named_and_nothing_is_written(registered, users, run_import):
    before = _state()
    _r, job = run_import(users.coordinator, _roster(BAD), kind="legal_savvy")
    assert job["state"] == "failed"
    assert [(e["line"], e["code"]) for e in job["errors"]] == [
        (4, "removal_date_required"),
        (5, "bad_status"),
        (7, "duplicate_in_file"),
    ]
    assert _state() == before
    # the rows the services refuse are named too, once the file's own problems are fixed
    fixed = [row for index, row in enumerate(BAD) if index in (0, 1)]
    _r, job = run_import(users.coordinator, _roster(fixed), kind="legal_savvy")
    assert job["state"] == "failed"
    assert [(e["line"], e["code"]) for e in job["errors"]] == [(3, "reappointed_before_removal")]
    assert _state() == before
    summary = Job.objects.get(pk=job["id"]).summary
    assert summary["villages"][0]["refused"] == 1


def test_a_row_matching_two_registered_persons_is_refused(registered, users, run_import, areas):
    services.appoint_person(
        village=areas.jianfeng, name="李在任", appointed_on=dt.date(2022, 1, 1), phone="13900139099"
    )
    rows = [["井岸镇", "尖峰村", "李在任", "", "", "", "2022-05-01", "", "", ""]]
    _r, job = run_import(users.coordinator, _roster(rows), kind="legal_savvy")
    assert job["state"] == "failed" and job["errors"][0]["code"] == "ambiguous_person"


def test_the_old_roster_columns_still_create_persons(duty, users, run_import):
    _r, job = run_import(users.coordinator, ledger_csv(ROWS, header=HEADER), kind="legal_savvy", dry_run=True)
    assert (job["state"], job["created"]) == ("succeeded", 1) and LegalSavvyPerson.objects.count() == 0
    _r, job = run_import(users.coordinator, ledger_csv(ROWS, header=HEADER), kind="legal_savvy")
    assert (job["state"], job["created"]) == ("succeeded", 1), job["errors"]
    _r, job = run_import(users.coordinator, ledger_csv(ROWS, header=HEADER), kind="legal_savvy")
    assert (job["state"], job["unchanged"]) == ("succeeded", 1)
    assert LegalSavvyPerson.objects.count() == 1


def test_roster_job_is_limited_to_the_uploader_area(duty, users, run_import):
    rows = [["白蕉镇", "南澳村", "王明白", "男", "13800138002", "2023-01-10"]]
    _r, job = run_import(users.town_officer, ledger_csv(rows, header=HEADER), kind="legal_savvy")
    assert job["state"] == "failed" and [e["line"] for e in job["errors"]] == [2]
    assert LegalSavvyPerson.objects.count() == 0


def test_undo_restores_the_registry_exactly(registered, users, run_import, api_as):
    before = _state()
    _r, job = run_import(users.coordinator, _roster(MIXED), kind="legal_savvy")
    assert can_undo(Job.objects.get(pk=job["id"])) is True
    assert _state() != before
    response = api_as(users.coordinator).post(f"/api/jobs/{job['id']}/undo/")
    assert response.status_code == 200, response.content
    assert _state() == before
    active_on = dt.date(2023, 6, 1)
    assert LegalSavvyTerm.objects.filter(active_terms_q(active_on)).count() == 2
    again = api_as(users.coordinator).post(f"/api/jobs/{job['id']}/undo/")
    assert again.status_code == 409


def test_undo_is_refused_once_a_person_of_it_changed_or_has_trainings(registered, users, run_import, api_as):
    _r, job = run_import(users.coordinator, _roster(MIXED), kind="legal_savvy")
    person = LegalSavvyPerson.objects.get(name="陈新人")
    Training.objects.create(person=person, date=dt.date(2023, 6, 1), hours=2, topic="民法典")
    response = api_as(users.coordinator).post(f"/api/jobs/{job['id']}/undo/")
    assert response.status_code == 409 and "培训" in response.content.decode()
    Training.objects.all().delete()
    active = LegalSavvyPerson.objects.get(name="李在任")
    services.update_person(active, villager_group="第三组")
    response = api_as(users.coordinator).post(f"/api/jobs/{job['id']}/undo/")
    assert response.status_code == 409, response.content
    assert LegalSavvyPerson.objects.filter(name="陈新人").exists()


def test_undo_is_refused_once_a_year_it_wrote_to_is_closed(registered, users, run_import, api_as, areas):
    from reports.yearclose import close_year

    _r, job = run_import(users.coordinator, _roster(MIXED), kind="legal_savvy")
    assert Job.objects.get(pk=job["id"]).summary["years"] == [2022, 2023]
    close_year(2023, areas.district, users.coordinator)
    response = api_as(users.coordinator).post(f"/api/jobs/{job['id']}/undo/")
    assert response.status_code == 409
    assert LegalSavvyPerson.objects.filter(name="陈新人").exists()


def test_the_roster_template_has_the_status_and_removal_columns(users, client_as):
    import io

    from openpyxl import load_workbook

    response = client_as(users.coordinator).get("/imports/template/legal_savvy.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    header = [cell.value for cell in book.worksheets[0][1]]
    assert header[-3:] == ["状态", "撤销日期", "撤销原因"]
    assert len([cell.value for cell in book.worksheets[0][2]]) == len(header)
