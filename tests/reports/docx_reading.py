"""Reading a Word report back (python-docx): its paragraphs, its statistics table, its pictures."""

import io

from docx import Document

from reports.docx.table import COLUMNS

KEYS = [key for key, _label in COLUMNS]


def open_docx(content):
    return Document(io.BytesIO(content))


def texts(doc):
    return [p.text for p in doc.paragraphs]


def table_figures(doc):
    """{row label: {key: (this year, last year)}} from the statistics table (two header rows)."""
    table = doc.tables[0]
    rows = {}
    for row in table.rows[2:]:
        cells = [c.text for c in row.cells]
        rows[cells[0]] = {key: (float(cells[1 + 2 * i]), float(cells[2 + 2 * i])) for i, key in enumerate(KEYS)}
    return rows


def pictures(doc):
    return list(doc.inline_shapes)
