"""The list of events held, one row per event, each created through ``outreach.services.create_event``
(the form's and the API's own path: choices, area in scope, times, series episodes…), all rows or none.
An event already there (same area, title and start) is unchanged, so the same file twice adds nothing.
The dry run creates and rolls back. Undo deletes the events the import created while none has a check-in."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation

from accounts.models import AuditEntry
from accounts.scopes import scope_prefix
from advisors.models import Advisor
from common.clock import business_tz, local_date
from jobs.registry import JobFailed, Outcome
from outreach.access import can_create
from outreach.models import CheckIn, Event, EventSeries
from outreach.services import create_event
from places.models import Area

from .cells import CellError, empty, text, to_date, to_int, to_time
from .errors import ImportErrorCode, ImportRefused, line_error
from .reading import FileRefused, count_lines, header_key, read_table

COLUMNS = {
    "title": ["活动名称", "title", "标题", "主题"],
    "kind": ["活动形式", "kind", "形式"],
    "sector": ["领域", "sector", "对象领域"],
    "audiences": ["受众", "audiences", "面向人群"],
    "topics": ["宣传内容", "topics", "主题标签", "普法内容"],
    "area": ["区划代码", "area", "地区代码", "村居代码"],
    "venue": ["地点", "venue", "活动地点"],
    "date": ["日期", "date", "活动日期"],
    "start_time": ["开始时间", "start_time", "开始"],
    "end_time": ["结束时间", "end_time", "结束"],
    "status": ["状态", "status"],
    "walk_in_count": ["现场人数", "walk_in_count", "未扫码人数"],
    "series": ["系列", "series"],
    "episode": ["期数", "episode", "第几期"],
    "speakers": ["主讲人", "speakers", "讲师"],
}
REQUIRED = (("title",), ("area",), ("date",), ("start_time",), ("end_time",))
CHOICES = {"kind": Event.Kind, "sector": Event.Sector, "status": Event.Status, "audiences": Event.Audience}
SEPARATORS = ("、", "，", ",", ";", "；", "/")


def _lookups():
    tables = {}
    for column, choices in CHOICES.items():
        table = {header_key("讲座"): "lecture"} if column == "kind" else {}
        for code, label in choices.choices:
            table[header_key(code)] = code
            for language in ("en", "zh-hans"):
                with translation.override(language):
                    table[header_key(str(label))] = code
        tables[column] = table
    return tables


def _split(value):
    value = text(value)
    for separator in SEPARATORS:
        value = value.replace(separator, "|")
    return [item.strip() for item in value.split("|") if item.strip()]


def _data(line, raw, tables, areas, series, advisors):
    """(data for create_event, speakers) or raises CellError."""
    day = to_date(raw.get("date"), COLUMNS["date"][0])
    tz = business_tz()
    start = to_time(raw.get("start_time"), COLUMNS["start_time"][0])
    end = to_time(raw.get("end_time"), COLUMNS["end_time"][0])
    data = {
        "title": text(raw.get("title")),
        "venue": text(raw.get("venue")),
        "starts_at": datetime.datetime.combine(day, start, tz),
        "ends_at": datetime.datetime.combine(day, end, tz),
        "topics": _split(raw.get("topics")),
        "walk_in_count": to_int(raw.get("walk_in_count"), COLUMNS["walk_in_count"][0]),
        "area": areas.get(text(raw.get("area"))),
    }
    for column in ("kind", "sector", "status"):
        if not empty(raw.get(column)):
            data[column] = tables[column].get(header_key(raw[column]), text(raw[column]))
    data.setdefault("status", Event.Status.HELD)
    data["audiences"] = [tables["audiences"].get(header_key(item), item) for item in _split(raw.get("audiences"))]
    if not empty(raw.get("series")):
        data["series"] = series.get(header_key(raw["series"]))
        if data["series"] is None:
            raise CellError(ImportErrorCode.BAD_CHOICE, column="系列", value=text(raw["series"]), allowed="…")
    if not empty(raw.get("episode")):
        data["episode"] = to_int(raw.get("episode"), COLUMNS["episode"][0])
    names = _split(raw.get("speakers"))
    data["advisors"] = [advisors[header_key(n)] for n in names if header_key(n) in advisors]
    data["other_speakers"] = "、".join(n for n in names if header_key(n) not in advisors)
    if data["area"] is None:
        raise CellError(ImportErrorCode.UNKNOWN_VILLAGE, value=text(raw.get("area")))
    return data


def _messages(error):
    """(code, "field: message") for each problem create_event found."""
    pairs = error.error_dict.items() if hasattr(error, "error_dict") else [(None, error.error_list)]
    for field, items in pairs:
        try:
            name = str(Event._meta.get_field(field).verbose_name) if field else ""
        except Exception:  # a list field (audiences…) or the record as a whole
            name = field or ""
        for item in items:
            message = " ".join(item.messages)
            yield item.code or "invalid", f"{name}: {message}" if name and name != "__all__" else message


def run_events_import(job, progress):
    user = job.user
    if user is None or not can_create(user):
        raise JobFailed([line_error(None, ImportErrorCode.NOT_ALLOWED)])
    tables = _lookups()
    prefix = scope_prefix(user) or ""
    areas = {a.code: a for a in Area.objects.filter(code__startswith=prefix)}
    series = {header_key(s.name): s for s in EventSeries.objects.all()}
    advisors = {}
    for advisor in Advisor.objects.only("id", "name"):
        advisors.setdefault(header_key(advisor.name), advisor.pk)
    existing = set(Event.objects.filter(area__code__startswith=prefix).values_list("area_id", "title", "starts_at"))
    errors, created, unchanged, rows, years = [], [], 0, 0, set()
    try:
        with transaction.atomic(), job.file.open("rb") as handle:
            total = count_lines(handle, job.file_name.lower()) or 0
            for line, raw in read_table(handle, job.file_name.lower(), COLUMNS, REQUIRED):
                rows += 1
                try:
                    data = _data(line, raw, tables, areas, series, advisors)
                except CellError as problem:
                    errors.append(line_error(line, problem.code, **problem.params))
                    continue
                key = (data["area"].pk, data["title"], data["starts_at"])
                if key in existing:
                    unchanged += 1
                    continue
                existing.add(key)
                try:
                    with transaction.atomic():
                        event = create_event(user, data)
                except ValidationError as error:
                    errors.extend({"line": line, "code": c, "message": m} for c, m in _messages(error))
                    continue
                created.append(event.pk)
                years.add(local_date(event.starts_at).year)
                progress(rows // 2, max(total, rows))
            if errors or job.dry_run:
                transaction.set_rollback(True)
            elif created:
                Event.objects.filter(pk__in=created).update(import_job=job)
    except FileRefused as refused:
        raise JobFailed([{"line": None, "code": refused.code.value, "message": refused.message}]) from None
    if not rows:
        raise JobFailed([line_error(None, ImportErrorCode.NO_ROWS)])
    if errors:
        raise JobFailed(errors, rows_total=rows)
    return Outcome(rows_total=rows, created=len(created), unchanged=unchanged, summary={"years": sorted(years)})


def undo_events_import(job, by):
    events = Event.objects.filter(import_job=job)
    if CheckIn.objects.filter(event__in=events).exists():
        raise ImportRefused(ImportErrorCode.EVENT_HAS_CHECKINS)
    for event in events.select_related("area"):
        AuditEntry.objects.create(
            user=by,
            action=AuditEntry.Action.DELETE,
            model=event._meta.label_lower,
            object_id=str(event.pk),
            summary=f"undo import #{job.pk}: {event.title}"[:300],
            area_code=event.area.code,
        )
    events.delete()
