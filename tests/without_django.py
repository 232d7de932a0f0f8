"""Run a piece of vsend in a fresh Python in which importing Django fails.

The plain-Python parts (scoring, charts) must work with nothing but Python;
a fresh interpreter catches an indirect import (through
``vsend_plugin/__init__.py``, say) as well as a direct one.
"""

import subprocess
import sys
from pathlib import Path

REPOSITORY_ROOT = Path(__file__).resolve().parents[1]

BLOCK_DJANGO = r"""
import importlib.abc
import sys


class BlockDjango(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "django" or name.startswith("django."):
            raise ImportError(f"{PACKAGE} must not import {name}")
        return None


sys.meta_path.insert(0, BlockDjango())
"""


def run_without_django(package, script):
    """Run ``script`` after blocking Django; return what it printed (it must succeed)."""
    result = subprocess.run(
        [sys.executable, "-c", f"PACKAGE = {package!r}\n{BLOCK_DJANGO}\n{script}"],
        cwd=REPOSITORY_ROOT,
        env={"PYTHONPATH": str(REPOSITORY_ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()
