"""vsend's settings: one object, with defaults, the way DRF's ``api_settings`` works.

Every setting vsend reads is a ``VSEND_*`` name in the project's Django
settings, read through ``vsend_settings`` and nowhere else, so that
``docs/settings.md`` can list them all and an unset name always has the
default below.

    from vsend_plugin.conf import vsend_settings
    vsend_settings.MIN_GROUP

A value is checked whenever it is read: a wrong type stops with
:class:`~django.core.exceptions.ImproperlyConfigured` naming the setting and
what it should be, rather than as a ``TypeError`` deep inside a request (a
WSGI server runs no system checks). Nothing is kept between reads, unlike
DRF's cached attributes: vsend's checks are cheap, and so
``override_settings``, pytest-django's ``settings`` fixture (deleting a
setting too, which sends no ``setting_changed``) and settings changed at
start-up always apply, with no cache to forget. The system checks in
:mod:`vsend_plugin.core.checks` report wrong values at start-up, and warn
about a ``VSEND_`` name vsend does not know, which is usually a misspelt one.
"""

import ipaddress
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from vsend_plugin.scoring import DEFAULT_MIN_GROUP, MIN_GROUP_FLOOR

PREFIX = "VSEND_"

#: Each setting's default, by its name without the ``VSEND_`` prefix.
DEFAULTS = {
    # Benchmarks and survey results: the smallest group of children a figure is shown for.
    "MIN_GROUP": DEFAULT_MIN_GROUP,
    # Where private files (PDF summaries) are kept; None: the user's data folder (private_files).
    "PRIVATE_ROOT": None,
    # Folders searched for the fonts PDF summaries embed.
    "PDF_FONT_DIRS": ("/usr/share/fonts", "/usr/local/share/fonts"),
    # Toolkit survey: at most (answers, seconds) per address, and what counts as a burst.
    "SURVEY_LIMIT": (10, 3600),
    "SURVEY_BURST": (3, 600),
    # The request.META key a trusted proxy puts the client's address in; None: REMOTE_ADDR.
    "CLIENT_ADDRESS_HEADER": None,
    # Federation: networks peers may be on although private, and the first retry delay.
    "PEER_TRUSTED_NETWORKS": (),
    "PEER_RETRY_DELAY": 60,
    # Path prefixes answered as APIs (JSON errors, body limits).
    "API_PATH_PREFIXES": ("/api/vsend/", "/api/oruk/"),
    # The Content-Security-Policy sources added for the Wagtail admin; None: vsend's own.
    "CSP_ADMIN_ALLOWANCES": None,
    # API requests allowed per user (or partner token), by endpoint, in DRF's "600/min" form.
    "THROTTLE_RATES": {"score": "600/min", "benchmarks": "120/min"},
    # Where vsend's pages send someone who must sign in: a URL or a URL name.
    "SIGN_IN_URL": "vsend_sign_in",
    # Children's records are kept until the end of the school year in which they turn this age.
    "RETENTION_AGE": 25,
    # Sending a task after commit: seconds to wait for the broker before leaving it in the outbox.
    "BROKER_SEND_TIMEOUT": 0.3,
    # After the broker or the cache fails, for how long this process does without it untried.
    "OUTAGE_PAUSE": 5,
    # Cache outages: seconds to wait for the cache's server before treating a read as a miss.
    "CACHE_TIMEOUT": 0.25,
    # The largest request body the API reads, in bytes; None: DATA_UPLOAD_MAX_MEMORY_SIZE.
    "MAX_BODY_BYTES": None,
}


@dataclass(frozen=True)
class Expected:
    """What a setting's value must be: said in words, and tested."""

    words: str
    test: Callable[[Any], bool]


