import math

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from places.importer import KINDS_BY_LEVEL
from places.models import CODE_LENGTHS, Area

LEVELS = list(CODE_LENGTHS)  # province … village, top down


class AreaCodeField(serializers.SlugRelatedField):
    """An area referred to by its code; anything but digits is refused before it reaches the database."""

    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "code")
        kwargs.setdefault("queryset", Area.objects.all())
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str) or not data.isdigit() or len(data) > 12:
            raise serializers.ValidationError(_("Enter an area code (digits only)."))
        return super().to_internal_value(data)


def _position_ok(position):
    """[lon, lat] or [lon, lat, altitude]: finite numbers, lon/lat within range."""
    return (
        isinstance(position, list)
        and 2 <= len(position) <= 3
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in position)
        and -180 <= position[0] <= 180
        and -90 <= position[1] <= 90
    )


def _rings_ok(rings):
    return (
        isinstance(rings, list)
        and bool(rings)
        and all(isinstance(ring, list) and len(ring) >= 4 and all(_position_ok(p) for p in ring) for ring in rings)
    )


def _area_geometry_ok(kind, coordinates):
    if kind == "Polygon":
        return _rings_ok(coordinates)
    if kind == "MultiPolygon":
        return isinstance(coordinates, list) and bool(coordinates) and all(_rings_ok(p) for p in coordinates)
    return False


class AreaSerializer(serializers.ModelSerializer):
    parent = AreaCodeField(allow_null=True, required=False)

    class Meta:
        model = Area
        fields = [
            "code",
            "name",
            "level",
            "parent",
            "kind",
            "lat",
            "lon",
            "coords_approximate",
            "population",
            "households",
            "boundary",
            "active",
        ]

    def validate_boundary(self, value):
        if value is None:
            return value
        if not isinstance(value, dict) or not _area_geometry_ok(value.get("type"), value.get("coordinates")):
            raise serializers.ValidationError(_("A boundary must be a GeoJSON Polygon or MultiPolygon geometry."))
        # Only the geometry itself is kept: stray members (or strings PostgreSQL's jsonb refuses,
        # like "\u0000") never reach the database, and the maps can draw every stored boundary.
        return {"type": value["type"], "coordinates": value["coordinates"]}

    def validate(self, attrs):
        code = attrs.get("code", getattr(self.instance, "code", None))
        level = attrs.get("level", getattr(self.instance, "level", None))
        parent = attrs.get("parent", getattr(self.instance, "parent", None))
        if code and level and len(code) != CODE_LENGTHS.get(level, -1):
            raise serializers.ValidationError(
                {"code": [_("A %(level)s code has %(n)d digits.") % {"level": level, "n": CODE_LENGTHS[level]}]}
            )
        if parent is not None and code and not code.startswith(parent.code):
            raise serializers.ValidationError({"parent": [_("The parent's code must be a prefix of the area's code.")]})
        if parent is not None and code and parent.code == code:
            raise serializers.ValidationError({"parent": [_("An area cannot be its own parent.")]})
        # The same rules as the area importer (places.importer), so the tree stays a tree.
        if self.instance is not None and "code" in attrs and attrs["code"] != self.instance.code:
            raise serializers.ValidationError(
                {"code": [_("An area's code cannot be changed: records and scopes refer to it.")]}
            )
        kind = attrs.get("kind", getattr(self.instance, "kind", None))
        if kind and level and kind not in KINDS_BY_LEVEL.get(level, ()):
            raise serializers.ValidationError(
                {
                    "kind": [
                        _(
                            "This kind does not fit the level: a village is village or community, a town is town or "
                            "subdistrict, other levels have none."
                        )
                    ]
                }
            )
        if parent is None and level in KINDS_BY_LEVEL:
            raise serializers.ValidationError({"parent": [_("A town or village needs a parent area.")]})
        if parent is not None and level in LEVELS and LEVELS.index(parent.level) >= LEVELS.index(level):
            raise serializers.ValidationError({"parent": [_("The parent must be at a higher level than the area.")]})
        return attrs
