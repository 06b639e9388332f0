"""Request parsers. DRF's JSON parser turns malformed JSON into a 400 but lets Python's
RecursionError through for deeply nested input ("[[[[…"), which would be a 500 on every endpoint."""

from django.utils.translation import gettext_lazy as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("The JSON is nested too deeply.")) from None
