"""Colour scales of the coverage map, and the printable map drawn on the server as SVG (no JavaScript).

Every village is exactly one element carrying ``data-code`` and ``id="v-<code>"``: its boundary
as a <path>, else a <circle> at its coordinates (dashed when the coordinates are approximate), else
a small square in the "no coordinates" strip under the map. Town outlines (boundary, else the
convex hull of their villages) are drawn underneath without a code.
"""

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .geo import geometry_points, is_area_geometry, rings

NO_DATA_COLOUR = "#bdbdbd"
# ColorBrewer RdYlBu: readable for the common forms of colour blindness, worst = red.
WORST, BAD, FAIR, GOOD = "#d73027", "#fc8d59", "#91bfdb", "#4575b4"


@dataclass(frozen=True)
class Bin:
    below: float | None  # upper bound (exclusive); None = no upper bound
    colour: str
    label: object  # lazy translated text


@dataclass(frozen=True)
class Metric:
    key: str
    label: object
    bins: tuple

    def colour(self, value):
        if value is None:
            return NO_DATA_COLOUR
        for item in self.bins:
            if item.below is None or value < item.below:
                return item.colour
        return self.bins[-1].colour


METRICS = {
    metric.key: metric
    for metric in (
        Metric(
            "score",
            gettext_lazy("Score (0–100)"),
            (
                Bin(40, WORST, "0–39"),
                Bin(60, BAD, "40–59"),
                Bin(80, FAIR, "60–79"),
                Bin(None, GOOD, "80–100"),
            ),
        ),
        Metric(
            "events",
            gettext_lazy("Events held"),
            (
                Bin(1, WORST, gettext_lazy("none")),
                Bin(2, BAD, "1"),
                Bin(4, FAIR, "2–3"),
                Bin(None, GOOD, gettext_lazy("4 or more")),
            ),
        ),
        Metric(
            "duty",
            gettext_lazy("Duty hours against required (per cent)"),
            (
                Bin(50, WORST, "< 50%"),
                Bin(80, BAD, "50–79%"),
                Bin(100, FAIR, "80–99%"),
                Bin(None, GOOD, "≥ 100%"),
            ),
        ),
        Metric(
            "legal_savvy",
            gettext_lazy("Legal-savvy persons against quota (per cent)"),
            (
                Bin(1, WORST, gettext_lazy("none")),
                Bin(50, BAD, "1–49%"),
                Bin(100, FAIR, "50–99%"),
                Bin(None, GOOD, gettext_lazy("quota met")),
            ),
        ),
        Metric(
            "residents",
            gettext_lazy("Residents reached per 1,000 population"),
            (
                Bin(0.001, WORST, gettext_lazy("none")),
                Bin(10, BAD, gettext_lazy("under 10")),
                Bin(50, FAIR, "10–49"),
                Bin(None, GOOD, gettext_lazy("50 or more")),
            ),
        ),
    )
}
DEFAULT_METRIC = "score"


def metric_or_default(key):
    return METRICS.get(key) or METRICS[DEFAULT_METRIC]


def metrics_config():
    """The scales as plain data for the map's JavaScript (labels translated now)."""
    return {
        key: {
            "label": str(m.label),
            "bins": [{"below": b.below, "colour": b.colour, "label": str(b.label)} for b in m.bins],
        }
        for key, m in METRICS.items()
    }


class _Projection:
    """Equirectangular projection scaled to the box; x grows east, y grows south."""

    def __init__(self, points, width, height, margin):
        lons = [p[0] for p in points] or [0.0]
        lats = [p[1] for p in points] or [0.0]
        self.min_lon, self.max_lon = min(lons), max(lons)
        self.min_lat, self.max_lat = min(lats), max(lats)
        self.kx = math.cos(math.radians((self.min_lat + self.max_lat) / 2))
        span_x = max((self.max_lon - self.min_lon) * self.kx, 1e-6)
        span_y = max(self.max_lat - self.min_lat, 1e-6)
        self.scale = min((width - 2 * margin) / span_x, (height - 2 * margin) / span_y)
        self.margin = margin
        self.width = span_x * self.scale + 2 * margin
        self.height = span_y * self.scale + 2 * margin

    def __call__(self, lon, lat):
        x = self.margin + (lon - self.min_lon) * self.kx * self.scale
        y = self.margin + (self.max_lat - lat) * self.scale
        return round(x, 1), round(y, 1)


def _path(geometry, project):
    parts = []
    for ring in rings(geometry):
        points = [project(float(p[0]), float(p[1])) for p in ring if isinstance(p, (list, tuple)) and len(p) >= 2]
        if len(points) >= 3:
            parts.append("M" + "L".join(f"{x},{y}" for x, y in points) + "Z")
    return " ".join(parts)


def _title(row, metric):
    value = row.metric(metric.key)
    shown = _("no data") if value is None else f"{value:g}"
    text = f"{row.name} ({row.village}) — {metric.label}: {shown}"
    if row.coords_approximate:
        text += " — " + _("approximate position")
    return f"<title>{escape(text)}</title>"


