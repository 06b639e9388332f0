"""Whether a Redis server answers at a URL: the tests that need a real Redis skip without one."""

import redis


def redis_up(url):
    try:
        return redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        return False
