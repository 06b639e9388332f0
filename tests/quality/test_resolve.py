"""Resolving flags (audited, in scope), the flags page, the API and the figures page's open count."""

import datetime

import pytest

from accounts.models import AuditEntry
from quality.models import Flag
from quality.services import resolve_flag

pytestmark = pytest.mark.django_db


def flag(area, day=datetime.date(2026, 6, 10), kind=Flag.Kind.SHIFT_TOO_LONG, record_id=1, **fields):
    return Flag.objects.create(
        kind=kind,
        record_type=Flag.RecordType.DUTY_SHIFT,
        record_id=record_id,
        area_code=area.code,
        record_date=day,
        why="值班 13 小时，超过 12 小时。",
        **fields,
    )


@pytest.fixture
def flags(areas):
    return (flag(areas.jianfeng, record_id=1), flag(areas.nanao, record_id=2))


def test_an_officer_resolves_a_flag_of_their_town_with_a_note(users, flags):
    mine, theirs = flags
    resolved = resolve_flag(users.town_officer, mine, "  核实：当天开展专项调解  ")
    assert (resolved.resolved, resolved.note, resolved.resolved_by) == (
        True,
        "核实：当天开展专项调解",
        users.town_officer,
    )
    entry = AuditEntry.objects.get(model="quality.flag", object_id=str(mine.pk))
    assert entry.user == users.town_officer and entry.changes["resolved"] == [False, True]
    assert entry.area_code == "440403107201"


@pytest.mark.parametrize(
    ("who", "which", "note", "code"),
    [
        ("town_officer", 1, "ok", "not_allowed"),  # another town
        ("organizer", 0, "ok", "not_allowed"),
        ("advisor", 0, "ok", "not_allowed"),
        ("town_officer", 0, "   ", "note_required"),
    ],
)
def test_refusals(users, flags, who, which, note, code):
    from quality.errors import FlagRefused

    with pytest.raises(FlagRefused) as refused:
        resolve_flag(getattr(users, who), flags[which], note)
    assert refused.value.code == code
    assert not Flag.objects.get(pk=flags[which].pk).resolved


def test_a_flag_is_resolved_once(users, flags):
    from quality.errors import FlagRefused

    resolve_flag(users.coordinator, flags[0], "已核实")
    with pytest.raises(FlagRefused) as refused:
        resolve_flag(users.town_officer, flags[0], "再次")
    assert (refused.value.code, refused.value.http_status) == ("already_resolved", 409)


def test_the_flags_page_shows_flags_in_scope_and_resolves(client_as, users, areas, flags):
    mine, theirs = flags
    client = client_as(users.town_officer)
    html = client.get("/quality/?year=2026").content.decode()
    assert f'id="flag-{mine.pk}"' in html and f'id="flag-{theirs.pk}"' not in html
    assert "值班 13 小时" in html
    response = client.post(f"/quality/{mine.pk}/resolve/", {"note": "已核实", "query": "year=2026"})
    assert response.status_code == 302
    assert Flag.objects.get(pk=mine.pk).resolved
    # Another town's flag is not found; an empty note is refused on the page.
    assert client.post(f"/quality/{theirs.pk}/resolve/", {"note": "x"}).status_code == 404
    other = flag(areas.xinwei, record_id=3)
    response = client.post(f"/quality/{other.pk}/resolve/", {"note": ""}, follow=True)
    assert not Flag.objects.get(pk=other.pk).resolved
    assert "请在备注中说明" in response.content.decode()


def test_the_flags_page_is_for_managers(client_as, users, flags):
    assert client_as(users.organizer).get("/quality/").status_code == 403
    assert client_as(users.advisor).get("/quality/").status_code == 403
    assert client_as(users.town_officer).get("/quality/?area=440403106").status_code == 403


def test_recompute_from_the_page(client_as, users, areas):
    from advisors.models import Advisor, DutyShift

    advisor = Advisor.objects.create(name="王律师")
    DutyShift.objects.create(
        advisor=advisor,
        village=areas.jianfeng,
        date=datetime.date(2026, 6, 10),
        start_time=datetime.time(5),
        end_time=datetime.time(19),
        hours=14,
    )
    client = client_as(users.town_officer)
    response = client.post("/quality/recompute/", {"year": "2026"})
    assert response.status_code == 302
    assert Flag.objects.filter(kind=Flag.Kind.SHIFT_TOO_LONG, area_code=areas.jianfeng.code).count() == 1


def test_api_lists_flags_in_scope(api_as, api, users, flags):
    mine, theirs = flags
    body = api_as(users.town_officer).get("/api/flags/?area=440403107&year=2026").json()
    assert [row["id"] for row in body["results"]] == [mine.pk]
    assert body["results"][0] == {
        "id": mine.pk,
        "kind": "shift_too_long",
        "record": {"type": "duty_shift", "id": 1},
        "why": "值班 13 小时，超过 12 小时。",
        "resolved": False,
        "note": "",
        "closed_reason": "",
    }
    assert api_as(users.coordinator).get("/api/flags/?year=2026").json()["count"] == 2
    assert api_as(users.coordinator).get("/api/flags/?year=2025").json()["count"] == 0
    assert api_as(users.town_officer).get("/api/flags/?area=440403106").status_code == 403
    assert api_as(users.town_officer).get("/api/flags/?year=abc").status_code == 400
    assert api_as(users.organizer).get("/api/flags/").status_code == 403
    assert api.get("/api/flags/").status_code == 401


def test_api_resolves_a_flag(api_as, users, flags):
    mine, theirs = flags
    client = api_as(users.town_officer)
    assert client.post(f"/api/flags/{mine.pk}/resolve/", {"note": ""}, format="json").status_code == 400
    response = client.post(f"/api/flags/{mine.pk}/resolve/", {"note": "已核实"}, format="json")
    assert response.status_code == 200 and response.json()["resolved"] is True and response.json()["note"] == "已核实"
    assert client.post(f"/api/flags/{mine.pk}/resolve/", {"note": "again"}, format="json").status_code == 409
    assert client.post(f"/api/flags/{theirs.pk}/resolve/", {"note": "x"}, format="json").status_code == 404


def test_the_figures_page_shows_the_open_flags_of_the_year(client_as, users, areas, flags):
    flag(areas.jianfeng, record_id=9, resolved=True)
    flag(areas.jianfeng, day=datetime.date(2025, 6, 1), record_id=10)
    html = client_as(users.coordinator).get("/figures/?year=2026&area=440403").content.decode()
    assert 'id="open-flags"' in html and "<strong>2</strong>" in html
    html = client_as(users.town_officer).get("/figures/?year=2026&area=440403107").content.decode()
    assert "<strong>1</strong>" in html


def test_the_flags_page_takes_a_fixed_number_of_queries(client_as, users, areas, django_assert_max_num_queries):
    client = client_as(users.coordinator)

    def add(n, start):
        for index in range(start, start + n):
            flag(areas.jianfeng, record_id=index)
            Flag.objects.create(
                kind=Flag.Kind.PHONE_TWO_EVENTS,
                record_type=Flag.RecordType.CHECKIN,
                record_id=index,
                area_code=areas.nanao.code,
                record_date=datetime.date(2026, 6, 10),
                why="同一手机号",
            )

    add(2, 1)
    with django_assert_max_num_queries(8) as few:
        assert client.get("/quality/?year=2026").status_code == 200
    add(12, 100)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get("/quality/?year=2026").content.decode()
    assert html.count('class="card flag') == 28
