"""The duty ledger import: good, bad and repeated files, the dry run, undo, scope and file formats."""

import datetime

import pytest

from accounts.models import AuditEntry
from advisors.models import Assignment, DutyShift
from jobs.models import Job
from reports.models import FiguresSnapshot

from .conftest import ledger_csv

GOOD = [
    ["井岸镇", "尖峰村", "张律师", "2023-03-01", "09:00", "12:00", "驻村坐班", "2", "3", "1", "坐班"],
    ["井岸镇", "新伟社区", "张律师", "2023/3/1", "14:00", "17:30", "home_visit", "1", "1", "0", ""],
    ["白蕉镇", "南澳村", "李法律工作者", "2023年3月2日", "9:30", "11:00", "", "", "", "", ""],
]


def test_good_file_creates_the_shifts_with_every_value(duty, users, run_import):
    response, job = run_import(users.coordinator, ledger_csv(GOOD))
    assert response.status_code == 202
    assert job["state"] == "succeeded", job["errors"]
    assert (job["created"], job["updated"], job["unchanged"], job["rows_total"], job["progress"]) == (3, 0, 0, 3, 100)
    assert job["errors"] == [] and job["dry_run"] is False and job["result_url"].endswith(f"/jobs/{job['id']}/result/")
    first = DutyShift.objects.get(village=duty.areas.jianfeng)
    assert (first.advisor, first.date, first.start_time, first.end_time) == (
        duty.a,
        datetime.date(2023, 3, 1),
        datetime.time(9),
        datetime.time(12),
    )
    assert (first.mode, first.consultation_batches, first.consultation_people, first.mediations) == ("office", 2, 3, 1)
    assert str(first.hours) == "3.00" and first.notes == "坐班" and first.import_job_id == job["id"]
    assert DutyShift.objects.get(village=duty.areas.xinwei).mode == "home_visit"
    assert DutyShift.objects.get(village=duty.areas.nanao).hours == pytest.approx(1.5)
    assert AuditEntry.objects.filter(object_id=f"job:{job['id']}").count() == 3


def test_repeated_file_changes_nothing(duty, users, run_import):
    run_import(users.coordinator, ledger_csv(GOOD))
    before = list(DutyShift.objects.order_by("pk").values())
    _response, job = run_import(users.coordinator, ledger_csv(GOOD))
    assert job["state"] == "succeeded"
    assert (job["created"], job["updated"], job["unchanged"]) == (0, 0, 3)
    assert list(DutyShift.objects.order_by("pk").values()) == before


def test_changed_line_updates_the_shift_and_undo_restores_it(duty, users, run_import, api_as):
    _r, first = run_import(users.coordinator, ledger_csv(GOOD))
    changed = [list(row) for row in GOOD]
    changed[0][7:9] = ["5", "9"]
    _r, second = run_import(users.coordinator, ledger_csv(changed))
    assert (second["created"], second["updated"], second["unchanged"]) == (0, 1, 2)
    shift = DutyShift.objects.get(village=duty.areas.jianfeng)
    assert (shift.consultation_batches, shift.consultation_people) == (5, 9)
    assert shift.changes.get().changes["consultation_batches"] == ["2", "5"]
    assert api_as(users.coordinator).post(f"/api/jobs/{second['id']}/undo/").status_code == 200
    shift.refresh_from_db()
    assert (shift.consultation_batches, shift.consultation_people) == (2, 3)
    assert DutyShift.objects.count() == 3


def test_dry_run_writes_nothing_and_shows_each_village(duty, users, run_import):
    audits = AuditEntry.objects.count()
    _r, job = run_import(users.coordinator, ledger_csv(GOOD), dry_run=True)
    assert job["state"] == "succeeded" and job["dry_run"] is True and job["created"] == 3
    assert DutyShift.objects.count() == 0 and AuditEntry.objects.count() == audits
    rows = {row["code"]: row for row in Job.objects.get(pk=job["id"]).summary["villages"]}
    assert rows[duty.areas.jianfeng.code]["created"] == 1 and rows[duty.areas.nanao.code]["created"] == 1


