"""Reading a table: .xlsx (openpyxl read-only) or .csv (UTF-8 or GB18030) or cells pasted from
Excel (tab-separated), streamed row by row; the header row is matched to an importer's columns by
its Chinese or English names and their synonyms. Whole-file problems raise FileRefused."""

import codecs
import csv
import io
import re

from .errors import ImportErrorCode

MAX_FILE_BYTES = 50 * 1024 * 1024


class FileRefused(Exception):
    def __init__(self, code, **params):
        self.code = code
        self.params = params
        super().__init__(self.message)

    @property
    def message(self):
        return str(self.code.label) % self.params if self.params else str(self.code.label)


def header_key(text):
    return re.sub(r"[\s_*（）()：:]", "", str(text or "")).lower()


def _encoding(handle):
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := handle.read(1 << 16):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "gb18030"
    finally:
        handle.seek(0)
    return "utf-8-sig"


def _csv_rows(handle, delimiter=","):
    text = io.TextIOWrapper(handle, encoding=_encoding(handle), newline="")
    yield from csv.reader(text, delimiter=delimiter)


def _xlsx_rows(handle):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except Exception:  # not a zip, not a workbook, encrypted…
        raise FileRefused(ImportErrorCode.UNREADABLE) from None
    try:
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            yield list(row)
    finally:
        workbook.close()


def count_lines(handle, name):
    """About how many data rows the file has (for the progress bar); None when unknown."""
    if name.endswith(".csv") or name.endswith(".tsv"):
        count = sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
        handle.seek(0)
        return max(count - 1, 0)
    return None


def read_table(handle, name, columns, required):
    """Yield (line, {column: raw cell}) for every non-empty row below the header.

    ``handle``: a binary file object; ``name`` tells the type (.xlsx, .csv, .tsv for pasted cells);
    ``columns``: {column: [header names…]}; ``required``: tuples of columns of which one must be there."""
    name = name.lower()
    if name.endswith(".xlsx"):
        raw_rows = _xlsx_rows(handle)
    elif name.endswith(".csv"):
        raw_rows = _csv_rows(handle)
    elif name.endswith(".tsv"):
        raw_rows = _csv_rows(handle, delimiter="\t")
    else:
        raise FileRefused(ImportErrorCode.BAD_TYPE)
    lookup = {header_key(alias): column for column, aliases in columns.items() for alias in aliases}
    found = None
    try:
        for line, row in enumerate(raw_rows, start=1):
            if all(cell is None or str(cell).strip() == "" for cell in row):
                continue
            if found is None:
                found = [lookup.get(header_key(cell)) for cell in row]
                missing = [group for group in required if not any(column in found for column in group)]
                if missing:
                    names = "; ".join(" / ".join(columns[column][0] for column in group) for group in missing)
                    raise FileRefused(ImportErrorCode.MISSING_COLUMNS, columns=names)
                continue
            values = {}
            for column, cell in zip(found, row):
                if column is not None and column not in values:
                    values[column] = cell.strip() if isinstance(cell, str) else cell
            yield line, values
    except (UnicodeDecodeError, csv.Error):
        raise FileRefused(ImportErrorCode.UNREADABLE) from None
    if found is None:
        raise FileRefused(ImportErrorCode.NO_HEADER)
