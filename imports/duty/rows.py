"""One ledger line: its cells turned into a shift's values and checked by the same rules as the
forms (``advisors.services.check_shift_fields``) plus the assignment in force; what needs the other
lines or the database (duplicates, overlaps, existing shifts) is checked set-wise in ``run``."""

from types import SimpleNamespace

from advisors.errors import DutyError, DutyRefused
from advisors.models import DutyShift
from advisors.services import check_shift_fields, check_topic_counts
from common.errors import Refusal

from ..cells import CellError, empty, text, to_choice, to_date, to_int, to_time
from ..errors import ImportErrorCode, line_error, refusal_error
from ..reading import header_key
from .columns import COUNTERS, TOPIC, allowed_modes

# The values a line carries, in this order (the compact tuple kept per line), then its topic counts:
# None when the file has no topic columns (a registered shift's counts are kept), else a sorted tuple
# of (code, n) — () for none.
FIELDS = ("advisor_id", "village_id", "date", "start_time", "end_time", "mode", *COUNTERS, "notes")


def _village(raw, lookups):
    code = text(raw.get("village"))
    if code:
        if not lookups.in_scope_code(code):
            return None, line_error(0, ImportErrorCode.OUT_OF_SCOPE)
        village = lookups.by_code.get(code)
        if village is None:
            return None, line_error(0, ImportErrorCode.UNKNOWN_VILLAGE, value=code)
        return village, None
    name = text(raw.get("village_name"))
    if not name:
        return None, line_error(0, ImportErrorCode.MISSING_VALUE, column=lookups.labels["village_name"])
    candidates = lookups.by_name.get(header_key(name), [])
    town = text(raw.get("town"))
    if town:
        candidates = [v for v in candidates if v.parent and header_key(v.parent.name) == header_key(town)]
    if len(candidates) != 1:
        shown = f"{town} {name}".strip()
        return None, line_error(0, ImportErrorCode.UNKNOWN_VILLAGE, value=shown)
    return candidates[0], None


def _advisor(raw, lookups):
    ident = text(raw.get("advisor"))
    if ident:
        advisor = lookups.advisors.get(int(ident)) if ident.isdigit() else None
        if advisor is None:
            return None, line_error(0, ImportErrorCode.UNKNOWN_ADVISOR, value=ident)
        return advisor, None
    license_no = text(raw.get("license_no"))
    if license_no:
        advisor = lookups.by_license.get(header_key(license_no))
        if advisor is None:
            return None, line_error(0, ImportErrorCode.UNKNOWN_ADVISOR, value=license_no)
        return advisor, None
    name = text(raw.get("advisor_name"))
    if not name:
        return None, line_error(0, ImportErrorCode.MISSING_VALUE, column=lookups.labels["advisor_name"])
    candidates = lookups.advisors_by_name.get(header_key(name), [])
    if not candidates:
        return None, line_error(0, ImportErrorCode.UNKNOWN_ADVISOR, value=name)
    if len(candidates) > 1:
        return None, line_error(0, ImportErrorCode.AMBIGUOUS_ADVISOR, value=name)
    return candidates[0], None


def check_line(line, raw, lookups, modes, today):
    """(values tuple in FIELDS order, None, village) or (None, [errors], village or None) for one line."""
    errors = []
    village, error = _village(raw, lookups)
    if error:
        errors.append(error)
    advisor, error = _advisor(raw, lookups)
    if error:
        errors.append(error)
    values = {}
    for column, parse in (("date", to_date), ("start_time", to_time), ("end_time", to_time)):
        cell = raw.get(column)
        if empty(cell):
            code = DutyError.END_REQUIRED if column == "end_time" else None
            if code is not None:
                errors.append(refusal_error(line, DutyRefused(code, column)))
            else:
                errors.append(line_error(line, ImportErrorCode.MISSING_VALUE, column=lookups.labels[column]))
            continue
        try:
            values[column] = parse(cell, lookups.labels[column])
        except CellError as problem:
            errors.append(line_error(line, problem.code, **problem.params))
    mode = DutyShift.Mode.OFFICE
    if not empty(raw.get("mode")):
        try:
            mode = to_choice(raw["mode"], lookups.labels["mode"], modes, allowed_modes())
        except CellError as problem:
            errors.append(line_error(line, problem.code, **problem.params))
    for name in COUNTERS:
        try:
            values[name] = to_int(raw.get(name), lookups.labels[name])
        except CellError as problem:
            errors.append(line_error(line, problem.code, **problem.params))
    topics = None
    topic_columns = [column for column in raw if column.startswith(TOPIC)]
    if topic_columns:
        topics = {}
        for column in topic_columns:
            try:
                topics[column.removeprefix(TOPIC)] = to_int(raw.get(column), lookups.labels[column])
            except CellError as problem:
                errors.append(line_error(line, problem.code, **problem.params))
    if errors:
        return None, [dict(error, line=line) for error in errors], village
    # A plain object with a shift's attributes: check_shift_fields reads and normalises only those,
    # and a model instance per line would cost more than the checks themselves.
    shift = SimpleNamespace(
        advisor=advisor,
        village=village,
        mode=mode,
        notes=text(raw.get("notes"))[:2000],
        **values,
    )
    try:
        check_shift_fields(shift, today=today)
        if not lookups.assigned(advisor.pk, village.pk, shift.date):
            raise DutyRefused(
                DutyError.NOT_ASSIGNED,
                "village",
                advisor=advisor.name,
                village=village.name,
                date=shift.date.isoformat(),
            )
        if topics is not None:
            # The forms', API's and offline sync's own rule: never more than the shift's totals.
            topics = check_topic_counts(
                topics,
                consultation_batches=shift.consultation_batches,
                mediations=shift.mediations,
                known=lookups.topics.keys(),
            )
    except Refusal as refusal:
        return None, [refusal_error(line, refusal)], village
    values = (
        advisor.pk,
        village.pk,
        shift.date,
        shift.start_time,
        shift.end_time,
        shift.mode,
        *(getattr(shift, name) for name in COUNTERS),
        shift.notes,
        None if topics is None else tuple(sorted(topics.items())),
    )
    return values, None, village
