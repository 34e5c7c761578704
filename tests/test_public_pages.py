import datetime
import json
import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from activism.models import BlogPost, Event, EventSource, Initiative, InitiativeLink, PublicationStatus, Region, Source
from activism.search import refresh_search_index
from activism.statistics import Numbers

from .conftest import make_author, make_city, make_initiative, make_region, make_theme, queries_for

pytestmark = pytest.mark.django_db

PUBLISHED = PublicationStatus.PUBLISHED
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
        reverse("activism:search") + "?q=almaty",
        reverse("activism:post-feed"),
        reverse("sitemap"),
        reverse("robots"),
        reverse("activism:suggest-thanks"),  # the form itself sets its CSRF cookie: see tests/test_suggestions.py
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


def test_the_map_has_one_marker_per_city_with_the_count_of_its_published_initiatives(client, site_data):
    markers = map_markers(client.get(reverse("activism:map")))
    assert {name: marker["count"] for name, marker in markers.items()} == {"Almaty": 2, "Kokshetau": 1}
    almaty = markers["Almaty"]
    assert almaty["url"] == site_data["almaty"].get_absolute_url()
    assert almaty["popup"] == reverse("activism:map-place", args=["city", "almaty"])
    assert almaty["list"] == reverse("activism:initiative-list") + "?city=almaty"
    assert almaty["label"] == "Almaty: 2 initiatives"
    assert markers["Kokshetau"]["lat"] == pytest.approx(53.283333)
    assert "initiatives" not in almaty  # they come with the popup


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"theme": "gender-and-feminism"}, {"Almaty": 1, "Kokshetau": 1}),
        ({"theme": "ecology"}, {"Almaty": 1}),
        ({"form": "protest", "status": "active"}, {"Almaty": 1}),
        ({"form": "online_campaign"}, {}),
        ({"region": "akmola"}, {"Kokshetau": 1}),  # the march's other city is in another region
        ({"region": "akmola", "theme": "ecology"}, {}),
    ],
)
def test_map_markers_count_under_the_filters(client, site_data, params, expected):
    markers = map_markers(client.get(reverse("activism:map"), params))
    assert {name: marker["count"] for name, marker in markers.items()} == expected


def test_map_filters_are_shareable_urls_and_listed_as_html(client, site_data):
    response = client.get(reverse("activism:map"), {"theme": "gender-and-feminism"})
    markers = map_markers(response)
    assert markers["Almaty"]["popup"].endswith("/map/places/city/almaty/?theme=gender-and-feminism")
    assert markers["Almaty"]["list"].endswith("/initiatives/?city=almaty&theme=gender-and-feminism")
    content = response.content.decode()
    # Without JavaScript: a line per marker, linking to its initiatives in the list, filters kept.
    assert '<a href="/en/initiatives/?city=almaty&amp;theme=gender-and-feminism">Almaty</a>' in content
    assert '<a href="/en/initiatives/?city=kokshetau&amp;theme=gender-and-feminism">Kokshetau</a>' in content
    assert "Online Petition" in content  # not on the map: listed under it
    assert "Save the Park" not in content and "Women&#x27;s March" not in content  # behind the markers
    assert response.context["initiative_count"] == 2


def test_map_region_filter(client, site_data):
    response = client.get(reverse("activism:map"), {"region": "akmola"})
    assert set(map_markers(response)) == {"Kokshetau"}
    assert response.context["initiative_count"] == 1


def test_map_tiles_come_from_settings(client, site_data, settings):
    settings.MAP_TILES_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    response = client.get(reverse("activism:map"))
    assert "https://tiles.example.org/{z}/{x}/{y}.png" in response.content.decode()


def listed_names(response):
    return sorted(initiative.name for initiative in response.context["page_obj"])


