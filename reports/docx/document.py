"""Build the Word report: open the template (its styles, header and page setup), empty its body,
then let each section of ``sections.SECTIONS`` add its part, in order."""

import io
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from docx import Document
from docx.oxml.ns import qn

from ..page import build_report

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DEFAULT_TEMPLATE = Path(__file__).resolve().parent.parent / "templates_docx" / "report.docx"
# The report is the bureau's Chinese document, whatever the language of the page it is downloaded from.
REPORT_LANGUAGE = "zh-hans"


@dataclass
class ReportContext:
    """What the sections read: the figures page's report (closed figures when the year is closed)."""

    year: int
    area: object
    report: dict
    figure_number: int = 0

    def next_figure(self):
        self.figure_number += 1
        return self.figure_number


def template_path():
    return Path(settings.REPORT_DOCX_TEMPLATE or DEFAULT_TEMPLATE)


def open_template():
    """The template with an empty body (its final section properties kept)."""
    doc = Document(str(template_path()))
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return doc


def build_document(year, area, progress=None):
    """``progress(done, total)`` after the figures and after each section (a report built as a job)."""
    from .sections import SECTIONS

    total = len(SECTIONS) + 1
    context = ReportContext(year=year, area=area, report=build_report(year, area))
    if progress is not None:
        progress(1, total)
    doc = open_template()
    doc.core_properties.title = _("%(area)s: legal education in %(year)s") % {"area": area.name, "year": year}
    for done, section in enumerate(SECTIONS, start=2):
        section(doc, context)
        if progress is not None:
            progress(done, total)
    return doc


def report_docx(year, area, progress=None):
    """The .docx file's bytes for ``year`` and ``area`` (an Area)."""
    with translation.override(REPORT_LANGUAGE):
        doc = build_document(int(year), area, progress)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def docx_filename(year, area):
    with translation.override(REPORT_LANGUAGE):
        return _("%(area)s %(year)s legal education report") % {"area": area.name, "year": year} + ".docx"


def docx_response(year, area):
    response = HttpResponse(report_docx(year, area), content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, docx_filename(year, area))
    return response
