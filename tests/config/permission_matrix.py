"""The permission matrix: one row per URL name, every page and API route (tests/config/test_permission_matrix.py
walks the URL resolver and fails on a route without a row).

A row says how to build the route's URL for a record of the *own* scope (井岸镇 / the coordinator's
district: ``own``) and, where the route takes a record or an area, of the *other* scope (白蕉镇:
``other``), and the expected GET status for each role, in the order of ``ROLES``:

    anonymous, advisor (井岸镇), organizer, town officer of 井岸镇, town officer of 白蕉镇,
    coordinator of another district (香洲区), coordinator of 斗门区

e.g. ``"302 200 403 200 404 404 200"``. ``leaks`` names the marker kinds of ``MARKERS`` that must
not appear in the body for a role that may not see them (lists and pages showing many records).
``post_only`` routes answer GET with 405 once the login check passed. Builders get the
``ledger`` fixture of tests/api/conftest.py plus ``matrix`` extras (``L.extra``).
The row kit and the rows of the later routes (jobs, imports, works, notifications, flags, topics,
needs, the offline app, the pickers) are in tests/config/permission_matrix_more.py (``MORE``).
"""

from .permission_matrix_more import MORE, NO, OTHER_VILLAGE, OWN_VILLAGE, Row, code, pk, xpk

ROLES = ("anonymous", "advisor", "organizer", "officer", "other_officer", "other_coordinator", "coordinator")

