"""The site's addresses plus /<lang>/bench-hello/, a page that does nothing: the least a request through the same
server and middleware costs, which `make bench` compares every page with."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import path

from caiss.urls import handler500  # noqa: F401
from caiss.urls import urlpatterns as site_urlpatterns


def hello(request):
    return HttpResponse("Hello, world", content_type="text/plain; charset=utf-8")


urlpatterns = i18n_patterns(path("bench-hello/", hello, name="bench-hello")) + site_urlpatterns
