from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from places.models import CODE_LENGTHS, Area


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


class AreaSerializer(serializers.ModelSerializer):
    parent = AreaCodeField(allow_null=True, required=False)

    class Meta:
        model = Area
        fields = [
            "code", "name", "level", "parent", "kind", "lat", "lon", "coords_approximate",
            "population", "households", "boundary", "active",
        ]

    def validate_boundary(self, value):
        if value is None:
            return value
        if not isinstance(value, dict) or value.get("type") not in {"Polygon", "MultiPolygon"} \
                or not isinstance(value.get("coordinates"), list):
            raise serializers.ValidationError(_("A boundary must be a GeoJSON Polygon or MultiPolygon geometry."))
        return value

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
        return attrs