def listed_in_order(response):
    return [initiative.name for initiative in response.context["page_obj"]]


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
    assert [initiative.name for initiative in city.context["page_obj"]] == ["Women's March"]
    assert {name: marker["count"] for name, marker in map_markers(city).items()} == {"Kokshetau": 1}
    region = client.get(site_data["almaty_region"].get_absolute_url())
    assert sorted(initiative.name for initiative in region.context["page_obj"]) == ["Save the Park", "Women's March"]
    assert {name: marker["count"] for name, marker in map_markers(region).items()} == {"Almaty": 2}
    assert [(city.name, city.count) for city in region.context["cities"]] == [("Almaty", 2)]
    theme = client.get(site_data["ecology"].get_absolute_url())
    assert [initiative.name for initiative in theme.context["page_obj"]] == ["Save the Park"]
    markers = map_markers(theme)
    assert {name: marker["count"] for name, marker in markers.items()} == {"Almaty": 1}
    assert markers["Almaty"]["popup"].endswith("?theme=ecology")


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
        "suggestion form": client.get(reverse("activism:suggest")),  # the places it offers as you type
    }
    for name, response in pages.items():
        content = response.content.decode()
        for city in hidden:
            assert city.name not in content and city.slug not in content, (name, city)
    options = re.findall(r'<option value="([^"]*)"', pages["list"].content.decode())
    assert {"almaty", "kokshetau"} <= set(options)
    assert [(city.name, city.count) for city in pages["region"].context["cities"]] == [("Kokshetau", 1)]
    assert pages["home"].context["city_count"] == 2
    assert "No published initiatives are recorded in Ulytau yet." in pages["empty region"].content.decode()
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


def test_no_template_comment_leaks_into_a_page(client, site_data):
    # {# #} holds one line only: a longer one is printed as text, and in <head> it ends the head early.
    for url in public_urls(site_data):
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            assert "{#" not in response.content.decode(), url


