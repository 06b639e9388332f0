"""/api/duty-shifts/ per the public contract: fields, permissions, writes, filters, approval, the
QR-verified start; and what spans every advisor endpoint: anonymous access, junk in any field."""

import pytest

from advisors import services
from advisors.models import DutyShift

from .conftest import D

SHIFT_FIELDS = {
    "id",
    "advisor",
    "village",
    "date",
    "start_time",
    "end_time",
    "hours",
    "mode",
    "consultation_batches",
    "consultation_people",
    "contracts_reviewed",
    "legal_opinions",
    "documents_drafted",
    "mediations",
    "negotiations",
    "legal_aid_cases",
    "elections_assisted",
    "phone_consultations",
    "outreach_sessions",
    "notes",
    "verified_presence",
}
BODY = {
    "village": "440403107201",
    "date": "2023-06-14",
    "start_time": "09:00",
    "end_time": "10:30",
    "mode": "home_visit",
    "consultation_batches": 1,
    "consultation_people": 2,
}


@pytest.fixture
def two(duty, shift_of):
    """A's shift in 尖峰村 (井岸镇) and B's in 南澳村 (白蕉镇)."""
    return shift_of(duty.a, duty.areas.jianfeng, D(2023, 6, 1)), shift_of(duty.b, duty.areas.nanao, D(2023, 6, 1))


def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_a_shift_has_the_contract_fields(duty, two, api_as):
    row = api_as(duty.users.advisor).get(f"/api/duty-shifts/{two[0].pk}/").json()
    assert SHIFT_FIELDS <= set(row)
    assert row["village"] == "440403107201" and row["advisor"] == duty.a.pk
    assert (row["date"], row["start_time"], row["end_time"], row["hours"]) == ("2023-06-01", "09:00", "11:00", 2.0)
    assert row["mode"] == "office" and row["verified_presence"] is False and row["consultation_people"] == 0


def test_the_permission_matrix_on_lists(duty, two, api_as, users):
    a_shift, b_shift = two
    assert ids(api_as(users.advisor).get("/api/duty-shifts/")) == {a_shift.pk}
    assert ids(api_as(users.other_advisor).get("/api/duty-shifts/")) == {b_shift.pk}
    assert ids(api_as(users.town_officer).get("/api/duty-shifts/")) == {a_shift.pk}
    assert ids(api_as(users.other_town_officer).get("/api/duty-shifts/")) == {b_shift.pk}
    assert ids(api_as(users.coordinator).get("/api/duty-shifts/")) == {a_shift.pk, b_shift.pk}
    assert api_as(users.organizer).get("/api/duty-shifts/").status_code == 403
    assert api_as(users.nobody).get("/api/duty-shifts/").status_code == 403


def test_others_shifts_answer_404(duty, two, api_as, users):
    a_shift = two[0]
    for user in (users.other_advisor, users.other_town_officer):
        client = api_as(user)
        assert client.get(f"/api/duty-shifts/{a_shift.pk}/").status_code == 404
        assert client.patch(f"/api/duty-shifts/{a_shift.pk}/", {"notes": "x"}, format="json").status_code == 404
        assert client.delete(f"/api/duty-shifts/{a_shift.pk}/").status_code == 404
    assert api_as(users.other_town_officer).post(f"/api/duty-shifts/{a_shift.pk}/approve/").status_code == 404
    a_shift.refresh_from_db()
    assert a_shift.notes == "" and not a_shift.is_approved


def test_anonymous_gets_401_or_403(db, api):
    for url in ("/api/duty-shifts/", "/api/advisors/", "/api/assignments/", "/api/areas/440403107201/duty-qr.png"):
        assert api.get(url).status_code in (401, 403), url


