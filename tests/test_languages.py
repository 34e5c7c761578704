import re
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from .conftest import make_initiative
from .test_public_pages import map_markers, public_urls

pytestmark = pytest.mark.django_db

LANGUAGES = ["kk", "ru", "en"]
LOCALE = Path(settings.BASE_DIR) / "locale"


def url_in(language, name, *args):
    with translation.override(language):
        return reverse(name, args=args)


def absolute_url_in(language, record):
    with translation.override(language):
        return record.get_absolute_url()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_renders_in_each_language(client, site_data, language):
    with translation.override(language):
        urls = public_urls(site_data)[:14]  # the pages; feed, sitemap and robots are tested below
    for url in urls:
        assert url.startswith(f"/{language}/")
        response = client.get(url)
        assert response.status_code == 200, url
        assert f'<html lang="{language}">' in response.content.decode(), url


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("ru-RU,ru;q=0.9,en;q=0.8", "/ru/"), ("kk", "/kk/"), ("de-DE,de;q=0.9", "/en/"), ("", "/en/")],
)
def test_the_root_sends_visitors_to_their_browser_language(client, db, accept_language, expected):
    response = client.get("/", headers={"accept-language": accept_language})
    assert response.status_code == 302
    assert response["Location"] == expected


def test_old_unprefixed_addresses_redirect(client, site_data):
    response = client.get("/initiatives/save-the-park/", headers={"accept-language": "ru"})
    assert response.status_code == 302
    assert response["Location"] == "/ru/initiatives/save-the-park/"
    assert client.get("/map/?theme=ecology")["Location"] == "/en/map/?theme=ecology"


def switcher_links(response):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', response.content.decode(), re.S).group(0)
    return dict(re.findall(r'href="([^"]+)" hreflang="(\w+)"', nav)[i][::-1] for i in range(2))


def test_the_switcher_keeps_the_record_and_the_filters(client, site_data):
    response = client.get(url_in("en", "activism:initiative-list") + "?theme=ecology&q=park&page=1")
    links = switcher_links(response)
    assert links["ru"] == "/ru/initiatives/?theme=ecology&amp;q=park&amp;page=1"
    assert links["kk"] == "/kk/initiatives/?theme=ecology&amp;q=park&amp;page=1"
    detail = client.get(absolute_url_in("kk", site_data["park"]))
    assert switcher_links(detail) == {"ru": "/ru/initiatives/save-the-park/", "en": "/en/initiatives/save-the-park/"}


def test_every_page_lists_its_other_languages_in_the_head(client, site_data):
    content = client.get(absolute_url_in("ru", site_data["park"])).content.decode()
    for language in LANGUAGES:
        assert (
            f'<link rel="alternate" hreflang="{language}" '
            f'href="http://testserver/{language}/initiatives/save-the-park/">' in content
        )
    assert 'hreflang="x-default" href="http://testserver/en/initiatives/save-the-park/"' in content


def test_records_show_their_text_in_the_page_language(client, site_data):
    park = site_data["park"]
    park.name_ru, park.summary_ru, park.description_ru = "Спасём парк", "Жители защищают парк.", "Текст."
    park.save()
    content = client.get(absolute_url_in("ru", park)).content.decode()
    assert "<h1>Спасём парк</h1>" in content
    assert "Жители защищают парк." in content
    assert "not yet available" not in content and "translation-note" not in content


def test_missing_text_falls_back_with_a_note_and_never_an_empty_title(client, site_data):
    only_russian = make_initiative("placeholder", slug="only-russian")
    only_russian.name_en = only_russian.summary_en = ""
    only_russian.name_ru, only_russian.summary_ru = "Только по-русски", "Описание по-русски."
    only_russian.save()
    response = client.get(absolute_url_in("en", only_russian))
    content = response.content.decode()
    assert "<h1>Только по-русски</h1>" in content
    assert 'class="translation-note"' in content and "Russian" in content
    kazakh_page = client.get(absolute_url_in("kk", site_data["park"])).content.decode()
    assert "<h1>Save the Park</h1>" in kazakh_page  # the English name, as kk has none
    assert 'class="translation-note"' in kazakh_page
    listing = client.get(url_in("en", "activism:initiative-list")).content.decode()
    assert "Только по-русски" in listing


