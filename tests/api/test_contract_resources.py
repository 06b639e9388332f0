"""The public API contract ("v1"), resource by resource: the documented fields
in list and detail answers (with their types), every documented filter accepted and filtering,
a create with only the required fields, enum values, pagination, the area tree's rules."""

import pytest

from advisors.models import Advisor, DutyShift
from legalsavvy.models import LegalSavvyActivity, LegalSavvyPerson, VillageHonor
from outreach.models import CheckIn, Event, EventSeries
from places.models import Area

from .contract_helpers import AUDIENCES, CONTRACT, COUNTERS, ENUMS, assert_contract_shape, detail_key

# --- Fields ------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("resource", list(CONTRACT))
def test_list_and_detail_have_the_contract_fields(api_as, ledger, resource):
    client = api_as(ledger.users.coordinator)
    response = client.get(f"/api/{resource}/?page_size=500")
    assert response.status_code == 200
    page = response.json()
    assert set(page) >= {"count", "next", "previous", "results"}
    assert page["count"] == len(page["results"]) > 0
    for row in page["results"]:
        assert_contract_shape(resource, row)
    first = page["results"][0]
    detail = client.get(f"/api/{resource}/{detail_key(resource, first)}/")
    assert detail.status_code == 200
    assert_contract_shape(resource, detail.json())
    assert detail.json() == first


@pytest.mark.django_db
def test_event_fields_hold_the_contract_values(api_as, ledger):
    row = api_as(ledger.users.organizer).get(f"/api/events/{ledger.event_a.pk}/").json()
    assert row["area"] == "440403107201"
    assert row["series"] == ledger.radio.pk and row["episode"] == 1
    assert sorted(row["audiences"]) == ["general", "youth"]
    assert row["topics"] == ["民法典"]
    assert row["advisors"] == [ledger.a.pk] and row["legal_savvy_persons"] == [ledger.p_a.pk]
    assert row["attendee_count"] == 1 + 5  # one checked-in phone plus the walk-ins
    assert row["starts_at"] == "2023-06-10T10:00:00+08:00"
    # The organizer sees the secret and the attendee page URL the QR opens.
    assert row["checkin_secret"] == ledger.event_a.checkin_secret
    assert row["checkin_url"].startswith("http") and ledger.event_a.checkin_secret in row["checkin_url"]


@pytest.mark.django_db
def test_town_officers_do_not_get_the_checkin_secret(api_as, ledger):
    row = api_as(ledger.users.town_officer).get(f"/api/events/{ledger.event_a.pk}/").json()
    assert "checkin_secret" not in row and "checkin_url" not in row
    assert_contract_shape("events", row)


@pytest.mark.django_db
def test_related_records_are_referred_to_by_code_and_username(api_as, ledger):
    client = api_as(ledger.users.coordinator)
    assert client.get(f"/api/advisors/{ledger.a.pk}/").json()["user"] == "advisor_a"
    assert client.get(f"/api/duty-shifts/{ledger.shift_a.pk}/").json()["village"] == "440403107201"
    assert client.get(f"/api/duty-shifts/{ledger.shift_a.pk}/").json()["start_time"] == "09:00"
    assert client.get(f"/api/duty-shifts/{ledger.shift_a.pk}/").json()["hours"] == 2.5
    assert client.get("/api/areas/440403107201/").json()["parent"] == "440403107"
    assert client.get(f"/api/honors/{ledger.honor_b.pk}/").json()["village"] == "440403106201"
    assert client.get(f"/api/legal-savvy-persons/{ledger.p_b.pk}/").json()["removed_on"] == "2023-09-01"


# --- Filters -----------------------------------------------------------------------------------

# (resource, query, names of the ledger records expected — exactly those).
FILTERS = [
    ("areas", "level=town", ["440403106", "440403107"]),
    ("areas", "parent=440403107", ["440403107001", "440403107201"]),
    ("areas", "under=440403106", ["440403106201", "440403106202", "440403106299"]),
    ("areas", "kind=community", ["440403107001"]),
    ("areas", "active=false", ["440403106299"]),
    ("duty-shifts", "advisor={a}", ["shift_a"]),
    ("duty-shifts", "village=440403106201", ["shift_b"]),
    ("duty-shifts", "under=440403107", ["shift_a"]),
    ("duty-shifts", "mode=home_visit", ["shift_b"]),
    ("duty-shifts", "date_after=2023-06-02", ["shift_b"]),
    ("duty-shifts", "date_before=2023-06-01", ["shift_a"]),
    ("events", "area=440403106201", ["event_b"]),
    ("events", "under=440403107", ["event_a"]),
    ("events", "kind=campaign", ["event_b"]),
    ("events", "sector=villages", ["event_a"]),
    ("events", "status=held", ["event_a"]),
    ("events", "series={radio}", ["event_a"]),
    ("events", "starts_after=2023-07-01", ["event_b"]),
    ("events", "starts_before=2023-06-10", ["event_a"]),
    ("events", "starts_after=2023-06-10T11:00:00%2B08:00", ["event_b"]),
    ("events", "starts_before=2023-06-10T10:00:00%2B08:00", ["event_a"]),
]


