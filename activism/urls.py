from django.urls import path

from .feeds import LatestEventsFeed, LatestPostsFeed
from .views import blog, events, initiatives, map_pages, numbers, places, search, site

app_name = "activism"

urlpatterns = [
    path("", site.home, name="home"),
    path("map/", map_pages.initiative_map, name="map"),
    path("map/places/<slug:kind>/<slug:slug>/", map_pages.map_place, name="map-place"),
    path("map/events/<slug:kind>/<slug:slug>/", map_pages.map_events, name="map-events"),
    path("embed/map/", map_pages.embed_map, name="embed-map"),
    path("initiatives/", initiatives.initiative_list, name="initiative-list"),
    path("initiatives/<slug:slug>/", initiatives.InitiativeDetailView.as_view(), name="initiative-detail"),
    path("events/", events.event_list, name="event-list"),
    # Before the event pages: "feed" would be read as an event's slug.
    path("events/feed/", LatestEventsFeed(), name="event-feed"),
    path("events/calendar.ics", events.event_calendar, name="event-calendar"),
    path("events/<slug:slug>/", events.EventDetailView.as_view(), name="event-detail"),
    path("numbers/", numbers.numbers, name="numbers"),
    path("numbers/<slug:chart>.csv", numbers.numbers_csv, name="numbers-csv"),
    path("themes/", places.theme_list, name="theme-list"),
    path("regions/", places.region_list, name="region-list"),
    path("cities/", places.city_list, name="city-list"),
    path("cities/<slug:slug>/", places.CityDetailView.as_view(), name="city-detail"),
    path("regions/<slug:slug>/", places.RegionDetailView.as_view(), name="region-detail"),
    path("themes/<slug:slug>/", places.ThemeDetailView.as_view(), name="theme-detail"),
    path("blog/", blog.BlogPostListView.as_view(), name="post-list"),
    path("blog/feed/", LatestPostsFeed(), name="post-feed"),
    path("blog/authors/<slug:slug>/", blog.AuthorDetailView.as_view(), name="author-detail"),
    path("blog/<slug:slug>/", blog.BlogPostDetailView.as_view(), name="post-detail"),
    path("about/", site.AboutView.as_view(), name="about"),
    path("suggest/", site.suggest, name="suggest"),
    path("suggest/thanks/", site.SuggestionThanksView.as_view(), name="suggest-thanks"),
    path("search/", search.search, name="search"),
    path("data/", site.open_data_page, name="open-data"),
    path("data/initiatives.csv", site.open_data_csv, name="open-data-csv"),
    path("data/initiatives.geojson", site.open_data_geojson, name="open-data-geojson"),
    path("data/events.csv", site.open_data_events_csv, name="open-data-events-csv"),
    path("data/events-acled.csv", site.open_data_events_acled_csv, name="open-data-events-acled-csv"),
    path("data/events.geojson", site.open_data_events_geojson, name="open-data-events-geojson"),
    path("preview/initiatives/<slug:slug>/", initiatives.InitiativePreviewView.as_view(), name="initiative-preview"),
    path("preview/events/<slug:slug>/", events.EventPreviewView.as_view(), name="event-preview"),
    path("preview/blog/<slug:slug>/", blog.BlogPostPreviewView.as_view(), name="post-preview"),
]
