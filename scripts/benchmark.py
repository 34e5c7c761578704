"""How fast the public pages are at the size the site is meant to reach: `make bench`.

1. Builds a PostgreSQL database of its own (BENCH_DATABASE_URL, never the site's) with the demo data grown to
   BENCH_N published initiatives, BENCH_EVENTS published events and BENCH_POSTS published posts; a database
   already of that size is reused.
2. Serves it with gunicorn, 2 sync workers, production settings (scripts/bench_settings.py: the site's, plus a
   hello-world page at /<lang>/bench-hello/ that passes the same middleware).
3. Measures each page with wrk: requests per second without the page cache (cold) and with it in Redis (warm),
   each as a ratio to the hello-world page in the same mode; and, in this process with Django's test client, the
   queries a page issues and its size, plain and gzip-compressed.
4. Runs EXPLAIN on each of those queries and lists the ones that scan the initiatives table (or its relation
   tables) from end to end.

It is a report: it exits 0 whatever the figures, and non-zero only when it cannot run.

    make bench
    BENCH_N=500 BENCH_SECONDS=2 make bench
"""

import gzip
import io
import os
import platform
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

INITIATIVES = int(os.environ.get("BENCH_N") or 10_000)
POSTS = int(os.environ.get("BENCH_POSTS") or 1_000)
EVENTS = int(os.environ.get("BENCH_EVENTS") or 10_000)
SECONDS = int(os.environ.get("BENCH_SECONDS") or 5)
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/caiss_bench"
# A database number of its own: the warm run empties it (FLUSHDB), never the whole server.
REDIS_URL = os.environ.get("BENCH_REDIS_URL") or "redis://127.0.0.1:6379/7"
CONNECTIONS = 16
WORKERS = 2
PREFIX = "bench-"  # the slugs of the generated records
BATCH = 1000
SENSITIVE_SHARE = 0.03
HELLO = "hello world"
# The goals, as ratios to the hello-world page served by the same process in the same mode.
WARM_GOAL, COLD_GOAL = 0.5, 0.1
MAX_KB = 150
SCANNED_TABLES = re.compile(
    r"Seq Scan on (activism_initiative(?:_themes|_cities)?|activism_blogpost_(?:initiatives|themes)"
    r"|activism_event(?:_themes|_initiatives)?)\b"
)

WORK_DIR = Path(tempfile.gettempdir()) / f"caiss-bench-{urlsplit(DATABASE_URL).path.strip('/')}"
# Production settings, for this process and for gunicorn: DEBUG off, the page cache off unless the warm run sets it.
SITE_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "scripts.bench_settings",
    "DATABASE_URL": DATABASE_URL,
    "DATABASE_CONN_MAX_AGE": "60",
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-throwaway-key-for-the-benchmark-" + os.urandom(16).hex(),
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "DJANGO_MEDIA_ROOT": str(WORK_DIR / "media"),
    "CAISS_RETIRED_MEDIA_ROOT": str(WORK_DIR / "retired-media"),
    "BENCH_STATIC_ROOT": str(WORK_DIR / "static"),
    "CAISS_SHARED_CACHE_DIR": str(WORK_DIR / "shared-cache"),  # where the site keeps what its processes share
    "CAISS_PAGE_CACHE_SECONDS": "0",
}
MODES = {
    "cold": {"CAISS_PAGE_CACHE_SECONDS": "0"},
    "warm": {"CAISS_PAGE_CACHE_SECONDS": "600", "REDIS_URL": REDIS_URL},
}


def fail(message):
    print(f"make bench: {message}", file=sys.stderr)
    sys.exit(1)


