from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from two_factor.urls import urlpatterns as two_factor_urls

from activism.sitemaps import sitemaps
from activism.views.site import favicon

admin.site.site_header = _("CAISS Activist Map")
admin.site.site_title = _("CAISS Activist Map admin")
admin.site.index_title = _("Research records")

urlpatterns = [
    path("admin/", admin.site.urls),
    # The staff login (password, then a code from the authenticator app), its setup and backup codes: /account/…
    path("", include(two_factor_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("favicon.ico", favicon, name="favicon"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain"), name="robots"),
]
# Public pages carry their language: /kk/map/, /ru/map/, /en/map/. LocaleMiddleware sends "/" and the old
# unprefixed addresses to the visitor's language (from the browser, else LANGUAGE_CODE).
urlpatterns += i18n_patterns(path("", include("activism.urls")))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# A 500 caused by an unreachable database is answered 503 with Retry-After: see activism.views.site.server_error.
handler500 = "activism.views.site.server_error"
