"""The map through the years: the year range (from, to) of the map and the initiative list, the events layer, its
popups, and what the page lists for those without JavaScript."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from activism.models import Event

from .conftest import make_city, make_event, make_initiative, make_region, make_theme
from .test_share_and_embed import embed_code, iframe_src

pytestmark = pytest.mark.django_db

RANGE = {"from": "2015", "to": "2019"}
WITH_EVENTS = {**RANGE, "events": "1"}


@pytest.fixture
def years_site():
    """Initiatives started and ended around 2015-2019, and events on the edges of those years."""
    almaty_region = make_region("Almaty", kind="city", latitude="43.25", longitude="76.95")
    karaganda_region = make_region("Karaganda Region", latitude="49.5", longitude="73.5")
    almaty = make_city("Almaty", almaty_region)
    karaganda = make_city("Karaganda", karaganda_region, "49.806406", "73.085485")
    temirtau = make_city("Temirtau", karaganda_region, "50.054942", "72.964825")
    ecology = make_theme("Ecology", color="#2e8b57")
    labour = make_theme("Labour", color="#8a3b00")
    make_initiative("Started In The Last Year", cities=[almaty], themes=[ecology], year_started=2019)
    make_initiative("Ended In The First Year", cities=[almaty], themes=[ecology], year_started=2010, year_ended=2015)
    make_initiative("Ended The Year Before", cities=[karaganda], themes=[labour], year_started=2010, year_ended=2014)
    make_initiative("Started The Year After", cities=[karaganda], themes=[labour], year_started=2020)
    make_initiative("Start Unknown", cities=[karaganda], themes=[labour])
    make_initiative("Draft In The Years", cities=[temirtau], themes=[labour], year_started=2016, published=False)
    make_initiative("Online Now", themes=[ecology], year_started=2016, is_online=True)
    make_initiative("Online Long Ago", themes=[ecology], year_started=2005, year_ended=2008, is_online=True)

    make_event("New Year Picket", date="2015-01-01", city=almaty, kind=Event.Kind.SOLO_PICKET, themes=[ecology])
    make_event("New Year Eve Rally", date="2019-12-31", city=almaty, themes=[labour])
    make_event("Too Early Rally", date="2014-12-31", city=almaty)
    make_event("Too Late Rally", date="2020-01-01", city=almaty)
    make_event("Quiet Vigil", date="2017-05-05", city=temirtau, is_sensitive=True)
    make_event("Strike Somewhere", date="2018-03-01", region=karaganda_region, themes=[labour])
    make_event("Draft Meeting", date="2017-01-01", city=karaganda, published=False)
    make_event("Draft Vigil", date="2017-01-01", region=karaganda_region, is_sensitive=True, published=False)
    make_event("Nationwide Petition", date="2016-02-02", kind=Event.Kind.ONLINE_CAMPAIGN, is_nationwide=True)
    return {"almaty": almaty, "karaganda": karaganda, "temirtau": temirtau, "karaganda_region": karaganda_region}


def map_data(response):
    match = re.search(r'<script id="map-data" type="application/json">(.*?)</script>', response.content.decode(), re.S)
    return json.loads(match.group(1))


def counts(markers):
    """{popup address: count}: two markers may share a name (a city and its region's centre)."""
    return {marker["popup"]: marker["count"] for marker in markers}


def get_map(client, params=None):
    response = client.get(reverse("activism:map"), params or {})
    assert response.status_code == 200
    return response


def events_popup(client, kind, slug, params=None):
    return client.get(reverse("activism:map-events", args=[kind, slug]), params or {})


def listed_titles(response):
    pattern = r'<li><span class="muted">[^<]+</span> <a href="[^"]+">([^<]+)</a></li>'
    return re.findall(pattern, response.content.decode())


# The year range and the initiatives


def test_initiatives_active_in_the_years_are_on_the_map_edges_included(client, years_site):
    response = get_map(client, RANGE)
    assert counts(map_data(response)["markers"]) == {
        "/en/map/places/city/almaty/?from=2015&to=2019": 2,  # started in 2019, ended in 2015
        "/en/map/places/city/karaganda/?from=2015&to=2019": 1,  # its start year is not known: shown
    }
    assert response.context["initiative_count"] == 3 + 1  # and one online
    content = response.content.decode()
    assert "Those whose start year is not known are always shown." in content
    assert "Initiatives active in 2015–2019" in content


def test_without_a_range_every_published_initiative_is_on_the_map(client, years_site):
    markers = map_data(get_map(client))["markers"]
    assert counts(markers) == {"/en/map/places/city/almaty/": 2, "/en/map/places/city/karaganda/": 3}
    assert map_data(get_map(client))["event_markers"] == []


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"from": "2015"}, {"almaty": 2, "karaganda": 2}),  # started in 2020 is still active from 2015
        ({"to": "2014"}, {"almaty": 1, "karaganda": 2}),  # started in 2019 was not yet active
        ({"from": "2016", "to": "2016"}, {"karaganda": 1}),
        ({"from": "2020", "to": "2020"}, {"almaty": 1, "karaganda": 2}),
    ],
)
def test_an_open_or_single_year_range(client, years_site, params, expected):
    markers = map_data(get_map(client, params))["markers"]
    assert {marker["popup"].split("/")[5]: marker["count"] for marker in markers} == expected


