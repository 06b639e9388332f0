"""The heading and the report's paragraph (``narrative.chinese_paragraph`` of the figures shown)."""

from django.utils.translation import gettext as _
from docx.shared import Pt


def heading(doc, context):
    doc.add_paragraph(
        _("%(area)s: legal education in %(year)s") % {"area": context.area.name, "year": context.year},
        style="Title",
    )


def paragraph(doc, context):
    text = doc.add_paragraph(context.report["narrative_zh"], style="Normal")
    text.paragraph_format.first_line_indent = Pt(24)  # two characters, as the report is set


def caption(doc, text):
    return doc.add_paragraph(text, style="Caption")
