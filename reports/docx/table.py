"""The statistics table: one row per child area (towns of a district, districts of a city…), a total
row, and last year's value beside each of this year's."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from ..page import YEAR_ON_YEAR_KEYS
from .text import caption

# The table's figures (reports.page.YEAR_ON_YEAR_KEYS) and their headings.
LABELS = {
    "duty_shifts": gettext_lazy("Duty shifts"),
    "consultation_batches": gettext_lazy("Consultations (batches)"),
    "mediations": gettext_lazy("Disputes mediated"),
    "events": gettext_lazy("Legal-education events"),
    "event_attendees": gettext_lazy("Attendees"),
    "legal_savvy_total": gettext_lazy("Legal-savvy persons"),
}
COLUMNS = [(key, LABELS[key]) for key in YEAR_ON_YEAR_KEYS]
FONT_SIZE = Pt(8)
NAME_WIDTH, FIGURE_WIDTH = Cm(2.2), Cm(1.2)


def table_rows(context):
    """[(label, {key: (this year, last year)})]: the children, then the total."""
    rows = []
    for row in context.report["by_area_yoy"]:
        if row["total"]:
            label = _("Total")
        else:
            label = row["name"] or _("%(area)s itself") % {"area": context.area.name}
        rows.append((label, row["values"]))
    return rows


def _cell(cell, text, bold=False, align=WD_ALIGN_PARAGRAPH.CENTER):
    cell.text = ""
    para = cell.paragraphs[0]
    para.alignment = align
    para.paragraph_format.first_line_indent = None
    para.paragraph_format.line_spacing = 1.0
    run = para.add_run(str(text))
    run.font.size = FONT_SIZE
    run.bold = bold


def statistics_table(doc, context):
    doc.add_paragraph(_("Figures by area"), style="Heading 2")
    rows = table_rows(context)
    table = doc.add_table(rows=2 + len(rows), cols=1 + 2 * len(COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    top, sub = table.rows[0].cells, table.rows[1].cells
    top[0].merge(sub[0])
    _cell(table.cell(0, 0), _("Area"), bold=True)
    for i, (_key, label) in enumerate(COLUMNS):
        merged = top[1 + 2 * i].merge(top[2 + 2 * i])
        _cell(merged, label, bold=True)
        _cell(sub[1 + 2 * i], context.year, bold=True)
        _cell(sub[2 + 2 * i], context.year - 1, bold=True)
    for r, (label, values) in enumerate(rows, start=2):
        total = r == len(rows) + 1
        cells = table.rows[r].cells
        _cell(cells[0], label, bold=total)
        for i, (key, _label) in enumerate(COLUMNS):
            this, before = values[key]
            _cell(cells[1 + 2 * i], this, bold=total)
            _cell(cells[2 + 2 * i], before)
    table.autofit = False
    for i, column in enumerate(table.columns):  # the grid (LibreOffice reads it) and each cell (Word)
        column.width = NAME_WIDTH if i == 0 else FIGURE_WIDTH
    for row in table.rows:
        for i, cell in enumerate(row.cells):
            cell.width = NAME_WIDTH if i == 0 else FIGURE_WIDTH
    caption(
        doc,
        _("Table 1. %(area)s, %(year)s, by area, with %(last)s beside each figure")
        % {"area": context.area.name, "year": context.year, "last": context.year - 1},
    )
