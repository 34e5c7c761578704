"""The public map in a real browser: Debian's Chromium driven by Playwright."""

import os
import shutil
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from threading import Thread
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from activism.models import City

from .conftest import authenticator_code, make_city, make_event, make_initiative, make_region, make_theme

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_page(live_server):
    """A Chromium page that reaches only the live server. Set up the data before it: Playwright's event loop
    runs in this thread, and Django would give database work done inside it a connection of its own."""
    if not os.path.exists(CHROMIUM):
        reason = f"Chromium not found at {CHROMIUM}: install Debian's chromium package to run the browser tests"
        if os.environ.get("CAISS_REQUIRE_BROWSER"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        live_host = urlsplit(live_server.url).netloc
        blocked = []

        def only_this_site(route):
            # Map tiles would come from OpenStreetMap; the test stays offline and notes every outside request.
            if urlsplit(route.request.url).netloc == live_host:
                route.continue_()
            else:
                blocked.append(route.request.url)
                route.fulfill(status=204)

        page.route("**/*", only_this_site)
        errors = []
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.blocked_requests = blocked
        page.errors = errors
        yield page
        browser.close()


@pytest.fixture
def map_site():
    region = make_region("Almaty", kind="city")
    other = make_region("Karaganda")
    theme = make_theme("Ecology", color="#2e8b57")
    almaty = make_city("Almaty", region, "43.238949", "76.889709")
    # Two cities close together so they cluster at the country-wide zoom.
    karaganda = make_city("Karaganda", other, "49.806406", "73.085485")
    temirtau = make_city("Temirtau", other, "50.054942", "72.964825")
    make_initiative("Save the Park", cities=[almaty], themes=[theme])
    make_initiative("Steel Workers Voice", cities=[karaganda, temirtau], themes=[theme])
    make_initiative("Clean Air Karaganda", cities=[karaganda], themes=[theme])
    make_initiative("Hidden Draft", cities=[almaty], themes=[theme], published=False)


def test_map_shows_clusters_and_popups_that_load_the_initiatives_of_a_place(live_server, map_site, browser_page):
    page = browser_page
    response = page.goto(live_server.url + reverse("activism:map"))
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    page.wait_for_selector(".map--ready .leaflet-marker-icon")

    # Karaganda (2) and Temirtau (1) are one cluster at the national zoom level: it sums its places' counts, so the
    # initiative working in both counts twice.
    cluster = page.locator(".marker-cluster")
    assert cluster.count() == 1
    assert cluster.first.inner_text().strip() == "3"

    page.locator(".leaflet-marker-icon:not(.marker-cluster)").first.click()
    popup = page.locator(".leaflet-popup-content")
    popup.locator(".map-popup__list li").first.wait_for()  # loaded when the popup opened
    assert "1 initiative here" in popup.inner_text()
    assert "Save the Park" in popup.inner_text()
    assert "Hidden Draft" not in popup.inner_text()

    popup.get_by_role("link", name="Save the Park").click()
    page.wait_for_url("**/initiatives/save-the-park/")
    assert page.locator("h1").inner_text() == "Save the Park"
    assert page.errors == [], page.errors  # no script errors, no Content-Security-Policy violations


def test_clicking_a_cluster_zooms_in_to_its_cities(live_server, map_site, browser_page):
    page = browser_page
    page.goto(live_server.url + reverse("activism:map"))
    page.wait_for_selector(".map--ready .marker-cluster")
    page.locator(".marker-cluster").first.click()
    page.locator(".marker-cluster").first.wait_for(state="detached")
    page.locator(".leaflet-marker-icon", has_text="2").first.click()
    popup = page.locator(".leaflet-popup-content")
    popup.locator(".map-popup__list li").first.wait_for()
    assert "Karaganda" in popup.inner_text()
    assert "Clean Air Karaganda" in popup.inner_text()
    assert "Steel Workers Voice" in popup.inner_text()
    assert page.errors == [], page.errors
    assert page.blocked_requests, "the map asked for no tiles"
    outside = [url for url in page.blocked_requests if not url.startswith("https://tile.openstreetmap.org/")]
    assert outside == []


def test_a_popup_whose_list_cannot_load_links_to_the_list(live_server, map_site, browser_page):
    page = browser_page
    page.route("**/map/places/**", lambda route: route.fulfill(status=503, body="Unavailable"))
    page.goto(live_server.url + reverse("activism:map") + "?theme=ecology")
    page.wait_for_selector(".map--ready .leaflet-marker-icon")
    page.locator(".leaflet-marker-icon:not(.marker-cluster)").first.click()
    fallback = page.locator(".leaflet-popup-content").get_by_role("link", name="See these initiatives in the list")
    fallback.wait_for()
    assert fallback.get_attribute("href") == "/en/initiatives/?city=almaty&theme=ecology"


@pytest.fixture
def two_theme_map(map_site):
    """The map site with a second theme, in Karaganda only."""
    labour = make_theme("Labour rights", color="#8a3b00")
    karaganda = City.objects.get(slug="karaganda")
    make_initiative("Miners Union", cities=[karaganda], themes=[labour])


def wait_for_markers(page, count):
    """Wait until the map shows this many markers and clusters (the page's own script may not be evaluated: CSP)."""
    from playwright.sync_api import expect

    expect(page.locator(".leaflet-marker-icon")).to_have_count(count)


def marker_labels(page):
    return sorted(page.locator(".leaflet-marker-icon").evaluate_all("icons => icons.map(i => i.textContent)"))


def test_a_filter_changes_the_markers_and_the_address_without_a_reload_and_back_restores_them(
    live_server, two_theme_map, browser_page
):
    page = browser_page
    page.goto(live_server.url + reverse("activism:map"))
    page.wait_for_selector(".map--ready .leaflet-marker-icon")
    page.evaluate("window.stillThisPage = true")
    before = marker_labels(page)
    assert before == ["1", "4"]  # Almaty, and the Karaganda cluster

    page.select_option("#id_theme", "labour-rights")
    page.wait_for_url("**/en/map/?theme=labour-rights")
    wait_for_markers(page, 1)
    assert marker_labels(page) == ["1"]
    assert page.locator("#results-heading").inner_text() == "1 initiative"
    assert page.locator("#filter-toggle").inner_text() == "Filters (1)"
    legend = page.locator(".map-legend__link[aria-current=true]")
    assert legend.inner_text().strip() == "Labour rights"
    assert page.evaluate("window.stillThisPage") is True  # no reload

    page.go_back()
    page.wait_for_url(live_server.url + reverse("activism:map"))
    wait_for_markers(page, 2)
    assert marker_labels(page) == before
    assert page.locator("#id_theme").input_value() == ""
    assert page.locator("#results-heading").inner_text() == "4 initiatives"

    # A legend link filters the same way.
    page.locator(".map-legend__link", has_text="Ecology").click()
    page.wait_for_url("**/en/map/?theme=ecology")
    wait_for_markers(page, 2)
    assert page.locator("#id_theme").input_value() == "ecology"
    assert page.evaluate("window.stillThisPage") is True
    assert page.errors == [], page.errors


def test_an_empty_result_is_said_over_the_map(live_server, two_theme_map, browser_page):
    page = browser_page
    page.goto(live_server.url + reverse("activism:map") + "?theme=labour-rights&region=almaty")
    notice = page.locator(".map-stage__notice")
    assert "No initiatives match these filters." in notice.inner_text()
    notice_box, map_box = notice.bounding_box(), page.locator("#map").bounding_box()
    assert map_box["y"] < notice_box["y"] < map_box["y"] + map_box["height"]  # on top of the map
    page.wait_for_selector(".map--ready")
    page.evaluate("window.stillThisPage = true")
    notice.get_by_role("link", name="Clear the filters").click()
    page.wait_for_url(live_server.url + reverse("activism:map"))
    page.wait_for_selector(".map--ready .leaflet-marker-icon")
    assert page.locator(".map-stage__notice").count() == 0
    assert page.evaluate("window.stillThisPage") is True
    assert page.errors == [], page.errors


def test_a_marker_opens_with_enter_and_escape_closes_its_popup_and_returns_focus(live_server, map_site, browser_page):
    page = browser_page
    page.goto(live_server.url + reverse("activism:map"))
    page.wait_for_selector(".map--ready .leaflet-marker-icon")
    marker = page.locator(".leaflet-marker-icon:not(.marker-cluster)").first
    marker.focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content")
    popup.locator(".map-popup__list li").first.wait_for()
    assert "Save the Park" in popup.inner_text()
    page.keyboard.press("Tab")  # into the popup
    page.keyboard.press("Escape")
    popup.wait_for(state="detached")
    assert marker.evaluate("element => element === document.activeElement")
    assert page.errors == [], page.errors


def test_a_result_of_the_initiative_list_shows_in_the_first_screen_of_a_phone(live_server, map_site, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + reverse("activism:initiative-list"))
    first = page.locator(".card").first
    assert first.bounding_box()["y"] < 844
    assert not page.locator("#id_theme").is_visible()  # folded behind "Filters (0)"
    page.locator("#filter-toggle").click()
    assert page.locator("#id_theme").is_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.reload()
    assert page.locator("#id_theme").is_visible()  # open on a wide screen
    assert page.errors == [], page.errors


@pytest.fixture
def years_map(map_site):
    """The map site with an initiative that ended in 2012, in a city of its own, and an event in Almaty in 2016."""
    region = make_region("Shymkent", kind="city")
    shymkent = make_city("Shymkent", region, "42.341685", "69.590103")
    make_initiative("Old Campaign", cities=[shymkent], year_started=2010, year_ended=2012)
    make_event("Rally for the Park", date="2016-05-14", city=City.objects.get(slug="almaty"))


def test_the_year_range_changes_the_markers_and_the_address_without_a_reload_and_back_restores_them(
    live_server, years_map, browser_page
):
    page = browser_page
    page.goto(live_server.url + reverse("activism:map"))
    page.wait_for_selector(".map--ready .leaflet-marker-icon")
    page.evaluate("window.stillThisPage = true")
    wait_for_markers(page, 3)  # Almaty, Shymkent and the Karaganda cluster
    before = marker_labels(page)

    page.fill("#id_from", "2015")
    page.fill("#id_to", "2019")
    page.press("#id_to", "Tab")
    page.wait_for_url("**/en/map/?from=2015&to=2019")
    wait_for_markers(page, 2)  # the campaign in Shymkent ended in 2012
    assert page.locator("#results-heading").inner_text() == "3 initiatives"
    assert "Initiatives active in 2015–2019" in page.locator("#map-results").inner_text()

    page.check("#id_events")
    page.wait_for_url("**/en/map/?from=2015&to=2019&events=1")
    wait_for_markers(page, 3)
    event = page.locator(".leaflet-marker-icon.map-event")
    assert event.count() == 1
    assert event.get_attribute("aria-label") == "Almaty: 1 event"
    event.click()
    popup = page.locator(".leaflet-popup-content")
    popup.locator(".map-popup__list li").first.wait_for()
    assert "Rally for the Park" in popup.inner_text()
    assert page.locator("#events-heading").inner_text() == "1 event in 2015–2019"
    assert page.evaluate("window.stillThisPage") is True  # no reload

    page.go_back()
    page.wait_for_url("**/en/map/?from=2015&to=2019")
    wait_for_markers(page, 2)
    assert not page.locator("#id_events").is_checked()
    assert page.locator(".map-event").count() == 0

    page.go_back()
    page.wait_for_url(live_server.url + reverse("activism:map"))
    wait_for_markers(page, 3)
    assert marker_labels(page) == before
    assert page.locator("#id_from").input_value() == ""
    assert page.locator("#results-heading").inner_text() == "4 initiatives"

    # A range that ends before it starts is said over the filters, and ignored.
    page.fill("#id_from", "2019")
    page.fill("#id_to", "2015")
    page.press("#id_to", "Enter")
    page.wait_for_url("**/en/map/?from=2019&to=2015")
    notice = page.locator("#filter-errors .notice")
    notice.wait_for()
    assert "The year range 2019–2015 ends before it starts." in notice.inner_text()
    wait_for_markers(page, 3)
    assert page.evaluate("window.stillThisPage") is True
    assert page.errors == [], page.errors


@pytest.fixture
def researcher(django_user_model):
    """A superuser with an authenticator app: the test reads the app's codes from its device."""
    make_region("Jambyl")
    user = django_user_model.objects.create_superuser("researcher", "", "a-long-test-password")
    user.device = user.totpdevice_set.create(name="default", confirmed=True)
    return user


def log_in_to_the_admin(page, live_server, user):
    """Username and password, then the code the authenticator app shows now."""
    page.goto(live_server.url + reverse("admin:index"))
    assert urlsplit(page.url).path == reverse("two_factor:login")  # the admin sends people to the login
    page.fill("#id_auth-username", user.username)
    page.fill("#id_auth-password", "a-long-test-password")
    page.get_by_role("button", name="Next").click()
    page.fill("#id_token-otp_token", authenticator_code(user.device))
    page.get_by_role("button", name="Next").click()
    page.wait_for_url(live_server.url + reverse("admin:index"))


def test_a_researcher_logs_in_with_a_code_from_the_authenticator_app(live_server, researcher, browser_page):
    page = browser_page
    log_in_to_the_admin(page, live_server, researcher)
    assert page.locator("h1").inner_text() == "Research records"
    assert page.get_by_role("link", name="Two-factor authentication").is_visible()
    assert page.errors == [], page.errors  # the login pages keep to the Content-Security-Policy too


@pytest.fixture
def another_site():
    """Another website, on 127.0.0.1 (the live server is on localhost: another origin), whose page frames the address
    given in its query string: a real local server, since Chromium blocks a page the test would answer itself (a
    public page, for it) from framing a local one."""

    class FramingPage(BaseHTTPRequestHandler):
        def do_GET(self):
            frame_src = parse_qs(urlsplit(self.path).query)["frame"][0]
            body = f'<!DOCTYPE html><title>News</title><iframe src="{frame_src}" width="800" height="500"></iframe>'
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), FramingPage)
    Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def open_framing_page(page, another_site, frame_src):
    page.route(f"{another_site}/**", lambda route: route.continue_())
    page.goto(f"{another_site}/story?{urlencode({'frame': frame_src})}")


