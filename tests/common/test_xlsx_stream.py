"""The streamed XLSX writer: what openpyxl reads back (with no warning), and that bytes leave before the
rows are all read."""

import datetime
import io
import warnings
import zipfile
from decimal import Decimal

import openpyxl

from common.xlsx_stream import column_letter, stream_xlsx


def _read(chunks):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # e.g. "Workbook contains no default style"
        return openpyxl.load_workbook(io.BytesIO(b"".join(chunks)))


def test_values_of_every_kind_read_back_as_written():
    rows = [
        ["尖峰村", 3, 1.25, Decimal("2.50"), True, None, datetime.date(2023, 3, 1)],
        ['a<b & "c"\x01', -7, 0.0, Decimal("0"), False, "", datetime.datetime(2023, 3, 1, 9, 30)],
        ["  spaced  ", 10**12, 1e-3, Decimal("1.333"), False, "x", datetime.time(14, 45)],
    ]
    header = ["村", "n", "f", "d", "b", "none", "when"]
    book = _read(stream_xlsx([("台账", header, iter(rows)), ("Second sheet with a very long title indeed", ["x"], [])]))
    assert book.sheetnames == ["台账", "Second sheet with a very long t"]
    values = list(book["台账"].iter_rows(values_only=True))
    assert values[0] == tuple(header)
    assert values[1] == ("尖峰村", 3, 1.25, 2.5, True, None, datetime.datetime(2023, 3, 1))
    assert values[2] == ('a<b & "c"', -7, 0, 0, False, None, datetime.datetime(2023, 3, 1, 9, 30))
    assert values[3][:6] == ("  spaced  ", 10**12, 0.001, 1.333, False, "x")
    assert values[3][6] == datetime.time(14, 45)
    assert list(book["Second sheet with a very long t"].iter_rows(values_only=True)) == [("x",)]


def test_the_first_bytes_leave_before_the_rows_are_read():
    read = []

    def rows():
        for n in range(50_000):
            read.append(n)
            yield [f"村{n}", n, n / 7]

    chunks = stream_xlsx([("Ledger", ["村", "n", "x"], rows())])
    first = next(chunks)
    assert first.startswith(b"PK") and read == []  # the workbook's frame, nothing read yet
    second = next(chunks)
    assert 0 < len(read) < 50_000 and second  # a chunk of the sheet while rows are still to come
    rest = b"".join(chunks)
    assert len(read) == 50_000
    zipped = zipfile.ZipFile(io.BytesIO(first + second + rest))
    assert zipped.testzip() is None
    sheet = _read([first, second, rest]).active
    assert sheet.max_row == 50_001 and sheet.cell(50_001, 1).value == "村49999"


def test_column_letters():
    assert [column_letter(i) for i in (0, 25, 26, 51, 701, 702)] == ["A", "Z", "AA", "AZ", "ZZ", "AAA"]
