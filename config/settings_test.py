"""Settings for the test suite: the real settings plus a test secret and a fast hasher."""

import os
from pathlib import Path

os.environ.setdefault("DJANGO_SECRET_KEY", "test-secret-key-only-used-by-the-test-suite-0123456789")
os.environ.setdefault("CHECKIN_RATE_LIMIT", "0")
# Every check-in recomputes its event's flags at once in tests (the debounce has its own test).
os.environ.setdefault("CHECKIN_DEBOUNCE_SECONDS", "0")

from .settings import *  # noqa: E402,F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SECURE_SSL_REDIRECT = False
MEDIA_ROOT = Path(os.environ.get("DJANGO_TEST_MEDIA_ROOT") or BASE_DIR / ".test-media")  # noqa: F405
# The live server for browser tests speaks plain HTTP.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# A second alias mirroring the test database, so the read-replica routing can be tested
# (tests/common/test_replica.py turns it on with settings.ANALYTICS_DATABASE = "replica").
if "replica" not in DATABASES:  # noqa: F405
    DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory: the live server's request threads then open their own connections. With an
    # in-memory database they share the test's one sqlite3 connection, and two threads on one connection
    # can deadlock inside the sqlite3 module (one in sqlite3_step calling back into a Python SQL function
    # and waiting for the GIL, the other holding the GIL and waiting for the connection's mutex): the
    # whole process freezes, which hung a CI run in the browser tests.
    import tempfile

    DATABASES["default"]["TEST"] = {"NAME": str(Path(tempfile.gettempdir()) / f"pufa-test-{os.getpid()}.sqlite3")}  # noqa: F405
