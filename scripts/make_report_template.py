"""Write reports/templates_docx/report.docx: the styles the Word report is built with.

Run once (``.venv/bin/python scripts/make_report_template.py``); the file is committed. A bureau
swaps in its own letterhead by editing that file in Word (header, fonts, the styles Title,
Heading 1, Heading 2, Normal, Caption and the table style "Table Grid") and saving it under the same
name, or by pointing the setting REPORT_DOCX_TEMPLATE at its own file. The report builder empties
the body and keeps the styles, headers, footers and page setup.
"""

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

OUT = Path(__file__).resolve().parent.parent / "reports" / "templates_docx" / "report.docx"
FAMILY = "Noto Sans CJK SC"


def _east_asian(style, family=FAMILY):
    style.font.name = family
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), family)


def main():
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    styles = doc.styles
    for name, size, bold in (
        ("Normal", 12, False),
        ("Title", 20, True),
        ("Heading 1", 16, True),
        ("Heading 2", 14, True),
        ("Caption", 10, False),
    ):
        style = styles[name]
        _east_asian(style)
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.color.rgb = RGBColor(0, 0, 0)
    normal = styles["Normal"].paragraph_format
    normal.line_spacing = 1.5
    normal.first_line_indent = None
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    styles["Caption"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    OUT.parent.mkdir(parents=True, exist_ok=True)
    doc.save(OUT)
    print(OUT)


if __name__ == "__main__":
    main()
