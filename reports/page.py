"""Everything the figures page and its XLSX show for one year and area, in a fixed number of queries.

When the year is closed the report shows the snapshot's figures, with the live value beside each
figure that has changed since, and the audit entries that explain the change.
"""

from advisors.compliance import area_compliance, year_range
from legalsavvy.models import LegalSavvyActivity, VillageHonor
from quality.queries import open_flag_count

from .figures import FIGURE_ROWS, annual_figures, breakdown_by_child, monthly_breakdown, number, volunteer_side
from .narrative import chinese_paragraph, english_paragraph
from .yearclose import changes_after_close, current_snapshot, differences, snapshot_history


def _change(value, last):
    change = round(value - last, 2)
    if isinstance(change, float) and change.is_integer():
        change = int(change)
    pct = round(change / last * 100, 1) if last else None
    return change, pct


def honor_label(key):
    title, level, status = (key.split(":") + ["", "", ""])[:3]
    pairs = (
        (VillageHonor.Title.choices, title),
        (VillageHonor.Level.choices, level),
        (VillageHonor.Status.choices, status),
    )
    return " · ".join(str(dict(choices).get(value, value)) for choices, value in pairs)


def _map_rows(shown, last, live, diff_keys, key, label_of):
    names = list(shown.get(key) or {}) + [n for n in (last.get(key) or {}) if n not in (shown.get(key) or {})]
    rows = []
    for name in names:
        value = (shown.get(key) or {}).get(name, 0)
        before = (last.get(key) or {}).get(name, 0)
        change, pct = _change(value, before)
        flat = f"{key}:{name}"
        rows.append(
            {
                "key": flat,
                "label": label_of(name),
                "value": value,
                "last": before,
                "change": change,
                "pct": pct,
                "live": (live.get(key) or {}).get(name, 0) if flat in diff_keys else None,
            }
        )
    return rows


# The figures of the year-on-year table by area (the page and the Word report): each sums over the
# child areas, so the rows add up to the total.
YEAR_ON_YEAR_KEYS = [
    "duty_shifts",
    "consultation_batches",
    "mediations",
    "events",
    "event_attendees",
    "legal_savvy_total",
]


def year_on_year(by_area, last_by_area, shown, last):
    """[{code, name, total, values: {key: (this year, last year)}}]: the child areas (name None for
    events held at the area itself), then the total row (``total`` true)."""
    before = {row["code"]: row for row in last_by_area}
    rows = [
        {
            "code": row["code"],
            "name": row["name"],
            "total": False,
            "values": {key: (row.get(key, 0), before.get(row["code"], {}).get(key, 0)) for key in YEAR_ON_YEAR_KEYS},
        }
        for row in by_area
    ]
    rows.append(
        {
            "code": None,
            "name": None,
            "total": True,
            "values": {key: (shown.get(key, 0), last.get(key, 0)) for key in YEAR_ON_YEAR_KEYS},
        }
    )
    return rows


def build_report(year, area):
    live = annual_figures(year, area)
    last = annual_figures(year - 1, area)
    snapshot = current_snapshot(year, area)
    shown = snapshot.figures if snapshot else live
    diffs = differences(snapshot.figures, live) if snapshot else []
    diff_keys = {row["key"] for row in diffs}
    rows = []
    for key, label, unit in FIGURE_ROWS:
        value, before = shown.get(key, 0), last.get(key, 0)
        change, pct = _change(value, before)
        rows.append(
            {
                "key": key,
                "label": label,
                "unit": unit,
                "value": value,
                "last": before,
                "change": change,
                "pct": pct,
                "live": live.get(key, 0) if key in diff_keys else None,
            }
        )
    activity_labels = dict(LegalSavvyActivity.Kind.choices)
    sections = [
        ("series_episodes", _map_rows(shown, last, live, diff_keys, "series_episodes", lambda n: f"《{n}》")),
        (
            "legal_savvy_activities",
            _map_rows(shown, last, live, diff_keys, "legal_savvy_activities", lambda n: activity_labels.get(n, n)),
        ),
        ("honors", _map_rows(shown, last, live, diff_keys, "honors", honor_label)),
    ]
    monthly = monthly_breakdown(year, area)
    totals = {key: sum(m[key] for m in monthly) for key in ("shifts", "hours", "home_visits", "events", "attendees")}
    totals["hours"] = number(totals["hours"])
    by_area = (snapshot.figures.get("by_area") if snapshot else None) or breakdown_by_child(year, area)
    return {
        "year": year,
        "last_year": year - 1,
        "area": area,
        "live": live,
        "last": last,
        "shown": shown,
        "snapshot": snapshot,
        "differences": diffs,
        "changes": list(changes_after_close(snapshot)) if snapshot else [],
        "history": list(snapshot_history(year, area)),
        "rows": rows,
        "sections": sections,
        "monthly": monthly,
        "monthly_totals": totals,
        "by_area": by_area,
        "by_area_yoy": year_on_year(by_area, breakdown_by_child(year - 1, area), shown, last),
        "volunteers": volunteer_side(year, area),
        "duty_compliance": area_compliance(area.code, *year_range(year)),
        "narrative_zh": chinese_paragraph(shown, area),
        "narrative_en": english_paragraph(shown, area),
        "open_flags": open_flag_count(year, area),
    }
