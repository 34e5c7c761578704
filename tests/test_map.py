"""The map's markers and the popups' lists (activism/maps.py, the map-place view), and the bounded pages."""

import json
import re

import pytest
from django.urls import reverse

from activism.models import Initiative, PublicationStatus

from .conftest import make_city, make_initiative, make_region, make_theme
from .test_public_pages import map_markers

pytestmark = pytest.mark.django_db


def place_url(kind, slug, **params):
    url = reverse("activism:map-place", args=[kind, slug])
    return url + "?" + "&".join(f"{name}={value}" for name, value in params.items()) if params else url


def markers_by_popup(response):
    data = json.loads(
        re.search(
            r'<script id="map-data" type="application/json">(.*?)</script>', response.content.decode(), re.S
        ).group(1)
    )
    return {marker["popup"]: marker for marker in data["markers"]}


def marker_counts(response):
    return {popup: marker["count"] for popup, marker in markers_by_popup(response).items()}


def listed(response):
    return re.findall(r'<li><a href="[^"]+">([^<]+)</a></li>', response.content.decode())


@pytest.fixture
def sensitive_site(site_data):
    """Almaty's region gets a centre; a sensitive initiative works in Almaty and in a town known only through it."""
    region = site_data["almaty_region"]
    region.latitude, region.longitude = "43.3", "76.9"
    region.save()
    town = make_city("Talgar", region, "43.3", "77.24")
    site_data["town"] = town
    site_data["sensitive"] = make_initiative(
        "Quiet Circle", cities=[site_data["almaty"], town], themes=[site_data["ecology"]], is_sensitive=True
    )
    return site_data


def test_a_sensitive_initiative_counts_at_its_region_centre_never_at_its_city(client, sensitive_site):
    response = client.get(reverse("activism:map"))
    # Two markers named Almaty: the city (its two public initiatives) and the region's centre (the sensitive one).
    assert marker_counts(response) == {
        "/en/map/places/city/almaty/": 2,
        "/en/map/places/city/kokshetau/": 1,
        "/en/map/places/region/almaty/": 1,
    }
    content = response.content.decode()
    assert "Talgar" not in content and "talgar" not in content
    assert '"popup": "/en/map/places/region/almaty/"' in content
    assert '"popup": "/en/map/places/city/almaty/"' in content
    assert '"label": "Almaty: 2 initiatives"' in content
    assert '"label": "Almaty: 1 initiative"' in content


def test_the_region_marker_counts_under_the_filters(client, sensitive_site):
    markers = client.get(reverse("activism:map"), {"theme": "gender-and-feminism"})
    assert "/map/places/region/" not in markers.content.decode()  # the sensitive one is on ecology
    markers = client.get(reverse("activism:map"), {"theme": "ecology"})
    assert '"popup": "/en/map/places/region/almaty/?theme=ecology"' in markers.content.decode()


def test_the_city_popup_lists_its_public_initiatives_and_never_a_sensitive_one(client, sensitive_site):
    response = client.get(place_url("city", "almaty"))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert listed(response) == ["Save the Park", "Women&#x27;s March"]
    content = response.content.decode()
    assert "Quiet Circle" not in content and "<html" not in content
    assert "2 initiatives here:" in content
    assert listed(client.get(place_url("city", "almaty", theme="ecology"))) == ["Save the Park"]


def test_the_region_popup_lists_its_sensitive_initiatives_without_their_cities(client, sensitive_site):
    response = client.get(place_url("region", "almaty"))
    assert listed(response) == ["Quiet Circle"]
    content = response.content.decode()
    assert "1 initiative shown by region only" in content
    assert "Talgar" not in content and "Save the Park" not in content
    # The initiative's own page too shows the region, not the cities.
    page = client.get(sensitive_site["sensitive"].get_absolute_url()).content.decode()
    assert "Talgar" not in page and "talgar" not in page
    assert sensitive_site["almaty_region"].get_absolute_url() in page


