"""The legal-savvy roster as a job: the roster importer's rules, dry run and all-or-nothing write."""

from legalsavvy.models import LegalSavvyPerson

from .conftest import ledger_csv

HEADER = ["镇街", "村居", "姓名", "性别", "电话", "任命日期"]
ROWS = [["井岸镇", "尖峰村", "陈明白", "女", "13800138001", "2023-01-10"]]


def test_roster_job_dry_run_then_import_then_duplicate(duty, users, run_import):
    _r, job = run_import(users.coordinator, ledger_csv(ROWS, header=HEADER), kind="legal_savvy", dry_run=True)
    assert (job["state"], job["created"]) == ("succeeded", 1) and LegalSavvyPerson.objects.count() == 0
    _r, job = run_import(users.coordinator, ledger_csv(ROWS, header=HEADER), kind="legal_savvy")
    assert (job["state"], job["created"]) == ("succeeded", 1), job["errors"]
    assert LegalSavvyPerson.objects.get().name == "陈明白"
    _r, job = run_import(users.coordinator, ledger_csv(ROWS, header=HEADER), kind="legal_savvy")
    assert job["state"] == "failed" and job["errors"][0]["line"] == 2
    assert LegalSavvyPerson.objects.count() == 1


def test_roster_job_is_limited_to_the_uploader_area(duty, users, run_import):
    rows = [["白蕉镇", "南澳村", "王明白", "男", "13800138002", "2023-01-10"]]
    _r, job = run_import(users.town_officer, ledger_csv(rows, header=HEADER), kind="legal_savvy")
    assert job["state"] == "failed" and [e["line"] for e in job["errors"]] == [2]
    assert LegalSavvyPerson.objects.count() == 0
