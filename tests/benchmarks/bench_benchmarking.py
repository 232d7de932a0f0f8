"""Benchmarks at scale: 1,000,000 assessments over 20 councils on PostgreSQL.

Figures, all from one run against one database:

- generation: ``vsend_generate`` making the synthetic councils, children and
  assessments (without rollups);
- full rollup rebuild: ``rebuild()`` of every council and quarter, as
  ``vsend_rollup`` and the nightly task do, against one plain streamed read
  of every assessment's profile (the ORM, JSON decoded, nothing done with
  it), timed just before, as a ratio: what the rebuild costs beyond reading
  the data once;
- the benchmark query: a SEND officer's ``GET /api/vsend/v1/benchmarks/
  ?by=locality&period=...`` through Django's test client (median and p95),
  against the same question (per locality: children, band counts and mean
  area levels, from the latest complete assessment of each child in the
  quarter) answered by a plain ORM query over the raw assessments, as a
  ratio (and ``serving_ratio``: the plain query against reading the same
  figures from the rollups, ``serving.benchmarks()``, without the request
  around them). The officers of the 20 councils ask in turn, so the ratio is
  not one council's cached pages. Where the API shows a group, its figures must
  equal the plain query's.

Data is kept between runs: a database already holding exactly the requested
size is reused (generation is then not timed; ``VSEND_BENCH_FRESH=1`` makes
it again).

    python tests/benchmarks/bench_benchmarking.py

Environment: ``DATABASE_URL`` (default
postgres://postgres@127.0.0.1:5432/vsend_bench; the database is created and
migrated if missing, and dropped and made again if it holds another size),
``VSEND_BENCH_ASSESSMENTS`` (default 1000000), ``VSEND_BENCH_COUNCILS``
(20), ``VSEND_BENCH_REQUESTS`` (60), ``VSEND_BENCH_FRESH``.
"""

import os
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import results  # noqa: E402

REPOSITORY = Path(__file__).resolve().parents[2]
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/vsend_bench"
ASSESSMENTS_PER_CHILD = 5
QUARTERS = 8


def settings_from_environment():
    url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    if not url.startswith(("postgres://", "postgresql://")):
        print(
            f"DATABASE_URL is not PostgreSQL ({url}); using {DEFAULT_DATABASE_URL}.",
            file=sys.stderr,
        )
        url = DEFAULT_DATABASE_URL
    return {
        "url": url,
        "assessments": int(os.environ.get("VSEND_BENCH_ASSESSMENTS", "1000000")),
        "councils": int(os.environ.get("VSEND_BENCH_COUNCILS", "20")),
        "requests": int(os.environ.get("VSEND_BENCH_REQUESTS", "60")),
        "fresh": os.environ.get("VSEND_BENCH_FRESH", "") not in ("", "0"),
    }


def server(url):
    """Connection details of the server's maintenance database, and the bench database's name."""
    import dj_database_url

    parsed = dj_database_url.parse(url)
    if "postgresql" not in parsed["ENGINE"]:
        raise SystemExit(f"This benchmark needs PostgreSQL; DATABASE_URL is {url}")
    details = {
        "host": parsed["HOST"] or "127.0.0.1",
        "port": parsed["PORT"] or 5432,
        "user": parsed["USER"] or None,
        "password": parsed["PASSWORD"] or None,
        "dbname": "postgres",
    }
    return {k: v for k, v in details.items() if v is not None}, parsed["NAME"]


#: Set on the databases this benchmark creates: only those does it ever drop.
MARK = "vsend benchmark data (tests/benchmarks/bench_benchmarking.py); may be dropped"


def make_database(url, *, drop=False, mark=MARK):
    """Create the bench database if missing (dropping it first when asked, if it made it).

    Returns whether the database is one this benchmark made, or None, having
    said why, when PostgreSQL cannot be reached.
    """
    import psycopg
    from psycopg import sql

    details, name = server(url)
    try:
        connection = psycopg.connect(**details, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        print(
            f"PostgreSQL is unreachable at {details['host']}:{details['port']} ({error}).\n"
            "SKIPPED: benchmarks at scale need PostgreSQL. Start it (e.g. pg_ctlcluster "
            "--skip-systemctl-redirect 15 main start) or set DATABASE_URL."
        )
        return None
    database = sql.Identifier(name)
    with connection:
        found = connection.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [name],
        ).fetchone()
        ours = found is not None and found[0] == mark
        if drop and ours:
            connection.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(database))
        elif drop:
            raise SystemExit(
                f"The database {name} holds other data and was not made by this "
                "benchmark: not touching it. Point DATABASE_URL at another database."
            )
        if found is None or drop:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(database))
            comment = sql.SQL("COMMENT ON DATABASE {} IS {}").format(database, sql.Literal(mark))
            connection.execute(comment)
            ours = True
    return ours


def set_up_django(url):
    sys.path[:0] = [str(REPOSITORY / "site"), str(REPOSITORY)]
    os.environ["DJANGO_SETTINGS_MODULE"] = "vsend_site.settings.test"
    os.environ["DATABASE_URL"] = url
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False  # no query log: time what production would do
    settings.ALLOWED_HOSTS = ["*"]