BAD = [
    ["井岸镇", "尖峰村", "张律师", "2023-03-01", "09:00", "12:00", "", "3", "1", "", ""],  # 2 persons < 3 batches
    ["白蕉镇", "南澳村", "张律师", "2023-03-01", "14:00", "15:00", "", "", "", "", ""],  # not assigned there
    ["井岸镇", "尖峰村", "张律师", "2099-01-01", "09:00", "12:00", "", "", "", "", ""],  # future
    ["井岸镇", "尖峰村", "张律师", "2023-03-02", "12:00", "09:00", "", "", "", "", ""],  # ends before start
    ["井岸镇", "无此村", "张律师", "2023-03-02", "09:00", "10:00", "", "", "", "", ""],  # unknown village
    ["井岸镇", "尖峰村", "王某", "2023-03-02", "09:00", "10:00", "", "", "", "", ""],  # unknown advisor
    ["井岸镇", "尖峰村", "张律师", "3 March", "09:00", "10:00", "", "", "", "", ""],  # bad date
    ["井岸镇", "尖峰村", "张律师", "2023-03-03", "09:00", "10:00", "swimming", "", "", "", ""],  # mode
    ["井岸镇", "尖峰村", "张律师", "2023-03-04", "09:00", "11:00", "", "", "", "", ""],
    ["井岸镇", "新伟社区", "张律师", "2023-03-04", "10:00", "12:00", "", "", "", "", ""],  # overlaps line 10
    ["井岸镇", "尖峰村", "张律师", "2023-03-04", "09:00", "11:00", "", "", "", "", ""],  # duplicate of line 10
    ["井岸镇", "尖峰村", "张律师", "2023-03-05", "09:00", "", "", "", "", "", ""],  # no end
]


def test_bad_file_names_every_bad_line_and_writes_nothing(duty, users, run_import):
    _r, job = run_import(users.coordinator, ledger_csv(BAD))
    assert job["state"] == "failed" and job["created"] == 0
    assert DutyShift.objects.count() == 0
    by_line = {}
    for error in job["errors"]:
        by_line.setdefault(error["line"], []).append(error["code"])
    assert by_line == {
        2: ["people_fewer_than_batches"],
        3: ["not_assigned"],
        4: ["future_date"],
        5: ["end_not_after_start"],
        6: ["unknown_village"],
        7: ["unknown_advisor"],
        8: ["bad_date"],
        9: ["bad_choice"],
        11: ["overlap_in_file"],
        12: ["duplicate_in_file"],
        13: ["end_required"],
    }
    assert all(error["message"] for error in job["errors"])


def test_overlap_with_a_shift_already_in_the_database(duty, users, run_import, shift_of):
    shift_of(duty.a, duty.areas.xinwei, datetime.date(2023, 3, 1), "11:00", "13:00")
    _r, job = run_import(users.coordinator, ledger_csv(GOOD))
    assert job["state"] == "failed"
    assert [(e["line"], e["code"]) for e in job["errors"]] == [(2, "overlap")]
    assert "新伟社区" in job["errors"][0]["message"]
    assert DutyShift.objects.count() == 1


def test_assignment_must_be_in_force_on_the_date(duty, users, run_import):
    Assignment.objects.filter(advisor=duty.b).update(starts_on=datetime.date(2023, 3, 5))
    _r, job = run_import(users.coordinator, ledger_csv(GOOD))
    assert [(e["line"], e["code"]) for e in job["errors"]] == [(4, "not_assigned")]


def test_town_officer_imports_only_their_town(duty, users, run_import):
    _r, job = run_import(users.town_officer, ledger_csv(GOOD))
    assert job["state"] == "failed"
    assert [(e["line"], e["code"]) for e in job["errors"]] == [(4, "unknown_village")]
    content = ledger_csv(
        [["440403106201", "李法律工作者", "2023-03-01", "09:00", "10:00"]],
        header=["village", "advisor_name", "date", "start_time", "end_time"],
    )
    _r, job = run_import(users.town_officer, content)
    assert [(e["line"], e["code"]) for e in job["errors"]] == [(2, "out_of_scope")]


def test_roles_that_may_not_import(duty, users, api_as):
    from .conftest import upload

    for user in (users.advisor, users.nobody):
        response = api_as(user).post("/api/imports/", {"kind": "duty_shifts"}, format="multipart")
        assert response.status_code == 403
    # An organizer imports sheets of their events, not ledgers.
    response = api_as(users.organizer).post(
        "/api/imports/", {"kind": "duty_shifts", "file": upload(ledger_csv(GOOD))}, format="multipart"
    )
    assert response.status_code == 403 and DutyShift.objects.count() == 0


def test_request_refusals(duty, users, api_as):
    from .conftest import upload

    client = api_as(users.coordinator)
    assert client.post("/api/imports/", {"kind": "nope", "file": upload(b"x")}, format="multipart").status_code == 400
    response = client.post("/api/imports/", {"kind": "duty_shifts", "file": upload(b"x", "a.pdf")}, format="multipart")
    assert response.status_code == 400 and "file" in response.json()


def test_api_field_names_gb18030_and_licence_numbers(duty, users, run_import):
    duty.a.license_no = "14404201810001"
    duty.a.save()
    header = [
        "village",
        "license_no",
        "date",
        "start_time",
        "end_time",
        "consultation_batches",
        "consultation_people",
        "notes",
    ]
    rows = [["440403107201", "14404201810001", "2023-03-01", "09:00", "10:00", "1", "2", "中文备注"]]
    _r, job = run_import(users.coordinator, ledger_csv(rows, header=header, encoding="gb18030"))
    assert job["state"] == "succeeded", job["errors"]
    assert DutyShift.objects.get().notes == "中文备注"


