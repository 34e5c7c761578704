from csp.decorators import csp_replace
from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from .. import maps
from ..forms import MapFilterForm
from ..models import City, Event, Initiative, Place, Region
from .shared import INITIATIVES_PER_PAGE, paginate

# The events a popup lists, newest first, and those listed under the map for having no place: the rest are a link
# to the timeline away.
EVENTS_IN_POPUP = 8
EVENTS_WITHOUT_PLACE_LISTED = 10


class FilteredMap:
    """The map's filters (theme, form, status, region, years, the events layer) read from the query string, the
    published initiatives and events they leave and the places of those with their counts: what the map page and
    the embeddable map show. The events are None when their layer is off."""

    def __init__(self, request):
        self.filter_form = MapFilterForm(request.GET)
        self.initiatives = self.filter_form.filter(Initiative.objects.published())
        self.places = maps.places_with_counts(
            self.initiatives,
            region=self.filter_form.cleaned_data.get("region"),
            query=self.filter_form.query_string(),
            theme=self.filter_form.cleaned_data.get("theme"),
        )
        self.events = None
        self.event_places = []
        if self.filter_form.shows_events:
            self.events = self.filter_form.filter_events(Event.objects.published())
            self.event_places = maps.event_places(self.events, self.filter_form.events_query_string())

    def map_data(self):
        return maps.map_data(self.places, event_places=self.event_places)


def with_map_filters(url, filter_form):
    """`url` with the map's valid filters, region and events layer included (an invalid one is left out, as the map
    ignores it)."""
    query = filter_form.map_query_string()
    return f"{url}?{query}" if query else url


def timeline_url(query):
    return f"{reverse('activism:event-list')}?{query}" if query else reverse("activism:event-list")


@require_safe
def initiative_map(request):
    """One marker per place with its count; the page lists the places, and a page at a time of the initiatives that
    have no marker. Its size follows the number of places, not of initiatives."""
    filtered = FilteredMap(request)
    filter_form, initiatives = filtered.filter_form, filtered.initiatives
    without_city = initiatives.filter(cities=None).defer("search_text", *Initiative.search_columns)
    first_year, last_year = filter_form.year_range()
    context = {
        "filter_form": filter_form,
        "first_year": first_year,
        "last_year": last_year,
        "initiative_count": initiatives.count(),
        "places": filtered.places,
        "map_data": filtered.map_data(),
        "legend": maps.legend(request.GET, request.path),
        "all_themes_url": maps.without_theme_url(request.GET, request.path),
        "without_city_page": paginate(request, without_city, INITIATIVES_PER_PAGE),
        # The code another site pastes to show this map, these filters included ("Embed this map").
        "embed_url": request.build_absolute_uri(with_map_filters(reverse("activism:embed-map"), filter_form)),
    }
    if filtered.events is not None:
        without_place = filtered.events.without_place()
        context |= {
            "event_count": filtered.events.count(),
            "event_places": filtered.event_places,
            "events_without_place_count": without_place.count(),
            # Read here, not when the page shows it: the same number of queries with or without any.
            "events_without_place": list(without_place.newest_first()[:EVENTS_WITHOUT_PLACE_LISTED]),
            "timeline_url": timeline_url(filter_form.events_query_string()),
        }
    return render(request, "activism/map.html", context)


@xframe_options_exempt
@csp_replace({"frame-ancestors": settings.CAISS_EMBED_FRAME_ANCESTORS})
@require_safe
def embed_map(request):
    """The map alone, with the map page's filters, for other sites to show in a frame: the one page that may be
    framed (by CAISS_EMBED_FRAME_ANCESTORS, any site by default). Its links open this site in a new tab."""
    filtered = FilteredMap(request)
    context = {
        "map_data": filtered.map_data(),
        "full_map_url": with_map_filters(reverse("activism:map"), filtered.filter_form),
    }
    response = render(request, "activism/map_embed.html", context)
    # The map page itself is the one for search engines.
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def map_place(request, kind, slug):
    """The initiatives behind one marker of the map, under the map's filters: a small HTML fragment its popup loads.

    A place with nothing public under these filters has no marker, and answers 404 as an unknown one does."""
    filter_form = MapFilterForm(request.GET)
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
def map_events(request, kind, slug):
    """The events behind one marker of the map's events layer, under the map's filters (theme, years): a small HTML
    fragment its popup loads, the newest first, and a link to the rest in the timeline.

    A city shows its events that are not sensitive; a region's centre its sensitive ones and those whose city is not
    known, never naming a city. A place with nothing public under these filters answers 404 as an unknown one does."""
    filter_form = MapFilterForm(request.GET)
    events = filter_form.filter_events(Event.objects.published())
    if kind == Place.CITY:
        record = get_object_or_404(City.objects.select_related("region"), slug=slug)
        events = events.at_their_city().filter(city=record)
    elif kind == Place.REGION:
        record = get_object_or_404(Region, slug=slug)
        events = events.at_their_region().filter(region=record)
    else:
        raise Http404
    count = events.count()
    if not count:
        raise Http404
    context = {
        "place": maps.EventPlace.of(record.as_place(count, filter_form.events_query_string())),
        "events": events.newest_first()[:EVENTS_IN_POPUP],
        "has_more": count > EVENTS_IN_POPUP,
    }
    response = render(request, "activism/map_events.html", context)
    # A part of the map page, not a page of its own for search engines.
    response.headers["X-Robots-Tag"] = "noindex"
    return response
