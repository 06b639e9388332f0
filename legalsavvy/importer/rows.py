"""Checking one roster row: the village it names (by code, or by town and name), the person's details,
each problem reported as a RowError with its line and column."""

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from common.phones import normalize_mobile
from places.models import Area

from ..models import Gender, LegalSavvyPerson
from .reading import COLUMNS


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
    DUPLICATE_EXISTING = (
        "duplicate_existing",
        _(
            "already in the registry of this village (same name and phone, same certificate number, or the same "
            "name with neither to tell them apart)"
        ),
    )
    DUPLICATE_IN_FILE = "duplicate_in_file", _("the same person appears earlier in the file, on line %(line)s")
    BAD_STATUS = "bad_status", _("unknown status: use 在任/active or 撤销/removed")
    REMOVAL_DATE_REQUIRED = "removal_date_required", _("a removed person needs the removal date")
    REMOVED_BEFORE_APPOINTED = "removed_before_appointed", _("the removal date is before the appointment date")
    REMOVAL_IN_FUTURE = "removal_in_future", _("the removal date is in the future")
    AMBIGUOUS_PERSON = (
        "ambiguous_person",
        _("matches several persons of the registry of this village: give the phone or the certificate number"),
    )


GENDERS = {
    "男": Gender.MALE,
    "女": Gender.FEMALE,
    "male": Gender.MALE,
    "female": Gender.FEMALE,
    "m": Gender.MALE,
    "f": Gender.FEMALE,
    "": Gender.UNSPECIFIED,
    "unspecified": Gender.UNSPECIFIED,
    "未知": Gender.UNSPECIFIED,
    "不详": Gender.UNSPECIFIED,
}

S = LegalSavvyPerson.Source
SOURCE_LABELS = {
    "村干部": S.CADRE,
    "村（社区）干部": S.CADRE,
    "村(社区)干部": S.CADRE,
    "社区干部": S.CADRE,
    "村两委干部": S.CADRE,
    "人民调解员": S.MEDIATOR,
    "调解员": S.MEDIATOR,
    "网格员": S.GRID_WORKER,
    "党员": S.PARTY_MEMBER,
    "农村党员": S.PARTY_MEMBER,
    "妇联执委": S.WOMENS_FEDERATION,
    "妇联": S.WOMENS_FEDERATION,
    "妇联成员": S.WOMENS_FEDERATION,
    "五老": S.FIVE_ELDERS,
    "“五老”": S.FIVE_ELDERS,
    '"五老"': S.FIVE_ELDERS,
    "五老人员": S.FIVE_ELDERS,
    "“五老”人员": S.FIVE_ELDERS,
    "辅警": S.AUXILIARY_POLICE,
    "警务助理": S.AUXILIARY_POLICE,
    "村民小组长": S.GROUP_HEAD,
    "小组长": S.GROUP_HEAD,
    "村小组长": S.GROUP_HEAD,
    "其他": S.OTHER,
    "其它": S.OTHER,
    "": S.OTHER,
}
STATUSES = {
    "": "active",
    "在任": "active",
    "在职": "active",
    "任职": "active",
    "正常": "active",
    "有效": "active",
    "active": "active",
    "撤销": "removed",
    "已撤销": "removed",
    "免职": "removed",
    "已免职": "removed",
    "退出": "removed",
    "已退出": "removed",
    "离任": "removed",
    "removed": "removed",
}
VILLAGE_SUFFIXES = ("村民委员会", "居民委员会", "村委会", "居委会", "社区", "村")
TOWN_SUFFIXES = ("街道办事处", "人民政府", "街道", "镇")


@dataclass
class RowError:
    line: int
    column: str
    code: str
    value: str = ""
    params: dict = field(default_factory=dict)
    # The message of a service's refusal (its code is then the service's, e.g. reappointed_before_removal).
    text: str = ""

    @property
    def message(self):
        if self.text:
            return self.text
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
    status: str = "active"
    removed_on: dt.date | None = None
    removal_reason: str = ""
    # The optional details this row gives (non-empty cells): only these change a registered person.
    given: frozenset = frozenset()

    def identity_keys(self):
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
        return self.identity_keys() + [("name", self.village_id, self.name)]


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
        rows = (
            Area.objects.villages()
            .filter(code__startswith=prefix)
            .values("id", "code", "name", "active", "parent__code", "parent__name")
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
        """ "" when no town is given, None when it is unknown."""
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
    status, removed_on, removal_reason = _removal(raw, appointed_on, today, fail)
    if errors:
        return None, errors
    given = frozenset(
        column
        for column in ("gender", "birth_year", "phone", "source", "certificate_no", "villager_group")
        if _text(raw.get(column))
    )
    return CleanRow(
        line=line,
        village_id=village["id"],
        village_code=village["code"],
        village_name=village["name"],
        town_name=village["parent__name"] or "",
        name=name,
        gender=gender,
        birth_year=birth_year,
        phone=phone,
        source=source,
        appointed_on=appointed_on,
        certificate_no=certificate_no,
        villager_group=villager_group,
        status=status,
        removed_on=removed_on,
        removal_reason=removal_reason,
        given=given,
    ), []


def _removal(raw, appointed_on, today, fail):
    """(status, removed_on, removal_reason) of a row: a removal date alone also means removed."""
    status = STATUSES.get(_text(raw.get("status")).lower())
    if status is None:
        fail("status", RowErrorCode.BAD_STATUS, raw.get("status"))
    removed_on = None
    if _text(raw.get("removed_on")):
        try:
            removed_on = parse_date(raw.get("removed_on"))
        except (TypeError, ValueError):
            fail("removed_on", RowErrorCode.BAD_DATE, raw.get("removed_on"))
            return status, None, ""
        if not _text(raw.get("status")):
            status = "removed"
    if status == "removed":
        if removed_on is None:
            fail("removed_on", RowErrorCode.REMOVAL_DATE_REQUIRED)
        elif removed_on > today:
            fail("removed_on", RowErrorCode.REMOVAL_IN_FUTURE, removed_on.isoformat())
        elif appointed_on is not None and removed_on < appointed_on:
            fail("removed_on", RowErrorCode.REMOVED_BEFORE_APPOINTED, removed_on.isoformat())
    else:
        removed_on = None
    removal_reason = _text(raw.get("removal_reason"))[:200] if status == "removed" else ""
    return status, removed_on, removal_reason
