"""Local offer speed: filtered search over 10,000 services, and a service page against a plain page.

Both figures come from one run on one fresh SQLite database, through Django's
test client in this process; the service page's render time is reported as a
ratio against a plain Wagtail page (the council's home page) in the same run.

    python tests/benchmarks/bench_local_offer.py [--services 10000] [--requests 50]
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]


def set_up_django(database):
    sys.path[:0] = [str(REPOSITORY / "site"), str(REPOSITORY)]
    os.environ["DJANGO_SETTINGS_MODULE"] = "vsend_site.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


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


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=10000)
    parser.add_argument("--requests", type=int, default=50)
    options = parser.parse_args(argv)
    rng = random.Random(11)

    with tempfile.TemporaryDirectory() as directory:
        set_up_django(Path(directory) / "bench.sqlite3")
        from django.test import Client
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
        words = [
            "speech",
            "play",
            "club",
            "support",
            "group",
            "advice",
            "sensory",
            "calm",
            "reading",
            "travel",
        ]
        for number in range(options.services):
            low = rng.randint(0, 14)
            page = ServicePage(
                title=f"{rng.choice(words).title()} {rng.choice(words)} service {number}",
                description=" ".join(rng.choices(words, k=12)),
                min_age=low,
                max_age=low + rng.randint(2, 11),
                is_free=rng.random() < 0.7,
            )
            index.add_child(instance=page)
            page.areas_of_need.set(rng.sample(areas, rng.randint(1, 2)))
            if rng.random() < 0.4:
                page.localities.set([rng.choice(localities)])
            ServiceLocation.objects.create(
                page=page, address="Street", postcode=rng.choice(postcodes)
            )
            if (number + 1) % max(1, options.services // 10) == 0:
                print(f"  made {number + 1}/{options.services} services", file=sys.stderr)

        client = Client()
        host = "bench.localhost"
        searches = [
            f"/local-offer/?area={rng.choice(areas).code}&age={rng.randint(0, 18)}&free=on"
            f"&q={rng.choice(words)}&postcode={rng.choice(postcodes).replace(' ', '+')}&distance=10"
            for _ in range(options.requests)
        ]
        timed_gets(client, searches[:3], host)  # warm up
        search_times = timed_gets(client, searches, host)
        service_urls = [p.url for p in ServicePage.objects.order_by("?")[: options.requests]]
        timed_gets(client, service_urls[:3] + ["/"] * 3, host)
        service_times = timed_gets(client, service_urls, host)
        plain_times = timed_gets(client, ["/"] * options.requests, host)

    print(
        f"Local offer with {options.services} services ({options.requests} requests each, same run)"
    )
    print(row("filtered search (all filters)", search_times))
    print(row("service page", service_times))
    print(row("plain Wagtail page (home)", plain_times))
    ratio = statistics.median(service_times) / statistics.median(plain_times)
    print(f"ratio service page / plain page: median {ratio:.2f}x")


if __name__ == "__main__":
    main()
