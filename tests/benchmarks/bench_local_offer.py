"""Local offer speed: a filtered search over 10,000 services and a service page, by a plain page.

All figures come from one run on one PostgreSQL database (the full-text
engine councils run), through Django's test client in this process: a search
with every filter (words, area of need, age, free, and within 10 miles of a
postcode), a service page, and a plain Wagtail page (the council's home page)
as the baseline, requested in turn so that the machine's other work falls on
all three alike. The services are kept between runs: a database already
holding exactly ``--services`` of them is reused (``--fresh`` makes them again).

    python tests/benchmarks/bench_local_offer.py [--services 10000] [--requests 60] [--fresh]

``DATABASE_URL`` (default postgres://postgres@127.0.0.1:5432/vsend_bench_local_offer).
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_benchmarking as common  # noqa: E402
import results  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/vsend_bench_local_offer"
MARK = "vsend benchmark data (tests/benchmarks/bench_local_offer.py); may be dropped"
WORDS = ["speech", "play", "club", "support", "group", "advice", "sensory", "calm", "reading"]
WORDS += ["travel"]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def timed_gets(client, urls, host):
    times = []
    for url in urls:
        started = time.perf_counter()
        response = client.get(url, HTTP_HOST=host)
        times.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"{url}: status {response.status_code}")
    return times


def row(label, values):
    return (
        f"{label:<34} median {statistics.median(values) * 1000:8.1f} ms"
        f"   p95 {percentile(values, 0.95) * 1000:8.1f} ms"
    )


def database_url():
    url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    if not url.startswith(("postgres://", "postgresql://")):
        print(f"DATABASE_URL is not PostgreSQL; using {DEFAULT_DATABASE_URL}.", file=sys.stderr)
        url = DEFAULT_DATABASE_URL
    return url


def make_services(count, rng):
    """A council with ``count`` services in five localities, placed around 200 postcodes."""
    from wagtail.models import Page, Site

    from vsend_plugin.core.models import Council, Locality
    from vsend_plugin.local_offer.models import (
        AreaOfNeed,
        LocalOfferIndexPage,
        PostcodeCentroid,
        ServiceLocation,
        ServicePage,
    )
    from vsend_site.home.models import CouncilHomePage

    home = CouncilHomePage(title="Bench Council", slug="bench")
    Page.get_first_root_node().add_child(instance=home)
    site = Site.objects.create(hostname="bench.localhost", port=80, root_page=home)
    council = Council.objects.create(
        site=site, name="Bench Council", slug="bench", ons_code="E06000997"
    )
    localities = [
        Locality.objects.create(council=council, name=f"Place {i}", slug=f"place-{i}")
        for i in range(5)
    ]
    for i in range(200):
        PostcodeCentroid.objects.create(
            postcode=f"BN{i % 9 + 1} {i % 9 + 1}{chr(65 + i % 26)}{chr(65 + (i // 26) % 26)}",
            latitude=54 + rng.uniform(0, 0.5),
            longitude=-1.5 + rng.uniform(0, 0.5),
        )
    postcodes = list(PostcodeCentroid.objects.values_list("postcode", flat=True))
    index = LocalOfferIndexPage(title="Local offer", slug="local-offer")
    home.add_child(instance=index)
    areas = list(AreaOfNeed.objects.all())
    started = time.perf_counter()
    for number in range(count):
        low = rng.randint(0, 14)
        page = ServicePage(
            title=f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} service {number}",
            description=" ".join(rng.choices(WORDS, k=12)),
            min_age=low,
            max_age=low + rng.randint(2, 11),
            is_free=rng.random() < 0.7,
        )
        index.add_child(instance=page)
        page.areas_of_need.set(rng.sample(areas, rng.randint(1, 2)))
        if rng.random() < 0.4:
            page.localities.set([rng.choice(localities)])
        ServiceLocation.objects.create(page=page, address="Street", postcode=rng.choice(postcodes))
        if (number + 1) % max(1, count // 20) == 0:
            elapsed = time.perf_counter() - started
            print(f"  made {number + 1:,}/{count:,} services ({elapsed:.0f} s)", file=sys.stderr)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=10000)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--fresh", action="store_true")
    options = parser.parse_args(argv)
    rng = random.Random(11)

    url = database_url()
    if common.make_database(url, mark=MARK) is None:
        return
    common.set_up_django(url)
    common.migrate()
    from django.test import Client

    from vsend_plugin.local_offer.models import AreaOfNeed, PostcodeCentroid, ServicePage

    if options.fresh or ServicePage.objects.count() != options.services:
        if ServicePage.objects.exists():
            from django.db import connections

            connections.close_all()
            common.make_database(url, drop=True, mark=MARK)
            common.migrate()
        print(f"making {options.services:,} services...", file=sys.stderr)
        make_services(options.services, rng)
    else:
        print(f"Reusing {options.services:,} services already made.", file=sys.stderr)

    areas = list(AreaOfNeed.objects.values_list("code", flat=True))
    postcodes = list(PostcodeCentroid.objects.values_list("postcode", flat=True))
    client = Client()
    host = "bench.localhost"
    searches = [
        f"/local-offer/?area={rng.choice(areas)}&age={rng.randint(0, 18)}&free=on"
        f"&q={rng.choice(WORDS)}&postcode={rng.choice(postcodes).replace(' ', '+')}&distance=10"
        for _ in range(options.requests)
    ]
    service_urls = [p.url for p in ServicePage.objects.order_by("?")[: options.requests]]
    timed_gets(client, searches[:3] + service_urls[:3] + ["/"] * 3, host)  # warm up
    search_times, service_times, plain_times = [], [], []
    for search, service in zip(searches, service_urls, strict=True):
        search_times += timed_gets(client, [search], host)
        service_times += timed_gets(client, [service], host)
        plain_times += timed_gets(client, ["/"], host)

    print(
        f"Local offer with {options.services:,} services "
        f"({options.requests} requests each, PostgreSQL, same run)"
    )
    print(row("filtered search (all filters)", search_times))
    print(row("service page", service_times))
    print(row("plain Wagtail page (home)", plain_times))
    search_ratio = percentile(search_times, 0.95) / percentile(plain_times, 0.95)
    page_ratio = statistics.median(service_times) / statistics.median(plain_times)
    print(f"ratio search / plain page: p95 {search_ratio:.2f}x (goal: 2x or less)")
    print(f"ratio service page / plain page: median {page_ratio:.2f}x")
    results.record(
        "local_offer_search", percentile(search_times, 0.95), "s", percentile(plain_times, 0.95)
    )
    results.record(
        "service_page", statistics.median(service_times), "s", statistics.median(plain_times)
    )


if __name__ == "__main__":
    main()
