from urllib.parse import urlencode

from csp.decorators import csp_replace
from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from .. import maps
from ..forms import InitiativeFilterForm
from ..models import City, Initiative, Place, Region
from .shared import INITIATIVES_PER_PAGE, paginate


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
