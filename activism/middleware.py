from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.storage import storages
from django.urls import reverse
from django.utils.cache import patch_cache_control

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


def tile_origin():
    """The scheme and host of the map tile server, with Leaflet's {s} subdomains as a wildcard."""
    parts = urlsplit(settings.MAP_TILES_URL)
    return f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"


def media_origin():
    """The scheme and host uploaded images are served from when it is another server than the site's (an S3
    bucket, a CDN: README, "Media on object storage"); empty when they are under the site's own /media/."""
    parts = urlsplit(storages["default"].url("image.jpg"))
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""


class ContentSecurityPolicyMiddleware:
    """Public pages load nothing from other servers but map tiles and, on object storage, the uploaded images; and
    run no inline script.

    The admin is left alone: django-leaflet's map widget writes inline script.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        image_sources = " ".join(filter(None, ["'self'", "data:", tile_origin(), media_origin()]))
        self.policy = (
            "default-src 'self'; "
            f"img-src {image_sources}; "
            "script-src 'self'; style-src 'self'; object-src 'none'; "
            "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
        )

    def __call__(self, request):
        response = self.get_response(request)
        in_admin = request.resolver_match is not None and request.resolver_match.namespace == "admin"
        if not in_admin:
            response.headers.setdefault("Content-Security-Policy", self.policy)
        return response


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
