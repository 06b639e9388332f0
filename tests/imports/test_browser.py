"""On a phone: upload a ledger, see the job reach 100 % and the new shifts in the ledger; and the
progress bar of a running job moving as the job advances (the page's own JavaScript polling)."""

import pytest

from advisors.models import DutyShift
from jobs import progress as live
from jobs.models import Job
from jobs.services import create_job

from .conftest import GOOD_ROWS, ledger_csv

pytestmark = pytest.mark.browser


def test_upload_a_ledger_and_see_the_shifts(duty, users, phone_page, browser_login, tmp_path):
    page = browser_login(phone_page, users.town_officer)
    path = tmp_path / "台账.csv"
    path.write_bytes(ledger_csv(GOOD_ROWS))
    page.goto(f"{page.base_url}/imports/")
    page.set_input_files("input[type=file]", str(path))
    page.uncheck("input[name=dry_run]")
    page.click("button[type=submit]:has-text('上传')")
    page.wait_for_url("**/jobs/*/")
    bar = page.locator("[data-job-bar]")
    assert bar.get_attribute("value") == "100"
    assert page.locator("[data-job-percent]").inner_text() == "100 %"
    assert DutyShift.objects.count() == 2
    page.goto(f"{page.base_url}/advisors/ledger/?month=2023-03")
    body = page.locator("main").inner_text()
    assert "尖峰村" in body and "新伟社区" in body and "张律师" in body
    assert page.outside_requests == []


def test_the_progress_bar_follows_a_running_job(duty, users, phone_page, browser_login):
    job = create_job(by=users.town_officer, kind="duty_shifts")
    Job.objects.filter(pk=job.pk).update(state="running")
    live.put(job.pk, 0, 200)
    page = browser_login(phone_page, users.town_officer)
    page.goto(f"{page.base_url}/jobs/{job.pk}/")
    live.put(job.pk, 100, 200)
    page.wait_for_function("() => document.querySelector('[data-job-bar]').value == 50", timeout=10_000)
    assert page.locator("[data-job-rows]").inner_text() == "100 / 200"
    Job.objects.filter(pk=job.pk).update(state="succeeded", rows_done=200, rows_total=200, created=200)
    page.wait_for_function("() => document.querySelector('[data-job-bar]').value == 100", timeout=10_000)
    page.wait_for_selector("text=已完成", timeout=10_000)
