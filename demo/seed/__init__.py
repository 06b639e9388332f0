"""The Doumen District demo: areas from the shipped file, users for each role, and (as features
land) the 2023 ledgers. Every step is idempotent: running ``load_demo`` twice changes nothing."""

from pathlib import Path

from django.conf import settings
from django.db import transaction

from accounts.models import User
from places.importer import import_areas, read_file
from places.models import Area

DOUMEN_CODE = "440403"
AREAS_FILE = Path(settings.BASE_DIR) / "places" / "data" / "doumen_areas.csv"
DEMO_PASSWORD = "pufa-demo-2023"

# (username, role, scope code, display name)
DEMO_USERS = [
    ("coordinator", "coordinator", DOUMEN_CODE, "区司法局协调员"),
    ("jingan_officer", "town_officer", "440403107", "井岸司法所"),
    ("organizer", "organizer", DOUMEN_CODE, "普法活动组织者"),
    ("advisor", "advisor", "440403107", "法律顾问"),
]


def load_areas():
    # Already loaded: leave it, so the demo's approximate village positions survive a re-run.
    if Area.objects.within(DOUMEN_CODE).count() >= 136:
        return None
    result = import_areas(read_file(AREAS_FILE))
    if not result.ok:
        raise RuntimeError("; ".join(str(e) for e in result.errors))
    return result


def load_users():
    users = {}
    for username, role, scope_code, name in DEMO_USERS:
        user, created = User.objects.get_or_create(username=username, defaults={"role": role})
        user.role = role
        user.scope = Area.objects.get(code=scope_code)
        user.first_name = name
        if created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
        user.save()
        users[role] = user
    return users


# The ledgers (imported here, after the constants above, because the step modules use the users).
from .advisors_demo import load_advisors  # noqa: E402
from .close_demo import load_year_close  # noqa: E402
from .duty_demo import load_duty_log  # noqa: E402
from .events_demo import load_events  # noqa: E402
from .honors_demo import load_honors  # noqa: E402
from .legalsavvy_demo import load_legal_savvy  # noqa: E402
from .places_demo import load_coordinates  # noqa: E402
from .quality_demo import load_quality_flags  # noqa: E402
from .topics_demo import load_topics  # noqa: E402
from .works_demo import load_works  # noqa: E402

STEPS = [
    ("areas", load_areas),
    ("users", load_users),
    ("village positions (approximate)", load_coordinates),
    ("advisors and assignments", load_advisors),
    ("duty log 2022, 2023 and this year", load_duty_log),
    ("legal-savvy persons", load_legal_savvy),
    ("events and check-ins", load_events),
    ("honors", load_honors),
    ("works and awards", load_works),
    ("2023 closed for the district", load_year_close),
    ("data-quality flags", load_quality_flags),
    ("topics: duty by topic, event topics, attendee feedback", load_topics),
]


def build(stdout=None):
    for name, step in STEPS:
        with transaction.atomic():
            step()
        if stdout is not None:
            stdout.write(f"demo: {name} ready")
