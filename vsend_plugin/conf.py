"""vsend's settings: one object, with defaults, the way DRF's ``api_settings`` works.

Every setting vsend reads is a ``VSEND_*`` name in the project's Django
settings, read through ``vsend_settings`` and nowhere else, so that
``docs/settings.md`` can list them all and an unset name always has the
default below. Values are read when asked for, so ``override_settings`` in
tests and settings changed at start-up both apply.

    from vsend_plugin.conf import vsend_settings
    vsend_settings.MIN_GROUP
"""

from django.conf import settings

PREFIX = "VSEND_"

#: Each setting's default, by its name without the ``VSEND_`` prefix.
DEFAULTS = {
    # Benchmarks: the smallest group of children a figure is shown for.
    "MIN_GROUP": 10,
    # Where private files (PDF summaries) are kept; None: see private_root().
    "PRIVATE_ROOT": None,
    # Folders searched for the fonts PDF summaries embed.
    "PDF_FONT_DIRS": ("/usr/share/fonts", "/usr/local/share/fonts"),
    # Toolkit survey: (answers, seconds) per address, and a burst allowance.
    "SURVEY_LIMIT": (10, 3600),
    "SURVEY_BURST": (3, 600),
    # The request header a trusted proxy puts the client's address in.
    "CLIENT_ADDRESS_HEADER": None,
    # Federation: networks peers may be on although private, and the first retry delay.
    "PEER_TRUSTED_NETWORKS": (),
    "PEER_RETRY_DELAY": 60,
    # Path prefixes answered as APIs (JSON errors, body limits).
    "API_PATH_PREFIXES": ("/api/vsend/", "/api/oruk/"),
    # Extra Content-Security-Policy sources for the Wagtail admin; None: vsend's own.
    "CSP_ADMIN_ALLOWANCES": None,
    # API requests allowed per user (or partner token), by endpoint, in DRF's "600/min" form.
    "THROTTLE_RATES": {"score": "600/min", "benchmarks": "120/min"},
    # Where vsend's pages send someone who must sign in: a URL or a URL name.
    "SIGN_IN_URL": "vsend_sign_in",
}


class VsendSettings:
    """Attribute access to vsend's settings, falling back to ``DEFAULTS``."""

    def __init__(self, defaults=None):
        self.defaults = DEFAULTS if defaults is None else defaults

    def __getattr__(self, name):
        if name not in self.defaults:
            raise AttributeError(f"vsend has no setting {PREFIX}{name}")
        return getattr(settings, PREFIX + name, self.defaults[name])

    def names(self):
        """Every setting's full name, for the settings reference and its test."""
        return [PREFIX + name for name in self.defaults]


vsend_settings = VsendSettings()