def test_favicon_ico_leads_to_the_site_icon_rather_than_a_404(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    location = response["Location"]
    assert location.startswith("/static/img/favicon") and location.endswith(".svg")
    # The file itself, as collectstatic would serve it (the tests run without collected static files).
    assert finders.find(location.removeprefix("/static/")) is not None


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


def add_initiatives(site, numbers):
    """Published initiatives made in bulk, cheaply: most in two cities with two themes, every fifth one sensitive and
    every fifth one without a city; each with a link, a source and a post about it."""
    cities, themes = site["cities"], site["themes"]
    initiatives = Initiative.objects.bulk_create(
        Initiative(
            name=f"Initiative {number:03d}",
            slug=f"initiative-{number:03d}",
            summary=f"Summary of initiative {number}.",
            publication_status=PublicationStatus.PUBLISHED,
            is_sensitive=number % 5 == 4,
            is_online=number % 5 == 3,
        )
        for number in numbers
    )
    posts = BlogPost.objects.bulk_create(
        BlogPost(
            title=f"Post {number:03d}",
            slug=f"post-{number:03d}",
            lead="Lead.",
            body="Body.",
            author=site["author"],
            publication_status=PublicationStatus.PUBLISHED,
            published_at=timezone.now() - timedelta(days=1),
        )
        for number in numbers
    )
    city_rows, theme_rows, post_rows, links, sources = [], [], [], [], []
    for number, initiative, post in zip(numbers, initiatives, posts, strict=True):
        if number % 5 != 3:
            for city in {cities[number % 6], cities[(number + 1) % 6]}:
                city_rows.append(Initiative.cities.through(initiative=initiative, city=city))
        for theme in {themes[number % 4], themes[(number + 1) % 4]}:
            theme_rows.append(Initiative.themes.through(initiative=initiative, theme=theme))
        post_rows.append(BlogPost.initiatives.through(blogpost=post, initiative=initiative))
        links.append(InitiativeLink(initiative=initiative, kind="website", url=f"https://example.org/{number}"))
        sources.append(Source(initiative=initiative, title=f"Source {number}"))
    Initiative.cities.through.objects.bulk_create(city_rows)
    Initiative.themes.through.objects.bulk_create(theme_rows)
    BlogPost.initiatives.through.objects.bulk_create(post_rows)
    InitiativeLink.objects.bulk_create(links)
    Source.objects.bulk_create(sources)
    # Bulk inserts skip save(): indexed for the search as the import and rebuild_search_index do.
    refresh_search_index(Initiative, [initiative.pk for initiative in initiatives])
    refresh_search_index(BlogPost, [post.pk for post in posts])


def add_events(site, numbers):
    """Published events, in bulk: one in five sensitive, one in seven with only a region, one in eleven nationwide;
    dated across 2011-2022, each with a source, an initiative and a theme."""
    cities, regions, themes = site["cities"], site["regions"], site["themes"]
    initiatives = list(Initiative.objects.order_by("pk")[:5])
    kinds = list(Event.Kind)
    events = []
    for number in numbers:
        city = None if number % 7 == 3 or number % 11 == 5 else cities[number % 6]
        region = regions[number % 3] if number % 7 == 3 else (city.region if city else None)
        events.append(
            Event(
                title=f"Event {number}",
                slug=f"event-{number:03d}",
                summary=f"Summary of event {number}.",
                date=datetime.date(2011 + number % 12, 1 + number % 12, 1 + number % 28),
                kind=kinds[number % len(kinds)],
                city=city,
                region=region,
                is_nationwide=city is None and region is None,
                is_sensitive=number % 5 == 4,
                publication_status=PublicationStatus.PUBLISHED,
            )
        )
    events = Event.objects.bulk_create(events)
    EventSource.objects.bulk_create(EventSource(event=event, title=f"Source of {event.title}") for event in events)
    Event.initiatives.through.objects.bulk_create(
        Event.initiatives.through(event=event, initiative=initiatives[number % len(initiatives)])
        for number, event in enumerate(events)
        if initiatives
    )
    Event.themes.through.objects.bulk_create(
        Event.themes.through(event=event, theme=themes[number % len(themes)]) for number, event in enumerate(events)
    )


def build_site(size):
    regions = [make_region(f"Region {number}", latitude="48", longitude=f"{60 + number}") for number in range(3)]
    make_region("Empty Region", latitude="50", longitude="60")
    cities = [
        make_city(f"City {number}", regions[number % 3], f"{43 + number * 0.1:.6f}", f"{70 + number * 0.1:.6f}")
        for number in range(6)
    ]
    site = {"regions": regions, "cities": cities, "themes": [make_theme(f"Theme {number}") for number in range(4)]}
    site["author"] = make_author("Aigerim Demo")
    add_initiatives(site, range(size))
    add_events(site, range(size))
    return site


def every_public_page(site):
    map_place = "activism:map-place"
    return [
        reverse("activism:home"),
        reverse("activism:map"),
        reverse("activism:map") + "?theme=theme-0&region=region-0",
        reverse("activism:embed-map"),
        reverse("activism:embed-map") + "?theme=theme-0&region=region-0",
        reverse(map_place, args=["city", "city-0"]),
        reverse(map_place, args=["city", "city-1"]) + "?theme=theme-1&form=other",
        reverse(map_place, args=["region", "region-1"]),  # initiative 4 is sensitive, in cities 4 and 5
        reverse("activism:map") + "?from=2015&to=2019",
        reverse("activism:map") + "?from=2011&to=2022&events=1",
        reverse("activism:map") + "?theme=theme-0&region=region-0&from=2011&events=1",
        reverse("activism:embed-map") + "?from=2015&to=2019&events=1",
        reverse(map_place, args=["city", "city-0"]) + "?from=2015&to=2019",
        reverse("activism:map-events", args=["city", "city-0"]) + "?from=2011&to=2022",
        reverse("activism:map-events", args=["region", "region-1"]) + "?from=2011",  # sensitive and region-only ones
        reverse("activism:initiative-list") + "?from=2015&to=2019",
        reverse("activism:initiative-list"),
        reverse("activism:initiative-list") + "?q=initiative&city=city-0&region=region-0&theme=theme-0",
        *(reverse("activism:initiative-list") + f"?sort={order}" for order in ["newest", "verified", "active"]),
        reverse("activism:theme-list"),
        reverse("activism:region-list"),
        reverse("activism:city-list"),
        reverse("activism:region-detail", args=["empty-region"]),
        reverse("activism:search") + "?q=initiative",
        reverse("activism:search") + "?q=city+1&page=2",
        reverse("activism:initiative-detail", args=["initiative-000"]),
        reverse("activism:initiative-detail", args=["initiative-004"]),
        site["cities"][0].get_absolute_url(),
        site["regions"][0].get_absolute_url(),
        site["themes"][0].get_absolute_url(),
        reverse("activism:post-list"),
        reverse("activism:post-detail", args=["post-000"]),
        reverse("activism:author-detail", args=["aigerim-demo"]),
        reverse("activism:about"),
        reverse("activism:open-data"),
        reverse("activism:post-feed"),
        reverse("sitemap"),
        reverse("activism:suggest"),
        reverse("activism:suggest") + "?initiative=initiative-000",
        reverse("activism:suggest-thanks"),
        reverse("activism:event-list"),
        reverse("activism:event-list") + "?kind=protest&theme=theme-0&region=region-0&from=2011&to=2022",
        reverse("activism:event-list") + "?city=city-0&initiative=initiative-000&page=2",
        reverse("activism:event-list") + "?kind=nonsense&from=abc&to=99999&page=abc",
        reverse("activism:event-detail", args=["event-000"]),
        reverse("activism:event-detail", args=["event-004"]),  # sensitive
        reverse("activism:event-feed"),
        reverse("activism:event-calendar"),
        reverse("activism:event-calendar") + "?kind=protest&theme=theme-0&region=region-0&from=2012&to=2020",
        reverse("activism:event-calendar") + "?city=city-0&initiative=initiative-000",
        reverse("activism:open-data-events-csv"),
        reverse("activism:open-data-events-acled-csv"),
        reverse("activism:open-data-events-geojson"),
        reverse("activism:event-detail", args=["event-003"]),  # known only by its region
        reverse("activism:numbers"),
        *(reverse("activism:numbers-csv", args=[chart]) for chart in Numbers.CHARTS),
    ]


def test_every_public_page_issues_the_same_number_of_queries_with_5_and_200_initiatives(client):
    site = build_site(5)
    urls = every_public_page(site)
    with_five = {url: queries_for(client, url) for url in urls}
    add_initiatives(site, range(5, 200))
    assert {url: queries_for(client, url) for url in urls} == with_five


def test_every_public_page_issues_the_same_number_of_queries_with_5_and_200_events(client):
    site = build_site(5)
    urls = every_public_page(site)
    with_five = {url: queries_for(client, url) for url in urls}
    add_events(site, range(5, 200))
    assert {url: queries_for(client, url) for url in urls} == with_five


def test_the_map_page_does_not_grow_with_the_initiatives_of_a_city(client):
    city = make_city("Almaty")
    theme = make_theme("Ecology")

    def map_page_with(numbers):
        initiatives = Initiative.objects.bulk_create(
            Initiative(name=f"Group {number}", slug=f"group-{number}", summary="A group.", publication_status=PUBLISHED)
            for number in numbers
        )
        Initiative.cities.through.objects.bulk_create(
            Initiative.cities.through(initiative=initiative, city=city) for initiative in initiatives
        )
        Initiative.themes.through.objects.bulk_create(
            Initiative.themes.through(initiative=initiative, theme=theme) for initiative in initiatives
        )
        response = client.get(reverse("activism:map"))
        assert map_markers(response)["Almaty"]["count"] == numbers.stop
        return len(response.content)

    with_five = map_page_with(range(5))
    assert abs(map_page_with(range(5, 200)) - with_five) < 50  # the counts have more digits


def breadcrumb(response):
    """The breadcrumb trail of a page: (text, link or None for the current page)."""
    nav = re.search(r'<nav class="breadcrumbs".*?</nav>', response.content.decode(), re.S).group(0)
    return [
        (re.sub(r"<[^>]+>", "", item).strip(), link.group(1) if (link := re.search(r'href="([^"]+)"', item)) else None)
        for item in re.findall(r"<li[^>]*>(.*?)</li>", nav, re.S)
    ]


def test_the_theme_list_shows_every_theme_with_its_published_count(client, site_data):
    make_theme("Housing", description="Homes and evictions.", color="#c0392b")
    response = client.get(reverse("activism:theme-list"))
    counts = {theme.name: theme.initiative_count for theme in response.context["themes"]}
    assert counts == {"Ecology": 1, "Gender and feminism": 2, "Housing": 0}  # the draft is not counted
    content = response.content.decode()
    assert 'fill="#c0392b"' in content and "Homes and evictions." in content
    assert site_data["ecology"].get_absolute_url() in content


def test_the_region_list_counts_sensitive_initiatives_at_their_region_only(client, site_data):
    make_initiative("Quiet Group", cities=[site_data["kokshetau"]], is_sensitive=True)
    response = client.get(reverse("activism:region-list"))
    regions = {region.name: region for region in response.context["regions"]}
    assert {name: region.initiative_count for name, region in regions.items()} == {"Akmola": 2, "Ulytau": 0}
    assert [(city.name, city.public_count) for city in regions["Akmola"].public_cities] == [("Kokshetau", 1)]
    assert regions["Ulytau"].public_cities == []  # Zhezkazgan has only a draft
    # Almaty is a city of republican significance: listed once, as a region, not as "Almaty" in "Almaty".
    [almaty] = response.context["city_regions"]
    assert (almaty.name, almaty.initiative_count, almaty.public_cities) == ("Almaty", 2, [])
    content = response.content.decode()
    assert "Zhezkazgan" not in content
    assert "Kokshetau</a> (1)" in content


def test_the_city_list_groups_the_public_cities_by_region(client, site_data):
    make_initiative("Quiet Group", cities=[site_data["kokshetau"]], is_sensitive=True)
    response = client.get(reverse("activism:city-list"))
    assert [(city.name, city.public_count) for city in response.context["own_regions"]] == [("Almaty", 2)]
    groups = [
        (region.name, [(city.name, city.public_count) for city in cities])
        for region, cities in response.context["groups"]
    ]
    assert groups == [("Akmola", [("Kokshetau", 1)])]
    assert "Zhezkazgan" not in response.content.decode()


def test_the_index_pages_are_in_the_sitemap_and_the_footer(client, site_data):
    index_pages = [reverse(name) for name in ["activism:theme-list", "activism:region-list", "activism:city-list"]]
    sitemap = client.get(reverse("sitemap")).content.decode()
    home = client.get(reverse("activism:home")).content.decode()
    for url in index_pages:
        assert f"http://testserver{url}" in sitemap
        assert f'href="{url}"' in home


def test_breadcrumbs_lead_to_the_index_pages_and_name_a_city_region_once(client, site_data):
    cities, regions, themes = (reverse(f"activism:{name}-list") for name in ["city", "region", "theme"])
    akmola = site_data["akmola"]
    assert breadcrumb(client.get(site_data["kokshetau"].get_absolute_url())) == [
        ("Cities", cities),
        ("Akmola", akmola.get_absolute_url()),
        ("Kokshetau", None),
    ]
    almaty = client.get(site_data["almaty"].get_absolute_url())
    assert breadcrumb(almaty) == [("Cities", cities), ("Almaty", None)]
    content = almaty.content.decode()
    assert "A city of republican significance." in content
    assert "A city in" not in content
    assert 'content="Civic initiatives in Almaty, Kazakhstan."' in content
    assert site_data["almaty_region"].get_absolute_url() in content  # its sensitive initiatives are there
    assert breadcrumb(client.get(akmola.get_absolute_url())) == [("Regions", regions), ("Akmola", None)]
    assert breadcrumb(client.get(site_data["ecology"].get_absolute_url())) == [("Themes", themes), ("Ecology", None)]


def test_a_city_of_republican_significance_is_named_once_beside_its_initiatives(client, site_data):
    content = client.get(site_data["march"].get_absolute_url()).content.decode()
    places = re.search(r'<ul class="plain-list">(.*?)</ul>', content, re.S).group(1)
    assert re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", places)).strip() == "Almaty Kokshetau (Akmola)"
    region = client.get(site_data["almaty_region"].get_absolute_url())
    assert 'id="cities-heading"' not in region.content.decode()  # no list of "cities" holding Almaty alone
    assert site_data["almaty"].get_absolute_url() in region.content.decode()


def test_a_region_without_public_initiatives_points_to_its_nearest_neighbours(client, site_data):
    make_region("Abai")  # no centre: it cannot be placed
    centres = {"empty_region": ("47.8", "67.7"), "akmola": ("52.3", "69.4"), "almaty_region": ("43.24", "76.89")}
    for name, (latitude, longitude) in centres.items():
        Region.objects.filter(pk=site_data[name].pk).update(latitude=latitude, longitude=longitude)
    # A region with only a sensitive initiative has some to show, at its centre.
    turkistan = make_region("Turkistan", latitude="42.3", longitude="69.6")
    make_initiative("Quiet Group", cities=[make_city("Kentau", turkistan)], is_sensitive=True)
    response = client.get(site_data["empty_region"].get_absolute_url())
    assert response.status_code == 200
    assert [region.name for region in response.context["nearest_regions"]] == ["Akmola", "Turkistan", "Almaty"]
    content = response.content.decode()
    assert "No published initiatives are recorded in Ulytau yet." in content
    assert f'href="{reverse("activism:map")}"' in content
    assert f'href="{reverse("activism:region-list")}"' in content
    assert 'id="map-data"' not in content and "initiatives in this region" not in content
    # Without a centre of its own, it still leads to the regions list and the map.
    abai = client.get(reverse("activism:region-detail", args=["abai"]))
    assert abai.context["nearest_regions"] == []
    assert f'href="{reverse("activism:region-list")}"' in abai.content.decode()


def set_sort_fields(site_data):
    Initiative.objects.filter(pk=site_data["park"].pk).update(
        created_at=timezone.now() - timedelta(days=30), last_verified="2023-05-01", year_started=2019
    )
    Initiative.objects.filter(pk=site_data["march"].pk).update(
        created_at=timezone.now() - timedelta(days=20), last_verified="2024-06-01", activity_status="inactive"
    )
    Initiative.objects.filter(pk=site_data["online"].pk).update(
        created_at=timezone.now() - timedelta(days=10), activity_status="active", year_started=2021
    )


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("", ["Online Petition", "Save the Park", "Women's March"]),
        ("newest", ["Online Petition", "Women's March", "Save the Park"]),
        ("verified", ["Women's March", "Save the Park", "Online Petition"]),  # never verified last
        ("active", ["Online Petition", "Save the Park", "Women's March"]),  # active, most recent start first
    ],
)
def test_the_initiative_list_sorts(client, site_data, sort, expected):
    set_sort_fields(site_data)
    response = client.get(reverse("activism:initiative-list"), {"sort": sort})
    assert listed_in_order(response) == expected
    assert not response.context["filter_form"].errors


