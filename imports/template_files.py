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

    from topics.models import Topic

    from .duty.columns import topic_columns

    topics = topic_columns(Topic.objects.active())
    book = Workbook()
    sheet = book.active
    sheet.title = "台账"
    # After the counters, one column per legal topic (its consultations and mediations, issue #16).
    sheet.append([*DUTY_TEMPLATE, *(aliases[0] for aliases in topics.values())])
    sheet.append([*DUTY_EXAMPLE, *([1] + [0] * (len(topics) - 1) if topics else [])])
    allowed = book.create_sheet(_("Allowed values"))
    allowed.append([_("Column"), _("Allowed values")])
    allowed.append([duty_label("mode"), " / ".join(f"{code} = {name}" for code, name in DutyShift.Mode.choices)])
    allowed.append([_("Village"), _("the village's name (with its town) or its 12-digit code")])
    allowed.append([_("Advisor"), _("the advisor's name or licence number")])
    allowed.append([_("Date"), "2026-03-05"])
    allowed.append([_("Start time") + " / " + _("End time"), "09:00"])
    allowed.append([_("Counts"), _("whole numbers from 0; persons ≥ batches")])
    if topics:
        allowed.append(
            [_("Legal topics"), _("per topic, whole numbers; together at most the consultation batches + mediations")]
        )
    for aliases in [*DUTY_COLUMNS.values(), *topics.values()]:
        allowed.append([aliases[0], ", ".join(aliases[1:3])])
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="duty-ledger-template.xlsx"'
    return response


TEMPLATES = {"duty_shifts": duty_template_response}


def _choices_text(choices):
    return " / ".join(f"{code} = {label}" for code, label in choices)


def _generic_response(filename, columns, example, allowed):
    """A template: the first name of each column as header, one example row, the allowed values."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append([aliases[0] for aliases in columns.values()])
    book.active.append(example)
    sheet = book.create_sheet(_("Allowed values"))
    sheet.append([_("Column"), _("Allowed values")])
    for row in allowed:
        sheet.append(row)
    for aliases in columns.values():
        sheet.append([aliases[0], ", ".join(aliases[1:])])
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def events_template_response():
    from outreach.models import Event

    from .events import COLUMNS

    example = [
        "民法典进村居",
        "lecture",
        "villages",
        "elderly、general",
        "民法典",
        "440403107201",
        "村委会礼堂",
        "2026-03-05",
        "09:00",
        "11:00",
        "held",
        20,
        "",
        "",
        "张律师",
    ]
    allowed = [
        (COLUMNS[name][0], _choices_text(Event._meta.get_field(name).choices)) for name in ("kind", "sector", "status")
    ]
    allowed.append((COLUMNS["audiences"][0], _choices_text(Event.Audience.choices)))
    return _generic_response("events-template.xlsx", COLUMNS, example, allowed)


def checkins_template_response():
    from outreach.models import CheckIn

    from .checkins import COLUMNS

    example = ["陈小梅", "13800138000", "female", "36_59", "farmer", "440403107201"]
    allowed = [
        (COLUMNS["gender"][0], _choices_text(CheckIn.Gender.choices)),
        (COLUMNS["age_group"][0], _choices_text(CheckIn.AgeGroup.choices)),
        (COLUMNS["occupation"][0], _choices_text(CheckIn.Occupation.choices)),
    ]
    return _generic_response("sign-in-sheet-template.xlsx", COLUMNS, example, allowed)


def roster_template_response():
    from legalsavvy.importer import COLUMNS

    example = [
        "井岸镇",
        "尖峰村",
        "陈明白",
        "女",
        1980,
        "13800138001",
        "村干部",
        "2026-01-10",
        "",
        "第一村民小组",
        "在任",
        "",
        "",
    ]
    allowed = [
        (COLUMNS["status"][0], "在任 / active, 撤销 / removed"),
        (COLUMNS["removed_on"][0], str(_("the date a removed person stopped (a date alone also means removed)"))),
        (COLUMNS["gender"][0], "男 / 女 / male / female"),
    ]
    return _generic_response("legal-savvy-roster-template.xlsx", COLUMNS, example, allowed)


TEMPLATES.update(
    {
        "events": events_template_response,
        "checkins": checkins_template_response,
        "legal_savvy": roster_template_response,
    }
)
