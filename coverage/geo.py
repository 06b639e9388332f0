"""Plain-Python geometry for the coverage map: no GDAL, no PostGIS (see docs/ARCHITECTURE.md).

Coordinates are (lon, lat) pairs as in GeoJSON; areas keep ``lat``/``lon`` fields and an optional
``boundary`` GeoJSON geometry (Polygon or MultiPolygon).
"""

import math

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in kilometres; None when any coordinate is missing."""
    if None in (lat1, lon1, lat2, lon2):
        return None
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def convex_hull(points):
    """Convex hull of (lon, lat) points (Andrew's monotone chain), as a closed ring; None for < 3
    distinct points or when they are all on one line."""
    pts = sorted({(float(x), float(y)) for x, y in points})
    if len(pts) < 3:
        return None

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower, upper = [], []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    ring = lower[:-1] + upper[:-1]
    if len(ring) < 3:
        return None
    return [list(p) for p in ring] + [list(ring[0])]


def is_area_geometry(geometry):
    """True for a GeoJSON Polygon or MultiPolygon with a list of coordinates."""
    return (
        isinstance(geometry, dict)
        and geometry.get("type") in {"Polygon", "MultiPolygon"}
        and isinstance(geometry.get("coordinates"), list)
        and bool(geometry["coordinates"])
    )


def rings(geometry):
    """Every linear ring of a Polygon/MultiPolygon geometry (outer and holes)."""
    if not is_area_geometry(geometry):
        return []
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    return [ring for polygon in geometry["coordinates"] for ring in polygon]


def geometry_points(geometry):
    """All (lon, lat) positions of a geometry's rings."""
    points = []
    for ring in rings(geometry):
        for position in ring:
            if isinstance(position, (list, tuple)) and len(position) >= 2:
                points.append((float(position[0]), float(position[1])))
    return points