def test_the_most_active_order_puts_unknown_activity_between_active_and_inactive(client, site_data):
    set_sort_fields(site_data)
    make_initiative("Unknown Group", year_started=2024)
    response = client.get(reverse("activism:initiative-list"), {"sort": "active"})
    assert listed_in_order(response) == ["Online Petition", "Save the Park", "Unknown Group", "Women's March"]
    assert "Most active: those marked active first" in response.content.decode()  # the help text says how


def test_an_unknown_sort_is_reported_and_ignored(client, site_data):
    response = client.get(reverse("activism:initiative-list"), {"sort": "random", "theme": "gender-and-feminism"})
    assert listed_names(response) == ["Online Petition", "Women's March"]
    assert "sort" in response.context["filter_form"].errors
    assert "Some filters could not be used and were ignored" in response.content.decode()


def test_the_sort_is_kept_by_pagination_and_the_language_switcher(client, site_data):
    for number in range(25):
        make_initiative(f"Tree {number:02d}", themes=[site_data["ecology"]])
    response = client.get(reverse("activism:initiative-list"), {"sort": "newest"})
    content = response.content.decode()
    assert 'href="/en/initiatives/?sort=newest&amp;page=2"' in content
    assert 'href="/ru/initiatives/?sort=newest"' in content
    assert '<option value="newest" selected>' in content
    assert "/en/map/?sort" not in content  # the map has no order to keep


def test_the_map_has_no_sort(client, site_data):
    assert "sort" not in client.get(reverse("activism:map")).context["filter_form"].fields
