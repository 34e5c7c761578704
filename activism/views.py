import csv
import logging
import sys
from dataclasses import dataclass
from urllib.parse import urlencode

from axes.helpers import get_client_ip_address
from csp.decorators import csp_replace
from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.cache import caches
from django.core.paginator import Paginator
from django.db import InterfaceError, OperationalError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, gettext
from django.views import defaults
from django.views.decorators.cache import cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_http_methods, require_safe
from django.views.generic import DetailView, ListView, TemplateView
from django_otp.decorators import otp_required

from . import maps, open_data, sharing
from .forms import InitiativeFilterForm, SearchForm, SuggestionForm
from .languages import in_every_language
from .models import Author, BlogPost, City, Initiative, Place, Region, Suggestion, Theme, search_terms
from .search import MIN_QUERY_LENGTH, highlight, snippet
from .spreadsheets import safe_cell

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


@require_safe
def home(request):
    """The site opens with the map of every published initiative, its legend and a few ways into it."""
    published = Initiative.objects.published()
    places = maps.places_with_counts()
    context = {
        "map_data": maps.map_data(places),
        "legend": maps.legend(QueryDict(), reverse("activism:map")),
        "initiative_count": published.count(),
        "city_count": City.objects.public().count(),
        "region_count": Region.objects.public().count(),
        "latest_posts": BlogPost.objects.published().select_related("author")[:3],
        "themes": Theme.objects.with_initiative_counts(),
    }
    return render(request, "activism/home.html", context)


def filtered_map(request):
    """The map's filters (theme, form, status, region) read from the query string, the published initiatives they
    leave and the places of those with their counts: what the map page and the embeddable map show."""
    filter_form = InitiativeFilterForm(request.GET, with_search=False, with_city=False)
    initiatives = filter_form.filter(Initiative.objects.published())
    places = maps.places_with_counts(
        initiatives,
        region=filter_form.cleaned_data.get("region"),
        query=filter_form.query_string(),
        theme=filter_form.cleaned_data.get("theme"),
    )
    return filter_form, initiatives, places


def with_map_filters(url, filter_form):
    """`url` with the map's valid filters, the region included (an invalid one is left out, as the map ignores it)."""
    region = filter_form.cleaned_data.get("region")
    query = "&".join(filter(None, [filter_form.query_string(), urlencode({"region": region.slug}) if region else ""]))
    return f"{url}?{query}" if query else url


@require_safe
def initiative_map(request):
    """One marker per place with its count; the page lists the places, and a page at a time of the initiatives that
    have no marker. Its size follows the number of places, not of initiatives."""
    filter_form, initiatives, places = filtered_map(request)
    without_city = initiatives.filter(cities=None).defer("search_text", *Initiative.search_columns)
    context = {
        "filter_form": filter_form,
        "initiative_count": initiatives.count(),
        "places": places,
        "map_data": maps.map_data(places),
        "legend": maps.legend(request.GET, request.path),
        "all_themes_url": maps.without_theme_url(request.GET, request.path),
        "without_city_page": paginate(request, without_city, INITIATIVES_PER_PAGE),
        # The code another site pastes to show this map, these filters included ("Embed this map").
        "embed_url": request.build_absolute_uri(with_map_filters(reverse("activism:embed-map"), filter_form)),
    }
    return render(request, "activism/map.html", context)


@xframe_options_exempt
@csp_replace({"frame-ancestors": settings.CAISS_EMBED_FRAME_ANCESTORS})
@require_safe
def embed_map(request):
    """The map alone, with the map page's filters, for other sites to show in a frame: the one page that may be
    framed (by CAISS_EMBED_FRAME_ANCESTORS, any site by default). Its links open this site in a new tab."""
    filter_form, _initiatives, places = filtered_map(request)
    context = {
        "map_data": maps.map_data(places),
        "full_map_url": with_map_filters(reverse("activism:map"), filter_form),
    }
    response = render(request, "activism/map_embed.html", context)
    # The map page itself is the one for search engines.
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def map_place(request, kind, slug):
    """The initiatives behind one marker of the map, under the map's filters: a small HTML fragment its popup loads.

    A place with nothing public under these filters has no marker, and answers 404 as an unknown one does."""
    filter_form = InitiativeFilterForm(request.GET, with_search=False, with_city=False)
    initiatives = filter_form.filter(Initiative.objects.published())
    if kind == Place.CITY:
        record = get_object_or_404(City.objects.public().select_related("region"), slug=slug)
        # Sensitive initiatives never show at their city, only at their region's centre.
        initiatives = initiatives.not_sensitive().filter(cities=record)
    elif kind == Place.REGION:
        record = get_object_or_404(Region, slug=slug)
        initiatives = initiatives.sensitive().in_region(record)
    else:
        raise Http404
    page = paginate(request, initiatives, INITIATIVES_PER_PAGE)
    if not page.paginator.count:
        raise Http404
    context = {"place": record.as_place(page.paginator.count, filter_form.query_string()), "page_obj": page}
    response = render(request, "activism/map_place.html", context)
    # A part of the map page, not a page of its own for search engines.
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def initiative_list(request):
    filter_form = InitiativeFilterForm(request.GET, with_sort=True)
    initiatives = filter_form.order(filter_form.filter(listed_initiatives()))
    page = paginate(request, initiatives, INITIATIVES_PER_PAGE)
    context = {"filter_form": filter_form, "page_obj": page}
    return render(request, "activism/initiative_list.html", context)