def create_database():
    """Create the benchmark's database if it is missing (through the server's `postgres` database)."""
    import dj_database_url
    import psycopg2
    from psycopg2 import sql

    if "postgres" not in urlsplit(DATABASE_URL).scheme:
        fail(f"BENCH_DATABASE_URL must be a PostgreSQL database, not {DATABASE_URL}.")
    if os.environ.get("DATABASE_URL", "").rstrip("/") == DATABASE_URL.rstrip("/"):
        fail("BENCH_DATABASE_URL is the site's own DATABASE_URL; the benchmark needs a database of its own.")
    config = dj_database_url.parse(DATABASE_URL)
    try:
        server = psycopg2.connect(
            dbname="postgres",
            user=config["USER"] or None,
            password=config["PASSWORD"] or None,
            host=config["HOST"] or None,
            port=config["PORT"] or None,
        )
    except psycopg2.Error as error:
        fail(f"cannot reach PostgreSQL for {DATABASE_URL}: {error}")
    server.autocommit = True
    with server.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
            print(f"Created the database {config['NAME']}.")
    server.close()


create_database()
os.environ.update(SITE_ENVIRONMENT)
os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from django.utils import timezone, translation  # noqa: E402
from modeltranslation.utils import build_localized_fieldname  # noqa: E402

from activism.languages import in_every_language  # noqa: E402
from activism.models import (  # noqa: E402
    Author,
    BlogPost,
    City,
    Event,
    EventSource,
    Initiative,
    PublicationStatus,
    Region,
    Theme,
    casefold_words,
)

LANGUAGES = [code for code, _name in settings.LANGUAGES]


# 1. The database


def build():
    """Migrate, load the demo data and add generated records up to the wanted size; reuse a database of that size."""
    name = connection.settings_dict["NAME"]
    call_command("migrate", verbosity=0)
    sizes = f"{INITIATIVES:,} published initiatives, {EVENTS:,} events and {POSTS:,} posts"
    if (
        Initiative.objects.published().count() == INITIATIVES
        and Event.objects.published().count() == EVENTS
        and BlogPost.objects.published().count() == POSTS
    ):
        print(f"Reusing the database {name}: it holds {sizes}.")
        return
    started = time.perf_counter()
    print(f"Building the database {name}: {sizes}...", flush=True)
    Event.objects.filter(slug__startswith=PREFIX).delete()
    Initiative.objects.filter(slug__startswith=PREFIX).delete()
    BlogPost.objects.filter(slug__startswith=PREFIX).delete()
    call_command("load_demo", stdout=io.StringIO())
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        add_initiatives(INITIATIVES - Initiative.objects.published().count())
        add_posts(POSTS - BlogPost.objects.published().count())
        add_events(EVENTS - Event.objects.published().count())
        # Bulk inserts skip save(), which keeps the search index.
        call_command("rebuild_search_index", verbosity=0)
    with connection.cursor() as cursor:
        # The planner's statistics and the table's visibility map (which lets an index answer without the table), as
        # autovacuum leaves them on a server that has run a while.
        cursor.execute("VACUUM ANALYZE")
    print(f"Built in {time.perf_counter() - started:.0f} s.")


def in_languages(objects, field_name, template):
    """{"name_kk": ..., "name_ru": ..., "name_en": ...}: the template filled with each object's text in each language.

    A template is a dict by language; objects is a dict of keyword -> record with translated names."""
    values = {}
    for language in LANGUAGES:
        names = {key: getattr(record, build_localized_fieldname("name", language)) for key, record in objects.items()}
        values[build_localized_fieldname(field_name, language)] = template[language].format(**names)
    return values


