"""Turning spreadsheet cells into values: dates, times, whole numbers and choices as Excel users type
them (2026-03-05, 2026/3/5, 2026年3月5日, 09:30, 9时30分, Excel's own date and time cells)."""

import datetime
import re

from .errors import ImportErrorCode


class CellError(Exception):
    def __init__(self, code, **params):
        self.code = code
        self.params = params


def empty(value):
    return value is None or (isinstance(value, str) and value.strip() == "")


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_TIME = re.compile(r"^(\d{1,2})\s*[:：时点.]\s*(\d{1,2})?\s*分?(?::(\d{1,2}))?$")


def to_date(value, column):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    match = _DATE.match(text) or (re.match(r"^(\d{4})(\d{2})(\d{2})$", text))
    if match:
        try:
            return datetime.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    raise CellError(ImportErrorCode.BAD_DATE, column=column, value=text[:40])


def to_time(value, column):
    if isinstance(value, datetime.datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, datetime.time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, float) and 0 <= value < 1:  # Excel's fraction of a day
        minutes = round(value * 24 * 60)
        return datetime.time(minutes // 60, minutes % 60)
    text = str(value).strip()
    match = _TIME.match(text)
    if match:
        try:
            return datetime.time(int(match[1]), int(match[2] or 0))
        except ValueError:
            pass
    raise CellError(ImportErrorCode.BAD_TIME, column=column, value=text[:40])


def to_int(value, column):
    if empty(value):
        return 0
    if isinstance(value, bool):
        raise CellError(ImportErrorCode.BAD_NUMBER, column=column, value=str(value))
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip()
    if re.fullmatch(r"-?\d+(\.0+)?", text):
        return int(float(text))
    raise CellError(ImportErrorCode.BAD_NUMBER, column=column, value=text[:40])


def to_choice(value, column, lookup, allowed):
    """``lookup``: {header_key(label or code): code}."""
    from .reading import header_key

    code = lookup.get(header_key(value))
    if code is None:
        raise CellError(ImportErrorCode.BAD_CHOICE, column=column, value=str(value)[:40], allowed=allowed)
    return code


def text(value):
    if empty(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
