"""The scoring package must work with no Django installed.

Anyone checking a council's figures should be able to run the scoring code
with nothing but Python. The check runs in a fresh interpreter in which any
attempt to import Django fails, so an indirect import (through
``vsend_plugin/__init__.py``, say) is caught as well as a direct one.
"""

from tests.without_django import run_without_django

SCRIPT = r"""
import vsend_plugin.scoring as scoring

profile = scoring.score(
    {code: 2 for code in scoring.INDICATORS}, provision={"CI": 1}, family_confidence={"SP": 3}
)
assert profile.band == "C", profile.band
comparison = scoring.compare(profile, scoring.Profile.from_dict(profile.as_dict()))
assert comparison.trend == "stable"
records = [scoring.AssessmentRecord(child, 1, profile) for child in range(10)]
assert scoring.aggregate(records).as_dict()["children"] == 10
grouped = scoring.aggregate_groups(records, lambda child, latest: ["all"], ["all", "none"])
assert grouped["all"] == scoring.aggregate(records), grouped

imported = sorted(name for name in sys.modules if name == "django" or name.startswith("django."))
assert not imported, imported
print("ok")
"""


def test_scoring_imports_and_runs_without_django():
    assert run_without_django("vsend_plugin.scoring", SCRIPT) == "ok"