INITIATIVE_NAME = {"kk": "{theme}: {city}", "ru": "{theme}: {city}", "en": "{theme}: {city}"}
INITIATIVE_SUMMARY = {
    "kk": "{city} қаласындағы бастама, тақырыбы: {theme}. Жылдамдықты өлшеуге арналған жазба.",
    "ru": "Инициатива в городе {city} на тему «{theme}». Запись для замера скорости.",
    "en": "An initiative in {city} on {theme}. A record made to measure the site's speed.",
}
INITIATIVE_DESCRIPTION = {
    "kk": "Бұл жазба сайттың жылдамдығын өлшеу үшін жасалған.\n\n"
    "- Қала: {city}\n- Тақырып: {theme}\n\nМәтін ұзындығы шынайы жазбаға жақын.",
    "ru": "Эта запись создана для замера скорости сайта.\n\n"
    "- Город: {city}\n- Тема: {theme}\n\nДлина текста близка к настоящей записи: участники собираются, "
    "обсуждают проблемы своего района и пишут обращения в акимат.",
    "en": "This record was made to measure the site's speed.\n\n"
    "- City: {city}\n- Theme: {theme}\n\nThe text is about as long as a real record's: the members meet, discuss "
    "the problems of their district and write to the akimat.",
}
POST_TITLE = {
    "kk": "Зерттеу жазбалары: {theme}",
    "ru": "Заметки исследователей: {theme}",
    "en": "Research notes: {theme}",
}
POST_LEAD = {
    "kk": "{theme} тақырыбындағы бастамалар туралы қысқа шолу.",
    "ru": "Короткий обзор инициатив на тему «{theme}»: кто они, где действуют и чего добиваются.",
    "en": "A short review of the initiatives on {theme}: who they are, where they act and what they seek.",
}
POST_BODY = {
    language: "\n\n".join(
        [
            lead,
            "## " + {"kk": "Негізгі қорытындылар", "ru": "Основные выводы", "en": "Main findings"}[language],
            "\n".join(f"- {lead}" for _ in range(4)),
            *(lead * 3 for _ in range(6)),
        ]
    )
    for language, lead in POST_LEAD.items()
}


def add_initiatives(count):
    """Published initiatives spread over every city (more in the larger ones), theme, form and activity status."""
    rng = random.Random(8)
    cities = list(City.objects.all())
    themes = list(Theme.objects.all())
    weights = [city.population or 50_000 for city in cities]
    forms, statuses = Initiative.Form.values, Initiative.ActivityStatus.values
    for start in range(0, count, BATCH):
        initiatives, places, topics = [], [], []
        for number in range(start, min(count, start + BATCH)):
            # Every city and theme once first, then the cities by population.
            city = cities[number] if number < len(cities) else rng.choices(cities, weights)[0]
            theme = themes[number % len(themes)]
            year = 1995 + number % 30
            status = statuses[number % len(statuses)]
            initiative = Initiative(
                slug=f"{PREFIX}initiative-{number + 1:05d}",
                **in_languages({"city": city, "theme": theme}, "name", INITIATIVE_NAME),
                **in_languages({"city": city, "theme": theme}, "summary", INITIATIVE_SUMMARY),
                **in_languages({"city": city, "theme": theme}, "description", INITIATIVE_DESCRIPTION),
                form=forms[number % len(forms)],
                activity_status=status,
                is_online=number % 11 == 0,
                is_nationwide=number % 17 == 0,
                year_started=year,
                year_ended=year + 3 if status == Initiative.ActivityStatus.INACTIVE else None,
                is_sensitive=rng.random() < SENSITIVE_SHARE,
                last_verified=date(2025, 1, 1) + timedelta(days=number % 300),
                publication_status=PublicationStatus.PUBLISHED,
                version=1,
            )
            # Names are "Theme: City": a number keeps them apart, as real names are.
            for column in in_every_language("name"):
                setattr(initiative, column, f"{getattr(initiative, column)} {number + 1}")
            # What Initiative.save() would write.
            initiative.search_text = casefold_words(
                " ".join(getattr(initiative, column) for column in in_every_language("name", "summary", "description"))
            )
            initiatives.append(initiative)
            second_city = rng.choices(cities, weights)[0] if number % 3 == 0 else city
            places.append({city, second_city})
            topics.append({theme, themes[(number * 7 + 3) % len(themes)]} if number % 4 == 0 else {theme})
        Initiative.objects.bulk_create(initiatives)
        Initiative.cities.through.objects.bulk_create(
            Initiative.cities.through(initiative_id=initiative.pk, city_id=city.pk)
            for initiative, cities_of_one in zip(initiatives, places, strict=True)
            for city in cities_of_one
        )
        Initiative.themes.through.objects.bulk_create(
            Initiative.themes.through(initiative_id=initiative.pk, theme_id=theme.pk)
            for initiative, themes_of_one in zip(initiatives, topics, strict=True)
            for theme in themes_of_one
        )