@require_safe
def theme_list(request):
    return render(request, "activism/theme_list.html", {"themes": Theme.objects.with_initiative_counts()})


@require_safe
def region_list(request):
    """Every region with its count (sensitive initiatives included) and its public cities with theirs (never counting
    a sensitive one): three queries, whatever the number of initiatives."""
    cities_by_region = {}
    for city in City.objects.with_public_counts().select_related("region"):
        if not city.is_its_own_region:
            cities_by_region.setdefault(city.region_id, []).append(city)
    regions = list(Region.objects.with_initiative_counts())
    for region in regions:
        region.public_cities = cities_by_region.get(region.pk, [])
    context = {
        # The cities of republican significance first: each is its region, without cities of its own to list.
        "city_regions": [region for region in regions if region.is_city],
        "regions": [region for region in regions if not region.is_city],
    }
    return render(request, "activism/region_list.html", context)


@require_safe
def city_list(request):
    """The public cities with their counts (never counting a sensitive initiative), grouped by region: the cities of
    republican significance together first, then each region's. One query."""
    cities = City.objects.with_public_counts().select_related("region").order_by("region__name", "name")
    own_regions = [city for city in cities if city.is_its_own_region]
    groups = {}
    for city in cities:
        if not city.is_its_own_region:
            groups.setdefault(city.region_id, (city.region, []))[1].append(city)
    return render(request, "activism/city_list.html", {"own_regions": own_regions, "groups": groups.values()})


@dataclass
class SearchResult:
    record: object
    title: str  # highlighted, escaped: see search.highlight()
    snippet: str = ""


def best_matches(records, terms, names, *other_fields):
    """The small records (themes, places) the query matches, best first, at most SEARCH_GROUP_SIZE: matched in
    Python, on their names in every language."""
    scored = []
    for record in records:
        score = terms.score(
            [getattr(record, field) for field in in_every_language(names)],
            *[getattr(record, field) for field in in_every_language(*other_fields)],
        )
        if score:
            scored.append((score, record))
    scored.sort(key=lambda pair: (-pair[0], str(pair[1])))
    return [SearchResult(record, highlight(str(record), terms)) for _score, record in scored[:SEARCH_GROUP_SIZE]]


@require_safe
def search(request):
    """Initiatives (a page at a time), posts, themes, cities and regions matching the query, best first, the words
    found highlighted. A fixed number of queries: the small lists are read whole and matched in Python."""
    search_form = SearchForm(request.GET)
    context = {"search_form": search_form, "min_query_length": MIN_QUERY_LENGTH, "noindex": True}
    if search_form.is_valid() and search_form.cleaned_data["q"]:
        themes = list(Theme.objects.public())
        cities = list(City.objects.public().select_related("region"))
        regions = list(Region.objects.public())
        # On SQLite, typos are corrected against these names (PostgreSQL looks in every word of the index).
        names = [
            [getattr(record, field) for field in in_every_language("name")] for record in [*themes, *cities, *regions]
        ]
        terms = search_terms(search_form.cleaned_data["q"], names)
        context["terms"] = terms
        if terms:
            page = paginate(request, listed_initiatives().search(terms), INITIATIVES_PER_PAGE)
            page.object_list = [
                SearchResult(
                    initiative,
                    highlight(initiative.name, terms),
                    snippet([initiative.summary, initiative.description], terms),
                )
                for initiative in page.object_list
            ]
            posts = BlogPost.objects.published().search(terms).select_related("author")[:SEARCH_GROUP_SIZE]
            context.update(
                page_obj=page,
                posts=[
                    SearchResult(post, highlight(post.title, terms), snippet([post.lead, post.body], terms))
                    for post in posts
                ],
                themes=best_matches(themes, terms, "name", "description"),
                cities=best_matches(cities, terms, "name"),
                regions=best_matches(regions, terms, "name"),
            )
    response = render(request, "activism/search.html", context)
    # Result pages are endless and change with the data: not pages for search engines.
    response.headers["X-Robots-Tag"] = "noindex"
    return response


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


class InitiativeDetailView(ShareAndCiteMixin, NoIndexMixin, DetailView):
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
        return super().get_context_data(map_data=maps.initiative_map_data(self.object), **kwargs)


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
        initiatives = listed_initiatives().not_sensitive().filter(cities=self.object)
        return super().get_context_data(
            page_obj=paginate(self.request, initiatives, INITIATIVES_PER_PAGE),
            map_data=maps.map_data(maps.places_with_counts(city=self.object)),
            **kwargs,
        )


