"""The site's search (activism/search.py, the search view and the list page's `q`): what it finds, in what order,
how it shows it, and what it never shows. Run on SQLite and on PostgreSQL: the same answers on both."""

import re
from datetime import timedelta

import pytest
import tablib
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from activism.models import Initiative, Region
from activism.resources import CityResource, InitiativeResource
from activism.search import index_terms, transliterate

from .conftest import make_city, make_initiative, make_post, make_region, make_theme, queries_for

pytestmark = pytest.mark.django_db

PROTEST_COUNT = 8


@pytest.fixture
def search_site(db):
    almaty_region = make_region("Almaty", kind=Region.Kind.CITY, name_ru="Алматы", name_kk="Алматы")
    mangystau = make_region("Mangystau Region", name_ru="Мангистауская область", name_kk="Маңғыстау облысы")
    almaty = make_city("Almaty", almaty_region, name_ru="Алматы", name_kk="Алматы")
    talgar = make_city("Talgar", almaty_region, "43.3", "77.24")  # known only through a sensitive initiative
    zhanaozen = make_city(
        "Zhanaozen", mangystau, "43.34", "52.86", slug="zhanaozen", name_kk="Жаңаөзен", name_ru="Жанаозен"
    )
    ecology = make_theme("Ecology", name_ru="Экология")
    feminism = make_theme("Gender and feminism", name_ru="Гендер и феминизм")
    lgbt = make_theme("LGBT+ rights", slug="lgbt-rights")
    civic = make_theme("Civic rights")
    site = {
        "almaty": almaty,
        "talgar": talgar,
        "zhanaozen": zhanaozen,
        "ecology": ecology,
        "feminism": feminism,
        "lgbt": lgbt,
        "garden": make_initiative(
            "Community Garden", cities=[almaty], themes=[ecology], summary="Neighbours grow vegetables together."
        ),
        "women": make_initiative(
            "Women's Voices", cities=[almaty], themes=[feminism], summary="Meetings and workshops for women."
        ),
        "queer": make_initiative("Open Doors", themes=[lgbt], summary="A support group.", is_online=True),
        "oyan": make_initiative("Оян, Қазақстан", slug="oyan-qazaqstan", themes=[civic], summary="Жастар қозғалысы."),
        "oilmen": make_initiative(
            "Мұнайшылар", slug="oil-workers", cities=[zhanaozen], themes=[civic], summary="Еңбек құқықтары."
        ),
        "memory": make_initiative(
            "December Memory",
            themes=[civic],
            summary="Remembering 2011.",
            description="Volunteers who remember the events in Жанаозен.",
        ),
        "rally": make_initiative(
            "Митинг в защиту сквера", slug="square-rally", themes=[ecology], summary="Жители против застройки."
        ),
        "quiet": make_initiative(
            "Quiet Circle",
            cities=[talgar],
            themes=[feminism],
            summary="Support for women in a small town.",
            is_sensitive=True,
        ),
        "protests": [
            make_initiative(f"Bridge Keepers {number}", themes=[civic], summary=f"A protest for bridge {number}.")
            for number in range(PROTEST_COUNT)
        ],
    }
    return site


def search(client, query, **params):
    return client.get(reverse("activism:search"), {"q": query, **params})


def found_initiatives(response):
    return [result.record for result in response.context["page_obj"].object_list]


def found_names(response):
    return {initiative.name for initiative in found_initiatives(response)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Theme names count.
        ("feminism", {"Women's Voices", "Quiet Circle"}),
        ("ecology", {"Community Garden", "Митинг в защиту сквера"}),
        ("LGBT", {"Open Doors"}),
        ("феминизм", {"Women's Voices", "Quiet Circle"}),
        # Forms of words.
        ("митинги", {"Митинг в защиту сквера"}),
        # Typos. Quiet Circle is sensitive: found by its region, Almaty, never by its city.
        ("Almatu", {"Community Garden", "Women's Voices", "Quiet Circle"}),
        # Across scripts, both ways.
        ("oyan", {"Оян, Қазақстан"}),
        ("zhanaozen", {"Мұнайшылар", "December Memory"}),
        ("Жаңаөзен", {"Мұнайшылар", "December Memory"}),
        ("Жанаозен", {"Мұнайшылар", "December Memory"}),
        ("алматы", {"Community Garden", "Women's Voices", "Quiet Circle"}),
        # Every word must match.
        ("garden almaty", {"Community Garden"}),
        ("garden feminism", set()),
    ],
)
def test_the_search_finds_by_themes_places_word_forms_typos_and_scripts(client, search_site, query, expected):
    response = search(client, query)
    assert response.status_code == 200
    assert found_names(response) == expected


