"""Sharing and citing: the embeddable map (the one page other sites may frame), the framing rules of every other
page, the share links, the citation blocks and the print style sheet."""

import html
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import dateformat, timezone, translation

from activism.models import BlogPost, Initiative

from .test_public_pages import map_markers, public_urls

pytestmark = pytest.mark.django_db

SHARE_HOSTS = ["t.me", "wa.me", "www.facebook.com", "twitter.com", "vk.com"]


def directives(response):
    """The Content-Security-Policy as {directive: [sources]}."""
    policy = response["Content-Security-Policy"]
    return {name: sources for name, *sources in (part.split() for part in policy.split(";") if part.strip())}


def embed_code(response):
    """The code the map page's "Embed this map" box offers, as a person copies it from the text box."""
    match = re.search(r'<textarea id="embed-code"[^>]*>(.*?)</textarea>', response.content.decode(), re.S)
    assert match, "the page has no embed code"
    return html.unescape(match.group(1))


def iframe_src(code):
    match = re.fullmatch(r'<iframe src="([^"]+)" title="[^"]+" width="100%" height="480" [^>]*></iframe>', code)
    assert match, code
    return html.unescape(match.group(1))


def test_the_embedded_map_may_be_framed_by_any_site_and_shows_the_map_alone(client, site_data):
    url = reverse("activism:embed-map") + "?theme=gender-and-feminism"
    response = client.get(url)
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    policy = directives(response)
    assert policy["frame-ancestors"] == ["*"]
    # Otherwise as strict as every public page.
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert response["X-Robots-Tag"] == "noindex"

    content = response.content.decode()
    assert 'class="site-header"' not in content and 'class="site-footer"' not in content
    assert 'class="filter-form"' not in content
    assert 'class="map js-map map--embed"' in content
    # Links open this site in a new tab: the other pages refuse to be framed.
    assert '<base target="_blank">' in content
    assert '<a href="/en/map/?theme=gender-and-feminism" rel="noopener">Open the full map' in content
    # The same markers as the map with the same filters, their popups loading the same fragments.
    embedded = map_markers(response)
    assert embedded == map_markers(client.get(reverse("activism:map") + "?theme=gender-and-feminism"))
    assert set(embedded) == {"Almaty", "Kokshetau"}
    assert embedded["Almaty"]["popup"] == "/en/map/places/city/almaty/?theme=gender-and-feminism"


def test_the_embedded_map_says_when_no_initiative_matches(client, site_data):
    response = client.get(reverse("activism:embed-map") + "?region=ulytau")
    assert response.status_code == 200
    assert "No initiatives match these filters." in response.content.decode()
    assert 'id="map-data"' not in response.content.decode()


def test_every_other_page_and_the_admin_refuse_to_be_framed(client, admin_client, site_data):
    urls = [
        *public_urls(site_data),
        reverse("activism:map-place", args=["city", "almaty"]),
        reverse("activism:open-data"),
        reverse("two_factor:login"),
    ]
    for url in urls:
        response = client.get(url)
        assert response["X-Frame-Options"] == "DENY", url
        assert directives(response)["frame-ancestors"] == ["'none'"], url
    assert client.get("/en/no-such-page/")["X-Frame-Options"] == "DENY"
    # The admin keeps no policy (django-leaflet's widget writes inline script), and refuses to be framed.
    for url in [reverse("admin:index"), reverse("admin:activism_city_add")]:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert response["X-Frame-Options"] == "DENY", url
        assert "Content-Security-Policy" not in response, url


def test_the_embedded_map_served_from_the_page_cache_may_still_be_framed(
    client, site_data, settings, django_assert_num_queries
):
    settings.CAISS_PAGE_CACHE_SECONDS = 600
    cache.clear()
    url = reverse("activism:embed-map")
    first = client.get(url)
    with django_assert_num_queries(0):
        again = client.get(url)
    assert again.content == first.content
    assert "X-Frame-Options" not in again
    assert directives(again)["frame-ancestors"] == ["*"]
    client.get(reverse("activism:map"))
    with django_assert_num_queries(0):
        framed_map = client.get(reverse("activism:map"))
    assert framed_map["X-Frame-Options"] == "DENY"
    assert directives(framed_map)["frame-ancestors"] == ["'none'"]


def test_the_map_page_offers_the_code_to_embed_it_with_its_filters(client, site_data):
    response = client.get(reverse("activism:map") + "?theme=ecology&form=protest&status=active&region=almaty&page=2")
    src = iframe_src(embed_code(response))
    assert src == "http://testserver/en/embed/map/?theme=ecology&form=protest&status=active&region=almaty"
    embedded = client.get(src)
    assert embedded.status_code == 200
    assert set(map_markers(embedded)) == {"Almaty"}

    # Filters the map ignores stay out; without filters the code shows the whole map.
    src = iframe_src(embed_code(client.get(reverse("activism:map") + "?theme=no-such-theme&form=protest")))
    assert src == "http://testserver/en/embed/map/?form=protest"
    response = client.get(reverse("activism:map"))
    assert iframe_src(embed_code(response)) == "http://testserver/en/embed/map/"
    assert '<details class="embed-box">\n  <summary>Embed this map</summary>' in response.content.decode()


