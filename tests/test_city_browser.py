"""Placing a city on the admin's map in Chromium, as an Editor: clicking fills the coordinates before saving, typing
moves the marker, the region and the place search move the map, and the city is saved where it was clicked."""

import json
from pathlib import Path

import pytest
from django.urls import reverse

from .conftest import make_city, make_region, make_staff
from .test_browser import browser_page, log_in_to_the_admin  # noqa: F401 (browser_page is a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/city-shots")


@pytest.fixture
def an_editor(roles):
    user = make_staff("editor", "Editor")
    user.device = user.totpdevice_set.create(name="default", confirmed=True)
    return user


@pytest.fixture
def places():
    almaty_region = make_region("Almaty Region", name_ru="Алматинская область", latitude="44.3", longitude="77.3")
    karaganda_region = make_region("Karaganda Region", latitude="48.3", longitude="74.5")
    make_city("Talgar", almaty_region, "43.3", "77.233333")
    make_city("Konaev", almaty_region, "43.866667", "77.066667")
    make_city("Karaganda", karaganda_region, "49.806406", "73.085485", name_ru="Караганда")


def map_center(page):
    return page.evaluate("() => { const c = window.CaissCityMap.getCenter(); return [c.lat, c.lng]; }")


def typed_point(page):
    return float(page.locator("#id_latitude").input_value()), float(page.locator("#id_longitude").input_value())


def map_point(page):
    """The hidden GeoJSON point the form posts (django-leaflet's PointField), as (latitude, longitude), or None."""
    value = page.locator("input[type=hidden][name=location]").input_value()
    if not value:
        return None
    point = json.loads(value)
    assert point["type"] == "Point"
    longitude, latitude = point["coordinates"]
    return latitude, longitude


def click_map(page, dx, dy):
    """Click the map this many pixels from its middle; returns the point Leaflet puts there."""
    box = page.locator("#city-map").bounding_box()
    x, y = box["width"] / 2 + dx, box["height"] / 2 + dy
    page.mouse.click(box["x"] + x, box["y"] + y)
    return page.evaluate(
        "(xy) => { const p = window.CaissCityMap.containerPointToLatLng(xy); return [p.lat, p.lng]; }", [x, y]
    )


def marker_offset(page, latitude, longitude):
    """How far, in pixels, the city's marker stands from where this point is on the map (its icon's tip)."""
    icon = page.locator(".leaflet-marker-icon").bounding_box()
    box = page.locator("#city-map").bounding_box()
    x, y = page.evaluate(
        "(point) => { const p = window.CaissCityMap.latLngToContainerPoint(point); return [p.x, p.y]; }",
        [latitude, longitude],
    )
    return abs(icon["x"] + icon["width"] / 2 - (box["x"] + x)), abs(icon["y"] + icon["height"] - (box["y"] + y))


