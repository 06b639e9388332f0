"""Import a roster of legal-savvy persons from the spreadsheet a justice office keeps (.xlsx or .csv).

One row per person; the first non-empty row holds the headers, in Chinese or English:
镇街/town, 村居/village (name within the town, or the 12-digit code), 姓名/name, 性别/gender,
出生年份/birth_year, 电话/phone, 来源/source (Chinese label or code), 任命日期/appointed_on,
证书编号/certificate_no (村民小组/villager_group optional).

Every row is checked before anything is written; one bad row and nothing is imported. Files are
read as a stream (openpyxl read-only mode, CSV line by line) so a large roster never sits in memory
as a workbook; villages are resolved with one query; the rows are written with bulk inserts.

``reading`` turns the file into raw rows, ``rows`` checks one row, ``run`` checks the whole file and
writes it; callers import everything from ``legalsavvy.importer``.
"""

from .reading import (
    COLUMNS,
    HEADER_LOOKUP,
    MAX_FILE_BYTES,
    REQUIRED,
    FileErrorCode,
    RosterFileError,
    read_roster,
)
from .rows import (
    GENDERS,
    SOURCE_LABELS,
    TOWN_SUFFIXES,
    VILLAGE_SUFFIXES,
    CleanRow,
    RowError,
    RowErrorCode,
    VillageIndex,
    clean_row,
    parse_date,
)
from .run import BATCH, PROGRESS_EVERY, ImportResult, VillageChange, import_roster

__all__ = [
    "BATCH",
    "COLUMNS",
    "GENDERS",
    "HEADER_LOOKUP",
    "MAX_FILE_BYTES",
    "PROGRESS_EVERY",
    "REQUIRED",
    "SOURCE_LABELS",
    "TOWN_SUFFIXES",
    "VILLAGE_SUFFIXES",
    "CleanRow",
    "FileErrorCode",
    "ImportResult",
    "RosterFileError",
    "RowError",
    "RowErrorCode",
    "VillageChange",
    "VillageIndex",
    "clean_row",
    "import_roster",
    "parse_date",
    "read_roster",
]