def _expected(ledger, names):
    return {name if name.isdigit() else getattr(ledger, name).pk for name in names}


@pytest.mark.django_db
@pytest.mark.parametrize("resource, query, names", FILTERS)
def test_documented_filters_are_accepted_and_filter(api_as, ledger, resource, query, names):
    query = query.format(a=ledger.a.pk, radio=ledger.radio.pk)
    response = api_as(ledger.users.coordinator).get(f"/api/{resource}/?{query}&page_size=500")
    assert response.status_code == 200, response.content
    found = {detail_key(resource, row) for row in response.json()["results"]}
    assert found == _expected(ledger, names)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "resource, field",
    [
        ("areas", "level"),
        ("areas", "kind"),
        ("duty-shifts", "mode"),
        ("events", "kind"),
        ("events", "sector"),
        ("events", "status"),
        ("legal-savvy-persons", "source"),
        ("legal-savvy-persons", "status"),
        ("legal-savvy-activities", "kind"),
        ("honors", "title"),
        ("honors", "level"),
        ("honors", "status"),
    ],
)
def test_every_contract_enum_value_is_a_valid_filter(api_as, ledger, resource, field):
    client = api_as(ledger.users.coordinator)
    for value in ENUMS[resource][field] - {None}:
        response = client.get(f"/api/{resource}/?{field}={value}")
        assert response.status_code == 200, (field, value, response.content)
        assert all(row[field] == value for row in response.json()["results"])
    assert client.get(f"/api/{resource}/?{field}=not-a-value").status_code == 400


@pytest.mark.django_db
def test_the_model_choices_are_exactly_the_contract_enums():
    assert set(Area.Level.values) == ENUMS["areas"]["level"]
    assert set(Area.Kind.values) == ENUMS["areas"]["kind"] - {None}
    assert set(Advisor.Kind.values) == ENUMS["advisors"]["kind"]
    assert set(DutyShift.Mode.values) == ENUMS["duty-shifts"]["mode"]
    assert set(Event.Kind.values) == ENUMS["events"]["kind"]
    assert set(Event.Sector.values) == ENUMS["events"]["sector"]
    assert set(Event.Status.values) == ENUMS["events"]["status"]
    assert set(Event.Audience.values) == AUDIENCES
    assert set(LegalSavvyPerson.Source.values) == ENUMS["legal-savvy-persons"]["source"]
    assert set(LegalSavvyPerson.Status.values) == ENUMS["legal-savvy-persons"]["status"]
    assert set(LegalSavvyActivity.Kind.values) == ENUMS["legal-savvy-activities"]["kind"]
    assert set(VillageHonor.Title.values) == ENUMS["honors"]["title"]
    assert set(VillageHonor.Level.values) == ENUMS["honors"]["level"]
    assert set(VillageHonor.Status.values) == ENUMS["honors"]["status"]
    assert set(CheckIn.Gender.values) == {"female", "male", "unspecified"}
    assert set(CheckIn.AgeGroup.values) == {"under_18", "18_35", "36_59", "60_plus"}
    assert set(CheckIn.Occupation.values) == {
        "farmer",
        "worker",
        "migrant_worker",
        "student",
        "enterprise_staff",
        "civil_servant",
        "retired",
        "other",
    }


# --- Pagination --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_page_size_is_capped_at_500(api_as, users, areas):
    Area.objects.bulk_create(
        [Area(code=f"440403105{i:03d}", name=f"村{i}", level="village", parent=areas.district) for i in range(520)]
    )
    page = api_as(users.coordinator).get("/api/areas/?page_size=1000").json()
    assert page["count"] == 8 + 520
    assert len(page["results"]) == 500
    assert page["previous"] is None and "page=2" in page["next"]
    last = api_as(users.coordinator).get(page["next"]).json()
    assert len(last["results"]) == 28 and last["next"] is None and last["previous"]


# --- Minimal creates ---------------------------------------------------------------------------

MINIMAL = [
    ("areas", lambda ledger: {"code": "440403107299", "name": "新村", "level": "village", "parent": "440403107"}),
    ("advisors", lambda ledger: {"name": "周律师"}),
    ("assignments", lambda ledger: {"advisor": ledger.a.pk, "village": "440403107001", "starts_on": "2023-02-01"}),
    (
        "duty-shifts",
        lambda ledger: {
            "advisor": ledger.a.pk,
            "village": "440403107201",
            "date": "2023-06-02",
            "start_time": "09:00",
            "end_time": "10:00",
        },
    ),
    ("event-series", lambda ledger: {"name": "法治讲堂"}),
    (
        "events",
        lambda ledger: {
            "title": "宪法宣传日",
            "area": "440403107",
            "starts_at": "2023-12-04T09:00:00+08:00",
            "ends_at": "2023-12-04T11:00:00+08:00",
        },
    ),
    ("legal-savvy-persons", lambda ledger: {"name": "林新", "village": "440403107201", "appointed_on": "2023-03-01"}),
    ("trainings", lambda ledger: {"person": ledger.p_a.pk, "date": "2023-10-01", "hours": 1.5, "topic": "安全生产法"}),
    ("legal-savvy-activities", lambda ledger: {"person": ledger.p_a.pk, "date": "2023-10-02", "kind": "other"}),
    (
        "honors",
        lambda ledger: {
            "village": "440403107001",
            "title": "law_learning_household",
            "level": "district",
            "year": 2023,
        },
    ),
]

