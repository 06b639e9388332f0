"""A year's worth of ledgers at once: 50,000 lines in one job, a fixed number of queries apart from one
INSERT per 1,000 rows, and one bad line among 10,000 refusing the whole file."""

import datetime
import math

from django.conf import settings
from django.db import connection
from django.utils import translation

from advisors.errors import DutyError
from advisors.models import Assignment, DutyShift
from jobs.models import Job
from jobs.services import create_job, execute

from .conftest import ledger_csv, upload

HEADER = ["village", "advisor", "date", "start_time", "end_time", "consultation_batches", "consultation_people"]


def generated_rows(duty, count):
    """``count`` non-overlapping half-hour shifts: advisor A alternating between his two villages,
    advisor B in 南澳村, 48 slots a day each, going back from 14 June 2023."""
    Assignment.objects.update(starts_on=datetime.date(2019, 1, 1))
    rows, day = [], datetime.date(2023, 6, 14)
    while len(rows) < count:
        for slot in range(48):
            start = datetime.time(slot // 2, 30 * (slot % 2))
            end = "23:59" if slot == 47 else datetime.time((slot + 1) // 2, 30 * ((slot + 1) % 2)).strftime("%H:%M")
            village = duty.areas.jianfeng if slot % 2 else duty.areas.xinwei
            rows.append([village.code, duty.a.pk, day.isoformat(), start.strftime("%H:%M"), end, 1, 2])
            rows.append([duty.areas.nanao.code, duty.b.pk, day.isoformat(), start.strftime("%H:%M"), end, 0, 0])
        day -= datetime.timedelta(days=1)
    return rows[:count]


def run(user, content):
    job = create_job(by=user, kind="duty_shifts", upload=upload(content))
    execute(job.pk)
    return Job.objects.get(pk=job.pk)


def inserts_for(count):
    """INSERT statements bulk_create needs for ``count`` shifts: batches of 1,000, or fewer where the
    database caps the parameters of one statement (SQLite: 999)."""
    fields = [field for field in DutyShift._meta.concrete_fields if not field.primary_key]
    per_insert = min(1000, connection.ops.bulk_batch_size(fields, [None] * 1000))
    return math.ceil(count / 1000) * math.ceil(1000 / per_insert)


def test_fifty_thousand_lines_in_one_job_with_bounded_queries(duty, users, django_assert_max_num_queries):
    rows = generated_rows(duty, 50_000)
    content = ledger_csv(rows, header=HEADER)
    # A fixed number of queries (lookups, locks, existing shifts, audit) plus the batched INSERTs.
    with django_assert_max_num_queries(25 + inserts_for(50_000)):
        job = run(users.coordinator, content)
    assert job.state == "succeeded", job.errors[:3]
    assert (job.rows_total, job.created, job.updated, job.unchanged) == (50_000, 50_000, 0, 0)
    assert DutyShift.objects.count() == 50_000
    assert DutyShift.objects.filter(advisor=duty.a).count() == 25_000
    assert sum(DutyShift.objects.values_list("consultation_people", flat=True)) == 50_000
    # The same file again: nothing changes, still without a query per line.
    with django_assert_max_num_queries(25):
        again = run(users.coordinator, content)
    assert (again.state, again.created, again.unchanged) == ("succeeded", 0, 50_000)
    assert DutyShift.objects.count() == 50_000


def test_one_bad_line_among_ten_thousand_imports_nothing_and_names_it(duty, users):
    rows = generated_rows(duty, 10_000)
    rows[4321][5] = 9  # batches (9) above persons: file line 4323 (the header is line 1)
    job = run(users.coordinator, ledger_csv(rows, header=HEADER))
    assert job.state == "failed"
    with translation.override(settings.LANGUAGE_CODE):
        message = str(DutyError.PEOPLE_FEWER_THAN_BATCHES.label)
    assert job.errors == [{"line": 4323, "code": "people_fewer_than_batches", "message": message}]
    assert DutyShift.objects.count() == 0
