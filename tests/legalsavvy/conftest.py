"""Fixtures for the legal-savvy registry: persons made through the services, an advisor assigned
to a village, the API tests' persons and resource URLs, and file helpers for roster imports."""

import csv
import datetime as dt
from itertools import count

import pytest
from openpyxl import Workbook

from advisors.models import Advisor, Assignment
from legalsavvy import services

D = dt.date
# The API resources of test_api_persons.py and test_api_records.py.
PERSONS, TRAININGS, ACTIVITIES, HONORS = (
    "/api/legal-savvy-persons/",
    "/api/trainings/",
    "/api/legal-savvy-activities/",
    "/api/honors/",
)

_phones = count(13800000000)


def next_phone():
    return str(next(_phones))


@pytest.fixture
def person_factory(db):
    """make(village, name=..., appointed_on=..., **fields) → a person with their first term."""
    names = count(1)

    def make(village, name=None, appointed_on=dt.date(2023, 1, 1), **fields):
        fields.setdefault("phone", next_phone())
        fields.setdefault("advisor", None)
        return services.appoint_person(
            village=village, name=name or f"人员{next(names)}", appointed_on=appointed_on, **fields
        )

    return make


@pytest.fixture
def village_advisor(areas, users):
    """Advisor 王律师 (the advisor user's profile) assigned to 尖峰村 since 2022."""
    advisor = Advisor.objects.create(name="王律师", phone="13911112222", user=users.advisor)
    Assignment.objects.create(advisor=advisor, village=areas.jianfeng, starts_on=dt.date(2022, 1, 1))
    return advisor


@pytest.fixture
def people(areas, person_factory, village_advisor):
    """The API tests' three: 陈大文 (尖峰村, paired with the village advisor), 李小红 (新伟社区), 王五
    (南澳村). test_pages_registry.py defines its own ``people``, which takes precedence there."""
    chen = person_factory(
        areas.jianfeng,
        name="陈大文",
        phone="13800138000",
        source="mediator",
        appointed_on=D(2022, 5, 1),
        advisor=village_advisor,
        certificate_no="DM-1",
    )
    li = person_factory(areas.xinwei, name="李小红", phone="13800138001", appointed_on=D(2023, 1, 1))
    wang = person_factory(areas.nanao, name="王五", phone="13800138002", appointed_on=D(2023, 2, 1))
    return {"chen": chen, "li": li, "wang": wang}


def write_csv(path, rows, encoding="utf-8-sig"):
    with open(path, "w", newline="", encoding=encoding) as handle:
        csv.writer(handle).writerows(rows)
    return path


def write_xlsx(path, rows):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("名册")
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


HEADER_ZH = ["镇街", "村居", "姓名", "性别", "出生年份", "电话", "来源", "任命日期", "证书编号"]
HEADER_EN = ["town", "village", "name", "gender", "birth_year", "phone", "source", "appointed_on", "certificate_no"]
