"""Logins from an uploaded roster (.xlsx or .csv, first row headers in Chinese or English).

Columns: 姓名/name (required), 角色/role (required: Chinese label or code), 镇街/town (name or code;
the scope — empty means the uploader's own scope), 电话/phone, 用户名/username (empty: the mobile
number, else generated), 执业证号/license_no (links the advisor record with that licence number).
Every row is checked first; one bad row and nothing is created (every bad line named); a dry run
checks and creates nothing.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.errors import AccountRefused
from accounts.models import User
from accounts.scopes import scope_q
from advisors.models import Advisor
from places.models import Area

from . import access, services

MAX_ROWS = 2000
COLUMNS = {
    "name": ["姓名", "name"],
    "role": ["角色", "role"],
    "town": ["镇街", "town", "镇", "所属镇街", "scope", "范围"],
    "phone": ["电话", "phone", "手机", "手机号码", "联系电话"],
    "username": ["用户名", "username", "账号"],
    "license_no": ["执业证号", "license_no", "执业证号码", "证号"],
}
ROLE_WORDS = {
    "advisor": "advisor",
    "法律顾问": "advisor",
    "村（社区）法律顾问": "advisor",
    "村居法律顾问": "advisor",
    "organizer": "organizer",
    "组织者": "organizer",
    "活动组织者": "organizer",
    "普法活动组织者": "organizer",
    "town_officer": "town_officer",
    "司法所": "town_officer",
    "司法所工作人员": "town_officer",
    "coordinator": "coordinator",
    "协调员": "coordinator",
}


class RosterError(Exception):
    pass


@dataclass
class Result:
    rows: int = 0
    errors: list = field(default_factory=list)  # [(line, message)]
    made: list = field(default_factory=list)  # [(user, link, secret)]
    dry_run: bool = False

    @property
    def ok(self):
        return not self.errors


def _key(text):
    return re.sub(r"[\s_*]", "", str(text or "")).lower()


LOOKUP = {_key(alias): column for column, aliases in COLUMNS.items() for alias in aliases}


def read_rows(upload):
    """[(line, {column: text})] from an uploaded .csv (UTF-8 or GB18030) or .xlsx file."""
    name = (getattr(upload, "name", "") or "").lower()
    data = upload.read()
    if name.endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("gb18030", errors="replace")
        table = list(csv.reader(io.StringIO(text)))
    elif name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
            table = [["" if cell is None else str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
        except Exception:  # noqa: BLE001 - not a workbook at all: the user gets "cannot read"
            raise RosterError(_("The file cannot be read: upload an .xlsx or .csv file.")) from None
    else:
        raise RosterError(_("Only .xlsx and .csv files can be imported."))
    if not table:
        raise RosterError(_("The file has no header row."))
    header = [LOOKUP.get(_key(cell)) for cell in table[0]]
    missing = [COLUMNS[c][0] for c in ("name", "role") if c not in header]
    if missing:
        raise RosterError(_("Columns missing from the header row: %(columns)s.") % {"columns": "、".join(missing)})
    rows = []
    for line, cells in enumerate(table[1:], start=2):
        record = {column: str(cell).strip() for column, cell in zip(header, cells) if column}
        if any(record.values()):
            rows.append((line, record))
    if not rows:
        raise RosterError(_("The file has no rows below the header."))
    if len(rows) > MAX_ROWS:
        raise RosterError(_("At most %(n)s rows per file.") % {"n": MAX_ROWS})
    return rows


def _town(by, text):
    if not text:
        return by.scope
    towns = Area.objects.filter(scope_q(by, "code"), level__in=["district", "town"])
    return towns.filter(code=text).first() or towns.filter(name=text).first()


def import_roster(*, by, rows, dry_run=False):
    """Create a login for each row, or none at all. Returns a Result."""
    result = Result(rows=len(rows), dry_run=dry_run)
    if not access.may_manage_people(by):
        result.errors.append((0, _("You may not change this record.")))
        return result
    taken = {name.lower() for name in User.objects.values_list("username", flat=True)}
    with transaction.atomic():
        for line, record in rows:
            try:
                result.made.append(_one(by, record, taken))
            except AccountRefused as refusal:
                result.errors.append((line, refusal.text))
            except RosterError as error:
                result.errors.append((line, str(error)))
        if result.errors or dry_run:
            transaction.set_rollback(True)
            result.made = [] if result.errors else result.made
    return result


def _one(by, record, taken):
    name = record.get("name", "")
    if not name:
        raise RosterError(_("The name is missing."))
    role = ROLE_WORDS.get(record.get("role", "").strip().lower()) or ROLE_WORDS.get(record.get("role", "").strip())
    if role is None:
        raise RosterError(_("Unknown role %(role)s.") % {"role": record.get("role", "")})
    scope = _town(by, record.get("town", ""))
    if scope is None:
        raise RosterError(_("No town %(town)s in your area.") % {"town": record.get("town", "")})
    advisor = None
    if record.get("license_no"):
        advisor = Advisor.objects.filter(license_no=record["license_no"]).first()
        if advisor is None:
            raise RosterError(_("No advisor with licence number %(no)s.") % {"no": record["license_no"]})
    username = record.get("username") or ""
    if not username:
        stand_in = Advisor(pk=advisor.pk if advisor else None, phone=record.get("phone", ""))
        username = services.username_for(stand_in, taken) if (advisor or stand_in.phone) else ""
    if not username:
        raise RosterError(_("Give a username or a mobile number."))
    taken.add(username.lower())
    user, link, secret = services.create_login(
        by=by,
        username=username,
        role=role,
        scope=scope,
        first_name=name,
        phone=record.get("phone", ""),
        advisor=advisor,
    )
    return user, link, secret
