"""Logins from an uploaded roster: dry run, every bad line named, all or nothing, then the slips."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from accounts.models import User

pytestmark = pytest.mark.django_db

GOOD = "姓名,角色,镇街,电话,用户名,执业证号\n赵律师,法律顾问,井岸镇,13800138011,,LIC-1\n钱组织,活动组织者,440403107,,qian,\n"


def upload(text, name="roster.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"))


def test_dry_run_then_create(client_as, users, roster):
    roster.a.license_no = "LIC-1"
    roster.a.save()
    client = client_as(users.town_officer)
    dry = client.post("/people/import/", {"file": upload(GOOD), "dry_run": "on"})
    assert dry.status_code == 200 and "2 行都没有问题" in dry.content.decode()
    assert not User.objects.filter(username__in=["13800138011", "qian"]).exists()
    done = client.post("/people/import/", {"file": upload(GOOD)})
    assert done.status_code == 302 and done["Location"] == "/people/slips/"
    zhao = User.objects.get(username="13800138011")
    assert zhao.role == "advisor" and zhao.scope.code == "440403107" and zhao.advisor_profile == roster.a
    assert User.objects.get(username="qian").role == "organizer"
    assert client.get("/people/slips/").content.decode().count('class="slip"') == 2


def test_every_bad_line_is_named_and_nothing_is_created(client_as, users):
    text = (
        "name,role,town,phone,username\n"
        "好人,advisor,井岸镇,,good1\n"
        ",advisor,井岸镇,,x1\n"
        "坏角色,boss,井岸镇,,x2\n"
        "外镇,advisor,白蕉镇,,x3\n"
        "升职,coordinator,井岸镇,,x4\n"
        "重名,advisor,井岸镇,,advisor_a\n"
    )
    response = client_as(users.town_officer).post("/people/import/", {"file": upload(text)})
    html = response.content.decode()
    assert response.status_code == 200 and "没有创建任何账号" in html
    for line in (3, 4, 5, 6, 7):
        assert f"第 {line} 行" in html
    assert "第 2 行" not in html
    assert not User.objects.filter(username="good1").exists()


def test_xlsx_and_bad_files(client_as, users):
    book = Workbook()
    book.active.append(["姓名", "角色", "用户名"])
    book.active.append(["孙顾问", "法律顾问", "sun"])
    buffer = io.BytesIO()
    book.save(buffer)
    client = client_as(users.coordinator)
    xlsx = SimpleUploadedFile("r.xlsx", buffer.getvalue())
    assert client.post("/people/import/", {"file": xlsx}).status_code == 302
    assert User.objects.get(username="sun").scope == users.coordinator.scope
    bad = client.post("/people/import/", {"file": upload("a,b\n1,2\n")})
    assert "表头缺少以下列" in bad.content.decode()
    wrong = client.post("/people/import/", {"file": SimpleUploadedFile("r.txt", b"x")})
    assert "只能导入" in wrong.content.decode()


def test_other_roles_are_refused(client_as, users):
    assert client_as(users.advisor).get("/people/import/").status_code == 403
