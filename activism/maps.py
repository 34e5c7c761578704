"""The map's data: one marker per place, counted in the database, and the settings the map script needs.

A marker carries a count and two addresses, not its initiatives: the popup loads them from the `map-place` view
when someone opens it, so the page's size follows the number of places, not the number of initiatives.
"""

from dataclasses import replace

from django.conf import settings
from django.utils.translation import ngettext

from .models import City, Region


def places_with_counts(initiatives=None, region=None, city=None, query=""):
    """The places of these published initiatives (all, if not given), each with how many it shows, in two queries:
    the cities with their non-sensitive initiatives, then the regions with their sensitive ones, shown at the
    region's centre (a sensitive initiative never adds to its city's count). With a region or a city, only the
    places there. Cities first, each kind by name.

    `query` is the filters' query string the places' links keep.
    """
    cities = City.objects.with_public_counts(initiatives).select_related("region")
    regions = Region.objects.with_sensitive_counts(initiatives)
    if region is not None:
        cities = cities.filter(region=region)
        regions = regions.filter(pk=region.pk)
    if city is not None:
        cities = cities.filter(pk=city.pk)
        regions = regions.none()
    return [
        *(city.as_place(city.public_count, query) for city in cities),
        *(region.as_place(region.sensitive_count, query) for region in regions),
    ]


def marker(place, with_popup=True):
    """A place as the map script reads it (static/js/map.js)."""
    return {
        "name": place.name,
        "lat": float(place.latitude),
        "lng": float(place.longitude),
        "count": place.count,
        # Read by screen readers on the marker: translated, with the right plural.
        "label": ngettext("%(city)s: %(count)d initiative", "%(city)s: %(count)d initiatives", place.count)
        % {"city": place.name, "count": place.count},
        "url": place.url,
        "popup": place.popup_url if with_popup else None,
        "list": place.list_url,
    }


def map_data(places, with_popups=True):
    """What the map script needs, sent with json_script: the tiles, the first view and one marker per place that has
    a position (a region without a centre has none)."""
    located = [place for place in places if place.latitude is not None and place.longitude is not None]
    return {
        "tiles": {"url": settings.MAP_TILES_URL, "attribution": settings.MAP_TILES_ATTRIBUTION},
        "center": settings.MAP_CENTER,
        "zoom": settings.MAP_ZOOM,
        "markers": [marker(place, with_popups) for place in sorted(located, key=lambda place: place.name)],
    }


def initiative_map_data(initiative):
    """The map of one initiative's page: its own public places, each counting it once. Their popups name the place
    and lead to its page; they load no list, which would hold the place's other initiatives."""
    return map_data([replace(place, count=1) for place in initiative.public_places()], with_popups=False)