def add_posts(count):
    """Published posts, a few hours apart, by the demo authors, each about a theme and three initiatives."""
    rng = random.Random(9)
    authors = list(Author.objects.all())
    themes = list(Theme.objects.all())
    initiative_ids = list(Initiative.objects.published().values_list("pk", flat=True))
    now = timezone.now()
    for start in range(0, count, BATCH):
        posts = []
        for number in range(start, min(count, start + BATCH)):
            theme = themes[number % len(themes)]
            posts.append(
                BlogPost(
                    slug=f"{PREFIX}post-{number + 1:04d}",
                    author=authors[number % len(authors)],
                    **in_languages({"theme": theme}, "title", POST_TITLE),
                    **in_languages({"theme": theme}, "lead", POST_LEAD),
                    **in_languages({"theme": theme}, "body", POST_BODY),
                    publication_status=PublicationStatus.PUBLISHED,
                    published_at=now - timedelta(days=1, hours=7 * number),
                    version=1,
                )
            )
            for column in in_every_language("title"):
                setattr(posts[-1], column, f"{getattr(posts[-1], column)} ({number + 1})")
        BlogPost.objects.bulk_create(posts)
        BlogPost.themes.through.objects.bulk_create(
            BlogPost.themes.through(blogpost_id=post.pk, theme_id=themes[(start + offset) % len(themes)].pk)
            for offset, post in enumerate(posts)
        )
        BlogPost.initiatives.through.objects.bulk_create(
            BlogPost.initiatives.through(blogpost_id=post.pk, initiative_id=initiative_id)
            for post in posts
            for initiative_id in rng.sample(initiative_ids, 3)
        )


EVENT_TITLE = {"kk": "{theme}: {city}", "ru": "{theme}: {city}", "en": "{theme}: {city}"}
EVENT_SUMMARY = {
    "kk": "{city} қаласындағы оқиға, тақырыбы: {theme}. Жылдамдықты өлшеуге арналған жазба.",
    "ru": "Событие в городе {city} на тему «{theme}». Запись для замера скорости.",
    "en": "An event in {city} on {theme}. A record made to measure the site's speed.",
}


def add_events(count):
    """Published events over 2011-2025, at every precision, in the cities by population (some only in a region,
    some nationwide or online, a few sensitive), each with a source, a theme and an initiative."""
    rng = random.Random(10)
    cities = list(City.objects.select_related("region"))
    themes = list(Theme.objects.all())
    weights = [city.population or 50_000 for city in cities]
    kinds, precisions = Event.Kind.values, Event.DatePrecision.values
    initiative_ids = list(Initiative.objects.published().values_list("pk", flat=True))
    for start in range(0, count, BATCH):
        events = []
        for number in range(start, min(count, start + BATCH)):
            city = rng.choices(cities, weights)[0]
            theme = themes[number % len(themes)]
            precision = precisions[0] if number % 5 else precisions[1 + number % 2]
            day = date(2011, 1, 1) + timedelta(days=rng.randrange(15 * 365))
            day = day.replace(day=1) if precision != "day" else day
            day = day.replace(month=1) if precision == "year" else day
            event = Event(
                slug=f"{PREFIX}event-{number + 1:05d}",
                **in_languages({"city": city, "theme": theme}, "title", EVENT_TITLE),
                **in_languages({"city": city, "theme": theme}, "summary", EVENT_SUMMARY),
                date=day,
                date_precision=precision,
                kind=kinds[number % len(kinds)],
                city=None if number % 13 in (0, 1) else city,
                region=None if number % 13 == 0 else city.region,
                is_nationwide=number % 13 == 0 and number % 2 == 0,
                is_online=number % 13 == 0 and number % 2 == 1,
                is_sensitive=rng.random() < SENSITIVE_SHARE,
                participants=rng.randrange(1, 5000) if number % 3 == 0 else None,
                publication_status=PublicationStatus.PUBLISHED,
                version=1,
            )
            for column in in_every_language("title"):
                setattr(event, column, f"{getattr(event, column)} ({number + 1})")
            events.append(event)
        Event.objects.bulk_create(events)
        EventSource.objects.bulk_create(
            EventSource(event=event, title=f"Source of event {event.slug}", publisher="CAISS") for event in events
        )
        Event.themes.through.objects.bulk_create(
            Event.themes.through(event_id=event.pk, theme_id=themes[(start + offset) % len(themes)].pk)
            for offset, event in enumerate(events)
        )
        Event.initiatives.through.objects.bulk_create(
            Event.initiatives.through(event_id=event.pk, initiative_id=rng.choice(initiative_ids))
            for event in events
            if initiative_ids
        )


