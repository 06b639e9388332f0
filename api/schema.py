"""OpenAPI schema adjustments that describe what the API really sends (drf-spectacular extensions).

Times are "HH:MM" (REST_FRAMEWORK TIME_FORMAT), which is not OpenAPI's ``format: time`` (that one wants
seconds and an offset); they are declared as a pattern instead, so clients and the fuzz test
(tests/api/test_fuzz.py) validate against the truth. "HH:MM:SS" is accepted on input too.
"""

from drf_spectacular.extensions import OpenApiSerializerFieldExtension

TIME_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$"


class HourMinuteTimeField(OpenApiSerializerFieldExtension):
    target_class = "rest_framework.fields.TimeField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        return {"type": "string", "pattern": TIME_PATTERN, "example": "09:30"}