MATRIX = {
    # --- accounts -----------------------------------------------------------------------------
    "home": Row(NO, "302 200 200 200 200 200 200"),
    "login": Row(NO, "200 302 302 302 302 302 302"),
    "logout": Row(NO, "405 405 405 405 405 405 405"),
    "account": Row(NO, "302 200 200 200 200 200 200"),
    "password_change": Row(NO, "302 200 200 200 200 200 200"),
    "sign_out_everywhere": Row(NO, "302 405 405 405 405 405 405"),
    "activate": Row(lambda L: {"secret": L.extra.secret}, "200 200 200 200 200 200 200"),
    "healthz": Row(NO, "200 200 200 200 200 200 200"),
    "set_language": Row(NO, "302 302 302 302 302 302 302"),
    # --- places -------------------------------------------------------------------------------
    "places:area_browser": Row(NO, "302 200 200 200 200 200 200"),
    "places:area_detail": Row(
        code(OWN_VILLAGE), "302 200 200 200 200 200 200", code(OTHER_VILLAGE), "302 200 200 200 200 200 200"
    ),
    # --- advisors -----------------------------------------------------------------------------
    "advisors:my_villages": Row(NO, "302 200 403 403 403 403 403"),
    "advisors:shift_create": Row(NO, "302 200 403 403 403 403 403"),
    "advisors:my_month": Row(NO, "302 200 403 403 403 403 403", leaks=("shift",)),
    "advisors:shift_detail": Row(
        pk("shift_a"), "302 200 404 200 404 404 200", pk("shift_b"), "302 404 404 404 200 404 200"
    ),
    "advisors:shift_edit": Row(
        pk("shift_a"), "302 200 404 200 404 404 200", pk("shift_b"), "302 404 404 404 200 404 200"
    ),
    "advisors:shift_finish": Row(
        pk("shift_a"), "302 302 404 302 404 404 302", pk("shift_b"), "302 404 404 404 302 404 302"
    ),
    "advisors:shift_delete": Row(
        pk("shift_a"), "302 405 405 405 405 405 405", pk("shift_b"), "302 405 405 405 405 405 405"
    ),
    "advisors:scan": Row(lambda L: {"secret": L.extra.poster_a.secret}, "302 200 403 403 403 403 403"),
    "advisors:poster": Row(
        code(OWN_VILLAGE), "302 403 403 200 403 403 200", code(OTHER_VILLAGE), "302 403 403 403 200 403 200"
    ),
    "advisors:poster_png": Row(
        code(OWN_VILLAGE), "302 403 403 200 403 403 200", code(OTHER_VILLAGE), "302 403 403 403 200 403 200"
    ),
    "advisors:poster_svg": Row(
        code(OWN_VILLAGE), "302 403 403 200 403 403 200", code(OTHER_VILLAGE), "302 403 403 403 200 403 200"
    ),
    "advisors:poster_rotate": Row(
        code(OWN_VILLAGE), "302 405 405 405 405 405 405", code(OTHER_VILLAGE), "302 405 405 405 405 405 405"
    ),
    "advisors:ledger": Row(NO, "302 403 403 200 200 200 200", leaks=("shift",), query="year=2023"),
    "advisors:approve": Row(NO, "302 403 403 405 405 405 405"),
    "advisors:ledger_csv": Row(NO, "302 403 403 200 200 200 200", leaks=("shift",)),
    "advisors:ledger_xlsx": Row(NO, "302 403 403 200 200 200 200"),
    "advisors:ledger_xlsx_job": Row(NO, "302 403 403 405 405 405 405"),
    "advisors:compliance": Row(NO, "302 403 403 200 200 200 200", query="month=2023-06"),
    "advisors:compliance_csv": Row(NO, "302 403 403 200 200 200 200"),
    "advisors:compliance_xlsx": Row(NO, "302 403 403 200 200 200 200"),
    "advisors:villages": Row(NO, "302 403 403 200 200 200 200", leaks=("village",)),
    "advisors:advisor_list": Row(NO, "302 403 403 403 403 200 200"),
    "advisors:advisor_create": Row(NO, "302 403 403 403 403 200 200"),
    "advisors:advisor_edit": Row(pk("a"), "302 403 403 403 403 200 200"),
    "advisors:assignment_create": Row(NO, "302 403 403 403 403 200 200"),
    "advisors:assignment_end": Row(
        pk("assign_a"), "302 403 403 403 403 405 405", pk("assign_b"), "302 403 403 403 403 405 405"
    ),
    # --- people -------------------------------------------------------------------------------
    "people:user_list": Row(NO, "302 403 403 200 200 200 200", leaks=("user",)),
    "people:user_create": Row(NO, "302 403 403 200 200 200 200"),
    "people:user_edit": Row(
        lambda L: {"pk": L.users.advisor.pk},
        "302 403 403 200 404 404 200",
        lambda L: {"pk": L.users.other_advisor.pk},
        "302 403 403 404 200 404 200",
    ),
    "people:user_link": Row(
        lambda L: {"pk": L.users.advisor.pk},
        "302 403 403 405 405 405 405",
        lambda L: {"pk": L.users.other_advisor.pk},
        "302 403 403 405 405 405 405",
    ),
    "people:bulk_advisors": Row(NO, "302 403 403 405 405 405 405"),
    "people:slip_email": Row(lambda L: {"link_pk": 999999}, "302 403 403 405 405 405 405"),
    "people:roster_import": Row(NO, "302 403 403 200 200 200 200"),
    "people:slips": Row(NO, "302 403 403 200 200 200 200"),
    "people:token_list": Row(NO, "302 403 403 403 403 200 200"),
    "people:token_revoke": Row(xpk("token"), "302 405 405 405 405 405 405"),
    # --- legal-savvy persons ------------------------------------------------------------------
    "legalsavvy:registry": Row(NO, "302 403 403 200 200 200 200", leaks=("person",)),
    "legalsavvy:person_create": Row(NO, "302 403 403 200 200 200 200"),
    "legalsavvy:person": Row(pk("p_a"), "302 403 403 200 404 404 200", pk("p_b"), "302 403 403 404 200 404 200"),
    "legalsavvy:person_edit": Row(pk("p_a"), "302 403 403 200 404 404 200", pk("p_b"), "302 403 403 404 200 404 200"),
    "legalsavvy:person_remove": Row(pk("p_a"), "302 403 403 200 404 404 200", pk("p_b"), "302 403 403 404 200 404 200"),
    "legalsavvy:person_reappoint": Row(
        pk("p_a"), "302 403 403 200 404 404 200", pk("p_b"), "302 403 403 404 200 404 200"
    ),
    "legalsavvy:person_pair": Row(pk("p_a"), "405 405 405 405 405 405 405", pk("p_b"), "405 405 405 405 405 405 405"),
    "legalsavvy:activity_create": Row(
        pk("p_a"), "302 403 403 200 404 404 200", pk("p_b"), "302 403 403 404 200 404 200"
    ),
    "legalsavvy:activity_delete": Row(
        pk("activity_a"), "405 405 405 405 405 405 405", pk("activity_b"), "405 405 405 405 405 405 405"
    ),
    "legalsavvy:trainings": Row(NO, "302 403 403 200 200 200 200", leaks=("training",)),
    "legalsavvy:training_create": Row(NO, "302 403 403 200 200 200 200"),
    "legalsavvy:training_delete": Row(
        pk("training_a"), "405 405 405 405 405 405 405", pk("training_b"), "405 405 405 405 405 405 405"
    ),
    "legalsavvy:summary": Row(NO, "302 403 403 200 200 200 200"),
    "legalsavvy:villages": Row(NO, "302 403 403 200 200 200 200", leaks=("village",)),
    "legalsavvy:village": Row(
        code(OWN_VILLAGE), "302 403 403 200 404 404 200", code(OTHER_VILLAGE), "302 403 403 404 200 404 200"
    ),
    "legalsavvy:village_pair": Row(
        code(OWN_VILLAGE), "405 405 405 405 405 405 405", code(OTHER_VILLAGE), "405 405 405 405 405 405 405"
    ),
    "legalsavvy:import": Row(NO, "302 403 403 403 403 200 200"),
    "legalsavvy:honors": Row(NO, "302 403 403 200 200 200 200", leaks=("honor",)),
    "legalsavvy:honor_create": Row(NO, "302 403 403 200 200 200 200"),
    "legalsavvy:honor_edit": Row(
        pk("honor_a"), "302 403 403 200 404 404 200", pk("honor_b"), "302 403 403 404 200 404 200"
    ),
    "legalsavvy:honor_delete": Row(
        pk("honor_a"), "405 405 405 405 405 405 405", pk("honor_b"), "405 405 405 405 405 405 405"
    ),
    # --- events -------------------------------------------------------------------------------
    "outreach:event_list": Row(NO, "302 200 200 200 200 200 200", leaks=("event",)),
    "outreach:event_create": Row(NO, "302 403 200 403 403 200 200"),
    "outreach:event_detail": Row(
        pk("event_a"), "302 404 200 200 404 404 200", pk("event_b"), "302 404 404 404 200 404 200"
    ),
    "outreach:event_edit": Row(
        pk("event_a"), "302 404 200 403 404 404 200", pk("event_b"), "302 404 404 404 403 404 200"
    ),
    "outreach:event_counts": Row(
        pk("event_a"), "302 404 200 200 404 404 200", pk("event_b"), "302 404 404 404 200 404 200"
    ),
    "outreach:event_projector": Row(
        pk("event_a"), "302 404 200 403 404 404 200", pk("event_b"), "302 404 404 404 403 404 200"
    ),
    "outreach:event_poster": Row(
        pk("event_a"), "302 404 200 403 404 404 200", pk("event_b"), "302 404 404 404 403 404 200"
    ),
    "outreach:event_qr": Row(
        lambda L: {"pk": L.event_a.pk, "fmt": "png"},
        "302 404 200 403 404 404 200",
        lambda L: {"pk": L.event_b.pk, "fmt": "png"},
        "302 404 404 404 403 404 200",
    ),
    "outreach:event_rotate": Row(
        pk("event_a"), "302 405 405 405 405 405 405", pk("event_b"), "302 405 405 405 405 405 405"
    ),
    "outreach:event_status": Row(
        pk("event_a"), "302 405 405 405 405 405 405", pk("event_b"), "302 405 405 405 405 405 405"
    ),
    "outreach:event_walk_ins": Row(
        pk("event_a"), "302 405 405 405 405 405 405", pk("event_b"), "302 405 405 405 405 405 405"
    ),
    "outreach:event_attendees": Row(
        pk("event_a"), "302 404 200 403 404 404 200", pk("event_b"), "302 404 404 404 403 404 200"
    ),
    "outreach:event_export": Row(
        lambda L: {"pk": L.event_a.pk, "fmt": "csv"},
        "302 404 200 403 404 404 200",
        lambda L: {"pk": L.event_b.pk, "fmt": "csv"},
        "302 404 404 404 403 404 200",
    ),
    "outreach:checkin_annul": Row(
        # a GET shows the confirmation page: the event's managers only (as the attendee list)
        lambda L: {"pk": L.event_a.pk, "checkin_pk": L.extra.checkin.pk},
        "302 404 200 403 404 404 200",
    ),
    "outreach:event_sheet": Row(
        pk("event_a"), "302 404 200 403 404 404 200", pk("event_b"), "302 404 404 404 403 404 200"
    ),
    "outreach:event_photos": Row(
        pk("event_a"), "302 404 200 200 404 404 200", pk("event_b"), "302 404 404 404 200 404 200"
    ),
    "outreach:photo_delete": Row(lambda L: {"pk": L.event_a.pk, "photo_pk": 999999}, "302 405 405 405 405 405 405"),
    "checkin": Row(lambda L: {"secret": L.event_a.checkin_secret}, "410 410 410 410 410 410 410"),
    "checkin_done": Row(lambda L: {"secret": L.event_a.checkin_secret}, "404 404 404 404 404 404 404"),
    # --- coverage and figures -----------------------------------------------------------------
    "coverage:dashboard": Row(NO, "302 403 403 200 200 200 200", query="year=2023"),
    "coverage:map": Row(NO, "302 403 403 200 200 200 200", query="year=2023"),
    "coverage:map_svg": Row(NO, "302 403 403 200 200 200 200", query="year=2023"),
    "coverage:gaps": Row(NO, "302 403 403 200 200 200 200", leaks=("village",), query="year=2023"),
    "coverage:gaps_csv": Row(NO, "302 403 403 200 200 200 200", leaks=("village",), query="year=2023"),
    "coverage:gaps_xlsx": Row(NO, "302 403 403 200 200 200 200", query="year=2023"),
    "coverage:village": Row(
        code(OWN_VILLAGE),
        "302 403 403 200 404 404 200",
        code(OTHER_VILLAGE),
        "302 403 403 404 200 404 200",
        query="year=2023",
    ),
    "figures:page": Row(NO, "302 403 403 200 200 200 200", query="year=2023"),
    "figures:xlsx": Row(NO, "302 403 403 200 200 200 200", query="year=2023"),
    "figures:close": Row(NO, "302 405 405 405 405 405 405"),
    # --- API ----------------------------------------------------------------------------------
    "api-token": Row(NO, "405 405 405 405 405 405 405"),
    "api-schema": Row(NO, "401 200 200 200 200 200 200"),
    "api-docs": Row(NO, "302 200 200 200 200 200 200"),
    "area-list": Row(NO, "401 200 200 200 200 200 200"),
    "area-detail": Row(
        code(OWN_VILLAGE), "401 200 200 200 200 200 200", code(OTHER_VILLAGE), "401 200 200 200 200 200 200"
    ),
    "area-duty-qr-png": Row(
        code(OWN_VILLAGE), "401 403 403 200 403 403 200", code(OTHER_VILLAGE), "401 403 403 403 200 403 200"
    ),
    "area-duty-qr-svg": Row(
        code(OWN_VILLAGE), "401 403 403 200 403 403 200", code(OTHER_VILLAGE), "401 403 403 403 200 403 200"
    ),
    "advisor-list": Row(NO, "401 200 200 200 200 200 200"),
    "advisor-detail": Row(pk("a"), "401 200 200 200 200 200 200", pk("b"), "401 200 200 200 200 200 200"),
    "assignment-list": Row(NO, "401 200 200 200 200 200 200", leaks=("assignment",)),
    "assignment-detail": Row(
        pk("assign_a"), "401 200 200 200 404 404 200", pk("assign_b"), "401 404 200 404 200 404 200"
    ),
    "duty-shift-list": Row(NO, "401 200 403 200 200 200 200", leaks=("shift",)),
    "duty-shift-approve": Row(NO, "401 403 403 405 405 405 405"),
    "duty-shift-start": Row(NO, "401 405 403 405 405 405 405"),
    "duty-shift-detail": Row(
        pk("shift_a"), "401 200 403 200 404 404 200", pk("shift_b"), "401 404 403 404 200 404 200"
    ),
    "duty-shift-approve-one": Row(
        pk("shift_a"), "401 403 403 405 405 405 405", pk("shift_b"), "401 403 403 405 405 405 405"
    ),
    "duty-shift-changes": Row(
        pk("shift_a"), "401 200 403 200 404 404 200", pk("shift_b"), "401 404 403 404 200 404 200"
    ),
    "duty-shift-finish": Row(
        pk("shift_a"), "401 405 403 405 405 405 405", pk("shift_b"), "401 405 403 405 405 405 405"
    ),
    "event-qr-png": Row(pk("event_a"), "401 404 200 403 404 404 200", pk("event_b"), "401 404 404 404 403 404 200"),
    "event-qr-svg": Row(pk("event_a"), "401 404 200 403 404 404 200", pk("event_b"), "401 404 404 404 403 404 200"),
    "public-checkin": Row(lambda L: {"secret": L.event_a.checkin_secret}, "405 405 405 405 405 405 405"),
    "event-list": Row(NO, "401 200 200 200 200 200 200"),
    "event-detail": Row(pk("event_a"), "401 404 200 200 404 404 200", pk("event_b"), "401 404 404 404 200 404 200"),
    "event-annul-checkin": Row(
        lambda L: {"pk": L.event_a.pk, "checkin_id": L.extra.checkin.pk}, "401 405 405 405 405 405 405"
    ),
    "event-checkins": Row(
        pk("event_a"), "401 404 200 403 404 404 200", pk("event_b"), "401 404 404 404 403 404 200", leaks=("phone",)
    ),
    "event-rotate-secret": Row(
        pk("event_a"), "401 405 405 405 405 405 405", pk("event_b"), "401 405 405 405 405 405 405"
    ),
    "event-series-list": Row(NO, "401 200 200 200 200 200 200"),
    "event-series-detail": Row(pk("radio"), "401 200 200 200 200 200 200"),
    "legal-savvy-person-list": Row(NO, "401 200 200 200 200 200 200", leaks=("person",)),
    "legal-savvy-person-detail": Row(
        pk("p_a"), "401 200 200 200 404 404 200", pk("p_b"), "401 404 200 404 200 404 200"
    ),
    "legal-savvy-person-pair": Row(pk("p_a"), "401 405 405 405 405 405 405", pk("p_b"), "401 405 405 405 405 405 405"),
    "legal-savvy-person-reappoint": Row(
        pk("p_a"), "401 405 405 405 405 405 405", pk("p_b"), "401 405 405 405 405 405 405"
    ),
    "legal-savvy-person-remove": Row(
        pk("p_a"), "401 405 405 405 405 405 405", pk("p_b"), "401 405 405 405 405 405 405"
    ),
    "training-list": Row(NO, "401 403 403 200 200 200 200", leaks=("training",)),
    "training-session": Row(NO, "401 403 403 405 405 405 405"),
    "training-detail": Row(
        pk("training_a"), "401 403 403 200 404 404 200", pk("training_b"), "401 403 403 404 200 404 200"
    ),
    "legal-savvy-activity-list": Row(NO, "401 403 403 200 200 200 200", leaks=("activity",)),
    "legal-savvy-activity-detail": Row(
        pk("activity_a"), "401 403 403 200 404 404 200", pk("activity_b"), "401 403 403 404 200 404 200"
    ),
    "honor-list": Row(NO, "401 200 200 200 200 200 200", leaks=("honor",)),
    "honor-detail": Row(pk("honor_a"), "401 200 200 200 404 404 200", pk("honor_b"), "401 404 200 404 200 404 200"),
    "api-coverage": Row(NO, "401 403 403 200 200 200 200", query="year=2023"),
    "api-coverage-geojson": Row(NO, "401 403 403 200 200 200 200", query="year=2023"),
    "api-coverage-areas": Row(NO, "401 403 403 200 200 200 200", query="year=2023"),
    "api-figures": Row(NO, "401 403 403 200 403 403 200", query="year=2023&area=440403107"),
    "api-figures-close": Row(NO, "401 403 403 403 403 405 405"),
    "user-list": Row(NO, "401 403 403 200 200 200 200", leaks=("user",)),
    "user-detail": Row(
        lambda L: {"pk": L.users.advisor.pk},
        "401 403 403 200 404 404 200",
        lambda L: {"pk": L.users.other_advisor.pk},
        "401 403 403 404 200 404 200",
    ),
    "user-activation": Row(
        lambda L: {"pk": L.users.advisor.pk},
        "401 403 403 405 405 405 405",
        lambda L: {"pk": L.users.other_advisor.pk},
        "401 403 403 405 405 405 405",
    ),
    **MORE,
}

