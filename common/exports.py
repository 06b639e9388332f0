"""Streamed CSV and XLSX downloads: rows come from an iterator and are never all held in memory."""

import csv

from django.http import StreamingHttpResponse
from django.utils.http import content_disposition_header

from .xlsx_stream import stream_xlsx


class _Echo:
    def write(self, value):
        return value


def csv_response(filename, header, rows):
    """Stream a UTF-8 CSV (with BOM, so Excel opens Chinese text correctly)."""
    writer = csv.writer(_Echo())

    def generate():
        yield "\ufeff"
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow(row)

    response = StreamingHttpResponse(generate(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def xlsx_response(filename, sheets):
    """sheets: [(title, header, rows iterator)]. The workbook is zipped as the rows are read
    (``common.xlsx_stream``): the first bytes leave at once and memory stays flat."""
    response = StreamingHttpResponse(
        stream_xlsx(sheets), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
