"""Import a roster of legal-savvy persons from the spreadsheet a justice office keeps (.xlsx or .csv).

One row per person; the first non-empty row holds the headers, in Chinese or English:
镇街/town, 村居/village (name within the town, or the 12-digit code), 姓名/name, 性别/gender,
出生年份/birth_year, 电话/phone, 来源/source (Chinese label or code), 任命日期/appointed_on,
证书编号/certificate_no (村民小组/villager_group optional).

Every row is checked before anything is written; one bad row and nothing is imported. Files are
read as a stream (openpyxl read-only mode, CSV line by line) so a large roster never sits in memory
as a workbook; villages are resolved with one query; the rows are written with bulk inserts.
"""

import codecs
import csv
import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.models import AuditEntry
from advisors.models import Assignment
from common.phones import normalize_mobile
from places.models import Area

from .models import Gender, LegalSavvyPerson, LegalSavvyTerm
from .quota import active_terms_q

PROGRESS_EVERY = 1000
BATCH = 1000
MAX_FILE_BYTES = 20 * 1024 * 1024


class RowErrorCode(models.TextChoices):
    UNKNOWN_TOWN = "unknown_town", _("unknown town")
    UNKNOWN_VILLAGE = "unknown_village", _("unknown village: no such village in this town (in your area)")
    AMBIGUOUS_VILLAGE = "ambiguous_village", _("several villages have this name: give the town or the village code")
    INACTIVE_VILLAGE = "inactive_village", _("this village is no longer active")
    MISSING_NAME = "missing_name", _("the name is empty")
    TOO_LONG = "too_long", _("the text is too long")
    BAD_GENDER = "bad_gender", _("unknown gender: use 男/女 or male/female")
    BAD_BIRTH_YEAR = "bad_birth_year", _("bad birth year: a year between 1900 and this year")
    BAD_PHONE = "bad_phone", _("bad phone: a mainland China mobile number (11 digits starting with 1)")
    BAD_DATE = "bad_date", _("bad date: use YYYY-MM-DD")
    DATE_IN_FUTURE = "date_in_future", _("the appointment date is in the future")
    UNKNOWN_SOURCE = "unknown_source", _("unknown source: use a category such as 村干部, 人民调解员, 网格员")
    DUPLICATE_EXISTING = "duplicate_existing", _(
        "already in the registry of this village (same name and phone, same certificate number, or the same "
        "name with neither to tell them apart)"
    )
    DUPLICATE_IN_FILE = "duplicate_in_file", _("the same person appears earlier in the file, on line %(line)s")


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
}
REQUIRED = ("village", "name", "appointed_on")

GENDERS = {"男": Gender.MALE, "女": Gender.FEMALE, "male": Gender.MALE, "female": Gender.FEMALE,
           "m": Gender.MALE, "f": Gender.FEMALE, "": Gender.UNSPECIFIED, "unspecified": Gender.UNSPECIFIED,
           "未知": Gender.UNSPECIFIED, "不详": Gender.UNSPECIFIED}

S = LegalSavvyPerson.Source
SOURCE_LABELS = {
    "村干部": S.CADRE, "村（社区）干部": S.CADRE, "村(社区)干部": S.CADRE, "社区干部": S.CADRE, "村两委干部": S.CADRE,
    "人民调解员": S.MEDIATOR, "调解员": S.MEDIATOR,
    "网格员": S.GRID_WORKER,
    "党员": S.PARTY_MEMBER, "农村党员": S.PARTY_MEMBER,
    "妇联执委": S.WOMENS_FEDERATION, "妇联": S.WOMENS_FEDERATION, "妇联成员": S.WOMENS_FEDERATION,
    "五老": S.FIVE_ELDERS, "“五老”": S.FIVE_ELDERS, "\"五老\"": S.FIVE_ELDERS, "五老人员": S.FIVE_ELDERS,
    "“五老”人员": S.FIVE_ELDERS,
    "辅警": S.AUXILIARY_POLICE, "警务助理": S.AUXILIARY_POLICE,
    "村民小组长": S.GROUP_HEAD, "小组长": S.GROUP_HEAD, "村小组长": S.GROUP_HEAD,
    "其他": S.OTHER, "其它": S.OTHER, "": S.OTHER,
}
VILLAGE_SUFFIXES = ("村民委员会", "居民委员会", "村委会", "居委会", "社区", "村")
TOWN_SUFFIXES = ("街道办事处", "人民政府", "街道", "镇")


class RosterFileError(Exception):
    def __init__(self, code, **params):
        self.code = code
        self.params = params
        super().__init__(str(self))

    def __str__(self):
        return str(FileErrorCode(self.code).label) % self.params if self.params else str(FileErrorCode(self.code).label)


