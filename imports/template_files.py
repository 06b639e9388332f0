"""The downloadable template of each import: the header row, an example row, and a sheet of the
allowed values."""

import io

from django.http import HttpResponse
from django.utils.translation import gettext as _

from advisors.models import DutyShift

from .duty.columns import COLUMNS as DUTY_COLUMNS
from .duty.columns import label as duty_label

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

DUTY_TEMPLATE = [
    "镇街",
    "村居",
    "村居代码",
    "顾问姓名",
    "执业证号",
    "日期",
    "开始时间",
    "结束时间",
    "服务方式",
    *(DUTY_COLUMNS[name][0] for name in DutyShift.COUNTERS),
    "备注",
]
DUTY_EXAMPLE = [
    "井岸镇",
    "尖峰村",
    "440403107201",
    "张律师",
    "14404201810000000",
    "2026-03-05",
    "09:00",
    "12:00",
    "office",
    2,
    3,
    1,
    0,
    0,
    1,
    0,
    0,
    0,
    1,
    0,
    "驻村坐班",
]


def duty_template_response():
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "台账"
    sheet.append(DUTY_TEMPLATE)
    sheet.append(DUTY_EXAMPLE)
    allowed = book.create_sheet(_("Allowed values"))
    allowed.append([_("Column"), _("Allowed values")])
    allowed.append([duty_label("mode"), " / ".join(f"{code} = {name}" for code, name in DutyShift.Mode.choices)])
    allowed.append([_("Village"), _("the village's name (with its town) or its 12-digit code")])
    allowed.append([_("Advisor"), _("the advisor's name or licence number")])
    allowed.append([_("Date"), "2026-03-05"])
    allowed.append([_("Start time") + " / " + _("End time"), "09:00"])
    allowed.append([_("Counts"), _("whole numbers from 0; persons ≥ batches")])
    for aliases in DUTY_COLUMNS.values():
        allowed.append([aliases[0], ", ".join(aliases[1:])])
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="duty-ledger-template.xlsx"'
    return response


TEMPLATES = {"duty_shifts": duty_template_response}