def migrate():
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def stored_size():
    """(synthetic councils, their assessments) already in the database."""
    from vsend_plugin.assessments.models import Assessment
    from vsend_plugin.core.models import Council

    councils = Council.objects.filter(slug__startswith="synthetic-")
    return councils.count(), Assessment.objects.filter(council__in=councils).count()


def last_full_quarter_end(today):
    first_of_quarter = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    return first_of_quarter - timedelta(days=1)


def generate(councils, children):
    from django.core.management import call_command

    started = time.perf_counter()
    call_command(
        "vsend_generate",
        "--councils",
        str(councils),
        "--children",
        str(children),
        "--assessments-per-child",
        str(ASSESSMENTS_PER_CHILD),
        "--quarters",
        str(QUARTERS),
        "--until",
        last_full_quarter_end(date.today()).isoformat(),
        "--no-rollup",
        stdout=sys.stderr,
    )
    return time.perf_counter() - started


def analyse():
    """Fresh planner statistics, as autovacuum would give a database that had time to settle."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def plain_profile_read():
    """Seconds to stream every assessment version's profile out of PostgreSQL, decoded."""
    from vsend_plugin.assessments.models import AssessmentVersion

    started = time.perf_counter()
    rows = AssessmentVersion.objects.values_list("profile", flat=True).iterator(chunk_size=5000)
    read = sum(1 for _ in rows)
    return time.perf_counter() - started, read


