from urllib.parse import urlsplit

from django.conf import settings


def tile_origin():
    """The scheme and host of the map tile server, with Leaflet's {s} subdomains as a wildcard."""
    parts = urlsplit(settings.MAP_TILES_URL)
    return f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"


class ContentSecurityPolicyMiddleware:
    """Public pages load nothing from other servers but map tiles, and run no inline script.

    The admin is left alone: django-leaflet's map widget writes inline script.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = (
            "default-src 'self'; "
            f"img-src 'self' data: {tile_origin()}; "
            "script-src 'self'; style-src 'self'; object-src 'none'; "
            "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
        )

    def __call__(self, request):
        response = self.get_response(request)
        in_admin = request.resolver_match is not None and request.resolver_match.namespace == "admin"
        if not in_admin:
            response.headers.setdefault("Content-Security-Policy", self.policy)
        return response