def test_another_site_shows_the_embedded_map_whose_links_open_this_site_in_a_new_tab(
    live_server, map_site, another_site, browser_page
):
    page = browser_page
    open_framing_page(page, another_site, live_server.url + reverse("activism:embed-map") + "?theme=ecology")
    frame = page.frame_locator("iframe")
    frame.locator(".map--ready .leaflet-marker-icon").first.wait_for()
    frame.locator(".leaflet-marker-icon:not(.marker-cluster)").first.click()
    popup = frame.locator(".leaflet-popup-content")
    popup.locator(".map-popup__list li").first.wait_for()  # the same fragment as the map page's popup
    assert "Save the Park" in popup.inner_text()

    with page.context.expect_page() as new_tab:
        popup.get_by_role("link", name="Save the Park").click()
    record = new_tab.value
    record.wait_for_load_state()
    assert urlsplit(record.url).path == "/en/initiatives/save-the-park/"
    assert page.url.startswith(f"{another_site}/story")  # the other site stays where it was
    assert page.errors == [], page.errors  # no script errors, no Content-Security-Policy violations


def test_another_site_cannot_frame_the_map_page(live_server, map_site, another_site, browser_page):
    page = browser_page
    open_framing_page(page, another_site, live_server.url + reverse("activism:map"))
    page.wait_for_timeout(1000)
    assert page.frames[-1].url.startswith("chrome-error:")  # the browser refused to show it
    assert any("frame-ancestors" in error for error in page.errors), page.errors


