"""How often a client may call the scoring endpoint."""

from vsend_plugin.core.api import VsendRateThrottle


class ScoreRateThrottle(VsendRateThrottle):
    """Scoring stores nothing but still costs a request; this stops a runaway client.

    The rate is ``VSEND_THROTTLE_RATES["score"]``, 600 a minute by default.
    """

    scope = "score"
