"""The parts of the Word report, in order. Each is ``section(doc, context)`` (a python-docx Document
and a ``document.ReportContext``) and adds its headings, text, tables or pictures to the end of the
document. A new part is one function and one line here."""

from .charts import monthly_chart
from .closing import closing_note
from .honours import honours
from .map import coverage_map
from .next_steps import next_steps
from .table import statistics_table
from .text import heading, paragraph

SECTIONS = [
    heading,
    paragraph,
    statistics_table,
    monthly_chart,
    coverage_map,
    honours,
    next_steps,
    closing_note,
]
