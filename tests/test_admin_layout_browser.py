"""The admin's forms and lists as an Editor sees them in Chromium at 1366 pixels: nothing wider than the window, in
each language; the three languages of a text as tabs; the Markdown preview. Screenshots go to /tmp/forms-shots/."""

import os
from urllib.parse import urlsplit

import pytest
import reversion
from django.conf import settings
from django.urls import reverse

from .conftest import make_city, make_event, make_initiative, make_post, make_region, make_staff
from .test_browser import browser_page, log_in_to_the_admin  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("CAISS_SCREENSHOTS", "/tmp/forms-shots")
WIDTH = 1366
TABS = "xpath=ancestor::div[contains(concat(' ', @class, ' '), ' ui-tabs ')][1]"  # a field's tabs


@pytest.fixture
def records(roles):
    """One record of each kind, with long texts, sources and links: what makes a form or a list wide."""
    city = make_city("Ust-Kamenogorsk", make_region("East Kazakhstan Region"))
    initiative = make_initiative(
        "Public Council for the Protection of the Ile-Alatau National Park and the Kok-Zhailau Tract",
        cities=[city],
        summary="A coalition of residents, ecologists and lawyers that contests the ski resort planned in the park.",
        description="## History\n\nStarted in **2011**; see [the petition](https://example.org/petition).",
    )
    initiative.links.create(url="https://www.facebook.com/groups/a-rather-long-group-name-for-the-coalition")
    initiative.sources.create(
        title="Residents of Almaty oppose the ski resort in the Kok-Zhailau tract, a long headline",
        url="https://news.example.org/2019/06/12/residents-of-almaty-oppose-the-ski-resort-in-kok-zhailau",
        publisher="Vlast.kz",
        published_on="2019-06-12",
    )
    event = make_event("Picket against the ski resort in the Kok-Zhailau tract", city=city, initiatives=[initiative])
    post = make_post("Notes from the field: a year with the Kok-Zhailau coalition")
    user = make_staff("editor", "Editor")
    user.device = user.totpdevice_set.create(name="default", confirmed=True)
    return {"initiative": initiative, "event": event, "blogpost": post, "city": city, "editor": user}


def admin_pages(records):
    """Each page of the test: the add and change forms and the list of each record kind."""
    pages = []
    for name in ["initiative", "event", "blogpost", "city"]:
        record = records[name]
        pages.append((f"{name}-list", reverse(f"admin:activism_{name}_changelist")))
        pages.append((f"{name}-add", reverse(f"admin:activism_{name}_add")))
        pages.append((f"{name}-change", reverse(f"admin:activism_{name}_change", args=[record.pk])))
    return pages


def use_language(page, live_server, language):
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])


def test_forms_and_lists_fit_1366_pixels_in_every_language(live_server, records, browser_page):  # noqa: F811
    page = browser_page
    page.set_viewport_size({"width": WIDTH, "height": 900})
    # A researcher abroad: the admin then notes under each date that the browser's clock differs from the server's,
    # which once pushed the sources' table past the page in Russian and Kazakh.
    page.context.new_cdp_session(page).send("Emulation.setTimezoneOverride", {"timezoneId": "Europe/Berlin"})
    log_in_to_the_admin(page, live_server, records["editor"])
    page.requested = []
    page.on("request", lambda request: page.requested.append(request.url))
    os.makedirs(SHOTS, exist_ok=True)
    too_wide = []
    for language in ["en", "ru", "kk"]:
        use_language(page, live_server, language)
        for name, url in admin_pages(records):
            page.goto(live_server.url + url)
            assert page.locator("html").get_attribute("lang") == language
            page.screenshot(path=f"{SHOTS}/{name}-{language}.png", full_page=True)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > WIDTH:
                too_wide.append((name, language, width))
            if name.endswith("-list"):
                # Every column of the list shows: the results table is no wider than its box.
                hidden = page.evaluate(
                    """(() => { const box = document.querySelector('#changelist .results');
                         return box ? box.scrollWidth - box.clientWidth : 0; })()"""
                )
                if hidden > 0:
                    too_wide.append((name + " columns", language, hidden))
    assert too_wide == [], too_wide
    # Nothing from other servers (jQuery UI is served from the site) but the city map's tiles.
    tiles = urlsplit(settings.MAP_TILES_URL).netloc
    assert [url for url in page.blocked_requests if urlsplit(url).netloc != tiles] == []
    assert any(urlsplit(url).path.endswith("/jquery-ui.tabs.js") for url in page.requested)
    assert page.errors == [], page.errors


