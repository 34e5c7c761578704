import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .conftest import make_city, make_initiative, make_post, make_region, make_theme

pytestmark = pytest.mark.django_db

HIDDEN = ["Secret Draft Initiative", "Scheduled Future Post", "Draft Hidden Post"]


def public_urls(data):
    return [
        reverse("activism:home"),
        reverse("activism:map"),
        reverse("activism:initiative-list"),
        data["park"].get_absolute_url(),
        data["march"].get_absolute_url(),
        data["almaty"].get_absolute_url(),
        data["kokshetau"].get_absolute_url(),
        data["almaty_region"].get_absolute_url(),
        data["empty_region"].get_absolute_url(),
        data["ecology"].get_absolute_url(),
        reverse("activism:post-list"),
        data["post"].get_absolute_url(),
        data["author"].get_absolute_url(),
        reverse("activism:about"),
        reverse("activism:post-feed"),
        reverse("sitemap"),
        reverse("robots"),
    ]


def map_markers(response):
    match = re.search(r'<script id="map-data" type="application/json">(.*?)</script>', response.content.decode(), re.S)
    assert match, "the page carries no map data"
    return {marker["name"]: marker for marker in json.loads(match.group(1))["markers"]}


def test_every_public_page_answers(client, site_data):
    for url in public_urls(site_data):
        assert client.get(url).status_code == 200, url


def test_no_draft_or_scheduled_record_appears_on_any_public_page(client, site_data):
    for url in public_urls(site_data):
        content = client.get(url).content.decode()
        for hidden in HIDDEN:
            assert hidden not in content, f"{hidden} leaks on {url}"
        assert "secret-draft-initiative" not in content, url


@pytest.mark.parametrize("record", ["draft", "scheduled", "draft_post"])
def test_hidden_records_answer_404(client, site_data, record):
    assert client.get(site_data[record].get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/en/initiatives/nope/",
        "/ru/cities/nope/",
        "/kk/regions/nope/",
        "/en/themes/nope/",
        "/en/blog/nope/",
        "/en/blog/authors/nope/",
        "/no/such/page/",
        "/de/map/",
    ],
)
def test_unknown_addresses_get_the_friendly_404_page(client, site_data, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "CAISS" in response.content.decode()
    assert "404.html" in [template.name for template in response.templates]


def test_the_500_page_renders_without_a_database(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "CAISS" in response.content.decode()


def test_home_counts_only_public_records(client, site_data):
    context = client.get(reverse("activism:home")).context
    assert context["initiative_count"] == 3
    assert context["city_count"] == 2  # Zhezkazgan has only a draft
    assert context["region_count"] == 2
    assert [post.title for post in context["latest_posts"]] == ["Parks and people"]
    counts = {theme.name: theme.initiative_count for theme in context["themes"]}
    assert counts == {"Ecology": 1, "Gender and feminism": 2}


def test_the_map_has_one_marker_per_city_with_published_initiatives(client, site_data):
    markers = map_markers(client.get(reverse("activism:map")))
    assert set(markers) == {"Almaty", "Kokshetau"}
    assert sorted(item["name"] for item in markers["Almaty"]["initiatives"]) == ["Save the Park", "Women's March"]
    assert markers["Almaty"]["url"] == site_data["almaty"].get_absolute_url()
    assert markers["Kokshetau"]["lat"] == pytest.approx(53.283333)


def test_map_filters_are_shareable_urls_and_listed_as_html(client, site_data):
    response = client.get(reverse("activism:map"), {"theme": "gender-and-feminism"})
    markers = map_markers(response)
    assert set(markers) == {"Almaty", "Kokshetau"}
    assert [item["name"] for item in markers["Almaty"]["initiatives"]] == ["Women's March"]
    content = response.content.decode()
    assert "Women&#x27;s March" in content and "Online Petition" in content
    assert "Save the Park" not in content


def test_map_region_filter(client, site_data):
    response = client.get(reverse("activism:map"), {"region": "akmola"})
    assert set(map_markers(response)) == {"Kokshetau"}  # the march's other city is in another region
    assert [initiative.name for initiative in response.context["initiatives"]] == ["Women's March"]


def test_map_tiles_come_from_settings(client, site_data, settings):
    settings.MAP_TILES_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    response = client.get(reverse("activism:map"))
    assert "https://tiles.example.org/{z}/{x}/{y}.png" in response.content.decode()


def listed_names(response):
    return sorted(initiative.name for initiative in response.context["page_obj"])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["Online Petition", "Save the Park", "Women's March"]),
        ({"theme": "ecology"}, ["Save the Park"]),
        ({"form": "online_campaign"}, ["Online Petition"]),
        ({"status": "active"}, ["Save the Park"]),
        ({"region": "akmola"}, ["Women's March"]),
        ({"city": "almaty"}, ["Save the Park", "Women's March"]),
        ({"city": "almaty", "theme": "ecology"}, ["Save the Park"]),
        ({"q": "PETITION"}, ["Online Petition"]),
        ({"q": "summary of save"}, ["Save the Park"]),
        ({"q": "secret draft"}, []),
    ],
)
def test_initiative_filters_and_search(client, site_data, params, expected):
    assert listed_names(client.get(reverse("activism:initiative-list"), params)) == expected