def test_without_javascript_the_places_and_the_initiatives_not_on_the_map_follow_the_range(client, years_site):
    content = get_map(client, RANGE).content.decode()
    assert '<a href="/en/initiatives/?city=almaty&amp;from=2015&amp;to=2019">Almaty</a>' in content
    assert "Online Now" in content
    assert "Online Long Ago" not in content
    assert "Draft In The Years" not in content and "Temirtau" not in content


def test_the_initiative_popup_and_the_list_understand_the_range(client, years_site):
    popup = client.get(reverse("activism:map-place", args=["city", "almaty"]), RANGE)
    assert "2 initiatives here:" in popup.content.decode()
    popup = client.get(reverse("activism:map-place", args=["city", "karaganda"]), RANGE)
    names = re.findall(r'<li><a href="[^"]+">([^<]+)</a></li>', popup.content.decode())
    assert names == ["Start Unknown"]
    # The map's link to the same initiatives as a list, and the list itself.
    response = get_map(client, {**WITH_EVENTS, "theme": "labour"})
    assert '/en/initiatives/?from=2015&amp;to=2019&amp;theme=labour">' in response.content.decode()
    listed = client.get(reverse("activism:initiative-list"), {**RANGE, "theme": "labour"})
    assert [initiative.name for initiative in listed.context["page_obj"]] == ["Start Unknown"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (RANGE, ["Ended In The First Year", "Online Now", "Start Unknown", "Started In The Last Year"]),
        ({"to": "2009"}, ["Online Long Ago", "Start Unknown"]),  # the others started in 2010 or later
        ({"from": "2016"}, ["Online Now", "Start Unknown", "Started In The Last Year", "Started The Year After"]),
    ],
)
def test_the_initiative_list_filters_by_the_years_active(client, years_site, params, expected):
    response = client.get(reverse("activism:initiative-list"), params)
    assert sorted(initiative.name for initiative in response.context["page_obj"]) == expected


def test_the_year_inputs_are_bounded_to_the_years_with_data(client, years_site):
    content = get_map(client).content.decode()
    this_year = timezone.localdate().year
    assert re.search(r'<input type="number" name="from"[^>]* min="2005"', content)
    assert re.search(rf'<input type="number" name="to"[^>]* max="{this_year}"', content)
    assert 'placeholder="2005"' in content


# Bad input: a clear message, the range ignored, never a 500


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"from": "abc"}, "Enter a year between 2005 and"),
        ({"to": "99999"}, "Enter a year between 2005 and"),
        ({"from": "1900"}, "Enter a year between 2005 and"),
        ({"from": "-5"}, "Enter a year between 2005 and"),
        ({"from": "2015.5"}, "Enter a year between 2005 and"),
        ({"to": "9" * 40}, "Enter a year between 2005 and"),
        ({"from": "2019", "to": "2015"}, "The year range 2019–2015 ends before it starts."),
    ],
)
def test_a_bad_year_is_reported_and_ignored(client, years_site, params, message):
    response = get_map(client, {**params, "events": "1"})
    content = response.content.decode()
    assert "Some filters could not be used and were ignored:" in content
    assert message in content
    # Ignored: every published initiative, and the events of every year.
    every_one = {"/en/map/places/city/almaty/": 2, "/en/map/places/city/karaganda/": 3}
    assert counts(map_data(response)["markers"]) == every_one
    assert response.context["event_count"] == 7
    assert client.get(reverse("activism:initiative-list"), params).status_code == 200
    assert events_popup(client, "city", "almaty", params).status_code == 200
    assert client.get(reverse("activism:map-place", args=["city", "almaty"]), params).status_code == 200
    assert client.get(reverse("activism:embed-map"), params).status_code == 200


# The events layer


def test_the_events_layer_is_off_unless_asked_for(client, years_site):
    response = get_map(client, RANGE)
    assert map_data(response)["event_markers"] == []
    assert "events-heading" not in response.content.decode()
    assert 'name="events"' in response.content.decode()  # the checkbox that turns it on


def test_events_on_the_edge_days_are_in_the_range_and_the_day_after_is_not(client, years_site):
    response = get_map(client, WITH_EVENTS)
    markers = map_data(response)["event_markers"]
    assert counts(markers) == {
        "/en/map/events/city/almaty/?from=2015&to=2019": 2,  # 1 January 2015 and 31 December 2019
        # The sensitive vigil in Temirtau and the strike whose city is not known, at the region's centre.
        "/en/map/events/region/karaganda-region/?from=2015&to=2019": 2,
    }
    almaty = next(marker for marker in markers if marker["name"] == "Almaty")
    assert almaty["label"] == "Almaty: 2 events"
    assert almaty["list"] == "/en/events/?city=almaty&from=2015&to=2019"
    assert response.context["event_count"] == 5  # and the nationwide petition, not on the map
    assert listed_titles(events_popup(client, "city", "almaty", RANGE)) == ["New Year Eve Rally", "New Year Picket"]