# axe-core (tests/vendor/axe-core/, MPL-2.0), the accessibility checker: read here, never served by the site.
AXE_SOURCE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"


def main_pages(site_data):
    post = site_data["post"]
    with translation.override("en"):
        english = [
            reverse("activism:home"),
            reverse("activism:map"),
            reverse("activism:initiative-list"),
            site_data["park"].get_absolute_url(),
            reverse("activism:post-list"),
            post.get_absolute_url(),
            reverse("activism:about"),
            reverse("activism:search") + "?q=park",
            reverse("activism:theme-list"),
            reverse("activism:region-list"),
            reverse("activism:city-list"),
            site_data["almaty_region"].get_absolute_url(),
            reverse("activism:suggest"),
            reverse("activism:embed-map"),
        ]
    homes = []
    for language in ("kk", "ru"):
        with translation.override(language):
            homes.append(reverse("activism:home"))
    return english + homes


def serious_accessibility_violations(page):
    """axe's serious and critical findings on the page shown, as 'rule: help (where)' lines."""
    page.evaluate(AXE_SOURCE.read_text())  # evaluated by the test driver, so the page's CSP does not apply
    violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [
        f"{violation['id']}: {violation['help']} ({', '.join(str(node['target']) for node in violation['nodes'][:3])})"
        for violation in violations
        if violation["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize(
    "viewport, color_scheme",
    [
        pytest.param({"width": 1366, "height": 900}, "light", id="desktop-light"),
        pytest.param({"width": 1366, "height": 900}, "dark", id="desktop-dark"),
        pytest.param({"width": 390, "height": 844}, "light", id="phone-light"),
        pytest.param({"width": 390, "height": 844}, "dark", id="phone-dark"),
    ],
)
def test_the_main_pages_have_no_serious_accessibility_violations(
    live_server, site_data, browser_page, viewport, color_scheme
):
    page = browser_page
    page.set_viewport_size(viewport)
    page.emulate_media(color_scheme=color_scheme)
    found = {}
    for path in main_pages(site_data):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        page.wait_for_load_state("load")
        violations = serious_accessibility_violations(page)
        if violations:
            found[path] = violations
    assert found == {}
    assert page.errors == []
