"""common/cache.py: Django's Redis cache, one Redis client per connection pool (not one per call)."""

import threading

import pytest

from common.cache import ReusingRedisCache
from tests.redis_up import redis_up

URL = "redis://127.0.0.1:6379/8"


pytestmark = pytest.mark.skipif(not redis_up(URL), reason=f"needs Redis at {URL}")


@pytest.fixture
def cache():
    backend = ReusingRedisCache(URL, {"KEY_PREFIX": "pufa-test-cache"})
    backend.clear()
    yield backend
    backend.clear()


def test_it_is_a_working_cache_that_builds_its_client_once(cache):
    assert cache.add("debounce", 1, 60) is True
    assert cache.add("debounce", 1, 60) is False  # the window is taken
    assert cache.get("debounce") == 1 and cache.incr("debounce") == 2
    client = cache._cache.get_client(write=True)
    assert cache._cache.get_client(write=True) is client
    assert cache._cache.get_client() is cache._cache.get_client()


def test_threads_share_the_client_safely(cache):
    def add(n):
        for i in range(50):
            cache.add(f"k{n}-{i}", i, 60)

    threads = [threading.Thread(target=add, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sum(1 for n in range(8) for i in range(50) if cache.get(f"k{n}-{i}") == i) == 400
