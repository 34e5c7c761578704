import logging

from django.contrib.admin.views.decorators import staff_member_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import cache_control
from django_otp.decorators import otp_required

from .. import sharing
from ..models import City, Initiative

INITIATIVES_PER_PAGE = 20
POSTS_PER_PAGE = 10
# The search page lists a page of initiatives, and at most this many of each other kind.
SEARCH_GROUP_SIZE = 5
# How long a client should wait before trying again while the database cannot be reached.
DATABASE_RETRY_AFTER_SECONDS = 60
# The window in which one address may send settings.SUGGESTIONS_PER_HOUR suggestions.
SUGGESTION_WINDOW_SECONDS = 60 * 60

logger = logging.getLogger(__name__)


def listed_initiatives():
    """Published initiatives with what a list row shows (themes, places), in a fixed number of queries."""
    return (
        Initiative.objects.published()
        .defer("search_text", *Initiative.search_columns)
        .prefetch_related("themes", Prefetch("cities", City.objects.select_related("region")))
    )


def paginate(request, queryset, per_page):
    """A page of results; a malformed, negative or huge page number gets the nearest real page, not an error."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


class NoIndexMixin:
    """Pages search engines must not keep: sensitive records and staff previews."""

    def is_noindex(self):
        return False

    def get_context_data(self, **kwargs):
        return super().get_context_data(noindex=self.is_noindex(), **kwargs)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["noindex"]:
            response.headers["X-Robots-Tag"] = "noindex, nofollow"
        return response


class ShareAndCiteMixin:
    """What a record's "Cite" and "Share" blocks need: its address, today's date (the date of access; a cached page
    keeps it for CAISS_PAGE_CACHE_SECONDS) and the share links."""

    def get_context_data(self, **kwargs):
        page_url = self.request.build_absolute_uri(self.object.get_absolute_url())
        return super().get_context_data(
            page_url=page_url,
            accessed_on=timezone.localdate(),
            share_links=sharing.share_links(page_url, str(self.object)),
            **kwargs,
        )


class StaffPreviewMixin:
    """A record exactly as the public will see it, whatever its state or date: staff only, never indexed, kept by no
    cache (as the admin's pages: see StaffPagesNotCachedMiddleware).

    Like the admin, it needs a session that passed the second factor, not the password alone."""

    def is_noindex(self):
        return True

    @method_decorator([cache_control(private=True, no_store=True), staff_member_required, otp_required])
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return self.any_state()

    def get_context_data(self, **kwargs):
        return super().get_context_data(is_preview=True, **kwargs)
