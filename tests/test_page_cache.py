"""Public pages kept in the cache: served again without a query, stale at once after any change to a public record,
never from or for staff, never carrying one visitor's cookies to another.

These tests commit (transaction=True), as a server does: the cached pages go stale when a change commits."""

import os
from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.cache.backends.filebased import FileBasedCache
from django.db import connection
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from activism.models import BlogPost, ImportJob, Initiative
from activism.page_cache import CONTENT_VERSION_KEY, new_content_version

from .conftest import (
    confirm,
    csv_file,
    make_initiative,
    make_post,
    make_staff,
    review_change,
    run_action,
    save_through_admin,
    submit_form,
    upload,
)

pytestmark = pytest.mark.django_db(transaction=True)

REDIS_URL = os.environ.get("CAISS_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")


@pytest.fixture(autouse=True)
def page_cache(settings, tmp_path):
    """The caches as the settings make them without REDIS_URL: pages in memory, the content version in a folder."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "page-cache-tests"},
        "shared": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": tmp_path / "shared"},
    }
    settings.CAISS_PAGE_CACHE_SECONDS = 600
    cache.clear()


def rendered(client, url, **headers):
    """The answer, and whether the page was rendered for it (it asked the database) rather than taken from the cache."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response, len(queries) > 0


def test_a_second_visit_is_served_from_the_cache_without_a_query(client, site_data, django_assert_num_queries):
    urls = [
        reverse("activism:home"),
        reverse("activism:map"),
        reverse("activism:initiative-list"),
        site_data["park"].get_absolute_url(),
        site_data["almaty"].get_absolute_url(),
        reverse("activism:post-list"),
        site_data["post"].get_absolute_url(),
        reverse("activism:post-feed"),
        reverse("activism:open-data-csv"),
        reverse("sitemap"),
        reverse("robots"),
    ]
    for url in urls:
        first = client.get(url)
        assert first.status_code == 200, url
        with django_assert_num_queries(0):
            again = client.get(url)
            head = client.head(url)
        assert again.status_code == head.status_code == 200, url
        assert again.content == first.content, url


def test_an_editor_publishing_through_the_admin_shows_at_once_and_archiving_hides_at_once(client, editor, site_data):
    draft = site_data["draft"]
    listing = reverse("activism:initiative-list")
    assert "Secret Draft Initiative" not in client.get(listing).content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404

    run_action(editor, Initiative, "publish", [draft])
    assert "Secret Draft Initiative" in client.get(listing).content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 200

    run_action(editor, Initiative, "archive", [draft])
    assert "Secret Draft Initiative" not in client.get(listing).content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_draft_never_appears_from_the_cache(client, researcher, site_data):
    listing = reverse("activism:initiative-list")
    client.get(listing)
    save_through_admin(researcher, site_data["draft"], summary_en="Still a draft.")
    for _visit in range(2):
        content = client.get(listing).content.decode()
        assert "Secret Draft Initiative" not in content
        assert "Still a draft." not in content


def test_an_edit_in_the_admin_form_shows_at_once_on_every_page(client, editor, site_data):
    park = site_data["park"]
    feminism = site_data["feminism"].get_absolute_url()
    assert "Save the Park" not in client.get(feminism).content.decode()
    client.get(park.get_absolute_url())

    save_through_admin(
        editor, park, summary_en="A park saved by its neighbours.", themes=[str(site_data["feminism"].pk)]
    )
    assert "A park saved by its neighbours." in client.get(park.get_absolute_url()).content.decode()
    assert "Save the Park" in client.get(feminism).content.decode()


def test_an_import_through_the_admin_makes_the_pages_fresh(client, admin_client, site_data):
    city = site_data["almaty"].get_absolute_url()
    assert "Almaty Metropolis" not in client.get(city).content.decode()
    header = ["slug", "name_kk", "name_ru", "name_en", "region", "latitude", "longitude", "population"]
    file = csv_file(header, ["almaty", "", "", "Almaty Metropolis", "almaty", "43.238949", "76.889709", ""])
    preview = upload(admin_client, "city", file)
    assert "Almaty Metropolis" not in client.get(city).content.decode()  # the preview writes nothing

    assert confirm(admin_client, "city", preview).status_code == 302
    assert "Almaty Metropolis" in client.get(city).content.decode()