@pytest.mark.parametrize(
    ("kind", "slug"),
    [
        ("city", "no-such-city"),
        ("city", "talgar"),  # known only through a sensitive initiative
        ("city", "zhezkazgan"),  # known only through a draft
        ("region", "no-such-region"),
        ("region", "akmola"),  # no sensitive initiative: no centre marker
        ("country", "almaty"),
        ("initiative", "save-the-park"),
    ],
)
def test_the_popup_of_a_place_with_nothing_public_answers_404(client, sensitive_site, kind, slug):
    assert client.get(place_url(kind, slug)).status_code == 404


def test_the_popup_answers_404_when_the_filters_leave_nothing(client, sensitive_site):
    assert client.get(place_url("city", "kokshetau", theme="ecology")).status_code == 404


@pytest.mark.parametrize(
    "params", [{"theme": "no-such-theme"}, {"form": "riot"}, {"status": "x" * 5000}, {"page": "abc"}, {"page": "999"}]
)
def test_the_popup_ignores_bad_filters_and_pages(client, sensitive_site, params):
    response = client.get(place_url("city", "almaty", **params))
    assert response.status_code == 200
    assert listed(response) == ["Save the Park", "Women&#x27;s March"]


def test_a_popup_shows_one_page_and_links_to_the_list_with_the_filters(client, site_data):
    almaty = site_data["almaty"]
    for number in range(25):
        make_initiative(f"Tree {number:02d}", cities=[almaty], themes=[site_data["ecology"]])
    response = client.get(place_url("city", "almaty", theme="ecology"))
    assert len(listed(response)) == 20
    content = response.content.decode()
    assert "26 initiatives here:" in content
    assert '<a href="/en/initiatives/?city=almaty&amp;theme=ecology">See all 26 initiatives in the list</a>' in content
    listing = client.get("/en/initiatives/?city=almaty&theme=ecology")
    assert listing.context["page_obj"].paginator.count == 26


def many_initiatives(count, **fields):
    """Published initiatives in bulk, with the cities and themes given as lists."""
    cities, themes = fields.pop("cities", []), fields.pop("themes", [])
    initiatives = Initiative.objects.bulk_create(
        Initiative(
            name=f"Group {number:02d}",
            slug=f"group-{number:02d}",
            summary="A group.",
            publication_status=PublicationStatus.PUBLISHED,
            **fields,
        )
        for number in range(count)
    )
    for initiative in initiatives:
        initiative.cities.set(cities)
        initiative.themes.set(themes)
    return initiatives


@pytest.mark.parametrize("page", ["city", "region", "theme"])
def test_city_region_and_theme_pages_show_a_page_of_twenty(client, site_data, page):
    many_initiatives(25, cities=[site_data["almaty"]], themes=[site_data["ecology"]])
    url = {
        "city": site_data["almaty"].get_absolute_url(),
        "region": site_data["almaty_region"].get_absolute_url(),
        "theme": site_data["ecology"].get_absolute_url(),
    }[page]
    first = client.get(url)
    assert len(first.context["page_obj"].object_list) == 20
    total = first.context["page_obj"].paginator.count
    assert total > 20
    assert f'href="{url}?page=2" rel="next"' in first.content.decode()
    second = client.get(url, {"page": "2"})
    assert len(second.context["page_obj"].object_list) == total - 20
    for bad, number in [("999", 2), ("abc", 1), ("-1", 2), ("", 1)]:
        response = client.get(url, {"page": bad})
        assert response.status_code == 200
        assert response.context["page_obj"].number == number, bad


def test_page_links_keep_the_other_parameters(client, site_data):
    many_initiatives(25, cities=[site_data["almaty"]], themes=[site_data["ecology"]])
    content = client.get(site_data["almaty"].get_absolute_url(), {"utm_source": "letter"}).content.decode()
    assert "?utm_source=letter&amp;page=2" in content