def test_a_sensitive_event_shows_at_its_region_centre_and_never_names_its_city(client, years_site):
    response = get_map(client, WITH_EVENTS)
    content = response.content.decode()
    assert "Temirtau" not in content and "temirtau" not in content
    region = events_popup(client, "region", "karaganda-region", RANGE)
    assert region.status_code == 200
    assert region["X-Robots-Tag"] == "noindex"
    popup = region.content.decode()
    assert listed_titles(region) == ["Strike Somewhere", "Quiet Vigil"]
    assert "2 events shown by region only:" in popup
    assert "Temirtau" not in popup and "temirtau" not in popup
    # Its city has no events marker and no popup: as unknown a place as any.
    assert events_popup(client, "city", "temirtau").status_code == 404


@pytest.mark.parametrize(
    ("kind", "slug", "params"),
    [
        ("city", "temirtau", {}),  # only a sensitive event
        ("city", "karaganda", {}),  # only a draft
        ("city", "almaty", {"from": "2021"}),  # nothing in these years
        ("city", "no-such-city", {}),
        ("region", "almaty", {}),  # its events show at the city
        ("country", "almaty", {}),
    ],
)
def test_an_events_popup_of_a_place_with_nothing_public_answers_404(client, years_site, kind, slug, params):
    assert events_popup(client, kind, slug, params).status_code == 404


def test_draft_events_are_never_counted(client, years_site):
    response = get_map(client, {"events": "1"})
    assert counts(map_data(response)["event_markers"]) == {
        "/en/map/events/city/almaty/": 4,
        "/en/map/events/region/karaganda-region/": 2,
    }
    assert response.context["event_count"] == 7
    content = response.content.decode()
    assert "Draft Meeting" not in content and "Draft Vigil" not in content
    assert "Draft" not in events_popup(client, "region", "karaganda-region").content.decode()


def test_nationwide_events_are_listed_as_not_on_the_map(client, years_site):
    content = get_map(client, WITH_EVENTS).content.decode()
    assert "Events not on the map: nationwide or online" in content
    assert "Nationwide Petition" in content
    assert "5 events in 2015–2019" in content
    assert '<a href="/en/events/?city=almaty&amp;from=2015&amp;to=2019">Almaty</a>' in content
    assert '<a href="/en/events/?region=karaganda-region&amp;from=2015&amp;to=2019">Karaganda Region</a>' in content
    assert "2 events shown by region only" in content


def test_the_events_follow_the_theme_and_region_filters(client, years_site):
    markers = map_data(get_map(client, {**WITH_EVENTS, "theme": "labour"}))["event_markers"]
    assert counts(markers) == {
        "/en/map/events/city/almaty/?theme=labour&from=2015&to=2019": 1,
        "/en/map/events/region/karaganda-region/?theme=labour&from=2015&to=2019": 1,
    }
    markers = map_data(get_map(client, {**WITH_EVENTS, "region": "karaganda-region"}))["event_markers"]
    assert [marker["name"] for marker in markers] == ["Karaganda Region"]


def test_an_events_popup_lists_the_newest_and_links_to_the_rest_in_the_timeline(client, years_site):
    for day in range(1, 10):
        make_event(f"Picket number {day}", date=f"2018-04-{day:02d}", city=years_site["almaty"])
    response = events_popup(client, "city", "almaty", RANGE)
    titles = listed_titles(response)
    assert len(titles) == 8
    assert titles[0] == "New Year Eve Rally"
    content = response.content.decode()
    assert "11 events here:" in content
    timeline = "/en/events/?city=almaty&amp;from=2015&amp;to=2019"
    assert f'<a href="{timeline}">See all 11 events in the timeline</a>' in content


def test_the_embedded_map_keeps_the_years_and_the_events_layer(client, years_site):
    response = get_map(client, {**WITH_EVENTS, "theme": "ecology"})
    src = iframe_src(embed_code(response))
    assert src == "http://testserver/en/embed/map/?theme=ecology&from=2015&to=2019&events=1"
    embedded = client.get(reverse("activism:embed-map"), {**WITH_EVENTS, "theme": "ecology"})
    markers = map_data(embedded)["event_markers"]
    assert counts(markers) == {"/en/map/events/city/almaty/?theme=ecology&from=2015&to=2019": 1}


def test_the_theme_legend_keeps_the_years(client, years_site):
    content = get_map(client, WITH_EVENTS).content.decode()
    assert 'href="/en/map/?from=2015&amp;to=2019&amp;events=1&amp;theme=labour"' in content
    assert "Diamond: events there" in content
