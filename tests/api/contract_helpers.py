"""What the API contract tests share ("v1"): each resource's documented fields with
their types, the enums, and the check that a row has the contract's shape."""

import re

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TIME = re.compile(r"^\d{2}:\d{2}$")
# ISO 8601 with an explicit offset (or Z).
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)$")
CODE = re.compile(r"^\d{2,12}$")

COUNTERS = [
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
        "code": "code",
        "name": "str",
        "level": "str",
        "parent": "code?",
        "kind": "str?",
        "lat": "num?",
        "lon": "num?",
        "population": "int?",
        "households": "int?",
        "boundary": "geometry?",
        "active": "bool",
    },
    "advisors": {
        "id": "int",
        "name": "str",
        "kind": "str",
        "firm": "str",
        "license_no": "str",
        "phone": "str",
        "user": "str?",
        "active": "bool",
    },
    "assignments": {"id": "int", "advisor": "int", "village": "code", "starts_on": "date", "ends_on": "date?"},
    "duty-shifts": {
        "id": "int",
        "advisor": "int",
        "village": "code",
        "date": "date",
        "start_time": "time",
        "end_time": "time?",
        "hours": "num",
        "mode": "str",
        **dict.fromkeys(COUNTERS, "int"),
        "notes": "str",
        "verified_presence": "bool",
    },
    "events": {
        "id": "int",
        "title": "str",
        "kind": "str",
        "sector": "str",
        "audiences": "strs",
        "topics": "strs",
        "area": "code",
        "venue": "str",
        "starts_at": "datetime",
        "ends_at": "datetime",
        "status": "str",
        "series": "int?",
        "episode": "int?",
        "walk_in_count": "int",
        "attendee_count": "int",
        "advisors": "ids",
        "legal_savvy_persons": "ids",
        "other_speakers": "str",
    },
    "event-series": {"id": "int", "name": "str", "kind": "str"},
    "legal-savvy-persons": {
        "id": "int",
        "name": "str",
        "gender": "str",
        "birth_year": "int?",
        "phone": "str",
        "village": "code",
        "source": "str",
        "appointed_on": "date",
        "status": "str",
        "removed_on": "date?",
        "removal_reason": "str",
        "advisor": "int?",
    },
    "trainings": {"id": "int", "person": "int", "date": "date", "hours": "num", "topic": "str", "passed": "bool?"},
    "legal-savvy-activities": {
        "id": "int",
        "person": "int",
        "date": "date",
        "kind": "str",
        "count": "int",
        "hours": "num",
        "notes": "str",
    },
    "honors": {"id": "int", "village": "code", "title": "str", "level": "str", "status": "str", "year": "int"},
}

ENUMS = {
    "areas": {
        "level": {"province", "city", "district", "town", "village"},
        "kind": {"village", "community", "town", "subdistrict", None},
    },
    "advisors": {"kind": {"lawyer", "legal_worker"}},
    "duty-shifts": {"mode": {"office", "home_visit", "remote", "appointment"}},
    "events": {
        "kind": {
            "lecture",
            "case_study",
            "performance",
            "campaign",
            "training",
            "broadcast",
            "online",
            "consultation",
            "other",
        },
        "sector": {"organs", "villages", "communities", "schools", "enterprises", "units", "online"},
        "status": {"planned", "held", "cancelled"},
    },
    "legal-savvy-persons": {
        "gender": {"female", "male", "unspecified"},
        "source": {
            "cadre",
            "mediator",
            "grid_worker",
            "party_member",
            "womens_federation",
            "five_elders",
            "auxiliary_police",
            "group_head",
            "other",
        },
        "status": {"active", "removed"},
    },
    "legal-savvy-activities": {"kind": {"dispute_resolved", "risk_reported", "referral", "outreach_helped", "other"}},
    "honors": {
        "title": {"democracy_rule_of_law_village", "law_learning_household"},
        "level": {"national", "provincial", "city", "district"},
        "status": {"awarded", "candidate"},
    },
}
AUDIENCES = {
    "general",
    "youth",
    "elderly",
    "women",
    "migrant_workers",
    "enterprise_staff",
    "village_cadres",
    "students",
}


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
