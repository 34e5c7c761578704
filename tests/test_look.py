"""The site's look: its own font, its wordmark, pictures on the lists, and names that make sense read aloud."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

from .conftest import image_upload, make_initiative, make_post, queries_for

KAZAKH_LETTERS = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
FONT_CSS = "vendor/fonts/inter/inter.css"


@pytest.fixture
def static_files_served(settings):
    """WhiteNoise serves the static files from the app folders, as under runserver, with no collectstatic."""
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True


def font_faces(css):
    return re.findall(r"@font-face\s*{(.*?)}", css, re.S)


def covers(unicode_range, character):
    code = ord(character)
    for part in unicode_range.split(","):
        start, _, end = part.strip().removeprefix("U+").partition("-")
        if int(start, 16) <= code <= int(end or start, 16):
            return True
    return False


def test_every_page_links_the_font_and_the_font_files_are_served(client, site_data, static_files_served):
    page = client.get(reverse("activism:home")).content.decode()
    assert f'<link rel="stylesheet" href="{static(FONT_CSS)}">' in page
    assert page.index(static(FONT_CSS)) < page.index(static("css/site.css"))  # the site's rules may use it
    css = client.get(static(FONT_CSS))
    assert css.status_code == 200
    css = b"".join(css.streaming_content).decode()
    faces = font_faces(css)
    files = {re.search(r'url\("([^"]+)"\)', face).group(1) for face in faces}
    assert len(faces) == len(files) == 16  # Latin, Latin Extended, Cyrillic, Cyrillic Extended; 400, 600, 700, italic
    for face in faces:
        assert "font-display: swap" in face and "unicode-range" in face
    for name in files:
        assert name.endswith(".woff2") and "/" not in name  # beside the CSS, never from another server
        response = client.get(static(f"vendor/fonts/inter/{name}"))
        assert response.status_code == 200, name
        assert b"".join(response.streaming_content).startswith(b"wOF2"), name
    assert finders.find("vendor/fonts/inter/LICENSE")
    site_css = Path(finders.find("css/site.css")).read_text(encoding="utf-8")
    assert re.search(r'--font: "Inter",', site_css)


def test_the_font_has_every_kazakh_letter_in_each_weight():
    css = Path(finders.find(FONT_CSS)).read_text(encoding="utf-8")
    ranges = {}
    for face in font_faces(css):
        weight_and_style = (
            re.search(r"font-weight: (\d+)", face).group(1),
            re.search(r"font-style: (\w+)", face).group(1),
        )
        ranges.setdefault(weight_and_style, []).append(re.search(r"unicode-range: ([^;]+);", face).group(1))
    assert set(ranges) == {("400", "normal"), ("400", "italic"), ("600", "normal"), ("700", "normal")}
    for faces in ranges.values():
        for letter in KAZAKH_LETTERS + "ёЁ№":
            assert any(covers(unicode_range, letter) for unicode_range in faces), letter


def test_the_header_shows_the_wordmark_and_names_the_site_for_screen_readers(client, site_data):
    page = client.get(reverse("activism:about")).content.decode()
    home_link = re.search(r'<a class="site-name".*?</a>', page, re.S).group(0)
    assert f'<img class="site-name__wordmark" src="{static("img/caiss-wordmark.svg")}" alt=""' in home_link
    assert '<span class="visually-hidden">CAISS Activist Map</span>' in home_link
    assert f'<link rel="icon" href="{static("img/favicon.svg")}" type="image/svg+xml">' in page
    for name in ["img/caiss-wordmark.svg", "img/favicon.svg"]:
        svg = Path(finders.find(name)).read_text(encoding="utf-8")
        assert "<script" not in svg and "style=" not in svg and "href" not in svg, name  # nothing the CSP would block


def test_the_demo_notice_link_says_where_it_leads(client, site_data):
    notice = re.search(r'<p class="demo-notice">.*?</p>', client.get(reverse("activism:home")).content.decode(), re.S)
    [link_text] = re.findall(r'<a href="[^"]*#demo-data">([^<]+)</a>', notice.group(0))
    assert link_text == "Read more about the demonstration data"


def pictures_on(client, url):
    return re.findall(r"<picture>.*?</picture>", client.get(url).content.decode(), re.S)


def test_initiative_cards_and_the_blog_list_show_the_records_images_in_a_fixed_number_of_queries(client, site_data):
    lists = [
        reverse("activism:initiative-list"),
        reverse("activism:post-list"),
        site_data["ecology"].get_absolute_url(),
    ]

    def add_records_with_images(numbers):
        for number in numbers:
            make_initiative(
                f"Pictured Group {number}",
                themes=[site_data["ecology"]],
                image=image_upload(f"group-{number}.png", size=(800, 450)),
                image_alt=f"The members of group {number}",
            )
            make_post(
                f"Pictured Post {number}",
                author=site_data["author"],
                cover_image=image_upload(f"post-{number}.png", size=(800, 450)),
                cover_image_alt=f"The cover of post {number}",
            )

    add_records_with_images(range(2))
    with_two = {url: queries_for(client, url) for url in lists}
    add_records_with_images(range(2, 6))
    assert {url: queries_for(client, url) for url in lists} == with_two

    for url, alt in [(lists[0], "The members of group"), (lists[1], "The cover of post"), (lists[2], "The members of")]:
        pictures = pictures_on(client, url)
        assert len(pictures) == 6, url
        for picture in pictures:
            assert '<source type="image/webp"' in picture and f'alt="{alt}' in picture, url
    card = re.search(
        r'<article class="card card--with-image">.*?</article>', client.get(lists[0]).content.decode(), re.S
    )
    assert "<picture>" in card.group(0)


def test_records_without_images_get_no_empty_picture(client, site_data):
    for url in [reverse("activism:initiative-list"), reverse("activism:post-list")]:
        page = client.get(url).content.decode()
        assert "<picture>" not in page and "card__image" not in page and "post-summary__image" not in page, url
