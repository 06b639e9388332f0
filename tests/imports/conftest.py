"""Import fixtures: the advisors' duty fixture (two advisors, their assignments, a frozen clock) and
helpers that write a ledger file and run it through the API."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.advisors.conftest import clock, duty, shift_of  # noqa: F401  (re-exported fixtures)
from tests.outreach.conftest import event, make_event  # noqa: F401  (re-exported fixtures)

HEADER = [
    "镇街",
    "村居",
    "顾问姓名",
    "日期",
    "开始时间",
    "结束时间",
    "服务方式",
    "法律咨询（批次）",
    "法律咨询（人次）",
    "参与调解",
    "备注",
]


# Two lines in 井岸镇 (a town officer's town).
GOOD_ROWS = [
    ["井岸镇", "尖峰村", "张律师", "2023-03-01", "09:00", "12:00", "驻村坐班", "2", "3", "1", "坐班"],
    ["井岸镇", "新伟社区", "张律师", "2023-03-01", "14:00", "17:30", "home_visit", "1", "1", "0", ""],
]


def ledger_csv(rows, header=HEADER, encoding="utf-8"):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def upload(content, name="ledger.csv"):
    return SimpleUploadedFile(name, content, content_type="text/csv")


@pytest.fixture
def run_import(api_as):
    """run_import(user, content, dry_run=False, name=…, kind=…) → (response, job JSON or None)."""

    def run(user, content, *, dry_run=False, name="ledger.csv", kind="duty_shifts"):
        client = api_as(user)
        response = client.post(
            "/api/imports/", {"kind": kind, "file": upload(content, name), "dry_run": dry_run}, format="multipart"
        )
        if response.status_code != 202:
            return response, None
        job = client.get(f"/api/jobs/{response.json()['job']}/")
        assert job.status_code == 200
        return response, job.json()

    return run