@dataclass
class RowError:
    line: int
    column: str
    code: str
    value: str = ""
    params: dict = field(default_factory=dict)

    @property
    def message(self):
        text = str(RowErrorCode(self.code).label)
        return text % self.params if self.params else text

    @property
    def column_label(self):
        """The column as a roster names it, in both header languages: 任命日期/appointed_on."""
        aliases = COLUMNS.get(self.column)
        return f"{aliases[0]}/{aliases[1]}" if aliases else self.column

    def __str__(self):
        value = f" «{self.value}»" if self.value else ""
        return f"line {self.line}, {self.column}{value}: {self.message}"


@dataclass(slots=True)
class CleanRow:
    """A checked row, kept small: a large file holds one of these per row until it is written."""

    line: int
    village_id: int
    village_code: str
    village_name: str
    town_name: str
    name: str
    gender: str
    birth_year: int | None
    phone: str
    source: str
    appointed_on: dt.date
    certificate_no: str
    villager_group: str

    def keys(self):
        """What makes a row the same person as another in its village: name + phone, or certificate;
        with neither, the name alone (nothing else tells two people apart)."""
        keys = []
        if self.phone:
            keys.append(("phone", self.village_id, self.name, self.phone))
        if self.certificate_no:
            keys.append(("cert", self.village_id, self.certificate_no))
        return keys or [("name", self.village_id, self.name)]

    @property
    def source_label(self):
        return S(self.source).label

    def known_as(self):
        """The keys later rows are matched against."""
        return self.keys() + [("name", self.village_id, self.name)]


@dataclass
class VillageChange:
    code: str
    name: str
    town: str
    active_now: int
    adding: int

    @property
    def active_after(self):
        return self.active_now + self.adding

    @property
    def meets_quota_now(self):
        return self.active_now >= settings.LEGAL_SAVVY_QUOTA

    @property
    def meets_quota_after(self):
        return self.active_after >= settings.LEGAL_SAVVY_QUOTA


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    errors: list = field(default_factory=list)
    villages: list = field(default_factory=list)
    preview: list = field(default_factory=list)
    dry_run: bool = False
    file_error: str = ""

    @property
    def ok(self):
        return not self.errors and not self.file_error

    @property
    def error_count_by_code(self):
        return Counter(error.code for error in self.errors)


# --- Reading ----------------------------------------------------------------------------------

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
        for line, row in enumerate(csv.reader(handle), start=1):
            yield line, row


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


# --- Cleaning one row -------------------------------------------------------------------------

