from hashlib import md5
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import storages
from django.urls import reverse
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import http_date
from django.utils.translation import get_language

from .page_cache import content_version_and_page

# Browser features no page of the site uses, denied to the site itself and to anything it could embed: no camera,
# microphone or location, no payment, no USB or other devices, no interest-based advertising cohorts.
DENIED_FEATURES = [
    "accelerometer",
    "browsing-topics",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "hid",
    "interest-cohort",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "publickey-credentials-get",
    "serial",
    "usb",
    "xr-spatial-tracking",
]


def media_origin():
    """The scheme and host uploaded images are served from when it is another server than the site's (an S3
    bucket, a CDN: README, "Media on object storage"); empty when they are under the site's own /media/."""
    parts = urlsplit(storages["default"].url("image.jpg"))
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, writing settings.CONTENT_SECURITY_POLICY, with the images' server added to img-src
    when they are on object storage: the storage settings know its address, settings.py does not.

    The admin is left out (EXCLUDE_URL_PREFIXES). A view changes its own policy with django-csp's decorators, as the
    embeddable map does for frame-ancestors.
    """

    def __init__(self, get_response):
        super().__init__(get_response)
        self.media_origin = media_origin()

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if self.media_origin and not report_only:
            update = dict(parts.update or {})
            update["img-src"] = [*update.get("img-src", []), self.media_origin]
            parts.update = update
        return parts


class PermissionsPolicyMiddleware:
    """Every response denies the browser features the site never uses (DENIED_FEATURES)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = ", ".join(f"{feature}=()" for feature in DENIED_FEATURES)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.policy)
        return response


class StaffPagesNotCachedMiddleware:
    """Nothing under the admin's address is kept by a shared cache or by the browser: Cache-Control: private, no-store.

    Django's admin sends this on most of its pages; this covers the others (its 404s, its translations) and any page
    added there later. The staff previews of unpublished records, outside /admin/, send it too (see views.py).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(reverse("admin:index")):
            patch_cache_control(response, private=True, no_store=True)
        return response


def vary_headers(response):
    return [header.strip().lower() for header in response.get("Vary", "").split(",") if header.strip()]


class PublicPageCacheMiddleware:
    """Public pages as anonymous visitors get them, kept in Django's cache for CAISS_PAGE_CACHE_SECONDS, per address
    (query string included) and language, under the content version (activism/page_cache.py): a change to any public
    record makes every cached page stale at once.

    Every page of the public site (the "activism" URLs, the sitemap, robots.txt) is cached, new ones included, except
    the staff previews. Nothing is cached for a request with a session cookie (only staff log in; their pages are not
    the public's), and no response is stored that is not a plain 200 the same for everyone: one that sets a cookie
    (the CSRF token's included), varies with anything but the language, or is private.

    The check comes in process_view, once the URL is resolved, so the HTTPS redirect and the language come first;
    every middleware still adds its headers on the way out.
    """

    OTHER_PUBLIC_PAGES = {"sitemap", "robots"}
    NOT_CACHED = {"activism:initiative-preview", "activism:post-preview"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        content = getattr(request, "public_content_version", None)
        if content is not None and not getattr(response, "from_page_cache", False) and self.can_store(response):
            # Browsers may keep the page but must ask again before showing it (no-cache), so a publication shows on
            # the next visit; asking costs a 304 without a body (ETag, Last-Modified) when nothing changed.
            patch_cache_control(response, no_cache=True)
            response.headers["Last-Modified"] = http_date(content["changed_at"].timestamp())
            set_response_etag(response)
            if request.method == "GET":
                cache.set(self.key(request), (content["version"], response), self.seconds())
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not self.is_public_request(request):
            return None
        content, cached = content_version_and_page(self.key(request))
        request.public_content_version = content
        # A page kept under an older version is stale: it is rendered again, and replaces it. A HEAD request is
        # answered from the GET's page, as Django's cache middleware does.
        if cached is None or cached[0] != content["version"]:
            return None
        response = cached[1]
        response.from_page_cache = True
        return response

    @staticmethod
    def seconds():
        return settings.CAISS_PAGE_CACHE_SECONDS

    @staticmethod
    def key(request):
        """One copy per address (scheme, host, path and query string) and language, kept with the content version it
        was rendered under. The only header a stored page may vary on is Accept-Language (see can_store), and the
        language is in the key: so, unlike Django's cache middleware, no second lookup of the page's Vary headers."""
        address = f"{get_language()}:{request.build_absolute_uri()}"
        return f"public-pages:{md5(address.encode(), usedforsecurity=False).hexdigest()}"

    def is_public_request(self, request):
        view_name = request.resolver_match.view_name
        return (
            self.seconds() > 0
            and request.method in {"GET", "HEAD"}
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and (view_name.startswith("activism:") or view_name in self.OTHER_PUBLIC_PAGES)
            and view_name not in self.NOT_CACHED
        )

    @staticmethod
    def can_store(response):
        """A plain 200, the same for every visitor: no cookie set, no Vary but on the language, not private."""
        cache_control = response.get("Cache-Control", "").lower()
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and set(vary_headers(response)) <= {"accept-language"}
            and "private" not in cache_control
            and "no-store" not in cache_control
        )