# Presentation attributes rather than a <style> element: the site's Content-Security-Policy blocks inline
# styles, and the SVG is also served on its own (/coverage/map.svg) and embedded in the Word report.
TOWN_STROKE = 'fill="none" stroke="#555" stroke-width="1.2"'
VILLAGE_STROKE = 'stroke="#333" stroke-width=".8"'


def render_svg(rows, outlines=(), metric_key=DEFAULT_METRIC, title="", width=800, height=720):
    """The coverage map as an SVG document (a string)."""
    metric = metric_or_default(metric_key)
    points = []
    for row in rows:
        if is_area_geometry(row.boundary):
            points.extend(geometry_points(row.boundary))
        elif row.lat is not None and row.lon is not None:
            points.append((row.lon, row.lat))
    for outline in outlines:
        points.extend(geometry_points(outline["geometry"]))
    project = _Projection(points, width, height, margin=24)
    map_width = max(project.width, 320)
    unplaced = [row for row in rows if not row.has_location]
    per_line = max(1, int((map_width - 20) // 150))
    strip_height = (28 + 20 * math.ceil(len(unplaced) / per_line)) if unplaced else 0
    legend_top = project.height + strip_height + 8
    legend_height = 24 + 20 * (len(metric.bins) + 1)
    total_height = legend_top + legend_height

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="coverage-svg" '
        f'viewBox="0 0 {map_width:.0f} {total_height:.0f}" width="{map_width:.0f}" height="{total_height:.0f}" '
        f'role="img" aria-label={quoteattr(title or str(metric.label))} '
        f'font-family="sans-serif" font-size="12">',
        f'<rect width="{map_width:.0f}" height="{total_height:.0f}" fill="#fff"/>',
    ]
    if title:
        out.append(f'<text x="8" y="16" font-size="14" font-weight="bold">{escape(title)}</text>')
    out.append('<g class="towns">')
    for outline in outlines:
        css = "town hull" if outline.get("hull") else "town"
        d = _path(outline["geometry"], project)
        dash = ' stroke-dasharray="4 3"' if outline.get("hull") else ""
        out.append(f'<path class="{css}" {TOWN_STROKE}{dash} data-town={quoteattr(outline["code"])} d="{d}"/>')
        town_points = geometry_points(outline["geometry"])
        if town_points:
            x, y = project(
                sum(p[0] for p in town_points) / len(town_points), sum(p[1] for p in town_points) / len(town_points)
            )
            out.append(
                f'<text class="town-name" fill="#555" font-size="11" x="{x}" y="{y}" text-anchor="middle">'
                f"{escape(outline['name'])}</text>"
            )
    out.append("</g>")
    out.append('<g class="villages">')
    for row in rows:
        colour = metric.colour(row.metric(metric.key))
        attrs = f'id="v-{row.village}" data-code="{row.village}" fill="{colour}" {VILLAGE_STROKE}'
        if is_area_geometry(row.boundary):
            out.append(f'<path class="village" {attrs} d="{_path(row.boundary, project)}">{_title(row, metric)}</path>')
        elif row.lat is not None and row.lon is not None:
            x, y = project(row.lon, row.lat)
            css = "village approx" if row.coords_approximate else "village"
            dash = ' stroke-dasharray="2 2"' if row.coords_approximate else ""
            out.append(f'<circle class="{css}" {attrs}{dash} cx="{x}" cy="{y}" r="6">{_title(row, metric)}</circle>')
    out.append("</g>")
    if unplaced:
        top = project.height + 4
        out.append(
            f'<g class="unplaced"><text x="8" y="{top + 14:.0f}">'
            f"{escape(_('Without coordinates (not on the map):'))}</text>"
        )
        for i, row in enumerate(unplaced):
            x = 8 + (i % per_line) * 150
            y = top + 24 + (i // per_line) * 20
            colour = metric.colour(row.metric(metric.key))
            out.append(
                f'<rect class="village" id="v-{row.village}" data-code="{row.village}" fill="{colour}" {VILLAGE_STROKE} '
                f'x="{x}" y="{y:.0f}" width="12" height="12">{_title(row, metric)}</rect>'
            )
            out.append(f'<text x="{x + 16}" y="{y + 11:.0f}">{escape(row.name)}</text>')
        out.append("</g>")
    out.append(
        f'<g class="legend"><text x="8" y="{legend_top + 14:.0f}" font-weight="bold">{escape(str(metric.label))}</text>'
    )
    for i, item in enumerate(list(metric.bins) + [Bin(None, NO_DATA_COLOUR, gettext_lazy("no data"))]):
        y = legend_top + 22 + i * 20
        out.append(
            f'<rect x="8" y="{y:.0f}" width="14" height="14" fill="{item.colour}" stroke="#333" stroke-width=".5"/>'
        )
        out.append(f'<text x="28" y="{y + 12:.0f}">{escape(str(item.label))}</text>')
    out.append("</g></svg>")
    return "\n".join(out)
