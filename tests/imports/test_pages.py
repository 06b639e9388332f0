"""The upload page, the templates and undo from the job page."""

import io

from openpyxl import load_workbook

from advisors.models import DutyShift
from jobs.models import Job

from .conftest import GOOD_ROWS, ledger_csv, upload


def test_upload_page_dry_run_then_import_then_undo(duty, users, client_as):
    client = client_as(users.town_officer)
    page = client.get("/imports/")
    assert page.status_code == 200 and 'enctype="multipart/form-data"' in page.content.decode()
    content = ledger_csv(GOOD_ROWS)
    response = client.post("/imports/", {"kind": "duty_shifts", "file": upload(content), "dry_run": "on"})
    job = Job.objects.latest("pk")
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert job.dry_run and job.state == "succeeded" and DutyShift.objects.count() == 0
    shown = client.get(response["Location"]).content.decode()
    assert "尖峰村" in shown and "新伟社区" in shown
    client.post("/imports/", {"kind": "duty_shifts", "file": upload(content)})
    job = Job.objects.latest("pk")
    assert not job.dry_run and DutyShift.objects.count() == 2
    assert f"jobs/{job.pk}/undo/" in client.get(f"/jobs/{job.pk}/").content.decode()
    client.post(f"/jobs/{job.pk}/undo/")
    assert DutyShift.objects.count() == 0


def test_upload_refusals_show_on_the_form(duty, users, client_as):
    client = client_as(users.coordinator)
    response = client.post("/imports/", {"kind": "duty_shifts", "file": upload(b"x", "a.pdf")})
    assert response.status_code == 200 and Job.objects.count() == 0
    assert "errorlist" in response.content.decode()


def test_advisors_import_nothing(duty, users, client_as):
    assert client_as(users.advisor).get("/imports/").status_code == 403
    assert client_as(users.advisor).get("/imports/template/duty_shifts.xlsx").status_code == 403
    # An organizer is offered events only, and the service refuses a ledger (see test_duty_import).
    assert client_as(users.organizer).get("/imports/").status_code == 200


def test_template_has_the_headers_an_example_and_the_allowed_values(duty, users, client_as):
    response = client_as(users.coordinator).get("/imports/template/duty_shifts.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    header, example = list(book.worksheets[0].iter_rows(values_only=True))[:2]
    assert header[:3] == ("镇街", "村居", "村居代码") and example[1] == "尖峰村"
    allowed = " ".join(str(cell) for row in book.worksheets[1].iter_rows(values_only=True) for cell in row)
    assert "home_visit" in allowed and "appointment" in allowed
    assert client_as(users.coordinator).get("/imports/template/nope.xlsx").status_code == 404


def test_every_kind_has_a_template(duty, users, client_as):
    for kind, first in (("events", "活动名称"), ("checkins", "姓名"), ("legal_savvy", "镇街")):
        response = client_as(users.coordinator).get(f"/imports/template/{kind}.xlsx")
        assert response.status_code == 200
        book = load_workbook(io.BytesIO(response.content))
        header, example = list(book.worksheets[0].iter_rows(values_only=True))[:2]
        assert header[0] == first and example[0]


def test_each_role_is_offered_what_it_may_import(duty, users, client_as):
    def offered(user):
        return client_as(user).get("/imports/").context["form"].fields["kind"].choices

    assert [kind for kind, _label in offered(users.coordinator)] == ["duty_shifts", "events", "legal_savvy"]
    assert [kind for kind, _label in offered(users.town_officer)] == ["duty_shifts", "legal_savvy"]
    assert [kind for kind, _label in offered(users.organizer)] == ["events"]
