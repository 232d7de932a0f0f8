"""``tests/benchmarks/results.json``: the benchmarks' figures, for a machine to read.

Each benchmark script records its figures here as it finishes; ``make bench``
starts the file afresh, so one run's figures sit together::

    {"machine": "...", "figures": [{"name": "pdf_render", "value": 0.21, "unit": "s",
                                    "baseline": 0.09, "ratio": 2.3}, ...]}

``value`` and ``baseline`` are measured in the same run; ``ratio`` is
``value / baseline`` unless a figure says otherwise (``benchmark_query`` is the
naive time over vsend's, so higher is better there). A figure recorded again
replaces the earlier one of the same name.
"""

import json
import os
import platform
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.json"


def machine() -> str:
    """What the figures were measured on, in a line."""
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )


def read(path: Path = RESULTS) -> dict:
    try:
        document = json.loads(path.read_text())
    except (OSError, ValueError):
        document = {}
    if not isinstance(document.get("figures"), list):
        document["figures"] = []
    return document


def record(name, value, unit, baseline, ratio=None, *, path: Path = RESULTS, **extra) -> dict:
    """Add one figure to the results file (replacing one of the same name) and return it."""
    figure = {
        "name": name,
        "value": _significant(value),
        "unit": unit,
        "baseline": _significant(baseline),
        "ratio": _significant(ratio if ratio is not None else value / baseline, 4),
        **extra,
    }
    document = read(path)
    document["machine"] = machine()
    document["figures"] = [f for f in document["figures"] if f.get("name") != name] + [figure]
    path.write_text(json.dumps(document, indent=2) + "\n")
    return figure


def _significant(number, digits=6):
    return float(f"{number:.{digits}g}")


def start(path: Path = RESULTS) -> None:
    """Begin a run's file: no figures yet."""
    path.write_text(json.dumps({"machine": machine(), "figures": []}, indent=2) + "\n")


if __name__ == "__main__":
    start()
