"""vsend's settings: one object, with defaults, the way DRF's ``api_settings`` works.

Every setting vsend reads is a ``VSEND_*`` name in the project's Django
settings, read through ``vsend_settings`` and nowhere else, so that
``docs/settings.md`` can list them all and an unset name always has the
default below.

    from vsend_plugin.conf import vsend_settings
    vsend_settings.MIN_GROUP

A value is checked the first time it is read, and kept: a wrong type stops
with :class:`~django.core.exceptions.ImproperlyConfigured` naming the setting
and what it should be, rather than as a ``TypeError`` deep inside a request.
Django's ``setting_changed`` signal (``override_settings``, pytest-django's
``settings`` fixture) forgets what was kept. The system checks in
:mod:`vsend_plugin.core.checks` say the same at start-up, and warn about a
``VSEND_`` name vsend does not know, which is usually a misspelt one.
"""

import ipaddress
import os
from dataclasses import dataclass
from typing import Any, Callable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed

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
    return (
        _is_list(value, _is_whole_number) and len(value) == 2 and all(part > 0 for part in value)
    )


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
    "PDF_FONT_DIRS": Expected(
        "a list of folders", lambda value: _is_list(value, _is_path)
    ),
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
}


class VsendSettings:
    """Attribute access to vsend's settings, falling back to ``DEFAULTS``, checked once."""

    def __init__(self, defaults=None, expected=None):
        self.defaults = DEFAULTS if defaults is None else defaults
        self.expected = EXPECTED if expected is None else expected
        self._kept = set()

    def __getattr__(self, name):
        if name.startswith("_") or name not in self.defaults:
            raise AttributeError(f"vsend has no setting {PREFIX}{name}")
        problem = self.problem(name)
        if problem:
            raise ImproperlyConfigured(problem)
        value = getattr(settings, PREFIX + name, self.defaults[name])
        self._kept.add(name)
        setattr(self, name, value)
        return value

    def problem(self, name):
        """What is wrong with the project's value of setting ``name``, or None."""
        expected = self.expected.get(name)
        if expected is None or not hasattr(settings, PREFIX + name):
            return None
        value = getattr(settings, PREFIX + name)
        if expected.test(value):
            return None
        return f"{PREFIX}{name} is {value!r}; it must be {expected.words}."

    def problems(self):
        """``(full name, problem)`` for every setting the project gave a wrong value."""
        return [
            (PREFIX + name, problem)
            for name in self.defaults
            if (problem := self.problem(name))
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

    def reload(self):
        """Forget the values read so far, so the next read sees the settings as they are now."""
        for name in self._kept:
            delattr(self, name)
        self._kept.clear()


vsend_settings = VsendSettings()


def reload_vsend_settings(*, setting, **kwargs):
    if setting.startswith(PREFIX):
        vsend_settings.reload()


setting_changed.connect(reload_vsend_settings)
