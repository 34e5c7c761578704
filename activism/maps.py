"""The map's data: one marker per place, counted in the database, and the settings the map script needs.

A marker carries a count and two addresses, not its initiatives: the popup loads them from the `map-place` view
when someone opens it, so the page's size follows the number of places, not the number of initiatives. The events
layer works the same way, with markers of its own (`event_markers`) whose popups load the `map-events` view.
"""

from dataclasses import asdict, dataclass, replace

from django.conf import settings
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from .languages import in_every_language
from .models import City, Initiative, Place, Region, Theme
from .models.places import PLAUSIBLE_DISTANCE_KM

# A marker grows with its count: the smallest count of each size class (map-marker--1 to --4 in site.css).
MARKER_SIZE_STEPS = [1, 5, 20, 100]


def places_with_counts(initiatives=None, region=None, city=None, query="", theme=None):
    """The places of these published initiatives (all, if not given), each with how many it shows and the colour of
    its main theme, in four queries: the cities with their non-sensitive initiatives, then the regions with their
    sensitive ones, shown at the region's centre (a sensitive initiative never adds to its city's count), then each
    kind's themes. With a region or a city, only the places there. Cities first, each kind by name.

    `query` is the filters' query string the places' links keep; `theme`, the theme filtered by, wins a tie.
    """
    initiatives = Initiative.objects.all() if initiatives is None else initiatives
    cities = City.objects.with_public_counts(initiatives).select_related("region")
    regions = Region.objects.with_sensitive_counts(initiatives)
    if region is not None:
        cities = cities.filter(region=region)
        regions = regions.filter(pk=region.pk)
    if city is not None:
        cities = cities.filter(pk=city.pk)
        regions = regions.none()
    city_colors = main_theme_colors(initiatives.published().not_sensitive(), "cities", theme)
    region_colors = main_theme_colors(initiatives.published().sensitive(), "cities__region", theme)
    return [
        *(city.as_place(city.public_count, query, color=city_colors.get(city.pk, "")) for city in cities),
        *(region.as_place(region.sensitive_count, query, color=region_colors.get(region.pk, "")) for region in regions),
    ]


@dataclass(frozen=True)
class EventPlace(Place):
    """A place of the events layer: a city for its events that are not sensitive, or a region's centre for its
    sensitive ones and those whose city is not known. Its popup lists its events; its list is the timeline there.
    `query` holds the filters the timeline shares with the map (theme and years)."""

    @classmethod
    def of(cls, place):
        return cls(**asdict(place))

    @property
    def url(self):
        # The timeline there: a city known only through its events has no page of its own.
        return self.list_url

    @property
    def popup_url(self):
        return self.with_query(reverse("activism:map-events", args=[self.kind, self.slug]), self.query)

    @property
    def list_url(self):
        query = "&".join(part for part in [f"{self.kind}={self.slug}", self.query] if part)
        return self.with_query(reverse("activism:event-list"), query)


def event_places(events, query=""):
    """The places of these events (published ones among them), each with how many it shows, in two grouped queries:
    the cities of the events that are not sensitive, then the regions of the sensitive ones and of those whose city
    is not known, shown at the region's centre (a sensitive event never adds to its city's count). Cities first,
    each kind by name. `query`: the filters the places' links keep (EventPlace)."""
    cities = City.objects.with_event_counts(events).select_related("region")
    regions = Region.objects.with_event_counts(events)
    return [
        *(EventPlace.of(city.as_place(city.event_count, query)) for city in cities),
        *(EventPlace.of(region.as_place(region.event_count, query)) for region in regions),
    ]


def main_theme_colors(initiatives, place_field, preferred_theme=None):
    """{place id: the colour of the theme with most of these initiatives there}, from one grouped query of
    (place, theme) counts. A tie goes to the theme filtered by, then to the first in the themes' display order.

    The initiatives are read through a subquery, so a theme filter on them does not narrow the themes counted."""
    rows = (
        Initiative.objects.filter(pk__in=initiatives.values("pk"))
        # Inner joins, which the values below reuse: a place and a theme on every row.
        .filter(**{f"{place_field}__isnull": False}, themes__isnull=False)
        .values(place_field, "themes", "themes__color", "themes__display_order", "themes__slug")
        # An initiative in two cities of a region counts once there; in a city it is on one row a theme already.
        .annotate(count=Count("pk", distinct=place_field != "cities"))
        .order_by()
    )
    preferred = preferred_theme.pk if preferred_theme is not None else None
    best = {}
    for row in rows:
        rank = (-row["count"], row["themes"] != preferred, row["themes__display_order"], row["themes__slug"])
        place = row[place_field]
        if place not in best or rank < best[place][0]:
            best[place] = (rank, row["themes__color"])
    return {place: color for place, (_rank, color) in best.items()}


def marker_size(count):
    """The size class (1 to 4) of a marker showing this many initiatives."""
    return sum(1 for step in MARKER_SIZE_STEPS if count >= step) or 1