# 2. The pages, and what each issues


@dataclass
class Page:
    name: str
    url: str | None  # None: not built yet
    status: int = 0
    queries: int = 0
    size: int = 0
    gzipped: int = 0
    seconds: float = 0  # the time of one request in this process
    statements: list = field(default_factory=list)
    scans: list = field(default_factory=list)  # (tables, query summary)
    rates: dict = field(default_factory=dict)  # mode -> requests per second (hello world: one per measure)
    errors: dict = field(default_factory=dict)  # mode -> what wrk reported besides 2xx and 3xx answers


def pages():
    published = Initiative.objects.published()
    theme = (
        Theme.objects.annotate(count=Count("initiatives", filter=Q(initiatives__in=published)))
        .order_by("-count", "slug")
        .first()
    )
    city = (
        City.objects.public()
        .annotate(count=Count("initiatives", filter=Q(initiatives__in=published.not_sensitive())))
        .order_by("-count", "slug")
        .first()
    )
    region = Region.objects.public().filter(cities=city).first() or Region.objects.public().first()
    # A demo record: links, sources, an image, related posts, as a curated record has.
    initiative = (
        published.not_sensitive().exclude(slug__startswith=PREFIX).exclude(image="").first() or published.first()
    )
    post = BlogPost.objects.published().exclude(slug__startswith=PREFIX).first() or BlogPost.objects.published().first()
    event = Event.objects.published().not_sensitive().exclude(slug__startswith=PREFIX).exclude(city=None).first()
    with translation.override("en"):
        try:
            place = reverse("activism:map-place", kwargs={"kind": "city", "slug": city.slug})
        except NoReverseMatch:
            place = None
        timeline = reverse("activism:event-list")
        return [
            Page(HELLO, reverse("bench-hello")),
            Page("home", reverse("activism:home")),
            Page("map", reverse("activism:map")),
            Page("map, one theme", f"{reverse('activism:map')}?theme={theme.slug}"),
            Page("map popup", place),
            Page("initiative list", reverse("activism:initiative-list")),
            Page("search", f"{reverse('activism:initiative-list')}?q=almaty"),
            Page("site search", f"{reverse('activism:search')}?q=almaty"),
            Page("initiative", initiative.get_absolute_url()),
            Page(f"largest city ({city.count:,})", city.get_absolute_url()),
            Page("region", region.get_absolute_url()),
            Page(f"theme ({theme.count:,})", theme.get_absolute_url()),
            Page("blog", reverse("activism:post-list")),
            Page("post", post.get_absolute_url()),
            Page("events", timeline),
            Page("events, 2019, one region", f"{timeline}?from=2019&to=2019&region={region.slug}"),
            Page("event", event.get_absolute_url() if event else None),
            Page("map, 2015-2019", f"{reverse('activism:map')}?from=2015&to=2019"),
            Page("numbers", reverse("activism:numbers")),
        ]


def inspect(page):
    """The page's queries (page cache off) and size, from a request in this process after a first one."""
    client = Client(HTTP_HOST="127.0.0.1")
    client.get(page.url)  # the first view of a page fills caches and makes image copies

    def keep(execute, sql, params, many, context):
        page.statements.append((sql, params))
        return execute(sql, params, many, context)

    started = time.perf_counter()
    with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(keep):
        response = client.get(page.url)
    page.seconds = time.perf_counter() - started
    page.status = response.status_code
    page.queries = len(captured)
    page.size = len(response.content)
    page.gzipped = len(gzip.compress(response.content))


def find_scans(page):
    """The page's queries whose plan reads a whole initiatives or relation table."""
    with connection.cursor() as cursor:
        for sql, params in page.statements:
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            tables = sorted(set(SCANNED_TABLES.findall(plan)))
            if tables:
                page.scans.append((tables, summary(sql)))