def test_a_restore_from_the_history_shows_at_once(client, editor, site_data):
    park = site_data["park"]
    save_through_admin(editor, park, summary_en="The first summary.")
    save_through_admin(editor, park, summary_en="A mistaken summary.")
    assert "A mistaken summary." in client.get(park.get_absolute_url()).content.decode()

    first = Version.objects.get_for_object(park).order_by("pk").first()
    revision_url = reverse("admin:activism_initiative_revision", args=[park.pk, first.pk])
    assert submit_form(editor, revision_url).status_code == 302
    content = client.get(park.get_absolute_url()).content.decode()
    assert "The first summary." in content
    assert "A mistaken summary." not in content


def test_a_scheduled_post_appears_once_its_time_comes_without_any_save(client, site_data):
    due = timezone.now() + timedelta(hours=2)
    make_post("Tomorrow's field notes", published_at=due)
    blog = reverse("activism:post-list")
    assert "Tomorrow&#x27;s field notes" not in client.get(blog).content.decode()
    assert rendered(client, blog)[1] is False  # kept in the cache while the post waits

    with mock.patch("django.utils.timezone.now", return_value=due + timedelta(seconds=1)):
        assert "Tomorrow&#x27;s field notes" in client.get(blog).content.decode()
        assert client.get(BlogPost.objects.get(title="Tomorrow's field notes").get_absolute_url()).status_code == 200


def test_a_change_for_review_leaves_the_cached_pages_until_it_is_approved(client, researcher, editor, site_data):
    park = site_data["park"]
    park.sources.create(title="Report on the park", url="https://news.example.org/park")
    pages = [park.get_absolute_url(), reverse("activism:initiative-list")]
    for url in pages:
        client.get(url)
    save_through_admin(researcher, park, summary_en="A park saved by its neighbours.")
    for url in pages:
        page, was_rendered = rendered(client, url)
        assert not was_rendered, url  # the cache was not made stale: nothing public changed
        assert "A park saved by its neighbours." not in page.content.decode()
    review_change(editor, park, "_approve")
    for url in pages:
        page, was_rendered = rendered(client, url)
        assert was_rendered, url
        assert "A park saved by its neighbours." in page.content.decode(), url


def test_staff_get_fresh_pages_and_fill_no_cache(client, editor, site_data):
    listing = reverse("activism:initiative-list")
    client.get(listing)
    # A change that sends no signal: only a rendered page shows it.
    Initiative.objects.filter(pk=site_data["park"].pk).update(summary_en="Changed behind the cache's back.")
    assert "Changed behind the cache&#x27;s back." not in client.get(listing).content.decode()

    staff_page, staff_rendered = rendered(editor, listing)
    assert staff_rendered
    assert "Changed behind the cache&#x27;s back." in staff_page.content.decode()

    cache.clear()
    home = reverse("activism:home")
    assert rendered(editor, home)[1]
    assert rendered(editor, home)[1]  # her second visit is rendered again: nothing was kept
    assert rendered(client, home)[1]  # nor was her page kept for the public


def test_a_staff_preview_is_never_cached(client, editor, site_data):
    preview_url = site_data["draft"].get_preview_url()
    for _visit in range(2):
        preview, was_rendered = rendered(editor, preview_url)
        assert preview.status_code == 200
        assert was_rendered
    assert client.get(preview_url).status_code == 302  # the public is sent to the login, not shown the draft
    assert editor.get("/admin/").status_code == 200
    assert rendered(editor, "/admin/")[1]


def test_a_cached_page_carries_no_cookie_no_csrf_token_and_no_vary_cookie(client, site_data):
    home = reverse("activism:home")
    client.get(home)
    with_csrf_cookie = client.__class__()
    with_csrf_cookie.cookies["csrftoken"] = "a" * 32  # left by an earlier visit to a form
    for visitor in [client, with_csrf_cookie]:
        page, was_rendered = rendered(visitor, home)
        assert not was_rendered
        assert not page.cookies
        assert "csrfmiddlewaretoken" not in page.content.decode()
        assert "Cookie" not in page.get("Vary", "")


