from django.urls import path

from . import views
from .feeds import LatestPostsFeed

app_name = "activism"

urlpatterns = [
    path("", views.home, name="home"),
    path("map/", views.initiative_map, name="map"),
    path("map/places/<slug:kind>/<slug:slug>/", views.map_place, name="map-place"),
    path("embed/map/", views.embed_map, name="embed-map"),
    path("initiatives/", views.initiative_list, name="initiative-list"),
    path("initiatives/<slug:slug>/", views.InitiativeDetailView.as_view(), name="initiative-detail"),
    path("themes/", views.theme_list, name="theme-list"),
    path("regions/", views.region_list, name="region-list"),
    path("cities/", views.city_list, name="city-list"),
    path("cities/<slug:slug>/", views.CityDetailView.as_view(), name="city-detail"),
    path("regions/<slug:slug>/", views.RegionDetailView.as_view(), name="region-detail"),
    path("themes/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme-detail"),
    path("blog/", views.BlogPostListView.as_view(), name="post-list"),
    path("blog/feed/", LatestPostsFeed(), name="post-feed"),
    path("blog/authors/<slug:slug>/", views.AuthorDetailView.as_view(), name="author-detail"),
    path("blog/<slug:slug>/", views.BlogPostDetailView.as_view(), name="post-detail"),
    path("about/", views.AboutView.as_view(), name="about"),
    path("suggest/", views.suggest, name="suggest"),
    path("suggest/thanks/", views.SuggestionThanksView.as_view(), name="suggest-thanks"),
    path("search/", views.search, name="search"),
    path("data/", views.open_data_page, name="open-data"),
    path("data/initiatives.csv", views.open_data_csv, name="open-data-csv"),
    path("data/initiatives.geojson", views.open_data_geojson, name="open-data-geojson"),
    path("preview/initiatives/<slug:slug>/", views.InitiativePreviewView.as_view(), name="initiative-preview"),
    path("preview/blog/<slug:slug>/", views.BlogPostPreviewView.as_view(), name="post-preview"),
]