def test_an_advisor_creates_only_their_own_shifts(duty, api_as):
    response = api_as(duty.users.advisor).post("/api/duty-shifts/", {**BODY, "advisor": duty.b.pk}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["advisor"] == duty.a.pk and response.json()["hours"] == 1.5
    assert DutyShift.objects.get().advisor == duty.a
    # B's village is not A's: refused with the service's message on the village field.
    response = api_as(duty.users.advisor).post("/api/duty-shifts/", {**BODY, "village": "440403106201"}, format="json")
    assert response.status_code == 400 and "village" in response.json()


def test_counters_and_optional_fields_may_be_left_out(duty, api_as):
    body = {"village": "440403107201", "date": "2023-06-14", "start_time": "09:00", "end_time": "10:00"}
    response = api_as(duty.users.advisor).post("/api/duty-shifts/", body, format="json")
    assert response.status_code == 201
    row = response.json()
    assert row["mediations"] == 0 and row["mode"] == "office" and row["notes"] == ""


def test_leaving_out_the_end_opens_a_shift_finished_later(duty, api_as):
    client = api_as(duty.users.advisor)
    body = {"village": "440403107201", "date": "2023-06-15", "start_time": "09:00"}
    shift = client.post("/api/duty-shifts/", body, format="json").json()
    assert shift["end_time"] is None and shift["hours"] == 0
    response = client.post(
        f"/api/duty-shifts/{shift['id']}/finish/", {"end_time": "11:15", "mediations": 1}, format="json"
    )
    assert response.status_code == 200 and response.json()["hours"] == 2.25 and response.json()["mediations"] == 1
    again = client.post(f"/api/duty-shifts/{shift['id']}/finish/", {}, format="json")
    assert again.status_code == 400


def test_a_manager_must_name_the_advisor(duty, api_as):
    client = api_as(duty.users.town_officer)
    missing = client.post("/api/duty-shifts/", BODY, format="json")
    assert missing.status_code == 400 and list(missing.json()) == ["advisor"]
    response = client.post("/api/duty-shifts/", {**BODY, "advisor": duty.a.pk}, format="json")
    assert response.status_code == 201 and response.json()["advisor"] == duty.a.pk


@pytest.mark.parametrize(
    "change, field",
    [
        ({"end_time": "08:00"}, "end_time"),
        ({"date": "2023-06-16"}, "date"),
        ({"consultation_batches": 3, "consultation_people": 1}, "consultation_people"),
        ({"mediations": -1}, "mediations"),
        ({"legal_aid_cases": 10**30}, "legal_aid_cases"),
        ({"village": "440403106202"}, "village"),  # not assigned
        ({"village": "440403107"}, "village"),  # a town
        ({"village": "abc"}, "village"),
        ({"village": ["x"]}, "village"),
        ({"date": "2023-02-30"}, "date"),
        ({"start_time": "25:00"}, "start_time"),
        ({"mode": "flying"}, "mode"),
        ({"mediations": "many"}, "mediations"),
        ({"notes": {"a": 1}}, "notes"),
    ],
)
def test_bad_shift_input_is_a_400_with_the_field(duty, api_as, change, field):
    response = api_as(duty.users.advisor).post("/api/duty-shifts/", {**BODY, **change}, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json() and isinstance(response.json()[field], list)
    assert not DutyShift.objects.exists()


def test_an_overlap_is_a_400(duty, two, api_as):
    response = api_as(duty.users.advisor).post(
        "/api/duty-shifts/", {**BODY, "date": "2023-06-01", "start_time": "10:00", "end_time": "12:00"}, format="json"
    )
    assert response.status_code == 400 and "start_time" in response.json()


def test_malformed_requests_never_500(duty, two, api_as):
    client = api_as(duty.users.coordinator)
    assert client.post("/api/duty-shifts/", "not json", content_type="application/json").status_code == 400
    assert client.post("/api/duty-shifts/", [1, 2], format="json").status_code == 400
    assert client.post("/api/duty-shifts/", {**BODY, "advisor": "x"}, format="json").status_code == 400
    assert client.post("/api/duty-shifts/", {**BODY, "advisor": 10**20}, format="json").status_code == 400
    assert client.get("/api/duty-shifts/999999999999999999/").status_code == 404
    assert client.get("/api/duty-shifts/99999999999999999999/").status_code == 404
    assert client.get("/api/duty-shifts/abc/").status_code == 404
    assert client.post("/api/duty-shifts/approve/", {"ids": ["a"]}, format="json").status_code == 400
    assert client.post("/api/duty-shifts/approve/", {"ids": "1"}, format="json").status_code == 400
    assert client.post("/api/duty-shifts/start/", {}, format="json").status_code == 400
    assert client.get("/api/duty-shifts/?page=abc").status_code == 404
    assert client.get("/api/duty-shifts/?page_size=abc").status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "advisor=abc",
        "advisor=99999999999999999999",
        "advisor=-1",
        "village=abc",
        "under=44x",
        "mode=flying",
        "date_after=2023-02-30",
        "date_before=yesterday",
    ],
)
def test_bad_filters_are_400(duty, two, api_as, query):
    assert api_as(duty.users.coordinator).get(f"/api/duty-shifts/?{query}").status_code == 400


def test_the_contract_filters(duty, two, shift_of, api_as):
    a_shift, b_shift = two
    home = shift_of(duty.a, duty.areas.xinwei, D(2023, 5, 20), mode="home_visit")
    client = api_as(duty.users.coordinator)
    assert ids(client.get(f"/api/duty-shifts/?advisor={duty.a.pk}")) == {a_shift.pk, home.pk}
    assert ids(client.get("/api/duty-shifts/?village=440403107001")) == {home.pk}
    assert ids(client.get("/api/duty-shifts/?under=440403106")) == {b_shift.pk}
    assert ids(client.get("/api/duty-shifts/?mode=home_visit")) == {home.pk}
    assert ids(client.get("/api/duty-shifts/?date_after=2023-06-01")) == {a_shift.pk, b_shift.pk}
    assert ids(client.get("/api/duty-shifts/?date_before=2023-05-31")) == {home.pk}
    services.approve_shifts([home.pk], by=duty.users.coordinator)
    assert ids(client.get("/api/duty-shifts/?approved=true")) == {home.pk}
    assert ids(client.get("/api/duty-shifts/?approved=false")) == {a_shift.pk, b_shift.pk}


