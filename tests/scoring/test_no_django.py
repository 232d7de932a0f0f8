"""The scoring package must work with no Django installed.

Anyone checking a council's figures should be able to run the scoring code
with nothing but Python. The check runs in a fresh interpreter in which any
attempt to import Django fails, so an indirect import (through
``vsend_plugin/__init__.py``, say) is caught as well as a direct one.
"""

import subprocess
import sys
from pathlib import Path

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import importlib.abc
import sys


class BlockDjango(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "django" or name.startswith("django."):
            raise ImportError(f"vsend_plugin.scoring must not import {name}")
        return None


sys.meta_path.insert(0, BlockDjango())

import vsend_plugin.scoring as scoring

profile = scoring.score(
    {code: 2 for code in scoring.INDICATORS}, provision={"CI": 1}, family_confidence={"SP": 3}
)
assert profile.band == "C", profile.band
comparison = scoring.compare(profile, scoring.Profile.from_dict(profile.as_dict()))
assert comparison.trend == "stable"
records = [scoring.AssessmentRecord(child, 1, profile) for child in range(10)]
assert scoring.aggregate(records).as_dict()["children"] == 10

imported = sorted(name for name in sys.modules if name == "django" or name.startswith("django."))
assert not imported, imported
print("ok")
"""


def test_scoring_imports_and_runs_without_django():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=REPOSITORY_ROOT,
        env={"PYTHONPATH": str(REPOSITORY_ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