def test_the_map_lists_places_with_counts_and_a_page_of_those_without_a_city(client, sensitive_site):
    many_initiatives(23, is_online=True)
    response = client.get(reverse("activism:map"))
    content = response.content.decode()
    assert '<a href="/en/initiatives/?city=almaty">Almaty</a>' in content
    assert '<a href="/en/initiatives/?region=almaty">Almaty</a>' in content
    assert "1 initiative shown by region only" in content
    assert "24 initiatives have no city recorded" in content  # the online petition too
    assert len(response.context["without_city_page"].object_list) == 20
    assert 'href="/en/map/?page=2"' in content
    second = client.get(reverse("activism:map"), {"page": "2"})
    assert len(second.context["without_city_page"].object_list) == 4
    assert client.get(reverse("activism:map"), {"page": "999"}).status_code == 200


def test_the_initiative_page_map_shows_its_own_places_without_loading_a_list(client, sensitive_site):
    markers = map_markers(client.get(sensitive_site["march"].get_absolute_url()))
    assert {name: (marker["count"], marker["popup"]) for name, marker in markers.items()} == {
        "Almaty": (1, None),
        "Kokshetau": (1, None),
    }
    markers = map_markers(client.get(sensitive_site["sensitive"].get_absolute_url()))
    assert [marker["url"] for marker in markers.values()] == [sensitive_site["almaty_region"].get_absolute_url()]


def test_a_region_without_a_centre_has_no_marker(client, sensitive_site):
    other = make_region("Abai")
    town = make_city("Semey", other, "50.4", "80.2")
    make_initiative("Semey Quiet", cities=[town], is_sensitive=True)
    assert "/map/places/region/abai/" not in client.get(reverse("activism:map")).content.decode()


def test_each_marker_takes_the_colour_of_its_main_theme_under_the_filters(client, sensitive_site):
    ecology, feminism = sensitive_site["ecology"], sensitive_site["feminism"]
    almaty = sensitive_site["almaty"]
    # Almaty: ecology 2 (the park, the garden), feminism 2 (the march, the garden); a third on feminism tips it.
    make_initiative("Garden Collective", cities=[almaty], themes=[ecology, feminism])
    make_initiative("Sisters Almaty", cities=[almaty], themes=[feminism])
    make_initiative("Draft Rally", cities=[almaty], themes=[ecology], published=False)  # not counted

    by_popup = markers_by_popup(client.get(reverse("activism:map")))
    assert by_popup["/en/map/places/city/almaty/"]["color"] == "#8e44ad"  # feminism: 3 of 4
    assert by_popup["/en/map/places/city/kokshetau/"]["color"] == "#8e44ad"
    assert by_popup["/en/map/places/region/almaty/"]["color"] == "#2e8b57"  # the sensitive one: ecology

    # Under the ecology filter, Almaty's initiatives are the park and the garden: ecology leads there.
    filtered = markers_by_popup(client.get(reverse("activism:map"), {"theme": "ecology"}))
    assert {popup: marker["color"] for popup, marker in filtered.items()} == {
        "/en/map/places/city/almaty/?theme=ecology": "#2e8b57",
        "/en/map/places/region/almaty/?theme=ecology": "#2e8b57",
    }
    # A tie goes to the theme filtered by; with none, to the first theme in order (ecology, by name).
    oral = make_city("Oral", sensitive_site["akmola"], "51.2", "51.4")
    make_initiative("Green Sisters Oral", cities=[oral], themes=[ecology, feminism])
    assert map_markers(client.get(reverse("activism:map")))["Oral"]["color"] == "#2e8b57"
    feminist = map_markers(client.get(reverse("activism:map"), {"theme": "gender-and-feminism"}))
    assert feminist["Oral"]["color"] == "#8e44ad"


def test_markers_grow_with_their_count(client, site_data):
    many_initiatives(25, cities=[site_data["almaty"]], themes=[site_data["ecology"]])
    markers = map_markers(client.get(reverse("activism:map")))
    assert markers["Almaty"]["count"] == 27 and markers["Almaty"]["size"] == 3
    assert markers["Kokshetau"]["count"] == 1 and markers["Kokshetau"]["size"] == 1