@pytest.mark.parametrize(
    ("query", "field", "text"),
    [
        ("парк", "name_ru", "Защитим Парк"),
        ("ПАРК", "name_ru", "защитим парк"),
        ("әйелдер", "name_kk", "Әйелдер Құқығы"),
        ("құқығы", "summary_kk", "Әйелдер ҚҰҚЫҒЫ үшін"),
        ("іс-шара", "description_kk", "Бұл ІС-ШАРА Алматыда өтті."),
        ("almaty park", "name_en", "Park of Almaty"),
    ],
)
def test_search_folds_case_in_every_script(client, site_data, query, field, text):
    initiative = site_data["online"]
    setattr(initiative, field, text)
    initiative.save()
    for language in LANGUAGES:
        response = client.get(url_in(language, "activism:initiative-list"), {"q": query})
        # Others may match too: "парк" finds "Save the Park" through its Latin spelling (tests/test_search.py).
        assert "online-petition" in [found.slug for found in response.context["page_obj"]], (language, query)


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_filters_map_and_popups_speak_the_page_language(client, site_data, language):
    almaty = site_data["almaty"]
    setattr(almaty, f"name_{language}", {"ru": "Алматы", "kk": "Алматы қаласы"}[language])
    almaty.save()
    ecology = site_data["ecology"]
    setattr(ecology, f"name_{language}", {"ru": "Экология", "kk": "Экология тақырыбы"}[language])
    ecology.save()
    response = client.get(url_in(language, "activism:map"))
    markers = map_markers(response)
    assert getattr(almaty, f"name_{language}") in markers
    assert markers[getattr(almaty, f"name_{language}")]["url"].startswith(f"/{language}/cities/")
    content = response.content.decode()
    assert f">{getattr(ecology, f'name_{language}')}</option>" in content
    with translation.override(language):
        assert translation.gettext("Theme") in content
        assert translation.gettext("Theme") != "Theme"


def test_dates_are_formatted_per_language(client, site_data):
    post = site_data["post"]
    post.published_at = datetime(2025, 3, 8, 12, 0, tzinfo=timezone.get_current_timezone())
    post.save()
    # British English, Russian's genitive month, Kazakh's month in lower case within a date (see tests/test_dates.py).
    assert "8 March 2025" in client.get(absolute_url_in("en", post)).content.decode()
    assert "8 марта 2025" in client.get(absolute_url_in("ru", post)).content.decode()
    assert "2025 ж. 8 наурыз" in client.get(absolute_url_in("kk", post)).content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_feed_is_in_each_language(client, site_data, language):
    post = site_data["post"]
    post.title_kk, post.title_ru = "Саябақтар мен адамдар", "Парки и люди"
    post.save()
    response = client.get(url_in(language, "activism:post-feed"))
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == language
    expected = {"kk": "Саябақтар мен адамдар", "ru": "Парки и люди", "en": "Parks and people"}[language]
    assert [item.findtext("title") for item in channel.findall("item")] == [expected]
    assert channel.findall("item")[0].findtext("link").startswith(f"http://testserver/{language}/blog/")


def test_the_sitemap_lists_every_language_with_alternates(client, site_data):
    content = client.get(reverse("sitemap")).content.decode()
    for language in LANGUAGES:
        assert f"<loc>http://testserver/{language}/initiatives/save-the-park/</loc>" in content
        assert f'hreflang="{language}" href="http://testserver/{language}/initiatives/save-the-park/"' in content
    assert 'hreflang="x-default"' in content
    assert "secret-draft-initiative" not in content


def test_the_admin_edits_the_three_languages_on_one_page(admin_client, site_data):
    content = admin_client.get(
        reverse("admin:activism_initiative_change", args=[site_data["park"].pk])
    ).content.decode()
    for field in ["name", "summary", "description", "image_alt"]:
        for language in LANGUAGES:
            assert f'name="{field}_{language}"' in content


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_the_interface_catalogue_is_complete(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert not catalogue.metadata_is_fuzzy
    assert catalogue.metadata["Language"] == language
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
    assert len(catalogue) > 200


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_the_compiled_catalogue_matches_the_source(language):
    folder = LOCALE / language / "LC_MESSAGES"
    compiled = {
        (entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural
        for entry in polib.mofile(str(folder / "django.mo"))
    }
    source = {
        (entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural
        for entry in polib.pofile(str(folder / "django.po")).translated_entries()
    }
    assert compiled == source, "run: python manage.py compilemessages"


def test_kazakh_text_uses_kazakh_letters():
    catalogue = polib.pofile(str(LOCALE / "kk" / "LC_MESSAGES" / "django.po"))
    text = " ".join(entry.msgstr for entry in catalogue)
    assert set("әғқңөұүі") <= set(text.lower())


def test_numbers_are_formatted_per_language(client, site_data):
    almaty = site_data["almaty"]
    almaty.population = 2200000
    almaty.save()
    assert "2,200,000" in client.get(absolute_url_in("en", almaty)).content.decode()
    assert "2\xa0200\xa0000" in client.get(absolute_url_in("ru", almaty)).content.decode()
    assert "2\xa0200\xa0000" in client.get(absolute_url_in("kk", almaty)).content.decode()