def summary(sql, width=200):
    """The query without its column list, shortened: `SELECT … FROM activism_initiative INNER JOIN … WHERE …`."""
    text = " ".join(sql.replace('"', "").split())
    text = re.sub(r"IN \((?:%s, )*%s\)", lambda match: f"IN ({match[0].count('%s'):,} values)", text)
    froms = (position for position in range(len(text)) if text.startswith(" FROM ", position))
    outer_from = next((position for position in froms if not depth(text[:position])), None)
    if outer_from is not None:
        text = "SELECT … " + text[outer_from + 1 :]
    # The joins' conditions say little: "INNER JOIN activism_city ON (…)" becomes "INNER JOIN activism_city".
    while " ON (" in text:
        start = text.index(" ON (")
        end = next(position for position in range(start + 4, len(text)) if depth(text[start + 4 : position + 1]) == 0)
        text = text[:start] + text[end + 1 :]
    return text if len(text) <= width else text[: width - 1] + "…"


def depth(text):
    """How many brackets are open at the end of the text."""
    return text.count("(") - text.count(")")


# 3. The server and wrk


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn serving the site in a subprocess, with the environment of one mode."""

    def __init__(self, mode):
        self.port = free_port()
        self.log = open(WORK_DIR / f"gunicorn-{mode}.log", "w")  # noqa: SIM115
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            f"--workers={WORKERS}",
            "--worker-class=sync",
            f"--bind=127.0.0.1:{self.port}",
            "--timeout=120",
            f"--chdir={BASE_DIR}",
            "caiss.wsgi:application",
        ]
        self.process = subprocess.Popen(
            command, env={**os.environ, **MODES[mode]}, stdout=self.log, stderr=subprocess.STDOUT, cwd=BASE_DIR
        )
        deadline = time.monotonic() + 60
        while True:
            if self.process.poll() is not None:
                self.stop()
                fail(f"gunicorn stopped at start; its log:\n{(WORK_DIR / f'gunicorn-{mode}.log').read_text()}")
            try:
                with urllib.request.urlopen(self.url(reverse_in_english("bench-hello")), timeout=5) as response:
                    if response.status == 200:
                        return
            except (OSError, urllib.error.URLError):
                pass
            if time.monotonic() > deadline:
                self.stop()
                fail("gunicorn did not answer within a minute")
            time.sleep(0.2)

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def cpu_ticks(self):
        """CPU time its workers have used so far, in clock ticks."""
        ticks = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[1]) == self.process.pid:
                ticks += int(fields[11]) + int(fields[12])
        return ticks

    def is_idle(self, within):
        """Whether the workers stop using the CPU within that many seconds: wrk leaves requests queued when it stops,
        which must not count against the next page. Without /proc (not Linux), never: the server is started again."""
        if not Path("/proc/self/stat").exists():
            return False
        deadline = time.monotonic() + within
        before, quiet = self.cpu_ticks(), 0
        while time.monotonic() < deadline:
            time.sleep(0.25)
            now = self.cpu_ticks()
            quiet = quiet + 1 if now - before <= 1 else 0
            if quiet == 2:
                return True
            before = now
        return False

    def stop(self):
        self.process.send_signal(signal.SIGINT)  # quick shutdown: requests still queued are dropped
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def reverse_in_english(name):
    with translation.override("en"):
        return reverse(name)


def warm_up(server, page):
    """One request per worker first, so both have compiled the templates and (warm) the cache holds the page."""
    with ThreadPoolExecutor(WORKERS) as pool:
        list(pool.map(lambda _: fetch(server.url(page.url)), range(WORKERS)))


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.read()
    except urllib.error.HTTPError as error:
        return error.read()


def wrk(url):
    """Requests per second, and whatever wrk reports besides plain success."""
    command = ["wrk", f"-t{WORKERS}", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout=60s", url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    problems = re.findall(r"(Non-2xx or 3xx responses: \d+|Socket errors: .*)", output)
    if re.search(r"\b0 requests in", output):
        problems.append(f"no request answered within {SECONDS} s")
    return rate, "; ".join(problems)


def ensure_wrk():
    if shutil.which("wrk"):
        return
    if shutil.which("apt-get") and os.geteuid() == 0:
        print("Installing wrk (apt-get install wrk)...", flush=True)
        quiet = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=quiet)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, env=quiet)
    if not shutil.which("wrk"):
        fail("wrk is missing: install it (Debian/Ubuntu: sudo apt-get install wrk; macOS: brew install wrk).")


def redis(*command):
    """One command to the benchmark's Redis database (a few lines of the protocol: no client library needed)."""
    parts = urlsplit(REDIS_URL)
    commands = [("SELECT", parts.path.strip("/") or "0"), command]
    if parts.password:
        commands.insert(0, ("AUTH", parts.password))
    payload = b"".join(
        f"*{len(words)}\r\n".encode() + b"".join(f"${len(word.encode())}\r\n{word}\r\n".encode() for word in words)
        for words in commands
    )
    with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), timeout=5) as sock:
        sock.sendall(payload)
        reply = b""
        while reply.count(b"\r\n") < len(commands):
            chunk = sock.recv(4096)
            if not chunk:
                break
            reply += chunk
    last = reply.split(b"\r\n")[len(commands) - 1].decode()
    if last.startswith("-"):
        raise OSError(last[1:])
    return last[1:]


