"""The duty ledger's Excel file as a background job: the page's filters and the user's scope are kept,
progress advances while it writes, the file is the job's result (the direct download still works)."""

import io

import openpyxl

from advisors import exports
from advisors.models import DutyShift
from jobs.models import Job

from .conftest import D
from .test_ledger_and_compliance import year  # noqa: F401  (the hand-computed shifts)


def _rows(content):
    return list(openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))


def test_the_ledger_page_prepares_the_filtered_excel_file_as_a_job(duty, year, client_as):  # noqa: F811
    client = client_as(duty.users.town_officer)
    assert 'id="export-job-form"' in client.get("/advisors/ledger/?approval=").content.decode()
    response = client.post("/advisors/ledger/export-job/?approval=&month=2023-01")
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert (job.kind, job.state, job.rows_total) == ("ledger_xlsx", "succeeded", 3)
    rows = _rows(b"".join(client.get(f"/jobs/{job.pk}/result/").streaming_content))
    assert len(rows) == 1 + 3 and {row[0] for row in rows[1:]} == {"2023-01-10", "2023-01-17", "2023-01-11"}
    direct = client.get("/advisors/ledger/export.xlsx?approval=&month=2023-01")
    assert _rows(b"".join(direct.streaming_content)) == rows


def test_the_job_sees_only_the_scope_of_who_started_it(duty, year, client_as):  # noqa: F811
    client_as(duty.users.other_town_officer).post("/advisors/ledger/export-job/?approval=")
    job = Job.objects.get()
    rows = _rows(job.result.read())
    assert [row[5] for row in rows[1:]] == ["440403106201"]


def test_progress_advances_while_the_file_is_written(duty, shift_of, monkeypatch):
    for day in range(1, 6):
        shift_of(duty.a, duty.areas.jianfeng, D(2023, 5, day), "09:00", "10:00")
    monkeypatch.setattr(exports, "PROGRESS_EVERY", 2)
    seen = []
    job = Job(user=duty.users.coordinator, kind="ledger_xlsx", params={"filters": {}})
    outcome = exports.run_ledger_xlsx(job, lambda done, total: seen.append((done, total)))
    assert seen == [(0, 5), (2, 5), (4, 5)]
    assert outcome.rows_total == 5 == DutyShift.objects.count()


def test_filters_survive_the_trip_through_json():
    filters = {"month": (2023, 1), "date_after": D(2023, 1, 2), "village": "440403107201", "advisor": 3}
    assert exports.decode_filters(exports.encode_filters(filters)) == filters


def test_only_managers_may_start_it(duty, client_as, users):
    for user in (users.advisor, users.organizer):
        assert client_as(user).post("/advisors/ledger/export-job/").status_code == 403
    assert Job.objects.count() == 0