@pytest.mark.parametrize(
    "params",
    [
        {"theme": "no-such-theme"},
        {"form": "riot"},
        {"region": "atlantis"},
        {"city": "<script>alert(1)</script>"},
        {"status": "x" * 5000},
        {"q": "x" * 10000},
        {"q": "nul\x00byte"},
    ],
)
def test_bad_filter_values_are_reported_and_ignored(client, site_data, params):
    response = client.get(reverse("activism:initiative-list"), params)
    assert response.status_code == 200
    assert listed_names(response) == ["Online Petition", "Save the Park", "Women's March"]
    assert response.context["filter_form"].errors
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert client.get(reverse("activism:map"), params).status_code == 200


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999999999999999999999", "2.5", ""])
def test_bad_page_numbers_get_a_real_page(client, site_data, page):
    for url in [reverse("activism:initiative-list"), reverse("activism:post-list")]:
        response = client.get(url, {"page": page})
        assert response.status_code == 200
        assert len(response.context["page_obj"].object_list) > 0


def test_pagination_keeps_the_filters(client, site_data):
    theme = site_data["ecology"]
    for number in range(25):
        make_initiative(f"Tree {number:02d}", themes=[theme])
    response = client.get(reverse("activism:initiative-list"), {"theme": "ecology", "page": "2"})
    assert response.context["page_obj"].number == 2
    assert len(response.context["page_obj"].object_list) == 6
    assert "theme=ecology" in response.content.decode()


def test_initiative_page_shows_its_public_details(client, site_data):
    park = site_data["park"]
    park.description = "We **defend** the park.\n\n<script>alert('owned')</script>"
    park.year_started = 2019
    park.save()
    park.links.create(kind="instagram", url="https://instagram.com/savethepark")
    park.sources.create(title="City news report", url="https://example.org/news", publisher="Example News")
    response = client.get(park.get_absolute_url())
    content = response.content.decode()
    assert "<strong>defend</strong>" in content
    assert "alert('owned')" not in content and "<script>alert" not in content
    assert "https://instagram.com/savethepark" in content
    assert "City news report" in content
    assert "Parks and people" in content  # the related published post
    assert "2019" in content
    assert set(map_markers(response)) == {"Almaty"}
    assert 'property="og:title"' in content


def test_city_region_and_theme_pages_list_their_published_initiatives(client, site_data):
    city = client.get(site_data["kokshetau"].get_absolute_url())
    assert [initiative.name for initiative in city.context["initiatives"]] == ["Women's March"]
    region = client.get(site_data["almaty_region"].get_absolute_url())
    assert sorted(initiative.name for initiative in region.context["initiatives"]) == ["Save the Park", "Women's March"]
    assert set(map_markers(region)) == {"Almaty"}
    assert [(city.name, city.initiative_count) for city in region.context["cities"]] == [("Almaty", 2)]
    theme = client.get(site_data["ecology"].get_absolute_url())
    assert [initiative.name for initiative in theme.context["initiatives"]] == ["Save the Park"]
    assert set(map_markers(theme)) == {"Almaty"}


def test_a_city_with_no_public_initiative_is_nowhere_in_public(client, site_data):
    """A small town known only through a sensitive or an unpublished record would point at the people in it."""
    akmola = site_data["akmola"]
    hidden_town = make_city("Stepnogorsk", akmola, "52.35", "71.883333")
    make_initiative("Hidden Town Group", cities=[hidden_town], is_sensitive=True)
    make_initiative("Town Draft", cities=[hidden_town], published=False)
    make_initiative("Kokshetau Sensitive Group", cities=[site_data["kokshetau"]], is_sensitive=True)
    hidden = [hidden_town, site_data["lonely"]]  # a sensitive and a draft initiative; only a draft
    for city in hidden:
        assert client.get(city.get_absolute_url()).status_code == 404, city
    assert client.get(site_data["kokshetau"].get_absolute_url()).status_code == 200  # it has a public one too
    pages = {
        "list": client.get(reverse("activism:initiative-list")),
        "region": client.get(akmola.get_absolute_url()),
        "empty region": client.get(site_data["empty_region"].get_absolute_url()),
        "home": client.get(reverse("activism:home")),
        "map": client.get(reverse("activism:map")),
        "sitemap": client.get(reverse("sitemap")),
    }
    for name, response in pages.items():
        content = response.content.decode()
        for city in hidden:
            assert city.name not in content and city.slug not in content, (name, city)
    options = re.findall(r'<option value="([^"]*)"', pages["list"].content.decode())
    assert {"almaty", "kokshetau"} <= set(options)
    assert [(city.name, city.initiative_count) for city in pages["region"].context["cities"]] == [("Kokshetau", 1)]
    assert pages["home"].context["city_count"] == 2
    assert "No cities are recorded in this region yet." in pages["empty region"].content.decode()
    # Asked for by hand, the city is no filter either: the same answer as a city that does not exist.
    unknown = client.get(reverse("activism:initiative-list"), {"city": "no-such-city"}).context["filter_form"]
    for city in hidden:
        form = client.get(reverse("activism:initiative-list"), {"city": city.slug}).context["filter_form"]
        assert form.errors["city"] == unknown.errors["city"]