def test_an_editor_places_a_city_by_clicking_the_map(live_server, places, an_editor, browser_page):  # noqa: F811
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 900})
    SHOTS.mkdir(exist_ok=True)
    log_in_to_the_admin(page, live_server, an_editor)
    page.goto(live_server.url + reverse("admin:activism_city_add"))
    assert page.locator("path.leaflet-interactive").count() == 3  # the other cities, faint
    assert page.locator(".leaflet-marker-icon").count() == 0  # nothing placed yet
    assert map_point(page) is None

    page.fill("#id_name_en", "Kaskelen")
    page.click("#id_region + .select2 .select2-selection")
    page.keyboard.type("Almaty")
    page.locator(".select2-results__option", has_text="Almaty Region").click()
    latitude, longitude = map_center(page)
    assert abs(latitude - 44.3) < 0.2 and abs(longitude - 77.3) < 0.2  # the map went to the region
    page.screenshot(path=SHOTS / "1-region-chosen.png")

    # A click places the marker and fills the coordinates at once, before any save.
    clicked = click_map(page, -60, 80)
    assert page.locator(".leaflet-marker-icon").count() == 1
    assert typed_point(page) == pytest.approx(clicked, abs=0.05)  # a pixel or two, at this zoom
    assert max(marker_offset(page, *typed_point(page))) < 2
    assert map_point(page) == typed_point(page)  # the point the form posts, the same six decimals
    page.screenshot(path=SHOTS / "2-clicked.png")

    # Dragging the marker moves it, and the coordinates with it, at once.
    before = typed_point(page)
    icon = page.locator(".leaflet-marker-icon").bounding_box()
    grip_x, grip_y = icon["x"] + icon["width"] / 2, icon["y"] + icon["height"] - 8
    page.mouse.move(grip_x, grip_y)
    page.mouse.down()
    page.mouse.move(grip_x + 60, grip_y + 40, steps=8)
    page.mouse.up()
    dragged = typed_point(page)
    assert dragged[0] < before[0] and dragged[1] > before[1]  # south-east, as dragged
    assert max(marker_offset(page, *dragged)) < 2
    assert map_point(page) == dragged

    # Typing a latitude moves the marker.
    page.fill("#id_latitude", "43.5")
    typed_longitude = typed_point(page)[1]
    assert max(marker_offset(page, 43.5, typed_longitude)) < 2
    assert map_point(page) == (43.5, typed_longitude)
    page.fill("#id_latitude", "")
    assert map_point(page) is None  # no point while a number is missing
    page.fill("#id_latitude", "43.5")
    assert map_point(page) == (43.5, typed_longitude)

    # Clicking again, elsewhere: the coordinates follow.
    clicked = click_map(page, -40, 120)
    assert typed_point(page) == pytest.approx(clicked, abs=0.05)
    placed = typed_point(page)
    assert placed[0] != 43.5
    assert max(marker_offset(page, *placed)) < 2
    assert map_point(page) == placed

    # The place search finds a recorded city by part of its Russian name; it moves the map, not the city.
    page.fill("#city-map-search", "Карага")
    page.keyboard.press("Enter")
    latitude, longitude = map_center(page)
    assert abs(latitude - 49.806406) < 0.01 and abs(longitude - 73.085485) < 0.01
    assert "Караганда" in page.locator("#city-map-status").inner_text()
    assert typed_point(page) == placed
    assert map_point(page) == placed
    assert page.url.endswith(reverse("admin:activism_city_add"))  # Enter in the search did not send the form
    page.screenshot(path=SHOTS / "3-searched.png")

    page.click("input[name=_continue]")
    page.locator(".messagelist .success").wait_for()
    # The page as saved: the stored coordinates, the marker where it was clicked, the map on the city.
    assert typed_point(page) == placed
    assert map_point(page) == placed
    assert map_center(page) == pytest.approx(placed, abs=1e-3)
    assert page.locator("path.leaflet-interactive").count() == 3  # not itself among the others
    page.screenshot(path=SHOTS / "4-saved.png", full_page=True)
    assert page.errors == [], page.errors
    assert all("tile.openstreetmap.org" in url for url in page.blocked_requests)  # tiles only


def test_an_editor_is_warned_of_a_far_point_and_confirms_it(live_server, places, an_editor, browser_page):  # noqa: F811
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 900})
    SHOTS.mkdir(exist_ok=True)
    log_in_to_the_admin(page, live_server, an_editor)
    page.goto(live_server.url + reverse("admin:activism_city_add"))
    page.fill("#id_name_en", "Kaskelen")
    page.click("#id_region + .select2 .select2-selection")
    page.keyboard.type("Almaty")
    page.locator(".select2-results__option", has_text="Almaty Region").click()
    page.fill("#id_latitude", "44.96")
    page.fill("#id_longitude", "71.28")
    assert page.locator(".leaflet-marker-icon").count() == 1  # typed numbers place the marker too
    assert map_point(page) == (44.96, 71.28)

    page.click("input[name=_continue]")
    warning = page.locator(".field-location .errorlist")
    warning.wait_for()
    assert "482 km from the centre of Almaty Region" in warning.inner_text()
    warning.scroll_into_view_if_needed()
    page.screenshot(path=SHOTS / "5-far-warning.png")
    # The page came back with the typed point on the map.
    assert max(marker_offset(page, 44.96, 71.28)) < 2

    page.check("#id_confirm_far_place")
    page.click("input[name=_continue]")
    page.locator(".messagelist .success").wait_for()
    assert typed_point(page) == (44.96, 71.28)
    assert page.errors == [], page.errors
