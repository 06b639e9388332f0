"""A paper sign-in sheet of one event, from a file or from cells pasted out of Excel: every line goes
through ``outreach.services.enter_sheet`` (the organizer's sheet page's own path: the same attendee
rules, the same de-duplication by phone), all lines or none. A phone already checked in counts as
unchanged, so the same sheet imported twice adds nothing. The dry run enters the sheet and rolls back.
Undone as a whole (``outreach.services.withdraw_sheet``: the check-ins it created are deleted) until an
attendee of it gives feedback or the event's year is closed (the summary's village and year)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation

from common.clock import local_date
from jobs.registry import JobFailed, Outcome
from outreach.access import can_manage
from outreach.models import CheckIn, Event
from outreach.services import CheckinRefused, enter_sheet, withdraw_sheet

from .cells import empty, text
from .errors import ImportErrorCode, ImportRefused, line_error
from .reading import FileRefused, count_lines, header_key, read_table

COLUMNS = {
    "name": ["姓名", "name", "参加人", "参会人员"],
    "phone": ["手机号码", "phone", "电话", "手机", "联系电话"],
    "gender": ["性别", "gender"],
    "age_group": ["年龄段", "age_group", "年龄"],
    "occupation": ["职业", "occupation", "身份"],
    "home_village": ["村居代码", "home_village", "所在村居代码", "村居"],
}
REQUIRED = (("name",), ("phone",), ("age_group",))
CHOICES = {"gender": CheckIn.Gender, "age_group": CheckIn.AgeGroup, "occupation": CheckIn.Occupation}


def _lookups():
    """Each choice column: its codes and its English and Chinese labels → the code."""
    lookups = {}
    for column, choices in CHOICES.items():
        table = {}
        for code, label in choices.choices:
            table[header_key(code)] = code
            for language in ("en", "zh-hans"):
                with translation.override(language):
                    table[header_key(str(label))] = code
        lookups[column] = table
    return lookups


def _attendee(raw, lookups):
    attendee = {name: text(raw.get(name)) for name in ("name", "phone", "home_village")}
    for column in CHOICES:
        value = raw.get(column)
        # An unknown label is passed on as it is: enter_sheet refuses it with its own code.
        attendee[column] = "" if empty(value) else lookups[column].get(header_key(value), text(value))
    return attendee


def _messages(error):
    if hasattr(error, "error_dict"):
        for items in error.error_dict.values():
            for item in items:
                yield item.code or "invalid", " ".join(item.messages)
    else:
        for item in error.error_list:
            yield item.code or "invalid", " ".join(item.messages)


def run_sheet_import(job, progress):
    event = Event.objects.select_related("area").filter(pk=job.params.get("event")).first()
    if event is None or job.user is None or not can_manage(job.user, event):
        raise JobFailed([line_error(None, ImportErrorCode.NOT_ALLOWED)])
    lookups = _lookups()
    lines, attendees = [], []
    try:
        with job.file.open("rb") as handle:
            total = count_lines(handle, job.file_name.lower()) or 0
            for line, raw in read_table(handle, job.file_name.lower(), COLUMNS, REQUIRED):
                lines.append(line)
                attendees.append(_attendee(raw, lookups))
    except FileRefused as refused:
        raise JobFailed([{"line": None, "code": refused.code.value, "message": refused.message}]) from None
    if not attendees:
        raise JobFailed([line_error(None, ImportErrorCode.NO_ROWS)])
    progress(len(attendees) // 2, max(total, len(attendees)))
    try:
        with transaction.atomic():
            result = enter_sheet(job.user, event, attendees)
            if job.dry_run:
                transaction.set_rollback(True)
    except CheckinRefused as refusal:
        raise JobFailed([{"line": None, "code": refusal.code.value, "message": str(refusal.message)}]) from None
    if result.errors:
        errors = []
        for index, error in sorted(result.errors.items()):
            errors.extend(
                {"line": lines[index], "code": code, "message": message}
                for code, message in _messages(error)
                if isinstance(error, ValidationError)
            )
        raise JobFailed(errors, rows_total=len(attendees))
    village = {
        "code": event.area.code,
        "name": event.area.name,
        "created": result.created,
        "updated": 0,
        "unchanged": result.repeated,
        "refused": 0,
    }
    return Outcome(
        rows_total=len(attendees),
        created=result.created,
        unchanged=result.repeated,
        summary={"event": event.pk, "title": event.title, "villages": [village], "years": [_year(event)]},
        undo_data={} if job.dry_run else {"checkins": result.checkin_ids},
    )


def _year(event):
    return local_date(event.starts_at).year


def undo_sheet_import(job, by):
    event = Event.objects.filter(pk=job.summary.get("event")).first()
    if event is None:
        return
    if not can_manage(by, event):
        raise ImportRefused(ImportErrorCode.NOT_ALLOWED)
    withdraw_sheet(by, event, job.undo_data.get("checkins", []))
