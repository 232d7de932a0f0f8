"""How fast is score(), next to the cheapest pass over the same inputs?

Run from the repository root::

    python tests/benchmarks/bench_scoring.py [--n 100000] [--seed 2026]

It builds ``n`` varied valid inputs with a seeded generator (complete and
partial need maps, with and without provision and family confidence), then
times two passes over them in the same run:

- the baseline, "max level per area": for each input, the highest rated
  level of each area, with no validation, rounding or profile; about the
  least work any scorer must do, and a yardstick for this machine;
- ``score()`` on every input.

The ratio of the two says how much the checks, exact decimal rounding and
immutable profile cost on top of the bare minimum, independently of how fast
the machine is. Progress goes to stderr, results to stdout.
"""

import argparse
import sys
import time
from pathlib import Path
from random import Random

if __package__ in (None, ""):
    # Run as a script: make the repository importable without installing it.
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from vsend_plugin.scoring import AREA_CODES, AREAS, INDICATORS, score  # noqa: E402

DEFAULT_COUNT = 100_000
DEFAULT_SEED = 2026
INDICATOR_CODES = tuple(INDICATORS)


def make_inputs(count: int, seed: int = DEFAULT_SEED) -> list[dict]:
    """``count`` valid inputs, the same ones for the same seed."""
    generator = Random(seed)
    inputs = []
    for _ in range(count):
        ceiling = generator.randint(0, 4)
        if generator.random() < 0.7:
            codes = INDICATOR_CODES  # a complete need map
        else:
            codes = generator.sample(INDICATOR_CODES, generator.randint(0, len(INDICATOR_CODES)))
        need = {
            code: None if generator.random() < 0.05 else generator.randint(0, ceiling)
            for code in codes
        }
        data = {"need": need}
        if generator.random() < 0.6:
            data["provision"] = {
                code: generator.randint(0, 4) for code in AREA_CODES if generator.random() < 0.8
            }
        if generator.random() < 0.4:
            data["family_confidence"] = {
                code: generator.randint(0, 4) for code in AREA_CODES if generator.random() < 0.8
            }
        inputs.append(data)
    return inputs


def baseline(data: dict) -> dict:
    """Max level per area: the least any scorer must do with one input."""
    need = data["need"]
    highest = {}
    for area in AREAS:
        levels = [need.get(code) for code in area.indicator_codes]
        rated = [level for level in levels if level is not None]
        highest[area.code] = max(rated) if rated else None
    return highest


def score_input(data: dict):
    return score(data["need"], data.get("provision"), data.get("family_confidence"))


def timed(label: str, function, inputs: list[dict]) -> float:
    """Seconds to apply ``function`` to every input, reporting every 10%."""
    step = max(1, len(inputs) // 10)
    start = time.perf_counter()
    for index, data in enumerate(inputs, start=1):
        function(data)
        if index % step == 0:
            print(
                f"  {label}: {index * 100 // len(inputs)}% ({time.perf_counter() - start:.1f} s)",
                file=sys.stderr,
                flush=True,
            )
    return time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=DEFAULT_COUNT, help="number of inputs")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="generator seed")
    arguments = parser.parse_args(argv)
    if arguments.n < 1:
        parser.error("--n must be at least 1")

    print(f"Generating {arguments.n:,} inputs (seed {arguments.seed})...", file=sys.stderr)
    inputs = make_inputs(arguments.n, arguments.seed)
    complete = sum(len(data["need"]) == len(INDICATOR_CODES) for data in inputs)

    print("Baseline (max level per area, no validation)...", file=sys.stderr)
    baseline_seconds = timed("baseline", baseline, inputs)
    print("score()...", file=sys.stderr)
    score_seconds = timed("score", score_input, inputs)

    print(f"inputs: {arguments.n:,} ({complete:,} with every indicator present)")
    print(
        f"baseline (max level per area, no validation): {baseline_seconds:.3f} s, "
        f"{arguments.n / baseline_seconds:,.0f} inputs/s"
    )
    print(f"score(): {score_seconds:.3f} s, {arguments.n / score_seconds:,.0f} profiles/s")
    print(f"ratio score()/baseline: {score_seconds / baseline_seconds:.1f}x")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import results

    count = arguments.n
    results.record("scoring", score_seconds / count, "s", baseline_seconds / count)
    return 0


if __name__ == "__main__":
    sys.exit(main())
