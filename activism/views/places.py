from urllib.parse import urlencode

from django.shortcuts import render
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from .. import maps
from ..models import BlogPost, City, Event, Initiative, Region, Theme
from .events import latest_events
from .shared import INITIATIVES_PER_PAGE, listed_initiatives, paginate


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


class CityDetailView(DetailView):
    queryset = City.objects.public().select_related("region")

    def get_context_data(self, **kwargs):
        # Sensitive initiatives never show at their city, only at their region.
        initiatives = listed_initiatives().not_sensitive().filter(cities=self.object)
        return super().get_context_data(
            page_obj=paginate(self.request, initiatives, INITIATIVES_PER_PAGE),
            map_data=maps.map_data(maps.places_with_counts(city=self.object)),
            # A sensitive event is shown at its region only, never here.
            latest_events=latest_events(Event.objects.published().in_city(self.object)),
            all_events_query=urlencode({"city": self.object.slug}),
            **kwargs,
        )


class RegionDetailView(DetailView):
    model = Region

    def get_context_data(self, **kwargs):
        kwargs.update(
            latest_events=latest_events(Event.objects.published().in_region(self.object)),
            all_events_query=urlencode({"region": self.object.slug}),
        )
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
            latest_events=latest_events(Event.objects.published().about_theme(self.object)),
            all_events_query=urlencode({"theme": self.object.slug}),
            **kwargs,
        )