DEFAULTS = {
    "areas": {"active": True, "kind": None, "lat": None, "boundary": None},
    "advisors": {"kind": "lawyer", "active": True, "firm": "", "phone": "", "user": None},
    "assignments": {"ends_on": None},
    "duty-shifts": {
        "mode": "office",
        **dict.fromkeys(COUNTERS, 0),
        "notes": "",
        "verified_presence": False,
        "hours": 1,
    },
    "event-series": {},
    "events": {
        "walk_in_count": 0,
        "attendee_count": 0,
        "audiences": [],
        "topics": [],
        "series": None,
        "episode": None,
        "status": "planned",
        "advisors": [],
        "legal_savvy_persons": [],
        "other_speakers": "",
    },
    "legal-savvy-persons": {"status": "active", "removed_on": None, "removal_reason": "", "birth_year": None},
    "trainings": {"passed": None},
    "legal-savvy-activities": {"count": 1, "notes": ""},
    "honors": {"status": "awarded"},
}


@pytest.mark.django_db
@pytest.mark.parametrize("resource, body", MINIMAL)
def test_a_create_with_only_the_required_fields_works(api_as, ledger, resource, body):
    response = api_as(ledger.users.coordinator).post(f"/api/{resource}/", body(ledger), format="json")
    assert response.status_code == 201, response.content
    row = response.json()
    assert_contract_shape(resource, row)
    for name, value in DEFAULTS[resource].items():
        assert row[name] == value, (name, row[name])
    again = api_as(ledger.users.coordinator).get(f"/api/{resource}/{detail_key(resource, row)}/")
    assert again.status_code == 200


@pytest.mark.django_db
def test_an_advisor_logs_a_shift_without_naming_themself(api_as, ledger):
    body = {"village": "440403107201", "date": "2023-06-03", "start_time": "14:00", "end_time": "15:30"}
    response = api_as(ledger.users.advisor).post("/api/duty-shifts/", body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["advisor"] == ledger.a.pk and response.json()["hours"] == 1.5


@pytest.mark.django_db
def test_read_only_fields_are_ignored_on_create(api_as, ledger):
    body = {**MINIMAL[3][1](ledger), "hours": 99, "verified_presence": True}
    row = api_as(ledger.users.coordinator).post("/api/duty-shifts/", body, format="json").json()
    assert row["hours"] == 1 and row["verified_presence"] is False
    event = {**MINIMAL[5][1](ledger), "attendee_count": 500}
    assert api_as(ledger.users.coordinator).post("/api/events/", event, format="json").json()["attendee_count"] == 0


@pytest.mark.django_db
def test_a_village_has_at_most_one_advisor_at_a_date(api_as, ledger):
    body = {"advisor": ledger.b.pk, "village": "440403107201", "starts_on": "2024-01-01"}
    response = api_as(ledger.users.coordinator).post("/api/assignments/", body, format="json")
    assert response.status_code == 400
    assert EventSeries.objects.count() == 1  # nothing else touched


# --- The area tree stays a tree ------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body, field",
    [
        ({"code": "440403108", "name": "新镇", "level": "town", "parent": "440403", "kind": "village"}, "kind"),
        (
            {"code": "440403107209", "name": "新村", "level": "village", "parent": "440403107", "kind": "subdistrict"},
            "kind",
        ),
        ({"code": "440404", "name": "新区", "level": "district", "kind": "town"}, "kind"),
        ({"code": "440403107209", "name": "新村", "level": "village"}, "parent"),
        ({"code": "440403107209", "name": "新村", "level": "village", "parent": "440403107201"}, "parent"),
    ],
)
def test_area_kind_and_parent_fit_the_level(api_as, users, body, field):
    response = api_as(users.coordinator).post("/api/areas/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Area.objects.filter(code=body["code"]).exists()


@pytest.mark.django_db
def test_an_areas_code_cannot_change(api_as, users, areas):
    client = api_as(users.coordinator)
    response = client.patch("/api/areas/440403107/", {"code": "440403199"}, format="json")
    assert response.status_code == 400 and "code" in response.json()
    body = {"code": "440403108", "name": "井岸镇", "level": "town", "parent": "440403", "kind": "town"}
    assert client.put("/api/areas/440403107/", body, format="json").status_code == 400
    assert Area.objects.filter(code="440403107").exists() and not Area.objects.filter(code="440403199").exists()
    # Giving the same code is fine (a full PUT repeats it).
    body["code"] = "440403107"
    assert client.put("/api/areas/440403107/", body, format="json").status_code == 200
