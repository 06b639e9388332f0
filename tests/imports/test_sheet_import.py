"""A paper sign-in sheet of one event: from a file through the API, and pasted cells on the sheet page."""

from outreach.models import CheckIn

from .conftest import ledger_csv, upload

HEADER = ["姓名", "手机号码", "性别", "年龄段", "职业", "村居代码"]
ROWS = [
    ["陈小梅", "13800138000", "女", "36–59", "农民", "440403107201"],
    ["李大伟", "139 0013 9000", "male", "60_plus", "retired", ""],
]


def post_sheet(client, event, content, dry_run=False, name="sheet.csv"):
    response = client.post(
        "/api/imports/",
        {"kind": "checkins", "event": event.pk, "file": upload(content, name), "dry_run": dry_run},
        format="multipart",
    )
    assert response.status_code == 202, response.content
    return client.get(f"/api/jobs/{response.json()['job']}/").json()


def test_sheet_file_checks_everyone_in_and_a_second_time_adds_nothing(event, users, api_as):
    client = api_as(users.organizer)
    job = post_sheet(client, event, ledger_csv(ROWS, header=HEADER))
    assert (job["state"], job["created"], job["unchanged"]) == ("succeeded", 2, 0), job["errors"]
    first = CheckIn.objects.get(phone="13800138000")
    assert (first.gender, first.age_group, first.occupation, first.method) == ("female", "36_59", "farmer", "organizer")
    again = post_sheet(client, event, ledger_csv(ROWS, header=HEADER))
    assert (again["created"], again["unchanged"]) == (0, 2)
    assert CheckIn.objects.count() == 2


def test_dry_run_and_bad_lines_write_nothing(event, users, api_as):
    client = api_as(users.organizer)
    job = post_sheet(client, event, ledger_csv(ROWS, header=HEADER), dry_run=True)
    assert (job["state"], job["created"]) == ("succeeded", 2) and CheckIn.objects.count() == 0
    bad = [*ROWS, ["", "12345", "", "child", "", ""]]
    job = post_sheet(client, event, ledger_csv(bad, header=HEADER))
    assert job["state"] == "failed" and CheckIn.objects.count() == 0
    assert [(error["line"], error["code"]) for error in job["errors"]] == [
        (4, "attendee_name_required"),
        (4, "bad_phone"),
        (4, "bad_age_group"),
        (4, "bad_occupation"),
    ]


def test_only_the_event_manager_imports_its_sheet(event, users, api_as):
    def content():
        return upload(ledger_csv(ROWS, header=HEADER))

    for user in (users.other_organizer, users.town_officer, users.advisor):
        response = api_as(user).post(
            "/api/imports/", {"kind": "checkins", "event": event.pk, "file": content()}, format="multipart"
        )
        assert response.status_code == 403
    response = api_as(users.organizer).post(
        "/api/imports/", {"kind": "checkins", "file": content()}, format="multipart"
    )
    assert response.status_code == 400 and "event" in response.json()


def test_pasted_cells_on_the_sheet_page(event, users, client_as):
    client = client_as(users.organizer)
    assert f"imports/sheet/{event.pk}/" in client.get(f"/events/{event.pk}/sheet/").content.decode()
    pasted = "\n".join("\t".join(row) for row in [HEADER, *ROWS])
    response = client.post(f"/imports/sheet/{event.pk}/", {"pasted": pasted})
    assert response.status_code == 302
    assert CheckIn.objects.filter(event=event).count() == 2
    assert client_as(users.other_organizer).get(f"/imports/sheet/{event.pk}/").status_code == 404


def _counts(event):
    from outreach.stats import event_counts

    counts = event_counts(event)
    return counts, sorted(CheckIn.objects.values_list("id", "phone", "annulled"))


def test_a_sheet_is_undone_as_a_whole_and_the_counts_are_restored_exactly(event, users, api_as):
    from outreach.services import perform_checkin

    perform_checkin(
        event,
        {"name": "门口", "phone": "13700137000", "age_group": "18_35", "occupation": "worker"},
        method=CheckIn.Method.ORGANIZER,
        user=users.organizer,
        enforce_window=False,
    )
    before = _counts(event)
    client = api_as(users.organizer)
    # the door's attendee is on the sheet too: unchanged, and left alone by the undo
    rows = [*ROWS, ["门口", "13700137000", "", "18_35", "worker", ""]]
    job = post_sheet(client, event, ledger_csv(rows, header=HEADER))
    assert (job["state"], job["created"], job["unchanged"]) == ("succeeded", 2, 1), job["errors"]
    assert _counts(event) != before
    assert api_as(users.other_organizer).post(f"/api/jobs/{job['id']}/undo/").status_code == 404  # not their job
    response = client.post(f"/api/jobs/{job['id']}/undo/")
    assert response.status_code == 200, response.content
    assert _counts(event) == before
    assert client.post(f"/api/jobs/{job['id']}/undo/").status_code == 409


def test_a_sheet_is_no_longer_undone_once_an_attendee_gave_feedback(event, users, api_as):
    from outreach.services import give_feedback

    client = api_as(users.organizer)
    job = post_sheet(client, event, ledger_csv(ROWS, header=HEADER))
    give_feedback(CheckIn.objects.get(phone="13800138000"), satisfaction=5)
    response = client.post(f"/api/jobs/{job['id']}/undo/")
    assert response.status_code == 409 and "反馈" in response.content.decode()
    assert CheckIn.objects.count() == 2


def test_a_dry_run_or_a_repeated_sheet_has_nothing_to_undo(event, users, api_as):
    client = api_as(users.organizer)
    dry = post_sheet(client, event, ledger_csv(ROWS, header=HEADER), dry_run=True)
    assert client.post(f"/api/jobs/{dry['id']}/undo/").status_code == 409
    post_sheet(client, event, ledger_csv(ROWS, header=HEADER))
    again = post_sheet(client, event, ledger_csv(ROWS, header=HEADER))
    assert client.post(f"/api/jobs/{again['id']}/undo/").status_code == 409
    assert CheckIn.objects.count() == 2
