"""A Redis cache that is a miss, not a 500, while its server is down.

Django's ``RedisCache`` raises ``redis.ConnectionError`` from every call when
its server cannot be reached, and Wagtail reads the cache to find a page's
URL: a cache outage would then fail the Open Referral UK feed, the
benchmarks and scoring, none of which needs the cache to answer. Nothing
vsend keeps in the cache is the only copy of anything, so
:class:`FailSafeRedisCache` takes a failing server for an empty one: a read
is a miss (the caller computes the value), a write is skipped, and a warning
is logged. It waits ``VSEND_CACHE_TIMEOUT`` at most, with no retries, and
after a failure leaves the server untried for ``VSEND_OUTAGE_PAUSE`` seconds.

    CACHES = {
        "default": {
            "BACKEND": "vsend_plugin.core.cache.FailSafeRedisCache",
            "LOCATION": "redis://cache.internal:6379/0",
        }
    }
"""

import functools
import logging

import redis
from django.core.cache.backends.redis import RedisCache
from django.utils.functional import cached_property
from redis.backoff import NoBackoff
from redis.retry import Retry

from vsend_plugin.conf import vsend_settings

from .outages import Outage

logger = logging.getLogger(__name__)

#: What a Redis server that is down, hung or restarting raises.
SERVER_FAILURES = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)

#: The same from any cache backend: Redis's, or a socket's of another (Memcached).
CACHE_FAILURES = (*SERVER_FAILURES, OSError)


def when_down(answer):
    """Wrap a cache method so that, while its server fails, it gives ``answer(*arguments)``."""

    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, *arguments, **keywords):
            if self.outage.is_current():
                return answer(*arguments, **keywords)
            try:
                return method(self, *arguments, **keywords)
            except SERVER_FAILURES as error:
                self.outage.began()
                logger.warning("The cache is unreachable; going without it: %s", error)
                return answer(*arguments, **keywords)

        return wrapper

    return decorator


def nothing(*arguments, **keywords):
    return None


def false(*arguments, **keywords):
    return False


def the_default(key, default=None, version=None):
    return default


def no_values(keys, version=None):
    return {}


def all_failed(data, *arguments, **keywords):
    return list(data)


def missing(key, *arguments, **keywords):
    raise ValueError(f"Key '{key}' not found (the cache is unreachable).")


class FailSafeRedisCache(RedisCache):
    """Django's ``RedisCache``, answering as an empty cache while its server fails."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self.outage = Outage(f"cache at {self._servers[0]}")

    @cached_property
    def _cache(self):
        timeout = vsend_settings.CACHE_TIMEOUT
        options = {
            "socket_connect_timeout": timeout,
            "socket_timeout": timeout,
            # redis-py would otherwise try three more times, backing off a second or more
            "retry": Retry(NoBackoff(), 0),
            **self._options,
        }
        return self._class(self._servers, **options)

    get = when_down(the_default)(RedisCache.get)
    get_many = when_down(no_values)(RedisCache.get_many)
    has_key = when_down(false)(RedisCache.has_key)
    add = when_down(false)(RedisCache.add)
    set = when_down(nothing)(RedisCache.set)
    set_many = when_down(all_failed)(RedisCache.set_many)
    touch = when_down(false)(RedisCache.touch)
    delete = when_down(false)(RedisCache.delete)
    delete_many = when_down(nothing)(RedisCache.delete_many)
    incr = when_down(missing)(RedisCache.incr)
    clear = when_down(false)(RedisCache.clear)