class RegionDetailView(DetailView):
    model = Region

    def get_context_data(self, **kwargs):
        page = paginate(self.request, listed_initiatives().in_region(self.object), INITIATIVES_PER_PAGE)
        if not page.paginator.count:
            # Nothing public here: no empty map and lists, but the nearest regions that have some.
            return super().get_context_data(
                page_obj=page, nearest_regions=self.object.nearest(Region.objects.public()), **kwargs
            )
        # Its cities with their counts, and its centre with its sensitive initiatives: the map's markers.
        places = maps.places_with_counts(region=self.object)
        return super().get_context_data(
            page_obj=page,
            map_data=maps.map_data(places),
            cities=[place for place in places if place.is_city],
            **kwargs,
        )


class ThemeDetailView(DetailView):
    model = Theme

    def get_context_data(self, **kwargs):
        initiatives = Initiative.objects.filter(themes=self.object)
        places = maps.places_with_counts(initiatives, query=urlencode({"theme": self.object.slug}), theme=self.object)
        return super().get_context_data(
            page_obj=paginate(self.request, listed_initiatives().filter(themes=self.object), INITIATIVES_PER_PAGE),
            map_data=maps.map_data(places),
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


class BlogPostDetailView(ShareAndCiteMixin, NoIndexMixin, DetailView):
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

    def get_context_data(self, **kwargs):
        return super().get_context_data(contact_email=settings.CONTACT_EMAIL, **kwargs)


def suggestion_counter_key(request):
    """The cache key counting one client's suggestions. The client's address is read as django-axes reads it for the
    login lockout (AXES_IPWARE_META_PRECEDENCE_ORDER in caiss/settings.py): the connection's own, or behind the one
    reverse proxy of DJANGO_BEHIND_PROXY the X-Forwarded-For entry that proxy added, which a client cannot forge."""
    return f"suggestions-sent:{get_client_ip_address(request) or 'unknown'}"


def count_suggestion(key):
    # The hour runs from the first suggestion of the address; add() starts it, incr() keeps its expiry. In the cache
    # every process shares, so that each worker counts the same suggestions.
    cache = caches["shared"]
    if not cache.add(key, 1, SUGGESTION_WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between the two calls
            cache.add(key, 1, SUGGESTION_WINDOW_SECONDS)


@require_http_methods(["GET", "HEAD", "POST"])
def suggest(request):
    """The public form for suggesting an initiative, an event or a correction (?initiative=<slug> names the record a
    correction is about). A sent suggestion goes to the admin's queue, editors hear of it by e-mail, and the visitor
    is sent on to the thank-you page. Never cached: the page carries a CSRF token (its cookie keeps it out of the page
    cache) and a signed note of when it was shown."""
    contact_days = settings.SUGGESTION_CONTACT_DAYS
    about = None
    if request.method == "POST":
        counter = suggestion_counter_key(request)
        if caches["shared"].get(counter, 0) >= settings.SUGGESTIONS_PER_HOUR:
            context = {"per_hour": settings.SUGGESTIONS_PER_HOUR, "text": request.POST.get("text", "")}
            response = render(request, "activism/suggestion_refused.html", context, status=429)
            response.headers["Retry-After"] = str(SUGGESTION_WINDOW_SECONDS)
            return response
        form = SuggestionForm(request.POST, contact_days=contact_days)
        if form.is_valid():
            suggestion = form.save(commit=False)
            suggestion.initiative = form.cleaned_data["initiative"]
            suggestion.language = get_language()
            suggestion.save()
            count_suggestion(counter)
            admin_url = request.build_absolute_uri(reverse("admin:activism_suggestion_change", args=[suggestion.pk]))
            try:
                suggestion.send_notice_to_editors(admin_url)
            except Exception:  # the suggestion is saved: a mail server down must not lose the visitor's page
                logger.exception("The notice of suggestion %s could not be sent to the editors.", suggestion.pk)
            return redirect("activism:suggest-thanks")
        about = form.cleaned_data.get("initiative")
    else:
        slug = request.GET.get("initiative")
        about = Initiative.objects.published().filter(slug=slug).first() if slug else None
        initial = {"initiative": about.slug, "kind": Suggestion.Kind.CORRECTION} if about else {}
        form = SuggestionForm(initial=initial, contact_days=contact_days)
    # What the "where" field offers as you type: the public cities and regions, in the page's language.
    places = sorted({place.name for place in [*City.objects.public(), *Region.objects.public()]})
    context = {"form": form, "about": about, "places": places, "contact_days": contact_days}
    return render(request, "activism/suggestion_form.html", context)


class SuggestionThanksView(TemplateView):
    template_name = "activism/suggestion_thanks.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(noindex=True, contact_days=settings.SUGGESTION_CONTACT_DAYS, **kwargs)


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


@require_safe
@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the page links: send them to the icon, not a 404."""
    return redirect(static("img/favicon.svg"), permanent=True)


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