def test_blog_pages(client, site_data):
    post = client.get(site_data["post"].get_absolute_url())
    assert "Aigerim Demo" in post.content.decode()
    assert [initiative.name for initiative in post.context["object"].initiatives.all()] == ["Save the Park"]
    author = client.get(site_data["author"].get_absolute_url())
    assert [p.title for p in author.context["posts"]] == ["Parks and people"]


def test_feed_is_rss_of_published_posts(client, site_data):
    response = client.get(reverse("activism:post-feed"))
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert [item.findtext("title") for item in channel.findall("item")] == ["Parks and people"]


def test_sitemap_lists_public_records_only(client, site_data):
    content = client.get(reverse("sitemap")).content.decode()
    assert site_data["park"].get_absolute_url() in content
    assert site_data["post"].get_absolute_url() in content
    assert site_data["almaty"].get_absolute_url() in content
    assert site_data["draft"].get_absolute_url() not in content
    assert site_data["scheduled"].get_absolute_url() not in content
    assert site_data["lonely"].get_absolute_url() not in content


def test_robots_txt_points_to_the_sitemap(client, site_data):
    content = client.get(reverse("robots")).content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in content
    assert "Disallow: /admin/" in content


def test_pages_load_nothing_from_other_servers(client, site_data):
    for url in public_urls(site_data)[:14]:
        response = client.get(url)
        assert "default-src 'self'" in response["Content-Security-Policy"], url
        content = response.content.decode()
        for asset in re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', content):
            assert not asset.startswith(("http:", "https:", "//")) or "testserver" in asset, (url, asset)


def test_demo_notice_is_shown(client, site_data):
    assert "demonstration data" in client.get(reverse("activism:home")).content.decode()


def build_site(size):
    """A site with `size` published initiatives, each in two cities with two themes, plus related posts."""
    regions = [make_region(f"Region {number}") for number in range(3)]
    themes = [make_theme(f"Theme {number}") for number in range(4)]
    cities = [
        make_city(f"City {number}", regions[number % 3], f"{43 + number * 0.1:.6f}", f"{70 + number * 0.1:.6f}")
        for number in range(6)
    ]
    for number in range(size):
        initiative = make_initiative(
            f"Initiative {number:03d}",
            cities=[cities[number % 6], cities[(number + 1) % 6]],
            themes=[themes[number % 4], themes[(number + 1) % 4]],
        )
        initiative.links.create(kind="website", url=f"https://example.org/{number}")
        initiative.sources.create(title=f"Source {number}")
        make_post(f"Post {number:03d}").initiatives.set([initiative])
    return {"city": cities[0], "region": regions[0], "theme": themes[0]}


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def pages_of(site):
    return [
        reverse("activism:home"),
        reverse("activism:map"),
        reverse("activism:map") + "?theme=theme-0&region=region-0",
        reverse("activism:initiative-list"),
        reverse("activism:initiative-list") + "?q=initiative&city=city-0",
        reverse("activism:initiative-detail", args=["initiative-000"]),
        site["city"].get_absolute_url(),
        site["region"].get_absolute_url(),
        site["theme"].get_absolute_url(),
        reverse("activism:post-list"),
        reverse("activism:post-detail", args=["post-000"]),
        reverse("activism:author-detail", args=["aigerim-demo"]),
        reverse("activism:post-feed"),
        reverse("sitemap"),
    ]


def test_each_page_issues_the_same_number_of_queries_with_5_and_50_initiatives(client, django_db_blocker):
    small = build_site(5)
    small_counts = [count_queries(client, url) for url in pages_of(small)]
    for number in range(5, 50):
        make_initiative(f"Initiative {number:03d}", cities=[small["city"]], themes=[small["theme"]]).links.create(
            kind="x", url=f"https://x.com/{number}"
        )
        make_post(f"Post {number:03d}").initiatives.set([small["theme"].initiatives.first()])
    large_counts = [count_queries(client, url) for url in pages_of(small)]
    assert dict(zip(pages_of(small), large_counts, strict=True)) == dict(
        zip(pages_of(small), small_counts, strict=True)
    )