def measure(mode, pages):
    """wrk on each page in turn, the hello-world page first and last (the machine's load may change meanwhile)."""
    print(f"Measuring, {mode}...", flush=True)
    server = Server(mode)
    try:
        for page in [*pages, pages[0]]:
            if page.url is None:
                continue
            # A page slower than a second gains nothing from warming but takes long to warm.
            if mode == "warm" or page.seconds < 1:
                warm_up(server, page)
            rate, problems = wrk(server.url(page.url))
            page.rates.setdefault(mode, []).append(rate)
            if problems:
                page.errors[mode] = problems
            if not server.is_idle(within=2):
                # Requests of a slow page still queued: a new server is quicker than waiting for them.
                server.stop()
                server = Server(mode)
    finally:
        server.stop()


# 4. The report


def machine():
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0].split()[0]
    from importlib.metadata import version

    return (
        f"{os.cpu_count()} CPUs, load {' '.join(f'{load:.1f}' for load in os.getloadavg())}; "
        f"Python {platform.python_version()}; PostgreSQL {postgres}; Django {django.get_version()}; "
        f"gunicorn {version('gunicorn')} ({WORKERS} sync workers); "
        f"wrk -t{WORKERS} -c{CONNECTIONS} -d{SECONDS}s"
    )


def rate(page, mode):
    rates = page.rates.get(mode)
    return sum(rates) / len(rates) if rates else None


def ratio(page, hello, mode):
    if rate(page, mode) is None or not rate(hello, mode):
        return None
    return rate(page, mode) / rate(hello, mode)


def speed_cell(page, hello, mode, goal):
    if page.url is None:
        return "n/a (not built)"
    if ratio(page, hello, mode) is None:
        return "n/a"
    if page.name == HELLO:
        return f"{rate(page, mode):7.1f}  1.00×     "
    verdict = "pass" if ratio(page, hello, mode) >= goal and mode not in page.errors else "FAIL"
    # No request answered within the time: fewer than one in that many seconds.
    shown = f"{rate(page, mode):7.1f}" if rate(page, mode) else f"{f'<{1 / SECONDS:.1f}':>7}"
    return f"{shown} {ratio(page, hello, mode):5.2f}× {verdict}"


def passes(page, hello, modes):
    goals = {"cold": COLD_GOAL, "warm": WARM_GOAL}
    return (
        page.status == 200
        and page.size <= MAX_KB * 1024
        and not page.errors
        and all((ratio(page, hello, mode) or 0) >= goals[mode] for mode in modes)
    )


