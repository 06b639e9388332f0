"""Import the area tree from CSV or GeoJSON: validate every row first, then write all or nothing.

CSV columns: code,name,level,parent,kind,lat,lon (and optionally coords_approximate, population,
households, active); other columns are ignored. GeoJSON: a FeatureCollection whose properties carry
code, name, level, parent (kind, population… optional); a Point geometry gives lat/lon, a Polygon or
MultiPolygon becomes the boundary. Existing areas are matched by code and updated.
"""

import csv
import io
import json
import math
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import CODE_LENGTHS, Area

KINDS_BY_LEVEL = {
    "village": {"village", "community"},
    "town": {"town", "subdistrict"},
}
UPDATABLE = [
    "name",
    "level",
    "kind",
    "lat",
    "lon",
    "coords_approximate",
    "population",
    "households",
    "boundary",
    "active",
]


class ImportErrorCode:
    """Why a row was refused (codes stay; the text is translated)."""

    MESSAGES = {
        "bad_code": _("bad code: an area code is 2, 4, 6, 9 or 12 digits matching its level"),
        "bad_level": _("bad level: use province, city, district, town or village"),
        "bad_kind": _("bad kind for this level"),
        "missing_name": _("the name is empty"),
        "duplicate_code": _("the same code appears twice in the file"),
        "missing_parent": _("a town or village needs a parent code"),
        "unknown_parent": _("unknown parent: no such area in the database or the file"),
        "parent_not_prefix": _("the parent code is not a prefix of the code"),
        "parent_wrong_level": _("the parent is not one level above"),
        "bad_coordinates": _("bad coordinates: latitude -90..90 and longitude -180..180, both or neither"),
        "bad_number": _("population and households must be whole numbers ≥ 0"),
        "bad_geometry": _("bad geometry: use a Point, Polygon or MultiPolygon"),
        "bad_file": _("the file cannot be read"),
    }


@dataclass
class RowError:
    line: int
    code: str
    reason: str
    message: str

    def __str__(self):
        where = f"line {self.line}" + (f" ({self.code})" if self.code else "")
        return f"{where}: [{self.reason}] {self.message}"


@dataclass
class ImportResult:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: int = 0
    errors: list = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self):
        return not self.errors


class AreaFileError(Exception):
    pass


def _error(line, code, reason):
    return RowError(line, code or "", reason, str(ImportErrorCode.MESSAGES[reason]))


# --- Reading -----------------------------------------------------------------------------


def read_csv(text):
    """[(line number, dict)] with line 1 the header, so data starts at line 2."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if not reader.fieldnames or "code" not in [f.strip() for f in reader.fieldnames]:
        raise AreaFileError(_("The CSV has no header row with a 'code' column."))
    rows = []
    for index, raw in enumerate(reader, start=2):
        rows.append(
            (index, {(k or "").strip(): (v or "").strip() if isinstance(v, str) else v for k, v in raw.items()})
        )
    return rows


def read_geojson(text):
    """[(feature number, dict)] from a FeatureCollection; the 'line' is the feature's 1-based index."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AreaFileError(_("The GeoJSON is not valid JSON: %(error)s") % {"error": exc}) from None
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(data.get("features"), list)
    ):
        raise AreaFileError(_("The GeoJSON must be a FeatureCollection."))
    rows = []
    for index, feature in enumerate(data["features"], start=1):
        props = dict(feature.get("properties") or {}) if isinstance(feature, dict) else {}
        props = {k: ("" if v is None else v) for k, v in props.items()}
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        props["_geometry"] = geometry
        rows.append((index, props))
    return rows


def read_file(path):
    with open(path, encoding="utf-8-sig") as handle:
        text = handle.read()
    lower = str(path).lower()
    if lower.endswith((".geojson", ".json")):
        return read_geojson(text)
    return read_csv(text)


# --- Validating --------------------------------------------------------------------------


def _text(value):
    return str(value).strip() if value is not None else ""


def _number(value, cast):
    text = _text(value)
    if text == "":
        return None
    number = cast(text)
    if isinstance(number, float) and not math.isfinite(number):
        raise ValueError(text)
    return number


def _bool(value, default):
    text = _text(value).lower()
    if text == "":
        return default
    return text in {"1", "true", "yes", "y", "是"}


def _valid_position(position):
    return (
        isinstance(position, (list, tuple))
        and len(position) >= 2
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in position[:2])
        and -180 <= position[0] <= 180
        and -90 <= position[1] <= 90
    )


def _valid_rings(rings):
    return (
        isinstance(rings, list)
        and rings
        and all(isinstance(ring, list) and len(ring) >= 4 and all(_valid_position(p) for p in ring) for ring in rings)
    )


def _parse_geometry(geometry):
    """(lat, lon, boundary) from a GeoJSON geometry; raises ValueError with a reason code."""
    if geometry in (None, ""):
        return None, None, None
    if not isinstance(geometry, dict):
        raise ValueError("bad_geometry")
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if kind == "Point":
        if not _valid_position(coordinates):
            raise ValueError("bad_coordinates")
        return float(coordinates[1]), float(coordinates[0]), None
    if kind == "Polygon":
        if not _valid_rings(coordinates):
            raise ValueError("bad_coordinates")
        return None, None, {"type": kind, "coordinates": coordinates}
    if kind == "MultiPolygon":
        if not isinstance(coordinates, list) or not coordinates or not all(_valid_rings(p) for p in coordinates):
            raise ValueError("bad_coordinates")
        return None, None, {"type": kind, "coordinates": coordinates}
    raise ValueError("bad_geometry")


