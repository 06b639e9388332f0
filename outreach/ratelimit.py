"""Per-client-address rate limit for public check-in, kept in the Django cache.

With CACHE_URL=redis://… every gunicorn worker shares the counters, so the limit holds across
processes; with the default in-process cache it holds per process only (fine for one worker).

The client address is REMOTE_ADDR. Behind a reverse proxy, the proxy must pass the real client
address (e.g. gunicorn's --forwarded-allow-ips with a proxy that sets it), or set
CHECKIN_TRUST_X_FORWARDED_FOR=1 so the last X-Forwarded-For entry (the address the trusted
proxy saw) is used. Never trust X-Forwarded-For without a proxy: clients could forge it.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCacheClient
from django.core.exceptions import ImproperlyConfigured

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate):
    """'30/m' → (30, 60); '0' or '' → None (off)."""
    text = str(rate or "").strip().lower()
    if text in {"", "0", "off"}:
        return None
    try:
        count, unit = text.split("/", 1)
        count = int(count)
        seconds = UNITS[unit.strip()[:1]]
    except (ValueError, KeyError):
        raise ImproperlyConfigured(
            f"CHECKIN_RATE_LIMIT must look like '30/m' (per s, m, h or d) or '0', got {rate!r}"
        ) from None
    if count <= 0:
        return None
    return count, seconds


def client_address(request):
    if getattr(settings, "CHECKIN_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1][:64]
    return (request.META.get("REMOTE_ADDR") or "unknown")[:64]


def over_limit(request, scope="checkin"):
    """Count this request; True when the client has used up the allowance of this window."""
    rate = parse_rate(settings.CHECKIN_RATE_LIMIT)
    if rate is None:
        return False
    allowed, seconds = rate
    window = int(time.time() // seconds)
    key = f"ratelimit:{scope}:{client_address(request)}:{window}"
    return _count(key, seconds + 1) > allowed


def _count(key, timeout):
    """Add one to the window's counter → its new value. On Redis one INCR (Django's add() + incr() took
    three round trips); the request that starts the window also sets its expiry. Should that second
    command never run, the key is only a stray: its window is in its name and never comes back.
    Elsewhere the cache API's atomic add() and incr()."""
    client = _redis_client(key)
    if client is not None:
        full_key = cache.make_and_validate_key(key)
        used = client.incr(full_key)
        if used == 1:
            client.expire(full_key, timeout)
        return used
    # add() is atomic (no-op when present); incr() is atomic in the local cache.
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:
        # The key expired between add() and incr(): start the window again.
        cache.set(key, 1, timeout=timeout)
        return 1


_clients = {}


def _redis_client(key):
    """The redis-py client behind Django's RedisCache, or None for any other cache backend. Kept per
    backend (Django's get_client() builds a new client object on each call; the pool is shared)."""
    backend = getattr(cache, "_cache", None)
    if not isinstance(backend, RedisCacheClient):
        return None
    client = _clients.get(id(backend))
    if client is None or client.connection_pool is not backend._get_connection_pool(write=True):
        client = _clients[id(backend)] = backend.get_client(key, write=True)
    return client
