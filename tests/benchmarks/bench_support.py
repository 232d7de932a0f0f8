"""The support evaluation at scale: ``vsend-support/1``'s figures on PostgreSQL, in one run.

Synthetic councils are made with ``vsend_generate`` (children, assessments,
and support plans with support items, outcomes and reviews), then, for the
latest full quarter:

- the evaluation: :func:`vsend_plugin.planning.evaluation.evaluate` of each
  council in turn (what ``GET benchmarks/support/`` and the officers'
  dashboard compute), median and p95;
- the API's body for an officer, ``support_benchmarks(own, by="locality")``;
- the same figures (per support type: children, episodes, improving / same /
  escalating, mean hours, outcomes reviewed) computed the plain way: the
  area levels and intensities read out of each newest complete version by
  the ORM, consecutive pairs and active support items matched by hand, and
  the outcomes counted by a second query; as a ratio to the evaluation.

Where the two disagree on any figure of any council the run fails.

    python tests/benchmarks/bench_support.py

Environment: ``DATABASE_URL`` (default
postgres://postgres@127.0.0.1:5432/vsend_support_bench; created and migrated
if missing, remade if it holds another size and was made by this benchmark),
``VSEND_BENCH_ASSESSMENTS`` (default 1000000), ``VSEND_BENCH_COUNCILS`` (20),
``VSEND_BENCH_REQUESTS`` (40), ``VSEND_BENCH_FRESH``.
"""

import os
import statistics
import sys
import time
from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_benchmarking as common  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/vsend_support_bench"
MARK = "vsend benchmark data (tests/benchmarks/bench_support.py); may be dropped"
ASSESSMENTS_PER_CHILD = 5
QUARTERS = 8


def options():
    url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    if not url.startswith(("postgres://", "postgresql://")):
        print(f"DATABASE_URL is not PostgreSQL ({url}); using {DEFAULT_DATABASE_URL}.")
        url = DEFAULT_DATABASE_URL
    return {
        "url": url,
        "assessments": int(os.environ.get("VSEND_BENCH_ASSESSMENTS", "1000000")),
        "councils": int(os.environ.get("VSEND_BENCH_COUNCILS", "20")),
        "requests": int(os.environ.get("VSEND_BENCH_REQUESTS", "40")),
        "fresh": os.environ.get("VSEND_BENCH_FRESH", "") not in ("", "0"),
    }


def stored_size():
    from vsend_plugin.assessments.models import Assessment
    from vsend_plugin.core.models import Council
    from vsend_plugin.planning.models import SupportPlan

    councils = Council.objects.filter(slug__startswith="synthetic-")
    return (
        councils.count(),
        Assessment.objects.filter(council__in=councils).count(),
        SupportPlan.objects.filter(council__in=councils).exists(),
    )


def generate(councils, children):
    from django.core.management import call_command

    started = time.perf_counter()
    call_command(
        "vsend_generate",
        *("--councils", str(councils), "--children", str(children)),
        *("--assessments-per-child", str(ASSESSMENTS_PER_CHILD), "--quarters", str(QUARTERS)),
        *("--until", common.last_full_quarter_end(date.today()).isoformat(), "--no-rollup"),
        stdout=sys.stderr,
    )
    return time.perf_counter() - started