def test_xlsx_file_with_excel_dates_and_times(duty, users, run_import):
    import io

    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["镇街", "村居", "顾问姓名", "日期", "开始时间", "结束时间", "参与调解"])
    book.active.append(["井岸镇", "尖峰村", "张律师", datetime.datetime(2023, 3, 1), datetime.time(9), 0.5, 2])
    out = io.BytesIO()
    book.save(out)
    _r, job = run_import(users.coordinator, out.getvalue(), name="ledger.xlsx")
    assert job["state"] == "succeeded", job["errors"]
    shift = DutyShift.objects.get()
    assert (shift.end_time, shift.mediations) == (datetime.time(12), 2)


def test_missing_columns_and_unreadable_files(duty, users, run_import):
    _r, job = run_import(users.coordinator, ledger_csv([["x"]], header=["镇街", "村居"]))
    assert job["state"] == "failed" and job["errors"][0]["code"] == "missing_columns"
    assert job["errors"][0]["line"] is None
    _r, job = run_import(users.coordinator, b"not a zip", name="ledger.xlsx")
    assert job["errors"][0]["code"] == "unreadable"
    _r, job = run_import(users.coordinator, ledger_csv([]))
    assert job["errors"][0]["code"] == "no_rows"


def test_undo_restores_the_counts_exactly(duty, users, run_import, api_as, shift_of):
    shift_of(duty.a, duty.areas.jianfeng, datetime.date(2023, 2, 1))
    before = DutyShift.objects.count()
    _r, job = run_import(users.coordinator, ledger_csv(GOOD))
    assert DutyShift.objects.count() == before + 3
    response = api_as(users.coordinator).post(f"/api/jobs/{job['id']}/undo/")
    assert response.status_code == 200
    assert DutyShift.objects.count() == before
    again = api_as(users.coordinator).post(f"/api/jobs/{job['id']}/undo/")
    assert again.status_code == 409
    assert DutyShift.objects.count() == before


def test_negative_and_too_large_counters(duty, users, run_import):
    rows = [
        ["井岸镇", "尖峰村", "张律师", "2023-03-01", "09:00", "10:00", "", "-1", "", "", ""],
        ["井岸镇", "尖峰村", "张律师", "2023-03-02", "09:00", "10:00", "", "", "", "20000", ""],
        ["井岸镇", "尖峰村", "张律师", "2023-03-03", "09:00", "10:00", "", "", "1.5", "", ""],
    ]
    _r, job = run_import(users.coordinator, ledger_csv(rows))
    assert [(e["line"], e["code"]) for e in job["errors"]] == [
        (2, "negative_counter"),
        (3, "counter_too_large"),
        (4, "bad_number"),
    ]


def test_undo_refused_once_approved_or_year_closed(duty, users, run_import, api_as):
    from advisors.services import approve_shifts

    _r, job = run_import(users.coordinator, ledger_csv(GOOD))
    approve_shifts(DutyShift.objects.filter(village=duty.areas.nanao), by=users.coordinator)
    response = api_as(users.coordinator).post(f"/api/jobs/{job['id']}/undo/")
    assert response.status_code == 409
    assert DutyShift.objects.count() == 3
    DutyShift.objects.update(approved_at=None)
    FiguresSnapshot.objects.create(year=2023, area=duty.areas.jingan, figures={})
    response = api_as(users.coordinator).post(f"/api/jobs/{job['id']}/undo/")
    assert response.status_code == 409 and "2023" in str(response.json())
    assert DutyShift.objects.count() == 3


def test_only_the_owner_sees_and_undoes_a_job(duty, users, run_import, api_as):
    _r, job = run_import(users.coordinator, ledger_csv(GOOD))
    assert api_as(users.town_officer).get(f"/api/jobs/{job['id']}/").status_code == 404
    assert api_as(users.town_officer).post(f"/api/jobs/{job['id']}/undo/").status_code == 404
    assert api_as(users.superuser).get(f"/api/jobs/{job['id']}/").status_code == 200


def test_an_import_and_its_undo_refresh_the_coverage_rollups_of_its_years(
    duty, users, run_import, api_as, django_capture_on_commit_callbacks
):
    from coverage.models import AreaMonth, RollupYear

    with django_capture_on_commit_callbacks(execute=True):
        _r, job = run_import(users.coordinator, ledger_csv(GOOD))
    assert job["state"] == "succeeded", job["errors"]
    assert list(RollupYear.objects.values_list("year", flat=True)) == [2023]
    march = AreaMonth.objects.filter(month=202303, code__startswith="440403")
    assert sum(march.values_list("shifts", flat=True)) == 3
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(users.coordinator).post(f"/api/jobs/{job['id']}/undo/")
    assert response.status_code == 200, response.content
    assert sum(march.values_list("shifts", flat=True)) == 0