def rebuild_rollups():
    from vsend_plugin.benchmarking.rollups import rebuild

    def progress(done, total, council, period):
        if done == total or done % max(1, total // 10) == 0:
            print(f"  rollups: {done}/{total} quarters", file=sys.stderr)

    started = time.perf_counter()
    stored = rebuild(progress=progress)
    return time.perf_counter() - started, stored


def plain_orm_benchmark(council, period):
    """The locality question answered straight from the assessments, the way one would by hand.

    The latest complete assessment of each child in the quarter (its newest
    version), picked with DISTINCT ON, then per child's locality: children,
    band counts and the mean level of each area read out of the stored profile.
    """
    from django.db.models import Avg, Count, F, FloatField, Q
    from django.db.models.fields.json import KT
    from django.db.models.functions import Cast

    from vsend_plugin.assessments.models import AssessmentVersion
    from vsend_plugin.benchmarking.periods import period_bounds
    from vsend_plugin.scoring import AREA_CODES, BANDS, SCHEME

    start, end = period_bounds(period)
    latest = (
        AssessmentVersion.objects.filter(
            assessment__council=council,
            assessment__taken_at__gte=start,
            assessment__taken_at__lt=end,
            scheme=SCHEME,
            complete=True,
        )
        .order_by("assessment__child_id", "-assessment__taken_at", "-assessment_id", "-number")
        .distinct("assessment__child_id")
        .values("pk")
    )
    figures = {
        "children": Count("pk"),
        **{f"band_{band.code}": Count("pk", filter=Q(band=band.code)) for band in BANDS},
        **{
            f"level_{code}": Avg(Cast(KT(f"profile__areas__{code}__level"), FloatField()))
            for code in AREA_CODES
        },
    }
    rows = (
        AssessmentVersion.objects.filter(pk__in=latest)
        .values(locality=F("assessment__child__locality__slug"))
        .annotate(**figures)
        .order_by("locality")
    )
    return {row.pop("locality"): row for row in rows}


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def timed(calls):
    times = []
    for call in calls:
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return times


def api_call(client, period):
    def call():
        response = client.get("/api/vsend/v1/benchmarks/", {"by": "locality", "period": period})
        if response.status_code != 200:
            raise SystemExit(
                f"benchmarks API answered {response.status_code}: {response.content[:300]}"
            )
        return response.json()

    return call


def disagreements(api_body, plain):
    """Where a group the API shows differs from the plain query (none expected)."""
    problems, compared = [], 0
    for group in api_body["groups"]:
        if group.get("suppressed"):
            continue
        compared += 1
        locality = group["key"]["locality"]
        row = plain.get(locality, {"children": 0})
        if group["children"] != row["children"]:
            problems.append(f"{locality}: children {group['children']} != {row['children']}")
            continue
        for band, count in group["band_counts"].items():
            if count is not None and count != row[f"band_{band}"]:
                problems.append(f"{locality}: band {band} {count} != {row[f'band_{band}']}")
        for area, values in group["areas"].items():
            mean = row[f"level_{area}"]
            if values["level"] is not None and abs(values["level"] - mean) > 0.0051:
                problems.append(f"{locality}: {area} level {values['level']} != {mean:.4f}")
    return compared, problems


def main():
    options = settings_from_environment()
    councils = options["councils"]
    children = max(1, round(options["assessments"] / (councils * ASSESSMENTS_PER_CHILD)))
    wanted = councils * children * ASSESSMENTS_PER_CHILD
    ours = make_database(options["url"])
    if ours is None:
        return
    set_up_django(options["url"])
    migrate()
    have = stored_size()
    if options["fresh"] or have != (councils, wanted):
        from vsend_plugin.core.models import Council

        if Council.objects.exists():
            if not ours:
                raise SystemExit(
                    f"The database at {options['url']} holds other councils and was not made by "
                    "this benchmark: not touching it. Point DATABASE_URL at another database."
                )
            print(
                f"Database holds {have[1]:,} synthetic assessments in {have[0]} councils; "
                "making it again.",
                file=sys.stderr,
            )
            from django.db import connections

            connections.close_all()
            make_database(options["url"], drop=True)
            migrate()
        generation = generate(councils, children)
        analyse()
    else:
        generation = None
        print(f"Reusing {wanted:,} assessments already generated.", file=sys.stderr)

    from django.contrib.auth import get_user_model
    from django.test import Client, override_settings

    from vsend_plugin.benchmarking.rollups import periods_with_assessments
    from vsend_plugin.benchmarking.serving import benchmarks
    from vsend_plugin.core.models import Council

    read_seconds, profiles_read = plain_profile_read()
    rebuild_seconds, rollups = rebuild_rollups()

    # The throttle still runs on every request, at a rate a benchmark cannot reach.
    override_settings(VSEND_THROTTLE_RATES={"benchmarks": "1000000/min"}).enable()
    all_councils = list(Council.objects.filter(slug__startswith="synthetic-").order_by("slug"))
    period = periods_with_assessments(all_councils[0])[-1]
    clients = {}
    for council in all_councils:  # each officer signed in once, as a browser would be
        clients[council] = Client()
        officer = get_user_model().objects.get(username=f"{council.slug}-officer")
        clients[council].force_login(officer)
    turns = [all_councils[i % len(all_councils)] for i in range(options["requests"])]

    # Warm up every path once per council, and check that both ways give the same figures.
    compared, problems = 0, []
    for council in all_councils:
        body = api_call(clients[council], period)()
        counted, found = disagreements(body, plain_orm_benchmark(council, period))
        compared, problems = compared + counted, problems + found
        benchmarks(Council.objects.filter(pk=council.pk), by="locality", period=period)

    api_times = timed(api_call(clients[council], period) for council in turns)
    serving_times = timed(
        (
            lambda c=council: benchmarks(
                Council.objects.filter(pk=c.pk), by="locality", period=period
            )
        )
        for council in turns
    )
    plain_times = timed((lambda c=council: plain_orm_benchmark(c, period)) for council in turns)

    def row(label, values):
        return (
            f"  {label:<44} median {statistics.median(values) * 1000:8.1f} ms"
            f"   p95 {percentile(values, 0.95) * 1000:8.1f} ms"
        )

    total_children = councils * children
    print(
        f"Benchmarking at scale: {wanted:,} assessments of {total_children:,} children in "
        f"{councils} councils, {QUARTERS} quarters (PostgreSQL, one run)"
    )
    print(
        f"  {'generation (vsend_generate, no rollups)':<44} "
        + (
            f"{generation:8.1f} s   ({wanted / generation:,.0f} assessments/s)"
            if generation is not None
            else "reused (VSEND_BENCH_FRESH=1 to time it)"
        )
    )
    print(f"  {'full rollup rebuild':<44} {rebuild_seconds:8.1f} s   ({rollups:,} rollups)")
    print(
        f"  {'plain streamed read of every profile':<44} {read_seconds:8.1f} s   "
        f"({profiles_read:,} profiles; rebuild / read {rebuild_seconds / read_seconds:.1f}x)"
    )
    print(
        f"Benchmark query, by=locality&period={period}, {len(turns)} requests by the "
        f"{councils} councils' officers in turn:"
    )
    print(row("API (GET benchmarks/, test client)", api_times))
    print(row("serving.benchmarks() alone", serving_times))
    print(row("plain ORM over raw assessments", plain_times))
    median_ratio = statistics.median(plain_times) / statistics.median(api_times)
    p95_ratio = percentile(plain_times, 0.95) / percentile(api_times, 0.95)
    serving_ratio = statistics.median(plain_times) / statistics.median(serving_times)
    print(f"ratio plain ORM / API: median {median_ratio:.1f}x, p95 {p95_ratio:.1f}x")
    print(f"ratio plain ORM / serving.benchmarks() alone: median {serving_ratio:.1f}x")
    scale = {"assessments": wanted, "councils": councils}
    results.record(
        "rollup_rebuild",
        rebuild_seconds,
        "s",
        read_seconds,
        baseline_is="one plain streamed read of every assessment version's profile",
        **scale,
    )
    results.record(
        "benchmark_query",
        statistics.median(api_times),
        "s",
        statistics.median(plain_times),
        ratio=median_ratio,
        baseline_is="the plain ORM query over the raw assessments, median",
        p95_ratio=round(p95_ratio, 3),
        # the figures read from the rollups, without the request around them
        serving_ratio=round(serving_ratio, 3),
        **scale,
    )
    if problems:
        print(f"FIGURES DISAGREE in {len(problems)} places, e.g. " + "; ".join(problems[:5]))
        raise SystemExit(1)
    print(f"figures agree: {compared} shown locality groups match the plain query")


if __name__ == "__main__":
    main()