def test_a_cyrillic_query_finds_a_latin_name(client, search_site):
    make_initiative("Oyan Youth Club", summary="Debates.")
    assert found_names(search(client, "Оян")) == {"Оян, Қазақстан", "Oyan Youth Club"}


def test_protests_finds_every_protest(client, search_site):
    names = found_names(search(client, "protests"))
    assert names == {initiative.name for initiative in search_site["protests"]}
    assert len(names) == PROTEST_COUNT


def test_a_name_match_comes_before_a_description_match(client, search_site):
    described = make_initiative("River Friends", summary="Cleaning banks.", description="Inspired by Kokzhailau.")
    named = make_initiative("Save Kokzhailau", summary="A mountain valley.")
    assert found_initiatives(search(client, "kokzhailau")) == [named, described]
    # The list page's search is ranked the same way.
    response = client.get(reverse("activism:initiative-list"), {"q": "kokzhailau"})
    assert list(response.context["page_obj"]) == [named, described]


def test_the_words_found_are_highlighted_and_the_text_stays_escaped(client, search_site):
    make_initiative("<b>x</b> Bold Bikes", slug="bold-bikes", summary="Riders <script>alert(1)</script> bold.")
    content = search(client, "bold").content.decode()
    assert "&lt;b&gt;x&lt;/b&gt; <mark>Bold</mark> Bikes" in content
    assert "Riders &lt;script&gt;alert(1)&lt;/script&gt; <mark>bold</mark>." in content
    assert "<b>x</b>" not in content
    assert "<script>alert(1)" not in content


def test_word_forms_are_highlighted(client, search_site):
    content = search(client, "protests").content.decode()
    assert "A <mark>protest</mark> for bridge 0." in content


def test_posts_themes_and_places_are_found(client, search_site):
    post = make_post("Feminism in the steppe", lead="Notes from a workshop.")
    content = search(client, "feminism").content.decode()
    assert response_has_link(content, post.get_absolute_url())
    assert response_has_link(content, search_site["feminism"].get_absolute_url())
    places = search(client, "almaty")
    assert response_has_link(places.content.decode(), search_site["almaty"].get_absolute_url())
    assert response_has_link(places.content.decode(), reverse("activism:region-detail", args=["almaty"]))
    assert [result.record for result in places.context["cities"]] == [search_site["almaty"]]


def test_drafts_and_scheduled_posts_are_never_found(client, search_site):
    make_post("Feminism draft", published=False)
    make_post("Feminism later", published_at=timezone.now() + timedelta(days=3))
    make_initiative("Feminism in hiding", published=False)
    response = search(client, "feminism")
    content = response.content.decode()
    assert "Feminism draft" not in content
    assert "Feminism later" not in content
    assert "Feminism in hiding" not in content
    assert response.context["posts"] == []


def test_a_sensitive_initiative_is_never_tied_to_its_city(client, search_site):
    by_city = search(client, "talgar")
    assert found_names(by_city) == set()
    assert by_city.context["cities"] == []  # Talgar is known only through the sensitive initiative
    assert "Talgar" not in by_city.content.decode().replace('value="talgar"', "")
    by_name = search(client, "quiet circle")
    assert found_names(by_name) == {"Quiet Circle"}
    content = by_name.content.decode()
    assert "Talgar" not in content
    assert "Almaty" in content  # its region
    # The list page's search neither.
    assert list(client.get(reverse("activism:initiative-list"), {"q": "talgar"}).context["page_obj"]) == []


def test_the_index_of_a_sensitive_initiative_holds_its_region_not_its_city(search_site):
    quiet = Initiative.objects.get(pk=search_site["quiet"].pk)
    assert " almaty " in quiet.search_words
    assert "talgar" not in quiet.search_words


def test_the_index_follows_renamed_themes_and_places(client, search_site):
    city = search_site["almaty"]
    city.name_en = "Almaty City"
    city.name_ru = "Город Алматы"
    city.save()
    assert "Community Garden" in found_names(search(client, "город"))
    search_site["garden"].themes.add(search_site["lgbt"])
    assert found_names(search(client, "lgbt")) == {"Open Doors", "Community Garden"}


def test_rebuild_search_index_indexes_records_loaded_in_bulk(client, search_site):
    Initiative.objects.bulk_create([Initiative(name="Bulk Apiarists", slug="bulk-apiarists", summary="Honey.")])
    Initiative.objects.filter(slug="bulk-apiarists").update(publication_status="published")
    assert found_names(search(client, "apiarists")) == set()
    call_command("rebuild_search_index", verbosity=0)
    assert found_names(search(client, "apiarists")) == {"Bulk Apiarists"}