def test_the_languages_of_a_text_are_tabs_and_an_error_opens_its_tab(live_server, records, browser_page):  # noqa: F811
    page = browser_page
    page.set_viewport_size({"width": WIDTH, "height": 900})
    log_in_to_the_admin(page, live_server, records["editor"])
    initiative = records["initiative"]
    page.goto(live_server.url + reverse("admin:activism_initiative_change", args=[initiative.pk]))

    tabs = page.locator(".field-summary_en").locator(TABS)
    assert tabs.locator(".ui-tabs-nav li").all_inner_texts() == ["KK", "RU", "EN"]
    assert page.locator("#id_summary_en").is_visible()
    assert not page.locator("#id_summary_ru").is_visible()
    # The switch that turns every field to one language says so, and starts on the language the tabs opened in.
    switch = page.locator("#modeltranslation-main-switch")
    assert switch.get_attribute("aria-label") == "Language of the tabs"
    assert switch.evaluate("select => select.selectedOptions[0].textContent") == "en"
    # The Kazakh and Russian summaries are empty: their tabs say so; typing in one clears its mark.
    assert tabs.locator("li.mt-empty").all_inner_texts() == ["KK", "RU"]
    tabs.get_by_role("tab", name="RU").click()
    assert page.locator("#id_summary_ru").is_visible()
    assert not page.locator("#id_summary_en").is_visible()
    page.fill("#id_summary_ru", "Коалиция жителей, экологов и юристов.")
    assert tabs.locator("li.mt-empty").all_inner_texts() == ["KK"]
    page.screenshot(path=f"{SHOTS}/tabs-ru.png")
    # By keyboard too: the tab has the focus and the arrow keys.
    tabs.get_by_role("tab", name="RU").focus()
    page.keyboard.press("ArrowLeft")
    page.locator("#id_summary_kk").wait_for(state="visible")  # jQuery UI waits a moment before switching
    assert not page.locator("#id_summary_ru").is_visible()
    switch.select_option(label="ru")  # every field to Russian at once
    assert page.locator("#id_name_ru").is_visible()
    assert page.locator("#id_description_ru").is_visible()
    assert not page.locator("#id_summary_kk").is_visible()

    # In the Russian admin, the English name emptied and saved: the page comes back with the name's English tab open
    # and marked, the other texts in Russian.
    use_language(page, live_server, "ru")
    page.reload()
    page.locator(".field-name_en").locator(TABS).get_by_role("tab", name="EN").click()
    page.fill("#id_name_en", "")
    page.click("input[name=_continue]")
    page.locator(".errornote").wait_for()
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator("#id_name_en").is_visible()
    assert not page.locator("#id_name_ru").is_visible()
    assert page.locator("#id_summary_ru").is_visible()
    name_tabs = page.locator(".field-name_en").locator(TABS)
    assert name_tabs.locator("li.ui-tab-has-errors").all_inner_texts() == ["EN"]
    page.screenshot(path=f"{SHOTS}/tabs-error.png")
    assert page.blocked_requests == []
    assert page.errors == [], page.errors


def test_the_markdown_preview_shows_the_text_as_the_public_page_does(live_server, records, browser_page):  # noqa: F811
    page = browser_page
    page.set_viewport_size({"width": WIDTH, "height": 900})
    log_in_to_the_admin(page, live_server, records["editor"])
    initiative = records["initiative"]
    page.goto(live_server.url + reverse("admin:activism_initiative_change", args=[initiative.pk]))

    page.fill("#id_description_en", "## Aims\n\nA **park** for all. <script>window.ran = true</script>")
    row = page.locator(".field-description_en")
    row.get_by_role("button", name="Preview").click()
    preview = row.locator(".markdown-preview")
    preview.locator("h2").wait_for()
    assert preview.locator("h2").inner_text() == "Aims"
    assert preview.locator("strong").inner_text() == "park"
    assert preview.locator("script").count() == 0
    assert page.evaluate("window.ran") is None
    page.screenshot(path=f"{SHOTS}/markdown-preview.png", full_page=True)
    row.get_by_role("button", name="Hide the preview").click()
    assert not preview.is_visible()
    assert urlsplit(page.url).path == reverse("admin:activism_initiative_change", args=[initiative.pk])
    assert page.blocked_requests == []
    assert page.errors == [], page.errors


@pytest.fixture
def two_versions(records):
    """Two versions of the initiative, the second with a long line and a long address."""
    initiative = records["initiative"]
    for description in ["A short first text.", "A long second text, " * 40 + "https://example.org/" + "x" * 200]:
        with reversion.create_revision():
            initiative.description = description
            initiative.save()
    return initiative


def test_the_version_comparison_wraps_long_lines(live_server, records, two_versions, browser_page):  # noqa: F811
    initiative = two_versions
    page = browser_page
    page.set_viewport_size({"width": WIDTH, "height": 900})
    log_in_to_the_admin(page, live_server, records["editor"])
    page.goto(live_server.url + reverse("admin:activism_initiative_history", args=[initiative.pk]))
    page.locator("#change-history input[type=submit]").click()
    page.locator("pre.highlight").first.wait_for()
    page.screenshot(path=f"{SHOTS}/compare.png", full_page=True)
    headings = page.locator("#content-main h3").all_inner_texts()
    assert headings == ["description [en]"]
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    assert page.errors == [], page.errors
