import csv
import sys

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.paginator import Paginator
from django.db import InterfaceError, OperationalError
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext, ngettext
from django.views import defaults
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView, TemplateView
from django_otp.decorators import otp_required

from . import open_data
from .forms import InitiativeFilterForm
from .models import Author, BlogPost, City, Initiative, Region, Theme
from .spreadsheets import safe_cell

INITIATIVES_PER_PAGE = 20
POSTS_PER_PAGE = 10
# How long a client should wait before trying again while the database cannot be reached.
DATABASE_RETRY_AFTER_SECONDS = 60


def listed_initiatives():
    """Published initiatives with what a list row and a map marker show, in a fixed number of queries."""
    return Initiative.objects.published().prefetch_related(
        "themes", Prefetch("cities", City.objects.select_related("region"))
    )


def paginate(request, queryset, per_page):
    """A page of results; a malformed, negative or huge page number gets the nearest real page, not an error."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def map_data(initiatives, only_city=None, only_region=None):
    """One marker per city with its published initiatives, for the Leaflet map (sent with json_script).

    With a city or a region, only the markers there: an initiative's other cities belong to other pages.
    """
    markers = {}
    for initiative in initiatives:
        for place in initiative.public_places():
            # A sensitive initiative's place is a region: it shows at the region's centre, or not at all.
            region_id = place.pk if isinstance(place, Region) else place.region_id
            if only_city is not None and place != only_city:
                continue
            if only_region is not None and region_id != only_region.pk:
                continue
            if place.latitude is None or place.longitude is None:
                continue
            marker = markers.setdefault(
                (type(place).__name__, place.pk),
                {
                    "name": place.name,
                    "url": place.get_absolute_url(),
                    "lat": float(place.latitude),
                    "lng": float(place.longitude),
                    "initiatives": [],
                },
            )
            marker["initiatives"].append({"name": initiative.name, "url": initiative.get_absolute_url()})
    for marker in markers.values():
        count = len(marker["initiatives"])
        marker["label"] = ngettext("%(city)s: %(count)d initiative", "%(city)s: %(count)d initiatives", count) % {
            "city": marker["name"],
            "count": count,
        }
    return {
        "tiles": {"url": settings.MAP_TILES_URL, "attribution": settings.MAP_TILES_ATTRIBUTION},
        "center": settings.MAP_CENTER,
        "zoom": settings.MAP_ZOOM,
        "markers": sorted(markers.values(), key=lambda marker: marker["name"]),
    }


@require_safe
def home(request):
    published = Initiative.objects.published()
    context = {
        "initiative_count": published.count(),
        "city_count": City.objects.public().count(),
        "region_count": Region.objects.public().count(),
        "latest_posts": BlogPost.objects.published().select_related("author")[:3],
        # Meta.ordering does not apply to grouped queries, hence the explicit order_by().
        "themes": Theme.objects.annotate(
            initiative_count=Count("initiatives", filter=Q(initiatives__in=published), distinct=True)
        ).order_by("display_order", "name"),
    }
    return render(request, "activism/home.html", context)


@require_safe
def initiative_map(request):
    filter_form = InitiativeFilterForm(request.GET, with_search=False, with_city=False)
    initiatives = list(filter_form.filter(listed_initiatives()))
    context = {
        "filter_form": filter_form,
        "initiatives": initiatives,
        "map_data": map_data(initiatives, only_region=filter_form.cleaned_data.get("region")),
        "without_city": [initiative for initiative in initiatives if not initiative.public_places()],
    }
    return render(request, "activism/map.html", context)


@require_safe
def initiative_list(request):
    filter_form = InitiativeFilterForm(request.GET)
    page = paginate(request, filter_form.filter(listed_initiatives()), INITIATIVES_PER_PAGE)
    return render(request, "activism/initiative_list.html", {"filter_form": filter_form, "page_obj": page})


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


class InitiativeDetailView(NoIndexMixin, DetailView):
    def is_noindex(self):
        return self.object.is_sensitive

    def get_queryset(self):
        return self.any_state().published()

    def any_state(self):
        return Initiative.objects.prefetch_related(
            "themes",
            "links",
            "sources",
            Prefetch("cities", City.objects.select_related("region")),
            Prefetch("posts", BlogPost.objects.published().select_related("author")),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(map_data=map_data([self.object]), **kwargs)


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


class InitiativePreviewView(StaffPreviewMixin, InitiativeDetailView):
    pass


class CityDetailView(DetailView):
    queryset = City.objects.public().select_related("region")

    def get_context_data(self, **kwargs):
        # Sensitive initiatives never show at their city, only at their region.
        initiatives = list(listed_initiatives().not_sensitive().filter(cities=self.object))
        return super().get_context_data(
            initiatives=initiatives, map_data=map_data(initiatives, only_city=self.object), **kwargs
        )


class RegionDetailView(DetailView):
    model = Region

    def get_context_data(self, **kwargs):
        initiatives = list(listed_initiatives().filter(cities__region=self.object).distinct())
        return super().get_context_data(
            initiatives=initiatives,
            map_data=map_data(initiatives, only_region=self.object),
            cities=self.object.cities.public()
            .annotate(
                initiative_count=Count(
                    "initiatives",
                    filter=Q(initiatives__in=Initiative.objects.published().not_sensitive()),
                    distinct=True,
                )
            )
            .order_by("name"),
            **kwargs,
        )


class ThemeDetailView(DetailView):
    model = Theme

    def get_context_data(self, **kwargs):
        initiatives = list(listed_initiatives().filter(themes=self.object))
        return super().get_context_data(
            initiatives=initiatives,
            map_data=map_data(initiatives),
            posts=BlogPost.objects.published().filter(themes=self.object).select_related("author")[:5],
            **kwargs,
        )


class BlogPostListView(ListView):
    paginate_by = POSTS_PER_PAGE
    template_name = "activism/blogpost_list.html"

    def get_queryset(self):
        return BlogPost.objects.published().select_related("author")

    def paginate_queryset(self, queryset, page_size):
        page = paginate(self.request, queryset, page_size)
        return page.paginator, page, page.object_list, page.has_other_pages()


class BlogPostDetailView(NoIndexMixin, DetailView):
    def get_queryset(self):
        return self.any_state().published()

    def any_state(self):
        return BlogPost.objects.select_related("author").prefetch_related(
            "themes", Prefetch("initiatives", Initiative.objects.published())
        )


class BlogPostPreviewView(StaffPreviewMixin, BlogPostDetailView):
    pass


class AuthorDetailView(DetailView):
    model = Author

    def get_context_data(self, **kwargs):
        return super().get_context_data(posts=BlogPost.objects.published().filter(author=self.object), **kwargs)


class AboutView(TemplateView):
    template_name = "activism/about.html"


@require_safe
def open_data_page(request):
    context = {
        "columns": open_data.columns(),
        "exported": timezone.localdate(),
        "initiative_count": Initiative.objects.published().not_sensitive().count(),
        "licence_name": settings.OPEN_DATA_LICENCE_NAME,
        "licence_url": settings.OPEN_DATA_LICENCE_URL,
    }
    return render(request, "activism/open_data.html", context)


@require_safe
def open_data_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")  # a byte order mark: Excel then reads the file as UTF-8, Cyrillic included
    writer = csv.DictWriter(response, fieldnames=[column for column, _meaning in open_data.columns()])
    writer.writeheader()
    for initiative in open_data.published_initiatives():
        record = open_data.record(initiative, request)
        for column, value in record.items():
            if isinstance(value, bool):
                value = "true" if value else "false"
            elif isinstance(value, list):
                value = ";".join(value)
            record[column] = safe_cell(value)  # text a spreadsheet would run as a formula gets a leading "'"
        writer.writerow(record)
    return open_data.download(response, "csv")


@require_safe
def open_data_geojson(request):
    """One MultiPoint feature per initiative, at its cities; an initiative without a city has no geometry."""
    features = []
    for initiative in open_data.published_initiatives():
        points = [[float(city.longitude), float(city.latitude)] for city in initiative.cities.all()]
        features.append(
            {
                "type": "Feature",
                "id": initiative.slug,
                "geometry": {"type": "MultiPoint", "coordinates": points} if points else None,
                "properties": open_data.record(initiative, request),
            }
        )
    data = {
        "type": "FeatureCollection",
        "metadata": {
            "title": gettext("CAISS Activist Map: published initiatives"),
            "publisher": gettext("Central Asia Institute for Strategic Studies (CAISS)"),
            "source": request.build_absolute_uri(reverse("activism:open-data")),
            "exported": timezone.localdate().isoformat(),
            "licence": settings.OPEN_DATA_LICENCE_NAME,
            "licence_url": settings.OPEN_DATA_LICENCE_URL,
        },
        "features": features,
    }
    response = JsonResponse(data, content_type="application/geo+json", json_dumps_params={"ensure_ascii": False})
    return open_data.download(response, "geojson")


def locked_out(request, original_response=None, credentials=None):
    """The answer to a login refused after too many failures (django-axes' AXES_LOCKOUT_CALLABLE)."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "registration/locked_out.html", context, status=429)


def server_error(request):
    """The 500 page; 503 with Retry-After while the database cannot be reached, wherever the request met the outage
    (a view, the session or the login in a middleware). Django calls this while handling the error, so the error
    is at hand; it is logged as every 500 is. The 503 page is rendered without the request: no context processor
    runs and nothing is asked of the database."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response.headers["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
        return response
    return defaults.server_error(request)
