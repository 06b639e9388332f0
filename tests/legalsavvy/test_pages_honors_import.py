"""Honors and roster-import pages: honors added, listed, edited and scoped; the import page checks
a roster first, imports it on confirm, and refuses bad lines, files and areas."""

from django.urls import reverse

from legalsavvy.models import LegalSavvyPerson

# --- Honors ----------------------------------------------------------------------------------


def test_honors_are_added_listed_and_scoped(areas, users, client_as):
    client = client_as(users.town_officer)
    response = client.post(
        reverse("legalsavvy:honor_create"),
        {
            "village": areas.jianfeng.code,
            "title": "democracy_rule_of_law_village",
            "level": "provincial",
            "status": "awarded",
            "year": "2022",
        },
    )
    assert response.status_code == 302
    again = client.post(
        reverse("legalsavvy:honor_create"),
        {
            "village": areas.jianfeng.code,
            "title": "democracy_rule_of_law_village",
            "level": "provincial",
            "status": "candidate",
            "year": "2022",
        },
    )
    assert again.status_code == 200  # the same honor twice is refused
    outside = client.post(
        reverse("legalsavvy:honor_create"),
        {
            "village": areas.nanao.code,
            "title": "democracy_rule_of_law_village",
            "level": "city",
            "status": "awarded",
            "year": "2022",
        },
    )
    assert outside.status_code == 200
    from legalsavvy.models import VillageHonor

    honor = VillageHonor.objects.get()
    assert "尖峰村" in client.get(reverse("legalsavvy:honors") + "?level=provincial").content.decode()
    assert "尖峰村" not in client_as(users.other_town_officer).get(reverse("legalsavvy:honors")).content.decode()
    assert client_as(users.other_town_officer).get(reverse("legalsavvy:honor_edit", args=[honor.pk])).status_code == 404
    client_as(users.town_officer).post(
        reverse("legalsavvy:honor_edit", args=[honor.pk]),
        {
            "village": areas.jianfeng.code,
            "title": "democracy_rule_of_law_village",
            "level": "national",
            "status": "awarded",
            "year": "2023",
        },
    )
    honor.refresh_from_db()
    assert (honor.level, honor.year) == ("national", 2023)
    client_as(users.town_officer).post(reverse("legalsavvy:honor_delete", args=[honor.pk]))
    assert not VillageHonor.objects.exists()


# --- Import page -----------------------------------------------------------------------------


def test_the_import_page_is_for_coordinators(users, client_as):
    assert client_as(users.town_officer).get(reverse("legalsavvy:import")).status_code == 403
    assert client_as(users.coordinator).get(reverse("legalsavvy:import")).status_code == 200


def _upload(client, name, content, **extra):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(reverse("legalsavvy:import"), {"file": SimpleUploadedFile(name, content), **extra})


ROSTER = (
    "镇街,村居,姓名,性别,出生年份,电话,来源,任命日期,证书编号\n"
    "井岸镇,尖峰村,陈大文,男,1975,13800138000,村干部,2023-03-01,\n"
    "白蕉镇,南澳村,王五,男,1975,13800138002,调解员,2023-03-01,\n"
).encode()


def test_the_import_page_checks_first_then_imports_on_confirm(areas, users, client_as):
    client = client_as(users.coordinator)
    checked = _upload(client, "名册.csv", ROSTER)
    assert checked.status_code == 200
    result = checked.context["result"]
    assert result.ok and result.rows == 2 and not LegalSavvyPerson.objects.exists()
    token = checked.context["token"]
    done = client.post(reverse("legalsavvy:import"), {"confirm": "1", "token": token})
    assert done.status_code == 302 and LegalSavvyPerson.objects.count() == 2
    replay = client.post(reverse("legalsavvy:import"), {"confirm": "1", "token": token})
    assert replay.status_code == 302 and LegalSavvyPerson.objects.count() == 2  # the file is gone


def test_the_import_page_lists_bad_lines_and_imports_nothing(areas, users, client_as):
    bad = ROSTER + "井岸镇,无此村,赵六,男,1975,123,村干部,2023-13-01,\n".encode()
    response = _upload(client_as(users.coordinator), "名册.csv", bad)
    assert response.status_code == 400
    assert {(e.line, e.code) for e in response.context["result"].errors} == {
        (4, "unknown_village"),
        (4, "bad_phone"),
        (4, "bad_date"),
    }
    assert "token" not in response.context and not LegalSavvyPerson.objects.exists()


def test_the_import_page_refuses_a_confirm_without_its_upload(areas, users, client_as):
    response = client_as(users.coordinator).post(reverse("legalsavvy:import"), {"confirm": "1", "token": "../x"})
    assert response.status_code == 302 and not LegalSavvyPerson.objects.exists()


def test_the_import_page_refuses_other_file_types(areas, users, client_as):
    response = _upload(client_as(users.coordinator), "名册.pdf", b"%PDF")
    assert response.status_code == 400 and not LegalSavvyPerson.objects.exists()


def test_a_town_scoped_coordinator_imports_only_into_their_area(areas, users, client_as):
    from tests.conftest import make_user

    local = make_user("jingan_coord", "coordinator", areas.jingan)
    response = _upload(client_as(local), "名册.csv", ROSTER)
    assert [(e.line, e.code) for e in response.context["result"].errors] == [(3, "unknown_town")]
    assert not LegalSavvyPerson.objects.exists()
