"""The public API contract (/work/shared/API.md, "v1"), resource by resource: the documented fields
in list and detail answers (with their types), every documented filter accepted and filtering,
a create with only the required fields, enum values, pagination, check-in status codes, the token."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from advisors.models import Advisor, DutyShift
from legalsavvy.models import LegalSavvyActivity, LegalSavvyPerson
from outreach import services as outreach
from outreach.models import CheckIn, Event, EventSeries
from places.models import Area, VillageHonor

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TIME = re.compile(r"^\d{2}:\d{2}$")
# ISO 8601 with an explicit offset (or Z).
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)$")
CODE = re.compile(r"^\d{2,12}$")

COUNTERS = [
    "consultation_batches", "consultation_people", "contracts_reviewed", "legal_opinions", "documents_drafted",
    "mediations", "negotiations", "legal_aid_cases", "elections_assisted", "phone_consultations",
    "outreach_sessions",
]


def is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# Field → type check, per resource, exactly the contract's fields (extra fields are allowed).
TYPES = {
    "str": lambda v: isinstance(v, str),
    "int": is_int,
    "int?": lambda v: v is None or is_int(v),
    "num": is_number,
    "num?": lambda v: v is None or is_number(v),
    "bool": lambda v: isinstance(v, bool),
    "bool?": lambda v: v is None or isinstance(v, bool),
    "code": lambda v: isinstance(v, str) and bool(CODE.match(v)),
    "code?": lambda v: v is None or (isinstance(v, str) and bool(CODE.match(v))),
    "date": lambda v: isinstance(v, str) and bool(DATE.match(v)),
    "date?": lambda v: v is None or (isinstance(v, str) and bool(DATE.match(v))),
    "time": lambda v: isinstance(v, str) and bool(TIME.match(v)),
    "time?": lambda v: v is None or (isinstance(v, str) and bool(TIME.match(v))),
    "datetime": lambda v: isinstance(v, str) and bool(DATETIME.match(v)),
    "str?": lambda v: v is None or isinstance(v, str),
    "ids": lambda v: isinstance(v, list) and all(is_int(i) for i in v),
    "strs": lambda v: isinstance(v, list) and all(isinstance(i, str) for i in v),
    "geometry?": lambda v: v is None or isinstance(v, dict),
}

CONTRACT = {
    "areas": {
        "code": "code", "name": "str", "level": "str", "parent": "code?", "kind": "str?", "lat": "num?",
        "lon": "num?", "population": "int?", "households": "int?", "boundary": "geometry?", "active": "bool",
    },
    "advisors": {
        "id": "int", "name": "str", "kind": "str", "firm": "str", "license_no": "str", "phone": "str",
        "user": "str?", "active": "bool",
    },
    "assignments": {"id": "int", "advisor": "int", "village": "code", "starts_on": "date", "ends_on": "date?"},
    "duty-shifts": {
        "id": "int", "advisor": "int", "village": "code", "date": "date", "start_time": "time", "end_time": "time?",
        "hours": "num", "mode": "str", **{name: "int" for name in COUNTERS}, "notes": "str",
        "verified_presence": "bool",
    },
    "events": {
        "id": "int", "title": "str", "kind": "str", "sector": "str", "audiences": "strs", "topics": "strs",
        "area": "code", "venue": "str", "starts_at": "datetime", "ends_at": "datetime", "status": "str",
        "series": "int?", "episode": "int?", "walk_in_count": "int", "attendee_count": "int", "advisors": "ids",
        "legal_savvy_persons": "ids", "other_speakers": "str",
    },
    "event-series": {"id": "int", "name": "str", "kind": "str"},
    "legal-savvy-persons": {
        "id": "int", "name": "str", "gender": "str", "birth_year": "int?", "phone": "str", "village": "code",
        "source": "str", "appointed_on": "date", "status": "str", "removed_on": "date?", "removal_reason": "str",
        "advisor": "int?",
    },
    "trainings": {"id": "int", "person": "int", "date": "date", "hours": "num", "topic": "str", "passed": "bool?"},
    "legal-savvy-activities": {
        "id": "int", "person": "int", "date": "date", "kind": "str", "count": "int", "hours": "num", "notes": "str",
    },
    "honors": {"id": "int", "village": "code", "title": "str", "level": "str", "status": "str", "year": "int"},
}

ENUMS = {
    "areas": {"level": {"province", "city", "district", "town", "village"},
              "kind": {"village", "community", "town", "subdistrict", None}},
    "advisors": {"kind": {"lawyer", "legal_worker"}},
    "duty-shifts": {"mode": {"office", "home_visit", "remote", "appointment"}},
    "events": {"kind": {"lecture", "case_study", "performance", "campaign", "training", "broadcast", "online",
                        "consultation", "other"},
               "sector": {"organs", "villages", "communities", "schools", "enterprises", "units", "online"},
               "status": {"planned", "held", "cancelled"}},
    "legal-savvy-persons": {"gender": {"female", "male", "unspecified"},
                            "source": {"cadre", "mediator", "grid_worker", "party_member", "womens_federation",
                                       "five_elders", "auxiliary_police", "group_head", "other"},
                            "status": {"active", "removed"}},
    "legal-savvy-activities": {"kind": {"dispute_resolved", "risk_reported", "referral", "outreach_helped", "other"}},
    "honors": {"title": {"democracy_rule_of_law_village", "law_learning_household"},
               "level": {"national", "provincial", "city", "district"}, "status": {"awarded", "candidate"}},
}
AUDIENCES = {"general", "youth", "elderly", "women", "migrant_workers", "enterprise_staff", "village_cadres",
             "students"}


def detail_key(resource, row):
    return row["code"] if resource == "areas" else row["id"]


def assert_contract_shape(resource, row):
    fields = CONTRACT[resource]
    missing = set(fields) - set(row)
    assert not missing, f"{resource}: missing {sorted(missing)}"
    for name, kind in fields.items():
        assert TYPES[kind](row[name]), f"{resource}.{name}: {row[name]!r} is not {kind}"
    for name, values in ENUMS.get(resource, {}).items():
        assert row[name] in values, f"{resource}.{name}: {row[name]!r} is not in the contract's enum"
    if resource == "events":
        assert set(row["audiences"]) <= AUDIENCES


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
@pytest.mark.parametrize("resource, field", [
    ("areas", "level"), ("areas", "kind"), ("duty-shifts", "mode"), ("events", "kind"), ("events", "sector"),
    ("events", "status"), ("legal-savvy-persons", "source"), ("legal-savvy-persons", "status"),
    ("legal-savvy-activities", "kind"), ("honors", "title"), ("honors", "level"), ("honors", "status"),
])
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
    assert set(CheckIn.Occupation.values) == {"farmer", "worker", "migrant_worker", "student", "enterprise_staff",
                                              "civil_servant", "retired", "other"}


# --- Pagination --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_page_size_is_capped_at_500(api_as, users, areas):
    Area.objects.bulk_create([
        Area(code=f"440403105{i:03d}", name=f"村{i}", level="village", parent=areas.district) for i in range(520)
    ])
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
    ("duty-shifts", lambda ledger: {"advisor": ledger.a.pk, "village": "440403107201", "date": "2023-06-02",
                                    "start_time": "09:00", "end_time": "10:00"}),
    ("event-series", lambda ledger: {"name": "法治讲堂"}),
    ("events", lambda ledger: {"title": "宪法宣传日", "area": "440403107", "starts_at": "2023-12-04T09:00:00+08:00",
                               "ends_at": "2023-12-04T11:00:00+08:00"}),
    ("legal-savvy-persons", lambda ledger: {"name": "林新", "village": "440403107201", "appointed_on": "2023-03-01"}),
    ("trainings", lambda ledger: {"person": ledger.p_a.pk, "date": "2023-10-01", "hours": 1.5, "topic": "安全生产法"}),
    ("legal-savvy-activities", lambda ledger: {"person": ledger.p_a.pk, "date": "2023-10-02", "kind": "other"}),
    ("honors", lambda ledger: {"village": "440403107001", "title": "law_learning_household", "level": "district",
                               "year": 2023}),
]

DEFAULTS = {
    "areas": {"active": True, "kind": None, "lat": None, "boundary": None},
    "advisors": {"kind": "lawyer", "active": True, "firm": "", "phone": "", "user": None},
    "assignments": {"ends_on": None},
    "duty-shifts": {"mode": "office", **{name: 0 for name in COUNTERS}, "notes": "", "verified_presence": False,
                    "hours": 1},
    "event-series": {},
    "events": {"walk_in_count": 0, "attendee_count": 0, "audiences": [], "topics": [], "series": None,
               "episode": None, "status": "planned", "advisors": [], "legal_savvy_persons": [], "other_speakers": ""},
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


# --- Check-in ----------------------------------------------------------------------------------

ATTENDEE = {"name": "陈小梅", "phone": "138 0013 8000", "gender": "female", "age_group": "36_59",
            "occupation": "farmer", "home_village": "440403107201", "consent": True}


@pytest.fixture
def live_event(users, areas):
    start = timezone.now() + timedelta(minutes=30)
    return outreach.create_event(users.organizer, {
        "title": "法律进乡村", "area": areas.jianfeng, "starts_at": start, "ends_at": start + timedelta(hours=1),
    })


@pytest.mark.django_db
def test_checkin_answers_201_then_200_for_the_same_phone(api, live_event):
    first = api.post(f"/api/checkin/{live_event.checkin_secret}/", ATTENDEE, format="json")
    assert first.status_code == 201
    assert first.json()["status"] == "ok" and DATETIME.match(first.json()["checked_in_at"])
    again = api.post(f"/api/checkin/{live_event.checkin_secret}/", {**ATTENDEE, "phone": "13800138000"},
                     format="json")
    assert again.status_code == 200
    assert again.json() == {"status": "already_checked_in", "checked_in_at": first.json()["checked_in_at"]}
    assert CheckIn.objects.filter(event=live_event).count() == 1


@pytest.mark.django_db
def test_checkin_refusals_have_the_contract_codes(api, live_event, users, areas):
    assert api.post("/api/checkin/no-such-secret/", ATTENDEE, format="json").json() == {
        "status": "error", "reason": "invalid", "detail": str(outreach.CheckinRefusal.INVALID.label)}
    assert api.post("/api/checkin/no-such-secret/", ATTENDEE, format="json").status_code == 404

    old = live_event.checkin_secret
    outreach.rotate_secret(users.organizer, live_event)
    response = api.post(f"/api/checkin/{old}/", ATTENDEE, format="json")
    assert (response.status_code, response.json()["reason"]) == (410, "revoked")

    later = timezone.now() + timedelta(hours=3)
    future = outreach.create_event(users.organizer, {"title": "未开始", "area": areas.jianfeng, "starts_at": later,
                                                     "ends_at": later + timedelta(hours=1)})
    response = api.post(f"/api/checkin/{future.checkin_secret}/", ATTENDEE, format="json")
    assert (response.status_code, response.json()["reason"]) == (409, "not_open")

    earlier = timezone.now() - timedelta(hours=6)
    past = outreach.create_event(users.organizer, {"title": "已结束", "area": areas.jianfeng, "starts_at": earlier,
                                                   "ends_at": earlier + timedelta(hours=1)})
    response = api.post(f"/api/checkin/{past.checkin_secret}/", ATTENDEE, format="json")
    assert (response.status_code, response.json()["reason"]) == (410, "closed")

    live_event.refresh_from_db()
    outreach.set_status(users.organizer, live_event, Event.Status.CANCELLED)
    response = api.post(f"/api/checkin/{live_event.checkin_secret}/", ATTENDEE, format="json")
    assert (response.status_code, response.json()["reason"]) == (410, "cancelled")
    assert not CheckIn.objects.exists()


@pytest.mark.django_db
def test_checkin_bad_input_is_400_with_field_errors(api, live_event):
    response = api.post(f"/api/checkin/{live_event.checkin_secret}/",
                        {**ATTENDEE, "phone": "12", "age_group": "teen", "consent": False}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"phone", "age_group", "consent"}
    assert all(isinstance(messages, list) for messages in response.json().values())


@pytest.mark.django_db
def test_checkin_over_the_rate_limit_is_429(api, live_event, settings):
    from django.core.cache import cache

    cache.clear()
    settings.CHECKIN_RATE_LIMIT = "2/m"
    codes = [api.post(f"/api/checkin/{live_event.checkin_secret}/", {**ATTENDEE, "phone": f"1380013800{i}"},
                      format="json").status_code for i in range(3)]
    assert codes == [201, 201, 429]
    cache.clear()


@pytest.mark.django_db
def test_organizer_enters_a_paper_sheet_and_reads_masked_checkins(api_as, ledger):
    client = api_as(ledger.users.organizer)
    body = {key: value for key, value in ATTENDEE.items() if key != "consent"}
    body["phone"] = "13900001111"
    url = f"/api/events/{ledger.event_a.pk}/checkins/"
    assert client.post(url, body, format="json").status_code == 201
    assert client.post(url, body, format="json").status_code == 200
    page = client.get(url).json()
    assert set(page) >= {"count", "next", "previous", "results"} and page["count"] == 2
    assert sorted(row["phone"] for row in page["results"]) == ["138****8000", "139****1111"]


@pytest.mark.django_db
def test_rotate_secret_gives_a_new_secret_and_revokes_the_old(api_as, api, ledger):
    old = ledger.event_a.checkin_secret
    response = api_as(ledger.users.organizer).post(f"/api/events/{ledger.event_a.pk}/rotate-secret/")
    assert response.status_code == 200
    assert response.json()["checkin_secret"] != old
    refused = api.post(f"/api/checkin/{old}/", ATTENDEE, format="json")
    assert (refused.status_code, refused.json()["reason"]) == (410, "revoked")


@pytest.mark.django_db
@pytest.mark.parametrize("suffix, content_type", [("qr.png", "image/png"), ("qr.svg", "image/svg+xml")])
def test_event_qr_images(api_as, ledger, suffix, content_type):
    response = api_as(ledger.users.organizer).get(f"/api/events/{ledger.event_a.pk}/{suffix}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert api_as(ledger.users.other_organizer).get(f"/api/events/{ledger.event_a.pk}/{suffix}").status_code in (403,
                                                                                                                 404)


@pytest.mark.django_db
@pytest.mark.parametrize("suffix, content_type", [("duty-qr.png", "image/png"), ("duty-qr.svg", "image/svg+xml")])
def test_village_duty_qr_images(api_as, ledger, suffix, content_type):
    url = f"/api/areas/440403107201/{suffix}"
    for user in (ledger.users.coordinator, ledger.users.town_officer):
        response = api_as(user).get(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith(content_type)
    assert api_as(ledger.users.other_town_officer).get(url).status_code == 403
    assert api_as(ledger.users.advisor).get(url).status_code == 403


# --- Token -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_token_endpoint(api, users):
    response = api.post("/api/auth/token/", {"username": "coord", "password": "pass-1234-word"}, format="json")
    assert response.status_code == 200
    token = response.json()["token"]
    assert set(response.json()) == {"token"} and token
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/areas/").status_code == 200
    api.credentials()
    wrong = api.post("/api/auth/token/", {"username": "coord", "password": "nope"}, format="json")
    assert wrong.status_code == 400
    assert api.post("/api/auth/token/", {}, format="json").status_code == 400
    api.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert api.get("/api/areas/").status_code == 401


@pytest.mark.django_db
def test_a_superuser_may_do_everything(api_as, ledger):
    root = User.objects.get(username="root")
    client = api_as(root)
    assert client.get("/api/events/").json()["count"] == 2
    assert client.get(f"/api/events/{ledger.event_b.pk}/checkins/").status_code == 200
    assert client.get("/api/figures/?year=2023&area=440403").status_code == 200
    assert client.post("/api/advisors/", {"name": "超级"}, format="json").status_code == 201


# --- Coverage and figures -------------------------------------------------------------------------

COVERAGE_FIELDS = {
    "village": "code", "name": "str", "town": "code", "events": "int", "attendees": "int",
    "residents_reached": "int", "duty_hours": "num", "duty_hours_required": "num", "home_visits": "int",
    "legal_savvy": "int", "legal_savvy_quota": "int", "last_event_on": "date?", "audiences_reached": "strs",
    "gaps": "strs", "score": "num",
}
FIGURES_NUMBERS = [
    "villages", "advisors", "duty_shifts", "home_visits", "duty_hours", "consultation_batches",
    "consultation_people", "contracts_reviewed", "legal_opinions", "documents_drafted", "mediations",
    "negotiations", "legal_aid_cases", "elections_assisted", "phone_consultations", "advisor_outreach_sessions",
    "events", "event_attendees", "legal_savvy_total", "legal_savvy_new", "villages_meeting_legal_savvy_quota",
]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["year=2023&area=440403", "start=2023-01-01&end=2023-12-31&area=440403"])
def test_coverage_rows_have_the_contract_fields(api_as, ledger, query):
    page = api_as(ledger.users.coordinator).get(f"/api/coverage/?{query}").json()
    rows = page["results"]
    assert [row["village"] for row in rows] == ["440403106201", "440403106202", "440403107001", "440403107201"]
    for row in rows:
        for name, kind in COVERAGE_FIELDS.items():
            assert TYPES[kind](row[name]), (name, row[name])
    jianfeng = rows[-1]
    assert jianfeng["events"] == 1 and jianfeng["attendees"] == 6 and jianfeng["last_event_on"] == "2023-06-10"
    assert "youth" in jianfeng["audiences_reached"] and "no_youth_event" not in jianfeng["gaps"]
    assert {"no_event", "duty_below_required", "legal_savvy_below_quota"} <= set(rows[1]["gaps"])


@pytest.mark.django_db
def test_coverage_geojson_has_the_same_rows(api_as, ledger):
    response = api_as(ledger.users.coordinator).get("/api/coverage.geojson?year=2023&area=440403107")
    assert response.status_code == 200
    data = response.json()
    assert data["type"] == "FeatureCollection"
    assert [feature["properties"]["village"] for feature in data["features"]] == ["440403107001", "440403107201"]
    assert data["features"][1]["geometry"] == {"type": "Point", "coordinates": [113.28, 22.2]}


@pytest.mark.django_db
def test_figures_have_the_contract_keys(api_as, ledger):
    response = api_as(ledger.users.coordinator).get("/api/figures/?year=2023&area=440403")
    assert response.status_code == 200
    data = response.json()
    assert data["year"] == 2023 and data["area"] == "440403" and data["area_name"] == "斗门区"
    for name in FIGURES_NUMBERS:
        assert is_number(data[name]), name
    for name in ["series_episodes", "legal_savvy_activities", "honors"]:
        assert isinstance(data[name], dict), name
    assert isinstance(data["narrative"], str) and data["narrative"]
    assert data["duty_shifts"] == 2 and data["home_visits"] == 1 and data["consultation_people"] == 3
    assert data["events"] == 1 and data["event_attendees"] == 6
    assert data["series_episodes"] == {"92.8说法": 1}
    assert data["legal_savvy_activities"] == {"referral": 2, "dispute_resolved": 1}
    assert data["honors"] == {"law_learning_household:district:candidate": 1}
    assert data["legal_savvy_new"] == 2 and data["legal_savvy_total"] == 1


# --- The area tree stays a tree ------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("body, field", [
    ({"code": "440403108", "name": "新镇", "level": "town", "parent": "440403", "kind": "village"}, "kind"),
    ({"code": "440403107209", "name": "新村", "level": "village", "parent": "440403107", "kind": "subdistrict"},
     "kind"),
    ({"code": "440404", "name": "新区", "level": "district", "kind": "town"}, "kind"),
    ({"code": "440403107209", "name": "新村", "level": "village"}, "parent"),
    ({"code": "440403107209", "name": "新村", "level": "village", "parent": "440403107201"}, "parent"),
])
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


# --- The OpenAPI schema describes the contract ------------------------------------------------------

CONTRACT_PATHS = {
    "/api/auth/token/": {"post"},
    "/api/areas/": {"get", "post"}, "/api/areas/{code}/": {"get", "patch"},
    "/api/areas/{code}/duty-qr.png": {"get"}, "/api/areas/{code}/duty-qr.svg": {"get"},
    "/api/advisors/": {"get", "post"}, "/api/advisors/{id}/": {"get"},
    "/api/assignments/": {"get", "post"}, "/api/assignments/{id}/": {"get"},
    "/api/duty-shifts/": {"get", "post"}, "/api/duty-shifts/{id}/": {"get"},
    "/api/events/": {"get", "post"}, "/api/events/{id}/": {"get", "patch"},
    "/api/events/{id}/qr.png": {"get"}, "/api/events/{id}/qr.svg": {"get"},
    "/api/events/{id}/rotate-secret/": {"post"}, "/api/events/{id}/checkins/": {"get", "post"},
    "/api/event-series/": {"get", "post"}, "/api/event-series/{id}/": {"get"},
    "/api/checkin/{secret}/": {"post"},
    "/api/legal-savvy-persons/": {"get", "post"}, "/api/legal-savvy-persons/{id}/": {"get"},
    "/api/trainings/": {"get", "post"}, "/api/trainings/{id}/": {"get"},
    "/api/legal-savvy-activities/": {"get", "post"}, "/api/legal-savvy-activities/{id}/": {"get"},
    "/api/honors/": {"get", "post"}, "/api/honors/{id}/": {"get"},
    "/api/coverage/": {"get"}, "/api/coverage.geojson": {"get"}, "/api/figures/": {"get"},
}
SCHEMA_FILTERS = {
    "/api/areas/": {"level", "parent", "under", "kind", "active", "page", "page_size"},
    "/api/duty-shifts/": {"advisor", "village", "under", "mode", "date_after", "date_before"},
    "/api/events/": {"area", "under", "kind", "sector", "status", "series", "starts_after", "starts_before"},
    "/api/coverage/": {"year", "area", "start", "end"},
    "/api/figures/": {"year", "area"},
}


@pytest.mark.django_db
def test_the_openapi_schema_describes_every_contract_path_and_filter(client_as, users):
    response = client_as(users.coordinator).get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    for path, methods in CONTRACT_PATHS.items():
        assert path in schema["paths"], path
        assert methods <= set(schema["paths"][path]), (path, methods)
    for path, names in SCHEMA_FILTERS.items():
        documented = {parameter["name"] for parameter in schema["paths"][path]["get"].get("parameters", [])}
        assert names <= documented, (path, names - documented)
    components = schema["components"]["schemas"]
    for resource, component in [("areas", "Area"), ("advisors", "Advisor"), ("assignments", "Assignment"),
                                ("duty-shifts", "DutyShift"), ("events", "Event"), ("event-series", "EventSeries"),
                                ("legal-savvy-persons", "Person"), ("trainings", "Training"),
                                ("legal-savvy-activities", "Activity"), ("honors", "Honor")]:
        assert set(CONTRACT[resource]) <= set(components[component]["properties"]), resource
