"""The Word report (.docx) of an area's year: ``report_docx(year, area)`` gives the bytes,
``docx_response(year, area)`` the download. The parts are the ordered ``sections.SECTIONS``."""

from .document import DOCX_CONTENT_TYPE, docx_response, report_docx

__all__ = ["DOCX_CONTENT_TYPE", "docx_response", "report_docx"]
