"""The figures as an XLSX laid out like the annual report's statistics table.

Sheets: the statistics table (one row per town, or per village for a town, then the total row),
every figure with last year and the change, the monthly breakdown, the volunteers' side, and the
paragraph in Chinese and English. openpyxl's write-only mode keeps memory flat; the file is
spooled to a temporary file and streamed (as common/exports.py does).
"""

import tempfile

from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from works.models import Award

from .figures import BREAKDOWN_KEYS, FIGURE_ROWS

TITLE_FONT = Font(bold=True, size=14)
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def _cells(sheet, values, font=None, alignment=None):
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=value)
        if font is not None:
            cell.font = font
        if alignment is not None:
            cell.alignment = alignment
        cells.append(cell)
    return cells


def _status_line(report):
    snapshot = report["snapshot"]
    if snapshot is None:
        return _("Live figures as of %(when)s") % {"when": timezone.localtime().strftime("%Y-%m-%d %H:%M")}
    who = snapshot.closed_by.display_name if snapshot.closed_by else "—"
    return _("Closed figures: closed on %(when)s by %(who)s") % {
        "when": timezone.localtime(snapshot.closed_at).strftime("%Y-%m-%d %H:%M"),
        "who": who,
    }


def _statistics_sheet(workbook, report):
    area, year, shown = report["area"], report["year"], report["shown"]
    sheet = workbook.create_sheet(_("Statistics table")[:31])
    units = {key: unit for key, _label, unit in FIGURE_ROWS}
    labels = {key: label for key, label, _unit in FIGURE_ROWS}
    sheet.column_dimensions["A"].width = 16
    sheet.freeze_panes = "B4"
    sheet.append(
        _cells(
            sheet,
            [_("%(area)s %(year)s: village legal advisors and legal education") % {"area": area.name, "year": year}],
            TITLE_FONT,
        )
    )
    sheet.append([_status_line(report)])
    header = [_("Area")] + [f"{labels[key]} ({units[key]})" for key in BREAKDOWN_KEYS]
    sheet.append(_cells(sheet, header, BOLD, WRAP))
    for row in report["by_area"]:
        name = row["name"] or _("At %(area)s level") % {"area": area.name}
        sheet.append([name] + [row.get(key, 0) for key in BREAKDOWN_KEYS])
    sheet.append(_cells(sheet, [_("Total")] + [shown.get(key, 0) for key in BREAKDOWN_KEYS], BOLD))


def _figures_sheet(workbook, report):
    sheet = workbook.create_sheet(_("Annual figures")[:31])
    sheet.column_dimensions["A"].width = 36
    closed = report["snapshot"] is not None
    header = [
        _("Figure"),
        _("Unit"),
        str(report["year"]),
        str(report["last_year"]),
        _("Change on last year"),
        _("Change (%)"),
    ]
    if closed:
        header.append(_("Live now (changed since closing)"))
    sheet.append(_cells(sheet, header, BOLD))
    for row in report["rows"]:
        line = [str(row["label"]), str(row["unit"]), row["value"], row["last"], row["change"], row["pct"]]
        sheet.append(line + ([row["live"]] if closed else []))
    for _key, rows in report["sections"]:
        for row in rows:
            line = [str(row["label"]), "", row["value"], row["last"], row["change"], row["pct"]]
            sheet.append(line + ([row["live"]] if closed else []))


def _monthly_sheet(workbook, report):
    sheet = workbook.create_sheet(_("By month")[:31])
    sheet.append(
        _cells(
            sheet,
            [
                _("Month"),
                _("Duty shifts"),
                _("Duty hours"),
                _("of which home visits"),
                _("Legal-education events held"),
                _("Event attendees"),
            ],
            BOLD,
        )
    )
    for m in report["monthly"]:
        sheet.append(
            [
                f"{report['year']}-{m['month']:02d}",
                m["shifts"],
                m["hours"],
                m["home_visits"],
                m["events"],
                m["attendees"],
            ]
        )
    t = report["monthly_totals"]
    sheet.append(
        _cells(sheet, [_("Total"), t["shifts"], t["hours"], t["home_visits"], t["events"], t["attendees"]], BOLD)
    )


def _volunteers_sheet(workbook, report):
    side = report["volunteers"]
    sheet = workbook.create_sheet(_("Volunteers")[:31])
    sheet.column_dimensions["A"].width = 40
    sheet.append(_cells(sheet, [_("Legal-savvy persons' activities"), _("Count"), _("Hours"), _("Persons")], BOLD))
    for row in side["activities"]:
        sheet.append([str(row["label"]), row["count"], row["hours"], row["persons"]])
    sheet.append([])
    sheet.append(_cells(sheet, [_("Who delivered the held events"), _("Number")], BOLD))
    for label, key in (
        (_("Events with advisors speaking or helping"), "events_with_advisors"),
        (_("Advisors who spoke or helped"), "advisors_speaking"),
        (_("Events with legal-savvy persons speaking or helping"), "events_with_legal_savvy"),
        (_("Legal-savvy persons who spoke or helped"), "legal_savvy_speaking"),
        (_("Events with other speakers"), "events_with_other_speakers"),
        (_("Training sessions"), "training_sessions"),
        (_("Legal-savvy persons trained"), "trained_persons"),
        (_("Training hours"), "training_hours"),
    ):
        sheet.append([label, side[key]])


def _paragraph_sheet(workbook, report):
    sheet = workbook.create_sheet(_("Paragraph")[:31])
    sheet.column_dimensions["A"].width = 120
    sheet.append(_cells(sheet, [report["narrative_zh"]], alignment=WRAP))
    sheet.append(_cells(sheet, [report["narrative_en"]], alignment=WRAP))


def _works_sheet(workbook, report):
    """The year's original works and awards (as the figures carry them)."""
    shown = report["shown"]
    sheet = workbook.create_sheet(_("Works and awards")[:31])
    sheet.column_dimensions["A"].width = 50
    works = shown.get("works") or {}
    sheet.append(_cells(sheet, [_("Original outreach works"), works.get("count", 0)], BOLD))
    for title in works.get("titles", []):
        sheet.append([f"《{title}》"])
    sheet.append([])
    sheet.append(_cells(sheet, [_("Award"), _("Level"), _("Awarded by"), _("Recipient")], BOLD))
    for award in shown.get("awards") or []:
        level = str(dict(Award.Level.choices).get(award["level"], award["level"]))
        sheet.append([award["title"], level, award["awarding_body"], award["recipient"]])


def figures_xlsx_response(report):
    workbook = Workbook(write_only=True)
    sheets = (_statistics_sheet, _figures_sheet, _monthly_sheet, _volunteers_sheet, _paragraph_sheet, _works_sheet)
    for build in sheets:
        build(workbook, report)
    handle = tempfile.TemporaryFile()
    workbook.save(handle)
    handle.seek(0)
    filename = f"figures-{report['area'].code}-{report['year']}.xlsx"
    return FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