def test_a_page_that_uses_the_csrf_token_is_not_stored(client, site_data):
    def render_with_a_form(request, *args, **kwargs):
        get_token(request)  # as a form's {% csrf_token %} does
        return render(request, *args, **kwargs)

    home = reverse("activism:home")
    with mock.patch("activism.views.site.render", side_effect=render_with_a_form):
        assert "csrftoken" in client.get(home).cookies
    other_visitor = client.__class__()
    page, was_rendered = rendered(other_visitor, home)
    assert was_rendered
    assert not page.cookies


def test_a_revisit_answers_304_until_a_publication(client, editor, site_data):
    listing = reverse("activism:initiative-list")
    page = client.get(listing)
    etag, last_modified = page["ETag"], page["Last-Modified"]
    assert "no-cache" in page["Cache-Control"]
    assert client.get(listing, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(listing, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304

    run_action(editor, Initiative, "publish", [site_data["draft"]])
    fresh = client.get(listing, HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200
    assert fresh["ETag"] != etag
    assert "Secret Draft Initiative" in fresh.content.decode()
    assert client.get(listing, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 200


def test_languages_and_query_strings_are_kept_apart(client, site_data):
    pages = {
        "/en/initiatives/?theme=ecology": ("Save the Park", "Women&#x27;s March"),
        "/en/initiatives/?theme=gender-and-feminism": ("Women&#x27;s March", "Save the Park"),
        "/ru/initiatives/?theme=ecology": ('<html lang="ru"', '<html lang="en"'),
        "/kk/initiatives/?theme=ecology": ('<html lang="kk"', '<html lang="en"'),
    }
    for _visit in range(2):
        for url, (shown, not_shown) in pages.items():
            content = client.get(url).content.decode()
            assert shown in content, url
            assert not_shown not in content, url


def test_a_page_not_found_is_not_kept(client, site_data):
    url = reverse("activism:initiative-detail", args=["coming-soon"])
    assert client.get(url).status_code == 404
    assert client.get("/en/no/such/page/").status_code == 404
    make_initiative("Coming Soon")
    assert client.get(url).status_code == 200


def test_an_import_job_noting_its_progress_leaves_the_pages_cached(client, site_data):
    home = reverse("activism:home")
    client.get(home)
    job = ImportJob.objects.create(
        model_name="initiative", user=make_staff("importer"), original_file_name="a.csv", file_format=0, rows_total=9
    )
    job.rows_done = 5
    job.save()
    assert rendered(client, home)[1] is False


def test_the_cache_off_renders_every_visit(client, settings, site_data):
    settings.CAISS_PAGE_CACHE_SECONDS = 0
    home = reverse("activism:home")
    assert rendered(client, home)[1]
    assert rendered(client, home)[1]


def test_with_redis_a_publication_shows_at_once(client, editor, settings, site_data, django_assert_num_queries):
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CAISS_REQUIRE_REDIS"):
            raise
        pytest.skip(f"Redis is not reachable at {REDIS_URL} (CAISS_REQUIRE_REDIS makes this a failure)")
    redis_cache = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    settings.CACHES = {"default": redis_cache, "shared": redis_cache}
    cache.clear()  # the test's own Redis database
    try:
        listing = reverse("activism:initiative-list")
        client.get(listing)
        with django_assert_num_queries(0):
            assert "Secret Draft Initiative" not in client.get(listing).content.decode()
        run_action(editor, Initiative, "publish", [site_data["draft"]])
        assert "Secret Draft Initiative" in client.get(listing).content.decode()
    finally:
        cache.clear()


def test_a_change_made_in_another_process_reaches_the_pages_this_one_cached(client, site_data, settings):
    """Without Redis each process keeps its pages in its own memory; the content version is on disk, where the other
    processes of the server (gunicorn's workers, the import worker) write it when they change a record."""
    listing = reverse("activism:initiative-list")
    client.get(listing)
    assert not rendered(client, listing)[1]

    # The import worker, another process, publishes a record: it opens the same folder and moves the version on.
    Initiative.objects.filter(pk=site_data["draft"].pk).update(publication_status="published")
    other_process = FileBasedCache(settings.CACHES["shared"]["LOCATION"], {})
    other_process.set(CONTENT_VERSION_KEY, new_content_version(previous=other_process.get(CONTENT_VERSION_KEY)), None)

    page, was_rendered = rendered(client, listing)
    assert was_rendered
    assert "Secret Draft Initiative" in page.content.decode()
