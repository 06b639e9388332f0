"""Reading a roster file: .xlsx (openpyxl read-only) or .csv (utf-8 or GB18030), streamed row by row,
the header row matched to our columns in Chinese or English. Whole-file problems raise RosterFileError."""

import codecs
import csv
import re

from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_FILE_BYTES = 20 * 1024 * 1024


class FileErrorCode(models.TextChoices):
    UNREADABLE = "unreadable", _("The file cannot be read: upload an .xlsx or .csv file.")
    BAD_TYPE = "bad_type", _("Only .xlsx and .csv files can be imported.")
    TOO_BIG = "too_big", _("The file is too large (at most 20 MB).")
    NO_HEADER = "no_header", _("The file has no header row.")
    MISSING_COLUMNS = "missing_columns", _("Columns missing from the header row: %(columns)s.")
    NO_ROWS = "no_rows", _("The file has no rows below the header.")
    CONFLICT = "conflict", _("Someone registered the same person while the file was being imported; run it again.")


COLUMNS = {
    "town": ["镇街", "town", "镇", "镇街名称", "镇（街）", "镇(街)", "所属镇街"],
    "village": ["村居", "village", "村（社区）", "村(社区)", "村社区", "村", "所属村居", "村居名称"],
    "name": ["姓名", "name"],
    "gender": ["性别", "gender"],
    "birth_year": ["出生年份", "birth_year", "出生年", "birthyear"],
    "phone": ["电话", "phone", "联系电话", "手机", "手机号码"],
    "source": ["来源", "source", "人员类别", "类别"],
    "appointed_on": ["任命日期", "appointed_on", "聘任日期", "appointedon"],
    "certificate_no": ["证书编号", "certificate_no", "证书号", "certificateno"],
    "villager_group": ["村民小组", "villager_group", "villagergroup"],
    # A registered person's row may also remove them (status + removal date) or appoint them again.
    "status": ["状态", "status", "任职状态", "在任状态"],
    "removed_on": ["撤销日期", "removed_on", "免职日期", "退出日期", "removal_date", "removedon", "removaldate"],
    "removal_reason": ["撤销原因", "removal_reason", "免职原因", "退出原因", "removalreason"],
}
REQUIRED = ("village", "name", "appointed_on")


class RosterFileError(Exception):
    def __init__(self, code, **params):
        self.code = code
        self.params = params
        super().__init__(str(self))

    def __str__(self):
        return str(FileErrorCode(self.code).label) % self.params if self.params else str(FileErrorCode(self.code).label)


def _header_key(text):
    return re.sub(r"[\s_*]", "", str(text or "")).lower()


HEADER_LOOKUP = {_header_key(alias): column for column, aliases in COLUMNS.items() for alias in aliases}


def _csv_encoding(path):
    """utf-8 (with or without BOM) when the whole file decodes, else GB18030 (Excel's Chinese CSVs)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as handle:
        try:
            while chunk := handle.read(1 << 16):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "gb18030"
    return "utf-8-sig"


def _csv_rows(path):
    with open(path, encoding=_csv_encoding(path), newline="") as handle:
        yield from enumerate(csv.reader(handle), start=1)


def _xlsx_rows(path):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # not a zip, not a workbook, encrypted…: the user gets "cannot read"
        raise RosterFileError(FileErrorCode.UNREADABLE) from None
    try:
        sheet = workbook.worksheets[0]
        for line, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield line, list(row)
    finally:
        workbook.close()


def read_roster(path, filename=None):
    """Yield (line, {column: raw value}) for every non-empty data row. Raises RosterFileError."""
    name = str(filename or path).lower()
    if name.endswith(".xlsx"):
        raw_rows = _xlsx_rows(path)
    elif name.endswith(".csv"):
        raw_rows = _csv_rows(path)
    else:
        raise RosterFileError(FileErrorCode.BAD_TYPE)
    columns = None
    try:
        for line, row in raw_rows:
            if all(cell is None or str(cell).strip() == "" for cell in row):
                continue
            if columns is None:
                columns = [HEADER_LOOKUP.get(_header_key(cell)) for cell in row]
                missing = [c for c in REQUIRED if c not in columns]
                if missing:
                    names = ", ".join(f"{COLUMNS[c][0]}/{COLUMNS[c][1]}" for c in missing)
                    raise RosterFileError(FileErrorCode.MISSING_COLUMNS, columns=names)
                continue
            values = {}
            for column, cell in zip(columns, row):
                if column is not None and column not in values:
                    values[column] = cell
            yield line, values
    except (UnicodeDecodeError, csv.Error):
        raise RosterFileError(FileErrorCode.UNREADABLE) from None
    if columns is None:
        raise RosterFileError(FileErrorCode.NO_HEADER)