def test_approval_over_the_api(duty, two, api_as, users):
    a_shift, b_shift = two
    response = api_as(users.town_officer).post(
        "/api/duty-shifts/approve/", {"ids": [a_shift.pk, b_shift.pk]}, format="json"
    )
    assert response.json() == {"approved": 1}
    assert (
        api_as(users.advisor).post("/api/duty-shifts/approve/", {"ids": [a_shift.pk]}, format="json").status_code == 403
    )
    assert api_as(users.other_town_officer).post(f"/api/duty-shifts/{b_shift.pk}/approve/").json() == {"approved": 1}


def test_an_approved_shift_is_locked_over_the_api(duty, two, api_as):
    a_shift = two[0]
    services.approve_shifts([a_shift.pk], by=duty.users.town_officer)
    client = api_as(duty.users.advisor)
    response = client.patch(f"/api/duty-shifts/{a_shift.pk}/", {"mediations": 2}, format="json")
    assert response.status_code == 400 and "non_field_errors" in response.json()
    assert client.delete(f"/api/duty-shifts/{a_shift.pk}/").status_code == 400
    assert DutyShift.objects.get(pk=a_shift.pk).mediations == 0


def test_a_coordinator_corrects_over_the_api_with_history(duty, two, api_as):
    a_shift = two[0]
    services.approve_shifts([a_shift.pk], by=duty.users.town_officer)
    client = api_as(duty.users.coordinator)
    response = client.patch(f"/api/duty-shifts/{a_shift.pk}/", {"end_time": "12:00"}, format="json")
    assert response.status_code == 200 and response.json()["hours"] == 3.0 and response.json()["approved"]
    history = client.get(f"/api/duty-shifts/{a_shift.pk}/changes/").json()
    assert history[0]["changed_by"] == "coord" and history[0]["changes"] == {"end_time": ["11:00:00", "12:00:00"]}


def test_a_partial_update_keeps_the_other_counters(duty, shift_of, api_as):
    shift = shift_of(duty.a, duty.areas.jianfeng, D(2023, 6, 2), mediations=2)
    response = api_as(duty.users.advisor).patch(f"/api/duty-shifts/{shift.pk}/", {"negotiations": 1}, format="json")
    assert response.status_code == 200
    shift.refresh_from_db()
    assert (shift.mediations, shift.negotiations) == (2, 1)


def test_starting_a_verified_shift_over_the_api(duty, api_as):
    secret = services.ensure_poster(duty.areas.jianfeng).secret
    client = api_as(duty.users.advisor)
    first = client.post("/api/duty-shifts/start/", {"secret": secret}, format="json")
    assert first.status_code == 201 and first.json()["verified_presence"] is True
    assert client.post("/api/duty-shifts/start/", {"secret": secret}, format="json").status_code == 200
    assert client.post("/api/duty-shifts/start/", {"secret": "nope"}, format="json").status_code == 404
    other = api_as(duty.users.other_advisor).post("/api/duty-shifts/start/", {"secret": secret}, format="json")
    assert other.status_code == 400
    services.rotate_poster(duty.areas.jianfeng, by=duty.users.coordinator)
    assert client.post("/api/duty-shifts/start/", {"secret": secret}, format="json").status_code == 410
    assert DutyShift.objects.count() == 1


JUNK = [None, "abc", -1, 10**40, 1.5, ["x"], {"a": 1}, "2023-02-30", "a\x00b"]


def test_junk_in_any_field_never_500(duty, two, api_as):
    """Every writable field of every endpoint, each junk value: always an answer below 500."""
    client = api_as(duty.users.coordinator)
    shift = two[0]
    targets = [
        ("post", "/api/duty-shifts/", {**BODY, "advisor": duty.a.pk}, list(BODY) + ["advisor", "notes", "mediations"]),
        ("patch", f"/api/duty-shifts/{shift.pk}/", {}, list(BODY) + ["advisor", "notes"]),
        ("post", f"/api/duty-shifts/{shift.pk}/finish/", {}, ["end_time", "mode", "mediations"]),
        ("post", "/api/duty-shifts/approve/", {}, ["ids"]),
        (
            "post",
            "/api/assignments/",
            {"advisor": duty.b.pk, "village": "440403106202", "starts_on": "2023-03-01"},
            ["advisor", "village", "starts_on", "ends_on"],
        ),
        ("post", "/api/advisors/", {"name": "赵"}, ["name", "kind", "phone", "user", "active"]),
    ]
    for method, url, base, fields in targets:
        for field in fields:
            for value in JUNK:
                response = getattr(client, method)(url, {**base, field: value}, format="json")
                assert response.status_code < 500, (method, url, field, value)
    for name in ("advisor", "village", "under", "mode", "date_after", "date_before", "page", "page_size", "approved"):
        for value in ("abc", "-1", "99999999999999999999999", "%00", "2023-13-01", "1e5", ""):
            assert client.get(f"/api/duty-shifts/?{name}={value}").status_code < 500, (name, value)