def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_date(value):
    """A date from a cell: a real date, an Excel serial number, or text like 2024-03-01,
    2024/3/1, 2024.3.1, 2024年3月1日, 20240301. Raises ValueError."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 20000 <= value <= 80000:  # Excel serial day (1954–2119)
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
        value = _text(value)
    text = _text(value)
    match = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+[\d:]+)?", text)
    if match is None:
        match = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
    if match is None:
        raise ValueError(text)
    return dt.date(*(int(part) for part in match.groups()))


def _loose(name, suffixes):
    name = re.sub(r"\s", "", name)
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


class VillageIndex:
    """Every village in the importer's area, loaded with one query, looked up by code or by
    (town, name): the exact name first, then without suffixes such as 村/社区/村委会 (towns 镇/街道)."""

    def __init__(self, prefix=""):
        rows = Area.objects.villages().filter(code__startswith=prefix).values(
            "id", "code", "name", "active", "parent__code", "parent__name"
        )
        self.by_code, self.exact, self.loose, self.towns = {}, defaultdict(list), defaultdict(list), {}
        for row in rows:
            town = row["parent__code"] or ""
            self.by_code[row["code"]] = row
            if town:
                self.towns[town] = town
                self.towns[_squeeze(row["parent__name"])] = town
                self.towns.setdefault(_loose(row["parent__name"] or "", TOWN_SUFFIXES), town)
            for town_key in {town, ""}:
                self.exact[(town_key, _squeeze(row["name"]))].append(row)
                self.loose[(town_key, _loose(row["name"], VILLAGE_SUFFIXES))].append(row)

    def town_code(self, town):
        """"" when no town is given, None when it is unknown."""
        town = _squeeze(town)
        if not town:
            return ""
        return self.towns.get(town) or self.towns.get(_loose(town, TOWN_SUFFIXES))

    def find(self, town, village):
        """(village row, error code or None)."""
        town_code = self.town_code(town)
        if town_code is None:
            return None, RowErrorCode.UNKNOWN_TOWN
        village = _squeeze(village)
        if village.isdigit():
            row = self.by_code.get(village)
            if row is None or (town_code and row["parent__code"] != town_code):
                return None, RowErrorCode.UNKNOWN_VILLAGE
        else:
            candidates = self.exact.get((town_code, village)) or self.loose.get(
                (town_code, _loose(village, VILLAGE_SUFFIXES)), []
            )
            if not village or not candidates:
                return None, RowErrorCode.UNKNOWN_VILLAGE
            if len(candidates) > 1:
                return None, RowErrorCode.AMBIGUOUS_VILLAGE
            row = candidates[0]
        if not row["active"]:
            return None, RowErrorCode.INACTIVE_VILLAGE
        return row, None


def _squeeze(value):
    return re.sub(r"\s", "", _text(value))


def _source_lookup():
    """Chinese roster labels, the codes, and the choice labels in every language we speak."""
    lookup = dict(SOURCE_LABELS)
    for code, _label in settings.LANGUAGES:
        with translation.override(code):
            for value, label in S.choices:
                lookup[value] = value
                lookup[str(label).lower()] = value
    return lookup


def clean_row(line, raw, villages, sources, today):
    """({field: value} ready for LegalSavvyPerson, [RowError])."""
    errors = []

    def fail(column, code, value="", **params):
        errors.append(RowError(line, column, code, _text(value)[:60], params))

    village, error = villages.find(raw.get("town"), raw.get("village"))
    if error == RowErrorCode.UNKNOWN_TOWN:
        fail("town", error, raw.get("town"))
    elif error:
        fail("village", error, raw.get("village"))
    name = re.sub(r"\s+", " ", _text(raw.get("name")))
    if not name:
        fail("name", RowErrorCode.MISSING_NAME)
    elif len(name) > 50:
        fail("name", RowErrorCode.TOO_LONG, name)
    gender = GENDERS.get(_text(raw.get("gender")).lower())
    if gender is None:
        fail("gender", RowErrorCode.BAD_GENDER, raw.get("gender"))
    birth_year = None
    birth_text = _text(raw.get("birth_year")).rstrip("年")
    if birth_text:
        if isinstance(raw.get("birth_year"), (dt.date, dt.datetime)):
            birth_text = str(raw["birth_year"].year)
        if not birth_text.isdigit() or not 1900 <= int(birth_text) <= today.year:
            fail("birth_year", RowErrorCode.BAD_BIRTH_YEAR, raw.get("birth_year"))
        else:
            birth_year = int(birth_text)
    phone = _text(raw.get("phone"))
    if phone:
        try:
            phone = normalize_mobile(phone)
        except Exception:
            fail("phone", RowErrorCode.BAD_PHONE, phone)
    source_text = _text(raw.get("source"))
    source = sources.get(source_text) or sources.get(source_text.lower())
    if source is None:
        fail("source", RowErrorCode.UNKNOWN_SOURCE, source_text)
    appointed_on = None
    try:
        appointed_on = parse_date(raw.get("appointed_on"))
    except (TypeError, ValueError):
        fail("appointed_on", RowErrorCode.BAD_DATE, raw.get("appointed_on"))
    else:
        if appointed_on > today:
            fail("appointed_on", RowErrorCode.DATE_IN_FUTURE, appointed_on.isoformat())
    certificate_no = _text(raw.get("certificate_no"))
    if len(certificate_no) > 40:
        fail("certificate_no", RowErrorCode.TOO_LONG, certificate_no)
    villager_group = _text(raw.get("villager_group"))
    if len(villager_group) > 50:
        fail("villager_group", RowErrorCode.TOO_LONG, villager_group)
    if errors:
        return None, errors
    return CleanRow(
        line=line, village_id=village["id"], village_code=village["code"], village_name=village["name"],
        town_name=village["parent__name"] or "", name=name, gender=gender, birth_year=birth_year, phone=phone,
        source=source, appointed_on=appointed_on, certificate_no=certificate_no, villager_group=villager_group,
    ), []


# --- Checking and writing the whole file ------------------------------------------------------

def _existing_keys(village_ids):
    """Keys of persons already registered in those villages (see CleanRow.known_as)."""
    keys = set()
    ids = sorted(village_ids)
    for start in range(0, len(ids), 500):
        rows = LegalSavvyPerson.objects.filter(village_id__in=ids[start:start + 500]).values_list(
            "village_id", "name", "phone", "certificate_no"
        )
        for village_id, name, phone, certificate in rows:
            keys.add(("name", village_id, name))
            if phone:
                keys.add(("phone", village_id, name, phone))
            if certificate:
                keys.add(("cert", village_id, certificate))
    return keys


def _current_advisors(village_ids, on_date):
    advisors = {}
    ids = sorted(village_ids)
    for start in range(0, len(ids), 500):
        rows = (
            Assignment.objects.filter(village_id__in=ids[start:start + 500], starts_on__lte=on_date,
                                      advisor__active=True)
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on_date))
            .order_by("starts_on").values_list("village_id", "advisor_id")
        )
        advisors.update(dict(rows))  # the latest start wins
    return advisors


def _active_counts(village_ids, on_date):
    counts = {}
    ids = sorted(village_ids)
    for start in range(0, len(ids), 500):
        rows = (
            LegalSavvyTerm.objects.filter(active_terms_q(on_date), village_id__in=ids[start:start + 500])
            .order_by().values("village_id").annotate(n=models.Count("person", distinct=True))
            .values_list("village_id", "n")
        )
        counts.update(dict(rows))
    return counts


def import_roster(path, filename=None, *, dry_run=False, user=None, scope="", progress=None, preview_rows=20):
    """Check every row of the roster at ``path``; unless ``dry_run``, create all persons or none.

    ``scope``: only villages whose code starts with it are known (the uploader's area).
    ``progress(rows_read)`` is called every PROGRESS_EVERY rows.
    """
    result = ImportResult(dry_run=dry_run)
    today = timezone.localdate()
    villages = VillageIndex(scope or "")
    sources = _source_lookup()
    clean, seen = [], {}
    try:
        for line, raw in read_roster(path, filename):
            result.rows += 1
            if progress is not None and result.rows % PROGRESS_EVERY == 0:
                progress(result.rows)
            row, errors = clean_row(line, raw, villages, sources, today)
            if errors:
                result.errors.extend(errors)
                continue
            earlier = next((seen[key] for key in row.keys() if key in seen), None)
            if earlier is not None:
                result.errors.append(RowError(line, "name", RowErrorCode.DUPLICATE_IN_FILE, row.name,
                                              {"line": earlier}))
                continue
            for key in row.known_as():
                seen.setdefault(key, line)
            clean.append(row)
    except RosterFileError as exc:
        result.file_error = str(exc)
        return result
    if progress is not None and result.rows % PROGRESS_EVERY:
        progress(result.rows)
    if result.rows == 0:
        result.file_error = str(RosterFileError(FileErrorCode.NO_ROWS))
        return result

    village_ids = {row.village_id for row in clean}
    existing = _existing_keys(village_ids)
    for row in clean:
        if any(key in existing for key in row.keys()):
            result.errors.append(RowError(row.line, "name", RowErrorCode.DUPLICATE_EXISTING, row.name))
    result.errors.sort(key=lambda error: error.line)
    _describe_changes(result, clean, village_ids, today, preview_rows)
    if not result.ok or dry_run:
        return result
    try:
        with transaction.atomic():
            _write(clean, village_ids, user, today)
    except IntegrityError:
        result.file_error = str(RosterFileError(FileErrorCode.CONFLICT))
        return result
    result.created = len(clean)
    return result


def _describe_changes(result, clean, village_ids, today, preview_rows):
    adding = Counter(row.village_id for row in clean)
    counts = _active_counts(village_ids, today)
    first = {}
    for row in clean:
        first.setdefault(row.village_id, row)
    result.villages = sorted(
        (VillageChange(row.village_code, row.village_name, row.town_name, counts.get(vid, 0), adding[vid])
         for vid, row in first.items()),
        key=lambda change: change.code,
    )
    result.preview = clean[:preview_rows]
    result.created = 0


def _write(clean, village_ids, user, today):
    advisors = _current_advisors(village_ids, today)
    for start in range(0, len(clean), BATCH):
        batch = clean[start:start + BATCH]
        persons = LegalSavvyPerson.objects.bulk_create([
            LegalSavvyPerson(
                village_id=row.village_id, name=row.name, gender=row.gender, birth_year=row.birth_year,
                phone=row.phone, source=row.source, appointed_on=row.appointed_on,
                certificate_no=row.certificate_no, villager_group=row.villager_group,
                advisor_id=advisors.get(row.village_id),
            )
            for row in batch
        ])
        LegalSavvyTerm.objects.bulk_create([
            LegalSavvyTerm(person_id=person.pk, village_id=person.village_id, appointed_on=person.appointed_on)
            for person in persons
        ])
        who = user if (user is not None and user.is_authenticated) else None
        AuditEntry.objects.bulk_create([
            AuditEntry(user=who, action=AuditEntry.Action.CREATE, model=person._meta.label_lower,
                       object_id=str(person.pk), summary=f"{person.name} ({row.village_name})", changes={},
                       area_code=row.village_code, record_date=person.appointed_on)
            for person, row in zip(persons, batch)
        ])
