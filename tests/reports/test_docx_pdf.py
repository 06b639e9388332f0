"""The demo's Word report for 斗门区 2023 through a real converter: LibreOffice turns it into a PDF
whose text holds the paragraph (the one of the bureau's report, character for character), whose
fonts are embedded CJK fonts, and whose pages render. The demo is loaded once for the module."""

import io
import re
import subprocess
import warnings

import pytest
from django.core.management import call_command
from django.db import transaction

from places.models import Area
from reports.docx import report_docx
from reports.docx.charts import monthly_chart_png
from reports.figures import annual_figures, monthly_breakdown
from tests.demo.test_demo import REPORT_PARAGRAPH_2023

from .docx_reading import KEYS, open_docx, table_figures, texts


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def district_docx(demo, django_db_blocker):
    with django_db_blocker.unblock():
        return report_docx(2023, Area.objects.get(code="440403"))


@pytest.fixture(scope="module")
def pdf(district_docx, tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    source = folder / "report.docx"
    source.write_bytes(district_docx)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{folder}/lo-profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return folder / "report.pdf"


def run(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=120).stdout


def test_the_document_holds_the_reports_paragraph_and_the_figures(district_docx, db):
    doc = open_docx(district_docx)
    assert texts(doc)[1] == REPORT_PARAGRAPH_2023
    rows = table_figures(doc)
    assert set(rows) == {"白藤街道", "莲洲镇", "斗门镇", "乾务镇", "白蕉镇", "井岸镇", "斗门区本级", "合计"}
    assert list(rows)[-1] == "合计"
    total, last = annual_figures(2023, "440403"), annual_figures(2022, "440403")
    assert rows["合计"] == {key: (total[key], last[key]) for key in KEYS}
    jingan = annual_figures(2023, "440403107")
    assert {key: rows["井岸镇"][key][0] for key in KEYS} == {key: jingan[key] for key in KEYS}
    assert "年度数据封存" in texts(doc)  # the demo closes 2023
    assert "人民调解员邝小媚：全国模范人民调解员" in texts(doc)  # the honours list names the awards


def test_libreoffice_turns_it_into_a_pdf_with_the_paragraph(pdf):
    # -raw: the text in drawing order, without joining "2022-" at a line end to the next line.
    text = run("pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-")
    flat = re.sub(r"\s+", "", text)
    assert REPORT_PARAGRAPH_2023 in flat
    # Every Chinese character of the paragraph comes back out of the PDF (none drawn as a box).
    assert {ch for ch in REPORT_PARAGRAPH_2023 if "\u4e00" <= ch <= "\u9fff"} <= set(flat)
    assert "\ufffd" not in text


def test_every_font_is_embedded_and_the_text_font_is_cjk(pdf):
    lines = run("pdffonts", str(pdf)).splitlines()[2:]
    assert lines
    for line in lines:
        columns = line.split()
        emb = columns[-5]
        assert emb == "yes", line
    assert any("CJK" in line for line in lines)


def test_the_pages_render(pdf, tmp_path):
    pages = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(pdf))).group(1))
    assert pages >= 2
    run("pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "page"))
    images = sorted(tmp_path.glob("page*.png"))
    assert len(images) == pages and all(image.stat().st_size > 1000 for image in images)


def test_the_chart_draws_every_chinese_label(demo, db):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        from django.utils import translation

        with translation.override("zh-hans"):
            image = monthly_chart_png(monthly_breakdown(2023, "440403"))
    assert image.getvalue().startswith(b"\x89PNG")
    assert not [w for w in caught if "missing from" in str(w.message).lower()]