def plain_orm_support(council, period):
    """The per-type figures of one council's quarter, the plain way: ``{type: figures}``."""
    from django.db.models import OuterRef, Subquery
    from django.db.models.fields.json import KT
    from django.utils import timezone

    from vsend_plugin.assessments.models import AssessmentVersion
    from vsend_plugin.benchmarking.periods import period_bounds
    from vsend_plugin.planning import scheme
    from vsend_plugin.planning.models import Outcome, SupportItem
    from vsend_plugin.scoring.rounding import as_float, quantize

    start, end = period_bounds(period)
    newest = (
        AssessmentVersion.objects.filter(assessment=OuterRef("assessment"))
        .order_by("-number")
        .values("number")[:1]
    )
    levels = {}
    for area in scheme.AREAS:
        levels[f"level_{area}"] = KT(f"profile__areas__{area}__level")
        levels[f"intensity_{area}"] = KT(f"profile__areas__{area}__intensity")
    rows = (
        AssessmentVersion.objects.filter(
            assessment__council=council, assessment__taken_at__lt=end, complete=True
        )
        .filter(number=Subquery(newest))
        .annotate(**levels)
        .order_by("assessment__child_id", "assessment__taken_at")
        .values_list("assessment__child_id", "assessment__taken_at", *levels)
    )
    pairs = defaultdict(list)  # child -> [(earlier day, {area: direction})]
    previous = None
    for child_id, taken_at, *values in rows.iterator(chunk_size=5000):
        current = (child_id, taken_at, values)
        if previous and previous[0] == child_id and start <= taken_at < end:
            directions = {}
            for index, area in enumerate(scheme.AREAS):
                before_level, before_intensity = previous[2][2 * index : 2 * index + 2]
                after_level, after_intensity = values[2 * index : 2 * index + 2]
                if before_level is None or after_level is None:
                    continue
                change = int(after_level) - int(before_level) or (
                    Decimal(after_intensity) - Decimal(before_intensity)
                )
                directions[area] = (
                    "escalating" if change > 0 else "improving" if change < 0 else "same"
                )
            day = timezone.localtime(previous[1]).date()
            pairs[child_id].append((day, directions))
        previous = current
    items = defaultdict(list)
    for child_id, *item in SupportItem.objects.filter(
        council=council, plan__child_id__in=list(pairs)
    ).values_list("plan__child_id", "support_type", "area", "starts", "ends", "hours_per_week"):
        items[child_id].append(item)
    outcomes = defaultdict(list)
    for child_id, area, status in Outcome.objects.filter(
        council=council,
        plan__child_id__in=list(pairs),
        reviewed_at__gte=start,
        reviewed_at__lt=end,
        status__in=scheme.COUNTED_STATUSES,
    ).values_list("plan__child_id", "area", "status"):
        outcomes[child_id].append((area, status))

    figures = defaultdict(
        lambda: {
            "children": set(),
            "episodes": 0,
            "direction_counts": dict.fromkeys(("improving", "same", "escalating"), 0),
            "hours": [],
            "outcomes": dict.fromkeys(scheme.COUNTED_STATUSES, 0),
        }
    )
    for child_id, child_pairs in pairs.items():
        served = defaultdict(set)
        for day, directions in child_pairs:
            active = defaultdict(list)
            for support_type, area, starts, ends, hours in items[child_id]:
                if starts <= day and (ends is None or ends > day):
                    active[(support_type, area)].append(hours)
            for (support_type, area), hours in active.items():
                if area not in directions:
                    continue
                one = figures[support_type]
                one["children"].add(child_id)
                one["episodes"] += 1
                one["direction_counts"][directions[area]] += 1
                known = [value for value in hours if value is not None]
                if known:
                    one["hours"].append(sum(known, Decimal(0)))
                served[support_type].add(area)
        for support_type, areas in served.items():
            for area, status in outcomes[child_id]:
                if area in areas:
                    figures[support_type]["outcomes"][status] += 1
    return {
        support_type: {
            "children": len(one["children"]),
            "episodes": one["episodes"],
            "direction_counts": one["direction_counts"],
            "mean_hours": as_float(quantize(sum(one["hours"]) / len(one["hours"])))
            if one["hours"]
            else None,
            "outcomes": one["outcomes"],
        }
        for support_type, one in figures.items()
    }


def evaluation_figures(council, period):
    from vsend_plugin.planning.evaluation import evaluate

    [(_, _, figures)] = evaluate(council, period)
    return {support_type: one.as_dict() for support_type, one in figures.items()}


def disagreements(council, ours, plain):
    problems = []
    for support_type in sorted(set(ours) | set(plain)):
        if ours.get(support_type) != plain.get(support_type):
            problems.append(
                f"{council.slug} {support_type}: {ours.get(support_type)} != "
                f"{plain.get(support_type)}"
            )
    return problems


