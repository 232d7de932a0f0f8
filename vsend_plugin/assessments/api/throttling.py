"""How often a client may ask the API to score."""

from rest_framework.throttling import UserRateThrottle


class ScoreRateThrottle(UserRateThrottle):
    """Scoring stores nothing but still costs a request; this stops a runaway client.

    The rate is ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["vsend_score"]``,
    or 600 a minute when a project sets none: a DRF scoped throttle without a
    rate fails every request, and scoring should not break on a missing setting.
    """

    scope = "vsend_score"
    default_rate = "600/min"

    def get_rate(self):
        return self.THROTTLE_RATES.get(self.scope, self.default_rate)
