"""The Word report's "不足与下一步" section carries the needs suggestions, neediest first."""

import pytest

from needs.suggestions import suggestion_sentences
from reports.docx.document import report_docx
from tests.reports.docx_reading import open_docx, texts

from .test_needs import EXPECTED_ZH

pytestmark = pytest.mark.django_db


def test_the_word_report_names_the_needs_outreach_missed(district):
    lines = texts(open_docx(report_docx(2023, district.district)))
    heading = lines.index("不足与下一步")
    assert lines[heading + 1 : heading + 1 + len(EXPECTED_ZH)] == EXPECTED_ZH


def test_a_town_report_names_only_its_villages(district, chinese):
    lines = texts(open_docx(report_docx(2023, district.jingan)))
    heading = lines.index("不足与下一步")
    expected = suggestion_sentences(2023, "440403107")
    assert expected and lines[heading + 1 : heading + 1 + len(expected)] == expected