def _is_whole_number(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_list(value, item_test):
    """A list or tuple (not a string, whose letters would each be taken for an item)."""
    return isinstance(value, (list, tuple)) and all(item_test(item) for item in value)


def _is_path(value):
    return isinstance(value, (str, os.PathLike)) and bool(str(value))


def _is_network(value):
    try:
        ipaddress.ip_network(value, strict=False)
    except (TypeError, ValueError):
        return False
    return True


def _is_rate(value):
    return _is_list(value, _is_whole_number) and len(value) == 2 and all(part > 0 for part in value)


def _is_throttle_rate(rate):
    """DRF's "number/period" form, the period starting with s, m, h or d."""
    number, _, period = rate.partition("/")
    return number.isdigit() and period[:1] in ("s", "m", "h", "d")


def _are_sources(value):
    return isinstance(value, dict) and all(
        isinstance(directive, str) and _is_list(sources, lambda source: isinstance(source, str))
        for directive, sources in value.items()
    )


#: What each setting's value must be, where a wrong one would fail later and less clearly.
EXPECTED = {
    "MIN_GROUP": Expected(
        f"a whole number of at least {MIN_GROUP_FLOOR}",
        lambda value: _is_whole_number(value) and value >= MIN_GROUP_FLOOR,
    ),
    "PRIVATE_ROOT": Expected(
        "a folder (a string or a pathlib.Path), or None",
        lambda value: value is None or _is_path(value),
    ),
    "PDF_FONT_DIRS": Expected("a list of folders", lambda value: _is_list(value, _is_path)),
    "SURVEY_LIMIT": Expected("a pair (answers, seconds) of whole numbers above 0", _is_rate),
    "SURVEY_BURST": Expected("a pair (answers, seconds) of whole numbers above 0", _is_rate),
    "CLIENT_ADDRESS_HEADER": Expected(
        "a request.META key such as 'HTTP_X_FORWARDED_FOR', or None",
        lambda value: value is None or (isinstance(value, str) and bool(value)),
    ),
    "PEER_TRUSTED_NETWORKS": Expected(
        "a list of networks such as '10.20.0.0/16'", lambda value: _is_list(value, _is_network)
    ),
    "PEER_RETRY_DELAY": Expected(
        "a number of seconds, 0 or more", lambda value: _is_number(value) and value >= 0
    ),
    "API_PATH_PREFIXES": Expected(
        "a list of paths starting with '/'",
        lambda value: _is_list(value, lambda path: isinstance(path, str) and path.startswith("/")),
    ),
    "CSP_ADMIN_ALLOWANCES": Expected(
        "a dict of directives to lists of sources, or None",
        lambda value: value is None or _are_sources(value),
    ),
    "THROTTLE_RATES": Expected(
        "a dict of endpoint names ('score', 'benchmarks') to rates such as '600/min'",
        lambda value: (
            isinstance(value, dict)
            and all(isinstance(rate, str) and _is_throttle_rate(rate) for rate in value.values())
        ),
    ),
    "SIGN_IN_URL": Expected(
        "a URL or a URL name, such as 'vsend_sign_in'",
        lambda value: isinstance(value, str) and bool(value),
    ),
    "RETENTION_AGE": Expected(
        "a whole number of years from 18 to 40",
        lambda value: _is_whole_number(value) and 18 <= value <= 40,
    ),
    "BROKER_SEND_TIMEOUT": Expected(
        "a number of seconds above 0", lambda value: _is_number(value) and value > 0
    ),
    "OUTAGE_PAUSE": Expected(
        "a number of seconds, 0 or more", lambda value: _is_number(value) and value >= 0
    ),
    "CACHE_TIMEOUT": Expected(
        "a number of seconds above 0", lambda value: _is_number(value) and value > 0
    ),
    "MAX_BODY_BYTES": Expected(
        "a whole number of bytes above 0, or None",
        lambda value: value is None or (_is_whole_number(value) and value > 0),
    ),
}


_UNSET = object()


class VsendSettings:
    """Attribute access to vsend's settings, falling back to ``DEFAULTS``, checked on reading."""

    def __init__(self, defaults=None, expected=None):
        self.defaults = DEFAULTS if defaults is None else defaults
        self.expected = EXPECTED if expected is None else expected

    def __getattr__(self, name):
        if name.startswith("_") or name not in self.defaults:
            raise AttributeError(f"vsend has no setting {PREFIX}{name}")
        value = getattr(settings, PREFIX + name, _UNSET)
        if value is _UNSET:
            return self.defaults[name]
        problem = self._problem_with(name, value)
        if problem:
            raise ImproperlyConfigured(problem)
        return value

    def problem(self, name):
        """What is wrong with the project's value of setting ``name``, or None."""
        value = getattr(settings, PREFIX + name, _UNSET)
        return None if value is _UNSET else self._problem_with(name, value)

    def _problem_with(self, name, value):
        expected = self.expected.get(name)
        if expected is None or expected.test(value):
            return None
        return f"{PREFIX}{name} is {value!r}; it must be {expected.words}."

    def problems(self):
        """``(full name, problem)`` for every setting the project gave a wrong value."""
        return [
            (PREFIX + name, problem) for name in self.defaults if (problem := self.problem(name))
        ]

    def names(self):
        """Every setting's full name, for the settings reference and its test."""
        return [PREFIX + name for name in self.defaults]

    def unknown_names(self):
        """``VSEND_`` names in the project's settings that are none of vsend's."""
        known = set(self.names())
        return sorted(
            name for name in dir(settings) if name.startswith(PREFIX) and name not in known
        )


vsend_settings = VsendSettings()
