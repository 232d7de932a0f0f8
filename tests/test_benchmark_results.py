"""``make bench``'s results.json: the shape the issue names, one figure per name, ratios."""

import importlib.util
import json
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent / "benchmarks"
NAMES = {
    "pdf_render": "bench_pdf.py",
    "submission_median": "bench_submission.py",
    "submission_p95": "bench_submission.py",
    "rollup_rebuild": "bench_benchmarking.py",
    "benchmark_query": "bench_benchmarking.py",
    "local_offer_search": "bench_local_offer.py",
    "scoring": "bench_scoring.py",
}


def results_module():
    spec = importlib.util.spec_from_file_location("bench_results", BENCHMARKS / "results.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_figures_are_recorded_with_their_baseline_and_ratio(tmp_path):
    results = results_module()
    path = tmp_path / "results.json"
    results.start(path)
    results.record("pdf_render", 0.2, "s", 0.1, path=path, p95=0.3)
    results.record("benchmark_query", 0.003, "s", 0.06, ratio=20.0, path=path)
    results.record("pdf_render", 0.25, "s", 0.1, path=path)  # measured again: replaces
    document = json.loads(path.read_text())
    assert set(document) == {"machine", "figures"} and "cores" in document["machine"]
    figures = {figure["name"]: figure for figure in document["figures"]}
    assert len(document["figures"]) == 2
    assert figures["pdf_render"] == {
        "name": "pdf_render",
        "value": 0.25,
        "unit": "s",
        "baseline": 0.1,
        "ratio": 2.5,
    }
    assert figures["benchmark_query"]["ratio"] == 20.0  # naive over vsend's, higher is better


def test_every_named_figure_is_recorded_by_its_benchmark():
    for name, script in NAMES.items():
        assert f'"{name}"' in (BENCHMARKS / script).read_text(), f"{script} records {name}"
