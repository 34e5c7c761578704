"""The version of the public content that cached public pages are kept under (see PublicPageCacheMiddleware).

Any change to a record the public pages show (a save, a delete, a publication, an archiving, a restored version, an
import, a theme or city added or removed) moves the version on once its transaction commits: every page cached under
the old version is stale at once, in every process, since the version is in the "shared" cache (see CACHES). A
scheduled post moves it on when its date comes, so it appears on the pages at its time without anyone saving anything.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.dispatch import receiver
from django.utils import timezone

from .models import Author, BlogPost, City, Event, EventSource, Initiative, InitiativeLink, Region, Source, Theme

CONTENT_VERSION_KEY = "public-pages:content-version"
# The records public pages show. Import jobs, history entries and staff accounts are not among them.
PUBLIC_CONTENT_MODELS = (Region, City, Theme, Initiative, InitiativeLink, Source, Author, BlogPost, Event, EventSource)


def new_content_version(previous=None):
    """A version never used before, with when it began and when the next scheduled post becomes due.

    Pages send when it began as their Last-Modified, in whole seconds: each version begins at least a second after the
    one before, so a revisit asking If-Modified-Since never misses a change made within the same second."""
    changed_at = timezone.now()
    if previous is not None:
        changed_at = max(changed_at, previous["changed_at"] + timedelta(seconds=1))
    return {
        "version": uuid.uuid4().hex,
        "changed_at": changed_at,
        "next_post_due_at": BlogPost.objects.scheduled()
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first(),
    }


def content_version(state=None):
    """The current version: {"version", "changed_at", "next_post_due_at"}. `state` is the version as just read from
    the shared cache, if it was."""
    cache = caches["shared"]
    if state is None:
        state = cache.get(CONTENT_VERSION_KEY)
    if state is None:  # the first request, or the cache was emptied
        state = new_content_version()
        if not cache.add(CONTENT_VERSION_KEY, state, timeout=None):
            state = cache.get(CONTENT_VERSION_KEY, state)  # another process was first
    due = state["next_post_due_at"]
    if due is not None and due <= timezone.now():
        state = bump_content_version()
    return state


def content_version_and_page(key):
    """The current version and what the pages' cache holds under `key` (None if nothing): in one round trip when the
    pages are kept beside the version (one Redis server, REDIS_URL), since every cached page needs both."""
    pages = caches["default"]
    if settings.CACHES["default"] == settings.CACHES["shared"]:
        found = pages.get_many([CONTENT_VERSION_KEY, key])
        return content_version(found.get(CONTENT_VERSION_KEY)), found.get(key)
    return content_version(), pages.get(key)


def bump_content_version():
    cache = caches["shared"]
    state = new_content_version(previous=cache.get(CONTENT_VERSION_KEY))
    cache.set(CONTENT_VERSION_KEY, state, timeout=None)
    return state


def public_content_changed(using=None):
    """Make every cached page stale once the current transaction commits: pages rendered before the commit would still
    show the old records. A rolled-back change (an import's preview, an error) changes nothing. One bump per
    transaction, however many records it writes."""
    connection = transaction.get_connection(using)
    if not any(callback is bump_content_version for _sids, callback, _robust in connection.run_on_commit):
        transaction.on_commit(bump_content_version, using=using)


@receiver(post_save)
@receiver(post_delete)
def record_changed(sender, using=None, **kwargs):
    if issubclass(sender, PUBLIC_CONTENT_MODELS):
        public_content_changed(using)


@receiver(m2m_changed)
def relations_changed(sender, instance, action, using=None, **kwargs):
    if action.startswith("post_") and isinstance(instance, PUBLIC_CONTENT_MODELS):
        public_content_changed(using)


@receiver(post_migrate)
def site_deployed(sender, app_config=None, **kwargs):
    """A deployment migrates the database: its new templates and code make new pages, even from the same records."""
    if app_config is not None and app_config.name == "activism":
        bump_content_version()
