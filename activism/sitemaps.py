from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Author, BlogPost, City, Event, Initiative, Region, Theme


class TranslatedSitemap(Sitemap):
    """Every address in each language, with its hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True


class StaticPagesSitemap(TranslatedSitemap):
    def items(self):
        return [
            "activism:home",
            "activism:map",
            "activism:initiative-list",
            "activism:event-list",
            "activism:theme-list",
            "activism:region-list",
            "activism:city-list",
            "activism:post-list",
            "activism:about",
            "activism:open-data",
        ]

    def location(self, item):
        return reverse(item)


class InitiativeSitemap(TranslatedSitemap):
    def items(self):
        return Initiative.objects.published().not_sensitive()

    def lastmod(self, item):
        return item.updated_at


class EventSitemap(TranslatedSitemap):
    """Published events, never sensitive ones: their pages are kept out of search engines."""

    def items(self):
        return Event.objects.published().not_sensitive().order_by("-date", "pk")

    def lastmod(self, item):
        return item.updated_at


class BlogPostSitemap(TranslatedSitemap):
    def items(self):
        return BlogPost.objects.published()

    def lastmod(self, item):
        return item.updated_at


class PlaceAndThemeSitemap(TranslatedSitemap):
    """Cities, regions and themes with at least one published initiative."""

    def items(self):
        return [*City.objects.public(), *Region.objects.public(), *Theme.objects.public()]


class AuthorSitemap(TranslatedSitemap):
    def items(self):
        return Author.objects.filter(posts__in=BlogPost.objects.published()).distinct()


sitemaps = {
    "pages": StaticPagesSitemap,
    "initiatives": InitiativeSitemap,
    "events": EventSitemap,
    "posts": BlogPostSitemap,
    "places": PlaceAndThemeSitemap,
    "authors": AuthorSitemap,
}
