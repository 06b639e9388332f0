"""The Word report as a background job: prepared from the figures page, progress after each section,
the .docx is the job's result (the same document as the direct download), scope checked."""

from jobs.models import Job
from places.models import Area
from reports.docx.document import report_docx
from reports.docx.sections import SECTIONS

from .docx_reading import open_docx, texts


def test_the_figures_page_prepares_the_word_report_as_a_job(ledger, users, client_as):
    client = client_as(users.coordinator)
    page = client.get("/figures/?year=2023&area=440403")
    assert 'id="docx-job-form"' in page.content.decode()
    response = client.post("/figures/docx/job/", {"year": 2023, "area": "440403"})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert (job.kind, job.state, job.params["year"], job.params["area"]) == (
        "figures_docx",
        "succeeded",
        2023,
        "440403",
    )
    detail = client.get(f"/jobs/{job.pk}/").content.decode()
    assert 'id="export-ready"' in detail and f"/jobs/{job.pk}/result/" in detail
    download = client.get(f"/jobs/{job.pk}/result/")
    assert download.status_code == 200
    document = open_docx(b"".join(download.streaming_content))
    assert texts(document)[0] == "斗门区2023年普法依法治理工作情况"
    assert texts(document) == texts(open_docx(report_docx(2023, Area.objects.get(code="440403"))))


def test_progress_advances_after_each_section(ledger, users):
    seen = []
    report_docx(2023, Area.objects.get(code="440403"), progress=lambda done, total: seen.append((done, total)))
    total = len(SECTIONS) + 1
    assert seen == [(done, total) for done in range(1, total + 1)]


def test_an_area_outside_the_scope_or_a_bad_form_starts_nothing(ledger, users, client_as):
    officer = client_as(users.town_officer)  # 井岸镇
    assert officer.post("/figures/docx/job/", {"year": 2023, "area": "440403106"}).status_code == 403
    assert officer.post("/figures/docx/job/", {"year": "x", "area": "440403107"}).status_code == 302
    assert client_as(users.advisor).post("/figures/docx/job/", {"year": 2023, "area": "440403107"}).status_code == 403
    assert Job.objects.count() == 0