def legend(query_dict, path):
    """The public themes with their colours, each with the address of this map filtered by it (the other filters
    kept, the page dropped), and whether it is the one filtered by now: one query."""
    current = query_dict.get("theme", "")
    themes = []
    for theme in Theme.objects.public().order_by("display_order", "name"):
        params = query_dict.copy()
        params["theme"] = theme.slug
        params.pop("page", None)
        themes.append({"theme": theme, "url": f"{path}?{params.urlencode()}", "is_current": theme.slug == current})
    return themes


def without_theme_url(query_dict, path):
    """The address of this map without its theme filter (the other filters kept), or "" when none is set."""
    if not query_dict.get("theme"):
        return ""
    params = query_dict.copy()
    params.pop("theme", None)
    params.pop("page", None)
    return f"{path}?{params.urlencode()}" if params else path


def marker(place, with_popup=True):
    """A place as the map script reads it (static/js/map.js)."""
    if isinstance(place, EventPlace):
        label = ngettext("%(city)s: %(count)d event", "%(city)s: %(count)d events", place.count)
    else:
        label = ngettext("%(city)s: %(count)d initiative", "%(city)s: %(count)d initiatives", place.count)
    return {
        "name": place.name,
        "lat": float(place.latitude),
        "lng": float(place.longitude),
        "count": place.count,
        # The colour of the place's main theme under the filters (empty: the site's own), and a size class.
        "color": place.color,
        "size": marker_size(place.count or 0),
        # Read by screen readers on the marker: translated, with the right plural.
        "label": label % {"city": place.name, "count": place.count},
        "url": place.url,
        "popup": place.popup_url if with_popup else None,
        "list": place.list_url,
    }


def map_data(places, with_popups=True, event_places=()):
    """What the map script needs, sent with json_script: the tiles, the first view and one marker per place that has
    a position (a region without a centre has none), for the initiatives and for the events layer."""
    return {
        "tiles": {"url": settings.MAP_TILES_URL, "attribution": settings.MAP_TILES_ATTRIBUTION},
        "center": settings.MAP_CENTER,
        "zoom": settings.MAP_ZOOM,
        "markers": [marker(place, with_popups) for place in located(places)],
        "event_markers": [marker(place) for place in located(event_places)],
    }


def located(places):
    """The places with a position, by name."""
    with_position = [place for place in places if place.latitude is not None and place.longitude is not None]
    return sorted(with_position, key=lambda place: place.name)


def initiative_map_data(initiative):
    """The map of one initiative's page: its own public places, each counting it once. Their popups name the place
    and lead to its page; they load no list, which would hold the place's other initiatives."""
    return map_data([replace(place, count=1) for place in initiative.public_places()], with_popups=False)


def event_map_data(event):
    """The map of one event's page: one marker at its public place (its city, or its region's centre when it is
    sensitive or only the region is known), named by the place alone. None for an event nationwide or online, or
    whose place has no position."""
    place = event.public_place()
    if place is None or event.is_nationwide or event.is_online:
        return None
    data = map_data([replace(place, count=1)], with_popups=False)
    for item in data["markers"]:
        item["label"] = place.name
    return data if data["markers"] else None


def city_placing_data(city):
    """What the admin's city map needs (static/admin-caiss/city-map.js), sent with json_script: the tiles, the first
    view, the regions' centres by id (the map opens on the chosen region and follows it), the other cities as faint
    reference points, and the names the place search offers: every city and region in every language. Admin-only, and
    no initiative is named: the page says nothing of who is active where. Two queries."""
    regions = list(Region.objects.all())
    cities = City.objects.select_related("region").order_by("name")
    if city.pk is not None:
        cities = cities.exclude(pk=city.pk)
    cities = list(cities)
    search = {}  # name -> place; the first of two places with the same name wins (Almaty the city, then the region)
    for other in cities:
        for column in in_every_language("name"):  # a city named in one language, with its region in the same
            name, region_name = getattr(other, column), getattr(other.region, column)
            if not name:
                continue
            if region_name and not other.is_its_own_region:
                name = f"{name}, {region_name}"
            search.setdefault(name, {"kind": "city", "lat": float(other.latitude), "lng": float(other.longitude)})
    for region in regions:
        if region.latitude is None or region.longitude is None:
            continue
        for column in in_every_language("name"):
            name = getattr(region, column)
            if name:
                search.setdefault(
                    name, {"kind": "region", "lat": float(region.latitude), "lng": float(region.longitude)}
                )
    return {
        "tiles": {"url": settings.MAP_TILES_URL, "attribution": settings.MAP_TILES_ATTRIBUTION},
        "center": settings.MAP_CENTER,
        "zoom": settings.MAP_ZOOM,
        "limit_km": PLAUSIBLE_DISTANCE_KM,
        "regions": {
            str(region.pk): {"name": str(region), "lat": float(region.latitude), "lng": float(region.longitude)}
            for region in regions
            if region.latitude is not None and region.longitude is not None
        },
        "cities": [
            {"name": str(other), "lat": float(other.latitude), "lng": float(other.longitude)} for other in cities
        ],
        "places": [{"name": name, **place} for name, place in sorted(search.items())],
        "labels": {
            "marker": gettext("The city: drag to move it"),
            "map": gettext("Map: click to place the city, or drag its marker"),
            "shown": gettext("The map shows %(name)s; this city's coordinates are unchanged."),
            "not_found": gettext("No recorded city or region has this name."),
        },
    }
