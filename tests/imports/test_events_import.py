"""The list of events held: created through the events service, all or none, repeated → unchanged, undo."""

from outreach.models import CheckIn, Event

from .conftest import ledger_csv

HEADER = [
    "活动名称",
    "活动形式",
    "领域",
    "受众",
    "宣传内容",
    "区划代码",
    "地点",
    "日期",
    "开始时间",
    "结束时间",
    "现场人数",
    "主讲人",
]
ROWS = [
    [
        "民法典进村",
        "讲座",
        "villages",
        "老年人、general",
        "民法典",
        "440403107201",
        "村委会",
        "2023-03-01",
        "09:00",
        "11:00",
        "30",
        "张律师、王老师",
    ],
    ["反诈宣传", "campaign", "", "", "反诈", "440403107001", "", "2023-03-02", "14:00", "16:00", "", ""],
]


def test_events_file_created_repeated_and_undone(duty, users, run_import, api_as):
    _r, job = run_import(users.coordinator, ledger_csv(ROWS, header=HEADER), kind="events")
    assert (job["state"], job["created"]) == ("succeeded", 2), job["errors"]
    event = Event.objects.get(title="民法典进村")
    assert (event.kind, event.sector, event.status, event.walk_in_count) == ("lecture", "villages", "held", 30)
    assert sorted(event.audience_rows.values_list("audience", flat=True)) == ["elderly", "general"]
    assert list(event.advisors.all()) == [duty.a] and event.other_speakers == "王老师"
    assert event.topics == ["民法典"] and event.import_job_id == job["id"]
    _r, again = run_import(users.coordinator, ledger_csv(ROWS, header=HEADER), kind="events")
    assert (again["created"], again["unchanged"]) == (0, 2) and Event.objects.count() == 2
    CheckIn.objects.create(event=event, name="陈", phone="13800138000", age_group="36_59", occupation="farmer")
    assert api_as(users.coordinator).post(f"/api/jobs/{job['id']}/undo/").status_code == 409
    CheckIn.objects.all().delete()
    assert api_as(users.coordinator).post(f"/api/jobs/{job['id']}/undo/").status_code == 200
    assert Event.objects.count() == 0


def test_bad_events_file_and_dry_run_write_nothing(duty, users, run_import):
    _r, job = run_import(users.coordinator, ledger_csv(ROWS, header=HEADER), kind="events", dry_run=True)
    assert (job["state"], job["created"]) == ("succeeded", 2) and Event.objects.count() == 0
    bad = [*ROWS, ["", "swim", "", "", "", "440403107201", "", "2023-03-03", "10:00", "09:00", "", ""]]
    _r, job = run_import(users.coordinator, ledger_csv(bad, header=HEADER), kind="events")
    assert job["state"] == "failed" and Event.objects.count() == 0
    assert {e["line"] for e in job["errors"]} == {4}
    codes = [e["code"] for e in job["errors"]]
    assert "bad_choice" in codes and "ends_before_start" in codes and len(codes) == 3, job["errors"]


def test_town_officers_do_not_import_events(duty, users, api_as):
    from .conftest import upload

    response = api_as(users.town_officer).post(
        "/api/imports/", {"kind": "events", "file": upload(ledger_csv(ROWS, header=HEADER))}, format="multipart"
    )
    assert response.status_code == 403
