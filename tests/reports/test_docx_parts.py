"""The Word report's supports: a bureau's own template (letterhead), the CJK font check, a village."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from docx import Document

from places.models import Area
from reports.docx import fonts, report_docx
from reports.docx.document import DEFAULT_TEMPLATE

from .docx_reading import open_docx, pictures, table_figures, texts


def test_a_bureaus_own_template_gives_the_letterhead(ledger, settings, tmp_path):
    letterhead = Document(str(DEFAULT_TEMPLATE))
    letterhead.sections[0].header.paragraphs[0].text = "珠海市斗门区司法局"
    letterhead.add_paragraph("模板里的示例文字（生成时清空）")
    path = tmp_path / "bureau.docx"
    letterhead.save(path)
    settings.REPORT_DOCX_TEMPLATE = str(path)
    doc = open_docx(report_docx(2023, Area.objects.get(code="440403")))
    assert doc.sections[0].header.paragraphs[0].text == "珠海市斗门区司法局"
    assert "模板里的示例文字（生成时清空）" not in texts(doc)
    assert texts(doc)[0] == "斗门区2023年普法依法治理工作情况"


def test_a_missing_cjk_font_fails_saying_what_to_install(settings, monkeypatch):
    settings.REPORT_CJK_FONT = "/nonexistent/font.ttc"
    monkeypatch.setattr(fonts.shutil, "which", lambda name: None)
    monkeypatch.setattr(fonts, "KNOWN_PATHS", ("/nonexistent/other.ttc",))
    fonts.cjk_font_path.cache_clear()
    try:
        with pytest.raises(ImproperlyConfigured, match="fonts-noto-cjk"):
            fonts.cjk_font_path()
    finally:
        fonts.cjk_font_path.cache_clear()


def test_the_font_is_found_on_this_machine():
    fonts.cjk_font_path.cache_clear()
    assert "CJK" in fonts.cjk_font_path()


def test_a_village_report_has_the_total_row_only(ledger):
    doc = open_docx(report_docx(2023, Area.objects.get(code="440403107201")))
    assert list(table_figures(doc)) == ["合计"]
    assert texts(doc)[1].startswith("2023年1-12月，尖峰村") and len(pictures(doc)) == 2