def legend_links(response):
    legend = re.search(r'<nav class="map-legend".*?</nav>', response.content.decode(), re.S).group(0)
    link = r'<a class="map-legend__link[^"]*" href="([^"]+)"(?: aria-current="true")?>.*?</svg>([^<]+)</a>'
    return re.findall(link, legend)


def test_the_legend_links_each_public_theme_to_the_map_filtered_by_it(client, site_data):
    make_theme("Housing", color="#c0392b")  # no published initiative: not in the legend
    response = client.get(reverse("activism:map"), {"region": "almaty", "theme": "ecology", "page": "2"})
    assert legend_links(response) == [
        ("/en/map/?region=almaty&amp;theme=ecology", "Ecology"),
        ("/en/map/?region=almaty&amp;theme=gender-and-feminism", "Gender and feminism"),
    ]
    content = response.content.decode()
    assert 'href="/en/map/?region=almaty&amp;theme=ecology" aria-current="true"' in content
    assert 'fill="#2e8b57"' in content
    assert '<a class="map-legend__link js-map-filter-link" href="/en/map/?region=almaty">All themes</a>' in content
    # Followed without JavaScript, a legend link filters the map.
    markers = map_markers(client.get("/en/map/?theme=gender-and-feminism"))
    assert {marker["color"] for marker in markers.values()} == {"#8e44ad"}


def test_an_empty_result_is_said_over_the_map_with_a_way_back(client, site_data):
    content = client.get(reverse("activism:map"), {"theme": "ecology", "region": "akmola"}).content.decode()
    notice = content.index("No initiatives match these filters.")
    assert notice < content.index('<div id="map"')
    assert '<a href="/en/map/" class="js-map-filter-link">Clear the filters</a>' in content
    assert "map-stage__notice" in content
    full = client.get(reverse("activism:map")).content.decode()
    assert "No initiatives match these filters." not in full


def test_the_map_page_shows_the_map_before_the_places_and_folds_its_filters(client, site_data):
    content = client.get(reverse("activism:map"), {"theme": "ecology", "form": "protest"}).content.decode()
    assert content.index('<div id="map"') < content.index("By place, on the map")
    assert content.index('class="filter-form') < content.index('<div id="map"')
    assert re.search(r'<summary class="filter-panel__toggle" id="filter-toggle">\s*Filters \(2\)\s*</summary>', content)
    assert "/static/js/map-filters.js" in content


def test_the_home_page_opens_with_the_map_and_its_legend(client, site_data):
    response = client.get(reverse("activism:home"))
    content = response.content.decode()
    markers = map_markers(response)
    assert {name: marker["count"] for name, marker in markers.items()} == {"Almaty": 2, "Kokshetau": 1}
    assert markers["Almaty"]["color"] in {"#2e8b57", "#8e44ad"}
    assert content.index('<div id="map"') < content.index("Citizen activism in Kazakhstan, mapped")
    assert "map--home" in content
    assert legend_links(response) == [
        ("/en/map/?theme=ecology", "Ecology"),
        ("/en/map/?theme=gender-and-feminism", "Gender and feminism"),
    ]
    assert '<a class="button" href="/en/map/">Explore the map</a>' in content
    assert "Secret Draft Initiative" not in content and "Zhezkazgan" not in content


def test_the_initiative_list_folds_its_filters_behind_a_count(client, site_data):
    content = client.get(reverse("activism:initiative-list"), {"theme": "ecology", "sort": "newest"}).content.decode()
    assert re.search(r"Filters \(1\)\s*</summary>", content)  # the order is not a filter
    assert '<details class="filter-panel js-filter-panel" id="filter-panel">' in content
    ignored = client.get(reverse("activism:initiative-list"), {"theme": "no-such-theme"}).content.decode()
    assert '<details class="filter-panel js-filter-panel" id="filter-panel" open>' in ignored