def share_links(response):
    """{service: (address, rel)} of the page's share links."""
    block = re.search(r'<section class="share".*?</section>', response.content.decode(), re.S).group(0)
    return {
        name: (html.unescape(href), rel)
        for href, rel, name in re.findall(r'<a href="([^"]+)" rel="([^"]+)">([^<]+)</a>', block)
    }


@pytest.mark.parametrize(("record", "title_field"), [("park", "name"), ("post", "title")])
def test_record_pages_have_plain_encoded_share_links(client, site_data, record, title_field):
    record = site_data[record]
    type(record).objects.filter(pk=record.pk).update(**{title_field: "Parks & people?"})
    response = client.get(record.get_absolute_url())
    url = f"http%3A%2F%2Ftestserver{record.get_absolute_url().replace('/', '%2F')}"
    title = "Parks%20%26%20people%3F"
    assert share_links(response) == {
        "Telegram": (f"https://t.me/share/url?url={url}&text={title}", "noopener noreferrer"),
        "WhatsApp": (f"https://wa.me/?text={title}%20{url}", "noopener noreferrer"),
        "Facebook": (f"https://www.facebook.com/sharer/sharer.php?u={url}", "noopener noreferrer"),
        "X": (f"https://twitter.com/intent/tweet?url={url}&text={title}", "noopener noreferrer"),
        "VK": (f"https://vk.com/share.php?url={url}", "noopener noreferrer"),
        "E-mail": (f"mailto:?subject={title}&body={url}", "noopener noreferrer"),
    }
    # Nothing is loaded from these services: no script, style, image or frame of theirs.
    content = response.content.decode()
    loaded = re.findall(r'<(?:script|img|iframe|link|source)\b[^>]*\b(?:src|href|srcset)="([^"]+)"', content)
    assert loaded
    assert not [address for address in loaded if any(host in address for host in SHARE_HOSTS)]


def cite_block(response):
    block = re.search(r'<section class="cite".*?</section>', response.content.decode(), re.S).group(0)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", block)).split())


def today(date_format="F j, Y"):
    return dateformat.format(timezone.localdate(), date_format)


def test_the_initiative_page_says_how_to_cite_it(client, site_data):
    park = site_data["park"]
    Initiative.objects.filter(pk=park.pk).update(updated_at=datetime(2024, 3, 5, 12, tzinfo=UTC))
    text = cite_block(client.get(park.get_absolute_url()))
    url = "http://testserver/en/initiatives/save-the-park/"
    assert text.startswith("Cite this record")
    assert (
        "APA Central Asia Institute for Strategic Studies (CAISS). (2024, March 5). Save the Park. "
        f"CAISS Activist Map. Retrieved {today()}, from {url}"
    ) in text
    assert (
        "Plain text Central Asia Institute for Strategic Studies (CAISS), “Save the Park”, CAISS Activist Map, "
        f"{url} (accessed {today()})."
    ) in text
    assert "<i>Save the Park</i>" in client.get(park.get_absolute_url()).content.decode()


def test_the_post_page_says_how_to_cite_it_with_its_author(client, site_data):
    post = site_data["post"]
    BlogPost.objects.filter(pk=post.pk).update(published_at=datetime(2025, 11, 20, 9, tzinfo=UTC))
    response = client.get(post.get_absolute_url())
    text = cite_block(response)
    url = f"http://testserver{post.get_absolute_url()}"
    assert text.startswith("Cite this post")
    assert (
        f"APA Aigerim Demo. (2025, November 20). Parks and people. CAISS Activist Map. Retrieved {today()}, from {url}"
    ) in text
    assert f"Plain text Aigerim Demo, “Parks and people”, CAISS Activist Map, {url} (accessed {today()})." in text
    assert "<i>CAISS Activist Map</i>" in response.content.decode()


def test_the_date_of_access_is_in_the_page_language(client, site_data):
    park = site_data["park"]
    text = cite_block(client.get(f"/ru/initiatives/{park.slug}/"))
    assert f"http://testserver/ru/initiatives/{park.slug}/" in text
    with translation.override("ru"):
        month = {today("F"), today("E")}  # the month's name as it stands alone and in a date
    assert [name for name in month if name in text]
    with translation.override("en"):
        assert today("F") not in text  # not the English name


def test_every_page_prints_with_the_print_style_sheet(client, site_data):
    for url in [reverse("activism:home"), reverse("activism:map"), site_data["park"].get_absolute_url()]:
        content = client.get(url).content.decode()
        assert '<link rel="stylesheet" href="/static/css/print.css" media="print">' in content, url
    print_css = (Path(settings.BASE_DIR) / "static" / "css" / "print.css").read_text()
    assert 'a[href^="http"]::after' in print_css and 'content: " (" attr(href) ")"' in print_css
    hidden = re.search(r"([^{}]+)\{\s*display: none !important;", print_css).group(1)
    for selector in [".map", ".site-nav", ".language-switcher", ".filter-form", ".share", ".embed-box"]:
        assert selector in hidden.replace(",", " ").split(), selector


def test_a_staff_preview_offers_no_share_links(admin_client, site_data):
    for record in ["draft", "draft_post"]:
        content = admin_client.get(site_data[record].get_preview_url()).content.decode()
        assert 'class="share"' not in content and "t.me/share" not in content, record
        assert 'class="cite"' in content, record