def report(pages, modes, cache_keys):
    hello = pages[0]
    published = Initiative.objects.published()
    print()
    print(f"CAISS Activist Map: speed of the public pages, {timezone.localtime():%Y-%m-%d %H:%M}")
    print(f"Machine: {machine()}")
    print(
        f"Data: {published.count():,} published initiatives ({published.filter(is_sensitive=True).count():,} "
        f"sensitive) in {City.objects.count()} cities, {Theme.objects.count()} themes; "
        f"{Event.objects.published().count():,} events; {BlogPost.objects.published().count():,} posts; "
        f"database {connection.settings_dict['NAME']}"
    )
    print(
        f"Goals: warm ≥ {WARM_GOAL}× hello world, cold ≥ {COLD_GOAL}× hello world (served by the same gunicorn in "
        f"the same mode), no page over {MAX_KB} KB uncompressed."
    )
    print("Cold: no page cache (CAISS_PAGE_CACHE_SECONDS=0). Warm: the page cache in Redis for 600 s.")
    print("Queries, time and size: one request in this process (Django's test client, page cache off).")
    print()
    header = (
        f"{'page':<22}{'address':<36}{'cold req/s ≥0.1×':>21}{'warm req/s ≥0.5×':>21}"
        f"{'queries':>8}{'ms':>7}{'KB ≤150':>12}{'gzip KB':>9}  result"
    )
    print(header)
    print("-" * len(header))
    for page in pages:
        address = page.url or "(not in this version)"
        if len(address) > 35:
            address = address[:34] + "…"
        cold = speed_cell(page, hello, "cold", COLD_GOAL)
        warm = speed_cell(page, hello, "warm", WARM_GOAL) if "warm" in modes else "n/a (no Redis)"
        if page.url is None:
            print(f"{page.name:<22}{address:<36}{cold:>21}{warm:>21}")
            continue
        size = f"{page.size / 1024:.1f}" + ("" if page.size <= MAX_KB * 1024 else " FAIL")
        result = "" if page.name == HELLO else ("pass" if passes(page, hello, modes) else "FAIL")
        if page.status != 200:
            result += f" (status {page.status})"
        print(
            f"{page.name:<22}{address:<36}{cold:>21}{warm:>21}{page.queries:>8}{page.seconds * 1000:>7.0f}"
            f"{size:>12}{page.gzipped / 1024:>9.1f}  {result}"
        )
    print()
    for mode in modes:
        first, last = hello.rates[mode]
        print(f"Hello world, {mode}: {first:.0f} req/s before the pages, {last:.0f} after; the ratios use the mean.")
    for page in pages:
        for mode, text in page.errors.items():
            print(f"wrk, {page.name} ({mode}): {text}")
    if "warm" in modes and not cache_keys:
        print(
            f"Redis ({REDIS_URL}) held no key after the warm run: the page cache is not in place yet "
            "(REDIS_URL, CAISS_PAGE_CACHE_SECONDS), so the warm figures are cold ones."
        )
    print()
    print("Sequential scans of initiatives (EXPLAIN of each query a page issues):")
    scanned = [page for page in pages if page.scans]
    if not scanned:
        print("  none")
    for page in scanned:
        for tables, text in page.scans:
            print(f"  {page.name}: {', '.join(tables)}")
            print(f"      {text}")


def main():
    ensure_wrk()
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    build()
    call_command("collectstatic", interactive=False, verbosity=0)
    pages_ = pages()
    print("Counting each page's queries and size, and explaining them...", flush=True)
    for page in pages_:
        if page.url is not None:
            inspect(page)
            find_scans(page)
    connection.close()  # gunicorn's workers get the database to themselves
    modes = ["cold", "warm"]
    try:
        redis("PING")
    except OSError as error:
        print(f"Redis is not reachable at {REDIS_URL} ({error}): no warm run.")
        modes.remove("warm")
    cache_keys = 0
    for mode in modes:
        if mode == "warm":
            redis("FLUSHDB")
        measure(mode, pages_)
        if mode == "warm":
            cache_keys = int(redis("DBSIZE"))
            redis("FLUSHDB")
    report(pages_, modes, cache_keys)
    print(f"\nThe whole run took {time.perf_counter() - started:.0f} s.")


if __name__ == "__main__":
    main()