def validate(rows):
    """Clean rows and collect every error. Returns (clean rows, errors)."""
    errors, clean, seen = [], [], {}
    for line, raw in rows:
        code = _text(raw.get("code"))
        level = _text(raw.get("level")).lower()
        parent = _text(raw.get("parent"))
        row_errors = []
        if level not in CODE_LENGTHS:
            row_errors.append("bad_level")
        if (
            not code.isdigit()
            or len(code) not in CODE_LENGTHS.values()
            or (level in CODE_LENGTHS and len(code) != CODE_LENGTHS[level])
        ):
            row_errors.append("bad_code")
        name = _text(raw.get("name"))
        if not name:
            row_errors.append("missing_name")
        kind = _text(raw.get("kind")).lower() or None
        if kind is not None and kind not in KINDS_BY_LEVEL.get(level, set()):
            row_errors.append("bad_kind")
        if parent:
            if not parent.isdigit():
                row_errors.append("unknown_parent")
            elif code and not code.startswith(parent) or parent == code:
                row_errors.append("parent_not_prefix")
        elif level in ("town", "village"):
            row_errors.append("missing_parent")
        lat = lon = boundary = None
        try:
            lat = _number(raw.get("lat"), float)
            lon = _number(raw.get("lon"), float)
            if (lat is None) != (lon is None) or (lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180)):
                raise ValueError
        except (TypeError, ValueError):
            row_errors.append("bad_coordinates")
        if "_geometry" in raw:
            try:
                g_lat, g_lon, boundary = _parse_geometry(raw["_geometry"])
                if g_lat is not None:
                    lat, lon = g_lat, g_lon
            except ValueError as exc:
                row_errors.append(str(exc))
        population = households = None
        try:
            population = _number(raw.get("population"), int)
            households = _number(raw.get("households"), int)
            if (population is not None and population < 0) or (households is not None and households < 0):
                raise ValueError
        except (TypeError, ValueError):
            row_errors.append("bad_number")
        if code in seen and code:
            row_errors.append("duplicate_code")
        seen.setdefault(code, line)
        if row_errors:
            errors.extend(_error(line, code, reason) for reason in dict.fromkeys(row_errors))
            continue
        clean.append(
            {
                "line": line,
                "code": code,
                "parent": parent or None,
                "values": {
                    "name": name,
                    "level": level,
                    "kind": kind,
                    "lat": lat,
                    "lon": lon,
                    "coords_approximate": _bool(raw.get("coords_approximate"), False),
                    "population": population,
                    "households": households,
                    "boundary": boundary,
                    "active": _bool(raw.get("active"), True),
                },
            }
        )

    # Parents: in the file (and valid) or already in the database, one level up.
    file_levels = {row["code"]: row["values"]["level"] for row in clean}
    wanted = {row["parent"] for row in clean if row["parent"] and row["parent"] not in file_levels}
    db_levels = dict(Area.objects.filter(code__in=wanted).values_list("code", "level"))
    order = list(CODE_LENGTHS)
    good = []
    for row in clean:
        parent = row["parent"]
        if parent:
            parent_level = file_levels.get(parent) or db_levels.get(parent)
            if parent_level is None:
                errors.append(_error(row["line"], row["code"], "unknown_parent"))
                continue
            if order.index(parent_level) >= order.index(row["values"]["level"]):
                errors.append(_error(row["line"], row["code"], "parent_wrong_level"))
                continue
        good.append(row)
    errors.sort(key=lambda e: e.line)
    return good, errors


# --- Writing -----------------------------------------------------------------------------


def import_areas(rows, dry_run=False):
    """Validate ``rows`` (from read_csv/read_geojson); if all are good, create or update them atomically."""
    clean, errors = validate(rows)
    result = ImportResult(errors=errors, dry_run=dry_run)
    if errors:
        return result
    clean.sort(key=lambda row: len(row["code"]))  # parents before children
    with transaction.atomic():
        existing = {a.code: a for a in Area.objects.select_for_update().filter(code__in=[r["code"] for r in clean])}
        by_code = dict(existing)
        parents_needed = {r["parent"] for r in clean if r["parent"]} - set(by_code)
        by_code.update({a.code: a for a in Area.objects.filter(code__in=parents_needed)})
        for row in clean:
            area = existing.get(row["code"])
            parent = by_code.get(row["parent"]) if row["parent"] else None
            if area is None:
                area = Area(code=row["code"], parent=parent, **row["values"])
                if not dry_run:
                    area.save()
                by_code[area.code] = area
                result.created.append(area.code)
                continue
            changed = [f for f in UPDATABLE if getattr(area, f) != row["values"][f]]
            if (area.parent.code if area.parent_id else None) != row["parent"]:
                area.parent = parent
                changed.append("parent")
            if not changed:
                result.unchanged += 1
                continue
            for f in UPDATABLE:
                setattr(area, f, row["values"][f])
            if not dry_run:
                area.save()
            result.updated.append(area.code)
        if dry_run:
            transaction.set_rollback(True)
    return result