# Text that identifies one record of 白蕉镇 (or, for "phone", a full phone number) and the roles that
# may see it. In a row's ``leaks``, the text must appear for those roles (so the marker is real) and
# must not appear for any other role that gets the page.
OTHER_SCOPE = frozenset({"other_officer", "coordinator"})
DISTRICT = OTHER_SCOPE | {"organizer"}  # the organizers' scope is the district: both towns
MARKERS = {
    "shift": ("2023-07-01", OTHER_SCOPE),
    "village": ("南澳村", OTHER_SCOPE),
    "user": ("advisor_b", OTHER_SCOPE),
    "person": ("黄调解", DISTRICT),
    "training": ("人民调解", OTHER_SCOPE),
    "activity": ("邻里纠纷", OTHER_SCOPE),
    "honor": ("谭家户", DISTRICT),
    "event": ("反诈宣传进校园", OTHER_SCOPE),  # an organizer sees their own events only
    "assignment": (f'"village":"{OTHER_VILLAGE}"', DISTRICT),
    "phone": ("13800138000", frozenset({"coordinator"})),
    "work": ("南澳普法微视频", OTHER_SCOPE),
    "note": ("南澳普法微视频", frozenset({"other_officer"})),  # a notification is its addressee's only
    "flag": ("南澳普法微视频", OTHER_SCOPE),
    "area": ("440403106201", DISTRICT),  # a picker's JSON (names are \u-escaped there)
}
