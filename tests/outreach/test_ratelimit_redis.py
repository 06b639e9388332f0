"""The check-in rate limit on Redis: one counter per client address and window, shared by processes.

A second Python process (as a second gunicorn worker would be) counts into the same Redis; this process
then sees its requests, and the allowance runs out across both."""

import os
import subprocess
import sys

import pytest
import redis
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import RequestFactory

from outreach.ratelimit import over_limit
from tests.redis_up import redis_up

REDIS = os.environ.get("TEST_RATELIMIT_REDIS_URL", "redis://127.0.0.1:6379/9")

CHILD = """
import django
django.setup()
from django.test import RequestFactory
from outreach.ratelimit import over_limit
request = RequestFactory().post("/api/checkin/x/", REMOTE_ADDR="10.9.9.9")
print(",".join(str(over_limit(request)) for _ in range(3)))
"""


pytestmark = pytest.mark.skipif(not redis_up(REDIS), reason=f"needs Redis at {REDIS}")


@pytest.fixture
def redis_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS}}
    settings.CHECKIN_RATE_LIMIT = "5/m"
    redis.Redis.from_url(REDIS).flushdb()
    yield cache
    redis.Redis.from_url(REDIS).flushdb()


def test_the_allowance_is_shared_with_another_process(redis_cache):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings_test",
        "CACHE_URL": REDIS,
        "CHECKIN_RATE_LIMIT": "5/m",
    }
    child = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, cwd=django_settings.BASE_DIR, capture_output=True, text=True
    )
    assert child.returncode == 0, child.stderr
    assert child.stdout.strip().splitlines()[-1] == "False,False,False"

    request = RequestFactory().post("/api/checkin/x/", REMOTE_ADDR="10.9.9.9")
    assert [over_limit(request) for _ in range(3)] == [False, False, True]  # 4th, 5th, then the 6th is over
    other = RequestFactory().post("/api/checkin/x/", REMOTE_ADDR="10.9.9.10")
    assert over_limit(other) is False  # another address has its own allowance


def test_the_counter_expires_with_its_window(redis_cache):
    request = RequestFactory().post("/api/checkin/x/", REMOTE_ADDR="10.9.9.11")
    over_limit(request)
    keys = redis.Redis.from_url(REDIS).keys("*ratelimit:checkin:10.9.9.11:*")
    assert len(keys) == 1
    ttl = redis.Redis.from_url(REDIS).ttl(keys[0])
    assert 0 < ttl <= 61  # the window (60 s) plus one second, never left without an expiry
