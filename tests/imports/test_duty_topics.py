"""Duty-ledger lines with counts by legal topic (issue #16): a column per topic (code, Chinese or English
label), refused above the shift's totals with the forms'/API's code, kept when a file has no topic
columns, idempotent, undone with the shifts; the template shows them."""

import io

import pytest
from openpyxl import load_workbook

from advisors.models import DutyShift, DutyShiftTopic
from advisors.services import topic_counts_of
from topics.services import ensure_seed_topics

from .conftest import HEADER, ledger_csv

# 婚姻家庭 by its Chinese label, land by its code, labour by its English label
TOPIC_HEADER = [*HEADER, "婚姻家庭", "land", "Labour disputes and unpaid wages"]
ROWS = [
    # consultation batches 2 + mediations 1 = 3: 1 + 1 + 1 fits
    ["井岸镇", "尖峰村", "张律师", "2023-03-01", "09:00", "12:00", "驻村坐班", "2", "3", "1", "", "1", "1", "1"],
    ["井岸镇", "新伟社区", "张律师", "2023-03-01", "14:00", "17:30", "home_visit", "1", "1", "0", "", "", "", ""],
]


@pytest.fixture(autouse=True)
def topics(db):
    ensure_seed_topics()


def _counts():
    return sorted(DutyShiftTopic.objects.values_list("shift__village__name", "topic__code", "count"))


def test_topic_columns_by_code_or_label_are_stored_with_the_shift(duty, users, run_import):
    _r, job = run_import(users.coordinator, ledger_csv(ROWS, header=TOPIC_HEADER))
    assert job["state"] == "succeeded", job["errors"]
    shift = DutyShift.objects.get(village=duty.areas.jianfeng)
    assert topic_counts_of(shift) == {"marriage_family": 1, "land": 1, "labour": 1}
    assert topic_counts_of(DutyShift.objects.get(village=duty.areas.xinwei)) == {}
    before = _counts()
    _r, again = run_import(users.coordinator, ledger_csv(ROWS, header=TOPIC_HEADER))
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)
    assert _counts() == before


def test_counts_above_the_shift_totals_are_refused_with_the_forms_code(duty, users, run_import):
    rows = [list(row) for row in ROWS]
    rows[0][11:14] = ["2", "1", "1"]  # 4 > 3
    rows[1][11] = "x"
    _r, job = run_import(users.coordinator, ledger_csv(rows, header=TOPIC_HEADER))
    assert job["state"] == "failed"
    assert [(e["line"], e["code"]) for e in job["errors"]] == [(2, "topics_exceed_totals"), (3, "bad_number")]
    assert DutyShift.objects.count() == 0 and DutyShiftTopic.objects.count() == 0


def test_changed_topics_update_the_shift_and_undo_restores_them(duty, users, run_import, api_as):
    run_import(users.coordinator, ledger_csv(ROWS, header=TOPIC_HEADER))
    before = _counts()
    rows = [list(row) for row in ROWS]
    rows[0][11:14] = ["3", "", ""]
    _r, job = run_import(users.coordinator, ledger_csv(rows, header=TOPIC_HEADER))
    assert (job["state"], job["updated"], job["unchanged"]) == ("succeeded", 1, 1), job["errors"]
    shift = DutyShift.objects.get(village=duty.areas.jianfeng)
    assert topic_counts_of(shift) == {"marriage_family": 3}
    assert shift.changes.get().changes["topics"][1] == "marriage_family=3"
    assert api_as(users.coordinator).post(f"/api/jobs/{job['id']}/undo/").status_code == 200
    assert _counts() == before


def test_a_file_without_topic_columns_keeps_the_counts_unless_the_totals_no_longer_allow_them(duty, users, run_import):
    run_import(users.coordinator, ledger_csv(ROWS, header=TOPIC_HEADER))
    before = _counts()
    plain = [row[:11] for row in ROWS]
    _r, job = run_import(users.coordinator, ledger_csv(plain))
    assert (job["state"], job["unchanged"]) == ("succeeded", 2), job["errors"]
    assert _counts() == before
    plain[0][7] = "1"  # batches 1 + mediations 1 = 2 < the 3 counted by topic
    _r, job = run_import(users.coordinator, ledger_csv(plain))
    assert job["state"] == "failed" and [(e["line"], e["code"]) for e in job["errors"]] == [(2, "topics_exceed_totals")]
    assert _counts() == before


def test_the_template_has_a_column_per_topic(duty, users, client_as):
    response = client_as(users.coordinator).get("/imports/template/duty_shifts.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    assert "婚姻家庭" in header and "其他" in header
    example = [cell.value for cell in sheet[2]]
    assert len(example) == len(header)