def test_an_import_indexes_its_records_with_their_themes_and_cities(search_site):
    header = ["slug", "name_en", "summary_en", "themes", "cities"]
    result = InitiativeResource().import_data(
        tablib.Dataset(
            ["steppe-readers", "Steppe Readers", "Books for villages.", "gender-and-feminism", "zhanaozen"],
            ["community-garden", "Community Garden", "Now with bees.", "ecology", "almaty"],
            headers=header,
        )
    )
    assert not result.has_errors() and not result.has_validation_errors()
    # Imported records are drafts: the queryset's search, not the public page.
    assert set(Initiative.objects.search("feminism zhanaozen").values_list("slug", flat=True)) == {"steppe-readers"}
    assert set(Initiative.objects.search("bees").values_list("slug", flat=True)) == {"community-garden"}


def test_an_import_of_cities_indexes_their_initiatives_again(search_site):
    city = search_site["zhanaozen"]
    header = ["slug", "name_kk", "name_ru", "name_en", "region", "latitude", "longitude"]
    row = ["zhanaozen", "Жаңаөзен", "Жанаозен", "Novy Uzen", city.region.slug, "43.34", "52.86"]
    result = CityResource().import_data(tablib.Dataset(row, headers=header))
    assert not result.has_errors() and not result.has_validation_errors()
    assert set(Initiative.objects.search("uzen").values_list("slug", flat=True)) == {"oil-workers"}


@pytest.mark.parametrize("query", ["x" * 201, "x" * 10000, "nul\x00byte"])
def test_a_query_too_long_or_malformed_is_answered_clearly(client, search_site, query):
    response = search(client, query)
    assert response.status_code == 200
    assert response.context["search_form"].errors
    assert "This search could not be run" in response.content.decode()
    assert "page_obj" not in response.context


@pytest.mark.parametrize(("query", "message"), [("", "Type a word or a name"), ("a", "at least 2 letters")])
def test_an_empty_or_too_short_query_is_answered_clearly(client, search_site, query, message):
    response = search(client, query)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "page_obj" not in response.context


def test_a_search_that_finds_nothing_says_so(client, search_site):
    response = search(client, "qwertyuiop")
    assert response.status_code == 200
    assert "Nothing matches your search." in response.content.decode()


@pytest.mark.parametrize("page", ["999", "abc", "-1"])
def test_bad_page_numbers_get_a_real_page(client, search_site, page):
    for number in range(25):
        make_initiative(f"Bridge Painters {number}", summary="A protest in colour.")
    response = search(client, "protest", page=page)
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == PROTEST_COUNT + 25
    assert len(response.context["page_obj"].object_list) > 0


def test_the_search_page_is_not_for_search_engines(client, search_site):
    response = search(client, "almaty")
    assert response.headers["X-Robots-Tag"] == "noindex"


def test_the_search_answers_in_every_language(client, search_site):
    for language in ["kk", "ru", "en"]:
        response = client.get(f"/{language}/search/", {"q": "zhanaozen"})
        assert response.status_code == 200
        assert found_names(response) == {"Мұнайшылар", "December Memory"}


def test_the_search_issues_the_same_number_of_queries_with_5_and_200_initiatives(client, search_site):
    url = reverse("activism:search") + "?q=protest"
    with_few = queries_for(client, url)
    theme = search_site["feminism"]
    for number in range(200):
        make_initiative(f"Marchers {number}", cities=[search_site["almaty"]], themes=[theme], summary="A protest.")
    make_post("Protest notes")
    assert queries_for(client, url) == with_few


def test_every_page_has_the_search_box_in_its_header(client, search_site):
    for url in [
        reverse("activism:home"),
        reverse("activism:map"),
        reverse("activism:initiative-list"),
        search_site["garden"].get_absolute_url(),
        search_site["almaty"].get_absolute_url(),
        search_site["ecology"].get_absolute_url(),
        reverse("activism:post-list"),
        reverse("activism:about"),
        reverse("activism:open-data"),
        reverse("activism:search"),
        "/en/no-such-page/",
    ]:
        content = client.get(url).content.decode()
        header = re.search(r'<header class="site-header">.*?</header>', content, re.S).group()
        action = reverse("activism:search")
        assert f'<form class="site-search" method="get" action="{action}" role="search"' in header, url
        assert '<label for="site-search-q"' in header, url
        assert 'name="q"' in header, url


def response_has_link(content, url):
    return f'href="{url}"' in content


def test_transliteration_covers_the_kazakh_letters():
    assert transliterate("әғқңөұүһі") == "agknouuhi"
    assert transliterate("жаңаөзен") == transliterate("жанаозен") == "zhanaozen"
    assert "oyan" in index_terms("Оян")
