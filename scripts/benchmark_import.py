"""Time of an initiative import, preview (dry run) and import, per row, on a fresh database.

python scripts/benchmark_import.py 1000          # SQLite in a temporary file
BENCH_DATABASE_URL=postgres://.../bench python scripts/benchmark_import.py 10000
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
# Never the site's own database: the benchmark writes thousands of records.
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")

import django  # noqa: E402

django.setup()

import tablib  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from activism.models import City, Initiative, Region, Theme  # noqa: E402
from activism.resources import InitiativeResource  # noqa: E402

HEADER = ["slug", "name_en", "summary_en", "form", "themes", "cities", "year_started"]


def rows(count, suffix=""):
    return [
        [f"initiative-{n}", f"Initiative {n}{suffix}", f"Group {n}{suffix}.", "movement", "ecology", "almaty", 2019]
        for n in range(count)
    ]


def timed(label, count, dataset, dry_run, user):
    queries = []

    def count_query(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    started = time.perf_counter()
    with connection.execute_wrapper(count_query):
        result = InitiativeResource().import_data(dataset, dry_run=dry_run, user=user)
    seconds = time.perf_counter() - started
    assert not result.has_errors() and not result.has_validation_errors(), result.invalid_rows[:1]
    print(
        f"{label:<26} {count:>6} rows {seconds:8.1f} s {1000 * seconds / count:7.2f} ms/row "
        f"{len(queries) / count:6.1f} queries/row",
        flush=True,
    )


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    call_command("migrate", verbosity=0)
    user = User.objects.create_superuser("bench", "", "a-long-bench-password")
    region = Region.objects.create(slug="almaty-region", name_en="Almaty Region", latitude=43.3, longitude=77.0)
    City.objects.create(slug="almaty", name_en="Almaty", region=region, latitude=43.2, longitude=76.9)
    Theme.objects.create(slug="ecology", name_en="Ecology")
    new = tablib.Dataset(*rows(count), headers=HEADER)
    timed("preview, new records", count, new, True, user)
    timed("import, new records", count, new, False, user)
    changed = tablib.Dataset(*rows(count, " (changed)"), headers=HEADER)
    timed("preview, changed records", count, changed, True, user)
    timed("import, changed records", count, changed, False, user)
    assert Initiative.objects.count() == count


if __name__ == "__main__":
    main()
