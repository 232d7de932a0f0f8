"""The chart package is plain Python: it must import and draw with no Django at all."""

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
            raise ImportError(f"vsend_plugin.charts must not import {name}")
        return None


sys.meta_path.insert(0, BlockDjango())

from vsend_plugin.charts import Canvas

canvas = Canvas(100, 50, "A chart", "What it shows", kind="check")
canvas.text(10, 20, "label", size=12)
assert canvas.render().startswith("<svg")
outside = sorted(
    name for name in sys.modules
    if name.startswith("vsend_plugin.") and not name.startswith("vsend_plugin.charts")
)
assert not outside, outside
print("ok")
"""


def test_the_chart_package_imports_and_draws_without_django_or_the_rest_of_vsend():
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
