"""Throughput of the public pages at two data sizes, reported as a ratio.

A page whose queries or work grow with the number of rows loses throughput as the data grows; a page built in a
fixed number of queries keeps a ratio near 1 (rendering longer lists still costs something).

    make bench                                   # SQLite in a temporary file
    BENCH_DATABASE_URL=postgres://.../bench make bench   # an empty PostgreSQL database of your own
"""

import os
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "caiss.settings")
# Never the site's own database: the benchmark writes hundreds of records.
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from activism.models import City, Initiative, PublicationStatus, Region, Theme  # noqa: E402

SMALL, LARGE = 20, 400
SECONDS_PER_PAGE = 1.5


def grow_to(size, cities, themes):
    for number in range(Initiative.objects.count(), size):
        initiative = Initiative.objects.create(
            name=f"Bench initiative {number:04d}",
            slug=f"bench-initiative-{number:04d}",
            summary="A benchmark record.",
            publication_status=PublicationStatus.PUBLISHED,
        )
        initiative.cities.set([cities[number % len(cities)], cities[(number + 7) % len(cities)]])
        initiative.themes.set([themes[number % len(themes)]])


def throughput(client, url):
    """Requests per second over a fixed time, after one warm-up request; and the page's query count."""
    client.get(url)
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        client.get(url)
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < SECONDS_PER_PAGE:
        assert client.get(url).status_code == 200
        done += 1
    return done / (time.perf_counter() - started), len(queries)


def main():
    setup_test_environment()
    # As in Django's own tests: keep one connection, so the numbers measure the pages, not reconnecting.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    call_command("migrate", verbosity=0)
    region = Region.objects.get_or_create(slug="bench-region", defaults={"name": "Bench region"})[0]
    cities = [
        City.objects.get_or_create(
            slug=f"bench-city-{number}",
            defaults={
                "name": f"Bench city {number}",
                "region": region,
                "latitude": 43 + number / 10,
                "longitude": 60 + number / 5,
            },
        )[0]
        for number in range(30)
    ]
    themes = [
        Theme.objects.get_or_create(slug=f"bench-theme-{number}", defaults={"name": f"Bench theme {number}"})[0]
        for number in range(5)
    ]
    pages = {
        "home": reverse("activism:home"),
        "map": reverse("activism:map"),
        "initiative list": reverse("activism:initiative-list"),
        "city": cities[0].get_absolute_url(),
        "theme": themes[0].get_absolute_url(),
        "sitemap": reverse("sitemap"),
    }
    client = Client()
    results = {}
    for size in (SMALL, LARGE):
        grow_to(size, cities, themes)
        results[size] = {name: throughput(client, url) for name, url in pages.items()}

    print(f"Throughput with {LARGE} initiatives relative to {SMALL} ({connection.vendor}):")
    print(f"{'page':<16}{'req/s small':>12}{'req/s large':>12}{'ratio':>8}{'queries':>10}")
    for name in pages:
        (small_rate, small_queries), (large_rate, large_queries) = results[SMALL][name], results[LARGE][name]
        print(
            f"{name:<16}{small_rate:>12.1f}{large_rate:>12.1f}{large_rate / small_rate:>8.2f}"
            f"{f'{small_queries}->{large_queries}':>10}"
        )


if __name__ == "__main__":
    main()