def main():
    settings = options()
    councils = settings["councils"]
    children = max(1, round(settings["assessments"] / (councils * ASSESSMENTS_PER_CHILD)))
    wanted = councils * children * ASSESSMENTS_PER_CHILD
    ours = common.make_database(settings["url"], mark=MARK)
    if ours is None:
        return
    common.set_up_django(settings["url"])
    common.migrate()
    have = stored_size()
    if settings["fresh"] or have != (councils, wanted, True):
        from django.db import connections

        from vsend_plugin.core.models import Council

        if Council.objects.exists():
            if not ours:
                raise SystemExit(
                    f"The database at {settings['url']} holds other councils and was not made by "
                    "this benchmark: not touching it. Point DATABASE_URL at another database."
                )
            print(f"Database holds {have[1]:,} assessments; making it again.", file=sys.stderr)
            connections.close_all()
            common.make_database(settings["url"], drop=True, mark=MARK)
            common.migrate()
        generation = generate(councils, children)
        common.analyse()
    else:
        generation = None
        print(f"Reusing {wanted:,} assessments already generated.", file=sys.stderr)

    from vsend_plugin.core.models import Council
    from vsend_plugin.planning.benchmarks import support_benchmarks
    from vsend_plugin.planning.models import Outcome, SupportItem, SupportPlan

    all_councils = list(Council.objects.filter(slug__startswith="synthetic-").order_by("slug"))
    end = common.last_full_quarter_end(date.today())
    period = f"{end.year}-Q{(end.month - 1) // 3 + 1}"

    # Warm up, and check that both ways give the same figures for every council.
    problems, shown_types = [], 0
    for council in all_councils:
        ours_figures = evaluation_figures(council, period)
        problems += disagreements(council, ours_figures, plain_orm_support(council, period))
        shown_types += sum(one["children"] >= 10 for one in ours_figures.values())

    turns = [all_councils[i % len(all_councils)] for i in range(settings["requests"])]
    evaluation_times = common.timed(
        (lambda c=council: evaluation_figures(c, period)) for council in turns
    )
    api_times = common.timed(
        (
            lambda c=council: support_benchmarks(
                Council.objects.filter(pk=c.pk), by="locality", period=period
            )
        )
        for council in turns
    )
    plain_times = common.timed(
        (lambda c=council: plain_orm_support(c, period)) for council in turns
    )

    def row(label, values):
        return (
            f"  {label:<48} median {statistics.median(values) * 1000:8.1f} ms"
            f"   p95 {common.percentile(values, 0.95) * 1000:8.1f} ms"
        )

    print(
        f"Support evaluation at scale: {wanted:,} assessments of {councils * children:,} "
        f"children in {councils} councils, {QUARTERS} quarters (PostgreSQL, one run)"
    )
    print(
        f"  {SupportPlan.objects.count():,} plans, {SupportItem.objects.count():,} support "
        f"items, {Outcome.objects.count():,} outcomes"
    )
    print(
        f"  {'generation (vsend_generate with plans, no rollups)':<48} "
        + (
            f"{generation:8.1f} s"
            if generation is not None
            else "reused (VSEND_BENCH_FRESH=1 to time it)"
        )
    )
    print(f"Quarter {period}, {len(turns)} councils' quarters evaluated in turn:")
    print(row("evaluate() (one council, by council)", evaluation_times))
    print(row("support_benchmarks(own, by=locality)", api_times))
    print(row("plain ORM computation", plain_times))
    median_ratio = statistics.median(plain_times) / statistics.median(evaluation_times)
    p95_ratio = common.percentile(plain_times, 0.95) / common.percentile(evaluation_times, 0.95)
    print(f"ratio plain ORM / evaluate(): median {median_ratio:.2f}x, p95 {p95_ratio:.2f}x")
    if problems:
        print(f"FIGURES DISAGREE in {len(problems)} places, e.g. " + "; ".join(problems[:3]))
        raise SystemExit(1)
    print(
        f"figures agree: every support type of {len(all_councils)} councils matches the plain "
        f"computation ({shown_types} types with 10 children or more)"
    )


if __name__ == "__main__":
    main()
