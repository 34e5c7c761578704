"""The public event pages: the timeline and its filters, an event's page, and the latest events of other pages."""

import json
import re

import pytest
from django.utils import translation

from activism.forms import EventFilterForm
from activism.models import Event, PublicationStatus, Region

from .conftest import make_city, make_event, make_initiative, make_post, make_region, make_theme

pytestmark = pytest.mark.django_db

TIMELINE = "/en/events/"
HIDDEN_EVENTS = ["Secret Draft Event", "Archived Old Event"]


@pytest.fixture
def events_site(db):
    """Events at each date and place precision, one sensitive, with a draft and an archived one among them."""
    almaty_region = make_region("Almaty", kind=Region.Kind.CITY, latitude="43.25", longitude="76.9")
    akmola = make_region("Akmola", latitude="52.0", longitude="70.0")
    almaty = make_city("Almaty", almaty_region)
    kokshetau = make_city("Kokshetau", akmola, "53.283333", "69.383333")
    # A town known to the public only through a sensitive event: it must show nowhere.
    hidden_town = make_city("Stepnogorsk", akmola, "52.35", "71.883333")
    ecology = make_theme("Ecology", color="#2e8b57")
    feminism = make_theme("Gender and feminism", color="#8e44ad")
    park = make_initiative("Save the Park", cities=[almaty], themes=[ecology])
    march = make_initiative("Women's March", cities=[almaty], themes=[feminism])
    draft_initiative = make_initiative("Secret Draft Initiative", themes=[feminism], published=False)
    site = {
        "almaty": almaty,
        "kokshetau": kokshetau,
        "hidden_town": hidden_town,
        "almaty_region": almaty_region,
        "akmola": akmola,
        "ecology": ecology,
        "feminism": feminism,
        "park": park,
        "march": march,
        "draft_initiative": draft_initiative,
    }
    site["clean_air"] = make_event(
        "March for clean air",
        "2019-06-12",
        Event.Kind.MARCH,
        city=almaty,
        initiatives=[park, draft_initiative],
        participants=1500,
        participants_source="Vlast.kz",
        detained=3,
        fined=0,
    )
    site["june_picket"] = make_event(
        "Picket sometime in June",
        "2019-06-20",
        Event.Kind.SOLO_PICKET,
        city=kokshetau,
        themes=[feminism],
        date_precision=Event.DatePrecision.MONTH,
    )
    site["law"] = make_event(
        "Law on peaceful assemblies",
        "2020-05-25",
        Event.Kind.LAW_CHANGE,
        date_precision=Event.DatePrecision.YEAR,
        is_nationwide=True,
    )
    site["petition"] = make_event(
        "Petition against the law", "2020-03-02", Event.Kind.ONLINE_CAMPAIGN, initiatives=[march], is_online=True
    )
    site["detentions"] = make_event(
        "Detentions after the picket",
        "2019-07-01",
        Event.Kind.DETENTION,
        city=hidden_town,
        is_sensitive=True,
        detained=12,
        initiatives=[march],
    )
    site["meeting"] = make_event("Hearing in the region", "2018-03-03", Event.Kind.MEETING, region=akmola)
    site["new_year"] = make_event("New Year action", "2017-01-01", Event.Kind.ART_ACTION, city=almaty)
    site["new_years_eve"] = make_event("New Year's Eve action", "2018-12-31", Event.Kind.ART_ACTION, city=almaty)
    site["draft"] = make_event("Secret Draft Event", "2019-06-20", city=almaty, initiatives=[park], published=False)
    site["archived"] = make_event(
        "Archived Old Event",
        "2016-06-20",
        city=almaty,
        themes=[ecology],
        publication_status=PublicationStatus.ARCHIVED,
    )
    return site


def get(client, url, params=None, language="en"):
    with translation.override(language):
        return client.get(url, params)


def timeline_outline(response):
    """The timeline as a reader meets it: year and month headings and the events' titles, in order."""
    content = response.content.decode()
    items = re.findall(
        r'<h3 class="timeline__year-heading"[^>]*>(.*?)</h3>'
        r'|<h4 class="timeline__month-heading">(.*?)</h4>'
        r'|<p class="event-item__title"><a [^>]*>(.*?)</a>',
        content,
    )
    outline = []
    for year, month, title in items:
        outline.append(f"year {year}" if year else f"month {month}" if month else title.replace("&#x27;", "'"))
    return outline


def listed_titles(response):
    return [event.title for event in response.context["page_obj"]]


# The timeline


def test_the_timeline_lists_published_events_newest_first_by_year_and_month(client, events_site):
    assert timeline_outline(get(client, TIMELINE)) == [
        "year 2020",
        "Law on peaceful assemblies",  # known only to the year: under the year's own heading, in no month
        "month March 2020",
        "Petition against the law",
        "year 2019",
        "month July 2019",
        "Detentions after the picket",
        "month June 2019",
        "Picket sometime in June",  # known only to the month: first in its month, pretending no day
        "March for clean air",
        "year 2018",
        "month December 2018",
        "New Year's Eve action",
        "month March 2018",
        "Hearing in the region",
        "year 2017",
        "month January 2017",
        "New Year action",
    ]


def test_each_line_shows_date_kind_place_and_public_initiatives(client, events_site):
    content = get(client, TIMELINE).content.decode()
    assert '<time datetime="2019-06-12">12 June 2019</time>' in content
    assert '<time datetime="2019-06">June 2019</time>' in content
    assert '<time datetime="2020">2020</time>' in content
    assert "Banner or art action" in content and "Law or policy change" in content
    line = re.search(r'<li class="event-item">(?:(?!</li>).)*March for clean air.*?</li>', content, re.S).group(0)
    assert "Almaty" in line and 'href="/en/initiatives/save-the-park/"' in line
    assert "Secret Draft Initiative" not in content  # only published initiatives are named
    for title, place in [("Law on peaceful assemblies", "Nationwide"), ("Petition against the law", "Online")]:
        line = re.search(rf'<li class="event-item">(?:(?!</li>).)*?{title}', content, re.S).group(0)
        assert place in line, title


def test_drafts_and_archived_events_are_not_on_the_timeline(client, events_site):
    content = get(client, TIMELINE).content.decode()
    for title in HIDDEN_EVENTS:
        assert title not in content
    assert get(client, TIMELINE).context["page_obj"].paginator.count == 8


def test_a_sensitive_event_shows_its_region_only_on_the_timeline(client, events_site):
    content = get(client, TIMELINE).content.decode()
    line = re.search(r'<li class="event-item">(?:(?!</li>).)*Detentions after the picket.*?</li>', content, re.S)
    assert "Akmola" in line.group(0)
    assert "Stepnogorsk" not in content and "stepnogorsk" not in content  # nor in the city filter's options


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "art_action"}, ["New Year's Eve action", "New Year action"]),
        # The event's own theme, or one of its published initiatives' (a draft initiative's theme does not count).
        ({"theme": "ecology"}, ["March for clean air"]),
        (
            {"theme": "gender-and-feminism"},
            ["Petition against the law", "Detentions after the picket", "Picket sometime in June"],
        ),
        # A region holds its sensitive events and those known only to the region.
        ({"region": "akmola"}, ["Detentions after the picket", "Picket sometime in June", "Hearing in the region"]),
        ({"city": "almaty"}, ["March for clean air", "New Year's Eve action", "New Year action"]),
        ({"city": "kokshetau"}, ["Picket sometime in June"]),
        ({"initiative": "womens-march"}, ["Petition against the law", "Detentions after the picket"]),
        ({"initiative": "save-the-park"}, ["March for clean air"]),
        ({"region": "akmola", "kind": "meeting"}, ["Hearing in the region"]),
    ],
)
def test_timeline_filters(client, events_site, params, expected):
    response = get(client, TIMELINE, params)
    assert listed_titles(response) == expected
    assert response.context["filter_form"].active_filter_count() == len(params)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        # Both edge years are whole: an event on 1 January and one on 31 December are in.
        ({"from": "2017", "to": "2018"}, ["New Year's Eve action", "Hearing in the region", "New Year action"]),
        ({"from": "2018", "to": "2018"}, ["New Year's Eve action", "Hearing in the region"]),
        ({"to": "2017"}, ["New Year action"]),
        ({"from": "2020"}, ["Law on peaceful assemblies", "Petition against the law"]),
        (
            {"from": "2019", "to": "2019"},
            ["Detentions after the picket", "Picket sometime in June", "March for clean air"],
        ),
        ({"from": "2021"}, []),
    ],
)
def test_the_year_range_includes_both_edge_years(client, events_site, params, expected):
    assert listed_titles(get(client, TIMELINE, params)) == expected


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"kind": "nonsense"}, "Select a valid choice"),
        ({"from": "abc"}, "Enter a whole number"),
        ({"from": "99999"}, "less than or equal to 2100"),
        ({"to": "1066"}, "greater than or equal to 1900"),
        ({"from": "2020", "to": "2017"}, "The first year (2020) is after the last (2017): the years were ignored."),
        ({"theme": "no-such-theme"}, "Select a valid choice"),
        ({"region": "atlantis"}, "Select a valid choice"),
        ({"city": "<script>alert(1)</script>"}, "Select a valid choice"),
        ({"from": "9" * 5000}, "Enter a whole number"),
        ({"kind": "protest\x00"}, "Select a valid choice"),
        ({"theme": "eco\x00logy"}, "Null characters are not allowed"),
        ({"initiative": "save\x00the-park"}, "Initiative"),
    ],
)
def test_bad_filter_values_are_reported_and_ignored(client, events_site, params, message):
    response = get(client, TIMELINE, params)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Some filters could not be used and were ignored" in content
    assert message in content
    assert response.context["page_obj"].paginator.count == 8  # every published event: the bad filter ignored
    assert "<script>alert(1)</script>" not in content


def test_the_city_filter_never_finds_a_sensitive_event(client, events_site):
    make_event("Sensitive in Kokshetau", "2021-01-05", city=events_site["kokshetau"], is_sensitive=True)
    assert listed_titles(get(client, TIMELINE, {"city": "kokshetau"})) == ["Picket sometime in June"]
    assert "Sensitive in Kokshetau" in listed_titles(get(client, TIMELINE, {"region": "akmola"}))
    assert EventFilterForm({"city": "kokshetau"}).filter(Event.objects.published()).count() == 1


@pytest.mark.parametrize("record", ["draft_initiative", "hidden_town"])
def test_a_hidden_initiative_or_city_is_no_filter(client, events_site, record):
    """A draft initiative and a town known only through a sensitive event: the same answer as one that does not
    exist, and a sensitive event is never found by its city."""
    name = "initiative" if record == "draft_initiative" else "city"
    response = get(client, TIMELINE, {name: events_site[record].slug})
    assert (
        response.context["filter_form"].errors[name]
        == get(client, TIMELINE, {name: "nope"}).context["filter_form"].errors[name]
    )
    assert response.context["page_obj"].paginator.count == 8


def test_the_initiative_filter_is_named_above_the_results_and_can_be_removed(client, events_site):
    content = get(client, TIMELINE, {"initiative": "womens-march", "kind": "detention"}).content.decode()
    assert 'Events of the initiative <a href="/en/initiatives/womens-march/">Women&#x27;s March</a>.' in content
    assert 'href="/en/events/?kind=detention">Show events of every initiative</a>' in content
    assert '<input type="hidden" name="initiative" value="womens-march"' in content  # kept when filtering again


def test_bad_page_numbers_get_a_real_page(client, events_site):
    for page in ["abc", "-1", "99999", "1" * 500]:
        assert get(client, TIMELINE, {"page": page}).status_code == 200


def test_pagination_keeps_the_filters_and_repeats_the_headings(client, events_site, monkeypatch):
    monkeypatch.setattr("activism.views.events.EVENTS_PER_PAGE", 2)
    first = get(client, TIMELINE, {"region": "akmola"})
    assert 'href="/en/events/?region=akmola&amp;page=2"' in first.content.decode()
    second = get(client, TIMELINE, {"region": "akmola", "page": "2"})
    # The page starts in the middle of 2019... and still says where it is.
    assert timeline_outline(second) == ["year 2018", "month March 2018", "Hearing in the region"]


def test_the_filter_form_is_reusable_on_any_published_events(events_site):
    form = EventFilterForm({"from": "2019", "to": "2019", "region": "akmola"})
    assert sorted(event.title for event in form.filter(Event.objects.published())) == [
        "Detentions after the picket",
        "Picket sometime in June",
    ]
    assert not EventFilterForm({}).errors
    assert EventFilterForm({}).filter(Event.objects.published()).count() == 8


def test_an_empty_filtered_timeline_says_so_and_offers_to_clear(client, events_site):
    content = get(client, TIMELINE, {"from": "2021"}).content.decode()
    assert "No events match these filters." in content
    assert '<a href="/en/events/">clear all filters</a>' in content


# Dates at the precision entered, in every language


@pytest.mark.parametrize(
    ("language", "day", "month", "year"),
    [
        ("en", "12 June 2019", "June 2019", "2020"),
        ("ru", "12 июня 2019 г.", "Июнь 2019 г.", "2020"),
        ("kk", "2019 ж. 12 маусым", "2019 ж. маусым", "2020"),
    ],
)
def test_dates_are_shown_at_the_precision_entered(client, events_site, language, day, month, year):
    timeline = get(client, f"/{language}/events/", language=language).content.decode()
    for event, text in [("clean_air", day), ("june_picket", month), ("law", year)]:
        record = events_site[event]
        assert f'<time datetime="{record.date_iso()}">{text}</time>' in timeline, (event, text)
        page = get(client, f"/{language}/events/{record.slug}/", language=language).content.decode()
        assert f'<time datetime="{record.date_iso()}">{text}</time>' in page, (event, text)
    # Nothing pretends to know the day of the picket or the law.
    assert "20 June" not in timeline and "1 June" not in timeline and "1 January 2020" not in timeline


# An event's page


def test_the_event_page_shows_its_facts_sources_and_public_initiatives(client, events_site):
    response = get(client, events_site["clean_air"].get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1>March for clean air</h1>" in content
    assert "about 1,500" in content and "according to Vlast.kz" in content
    assert re.search(r"<dt>Detained</dt>\s*<dd>3</dd>", content)
    assert re.search(r"<dt>Fined</dt>\s*<dd>0</dd>", content)  # a reported zero is a figure
    assert "<dt>Injured</dt>" not in content  # not reported
    assert '<a href="/en/cities/almaty/">Almaty</a>' in content
    assert 'href="https://news.example.org/march-for-clean-air/1"' in content
    assert 'href="/en/initiatives/save-the-park/"' in content
    assert "Secret Draft Initiative" not in content
    assert "X-Robots-Tag" not in response.headers
    markers = map_markers(content)
    assert [(marker["name"], marker["lat"]) for marker in markers] == [("Almaty", pytest.approx(43.238949))]


def map_markers(content):
    match = re.search(r'<script id="map-data" type="application/json">(.*?)</script>', content, re.S)
    return json.loads(match.group(1))["markers"] if match else None


def test_a_sensitive_event_page_shows_its_region_only_and_is_not_indexed(client, events_site):
    response = get(client, events_site["detentions"].get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert '<a href="/en/regions/akmola/">Akmola</a>' in content
    assert "Shown by region only" in content
    assert "Stepnogorsk" not in content and "stepnogorsk" not in content
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    # Its marker is at the region's centre, named by the region.
    assert [(marker["name"], marker["lat"], marker["lng"]) for marker in map_markers(content)] == [
        ("Akmola", 52.0, 70.0)
    ]


@pytest.mark.parametrize("event", ["law", "petition"])
def test_a_nationwide_or_online_event_has_no_map(client, events_site, event):
    content = get(client, events_site[event].get_absolute_url()).content.decode()
    assert map_markers(content) is None
    assert "Nationwide" in content or "Online" in content


def test_related_posts_are_published_posts_about_its_initiatives(client, events_site):
    park, draft_initiative = events_site["park"], events_site["draft_initiative"]
    for number in range(7):
        make_post(f"Park notes {number}").initiatives.set([park])
    make_post("Draft park post", published=False).initiatives.set([park])
    make_post("About a draft only").initiatives.set([draft_initiative])
    make_post("Unrelated post")
    response = get(client, events_site["clean_air"].get_absolute_url())
    titles = [post.title for post in response.context["posts"]]
    assert len(titles) == 5  # bounded
    assert all(title.startswith("Park notes") for title in titles)
    assert "Related blog posts" in response.content.decode()
    assert "Related blog posts" not in get(client, events_site["law"].get_absolute_url()).content.decode()


@pytest.mark.parametrize("event", ["draft", "archived"])
def test_drafts_and_archived_events_answer_404_to_the_public(client, events_site, event):
    assert get(client, events_site[event].get_absolute_url()).status_code == 404
    assert get(client, events_site[event].get_preview_url()).status_code == 302  # to the login


def test_staff_preview_a_draft_event_as_the_public_will_see_it(researcher, events_site):
    draft = events_site["draft"]
    response = researcher.get(draft.get_preview_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Secret Draft Event</h1>" in content
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "share-heading" not in content  # a draft's address is not public yet
    assert researcher.get(draft.get_absolute_url()).status_code == 404


# Latest events on other pages


def latest_titles(response):
    return [event.title for event in response.context["latest_events"]["events"]]


def test_an_initiative_page_shows_its_latest_events_and_links_to_all(client, events_site):
    march = events_site["march"]
    response = get(client, march.get_absolute_url())
    assert latest_titles(response) == ["Petition against the law", "Detentions after the picket"]
    content = response.content.decode()
    assert '<a href="/en/events/?initiative=womens-march">' in content
    assert "All 2 events in the timeline" in content
    assert "Stepnogorsk" not in content  # the sensitive event at its region
    assert "Akmola" in content


def test_latest_events_are_bounded(client, events_site):
    park = events_site["park"]
    for number in range(7):
        make_event(f"Park action {number}", f"2021-0{number + 1}-15", initiatives=[park])
    response = get(client, park.get_absolute_url())
    assert latest_titles(response) == [f"Park action {number}" for number in range(6, 1, -1)]
    assert "All 8 events in the timeline" in response.content.decode()
    assert listed_titles(get(client, TIMELINE, {"initiative": "save-the-park"}))[-1] == "March for clean air"


def test_a_city_page_never_shows_a_sensitive_event(client, events_site):
    make_event("Sensitive in Kokshetau", "2021-01-05", city=events_site["kokshetau"], is_sensitive=True)
    response = get(client, events_site["kokshetau"].get_absolute_url())
    assert latest_titles(response) == ["Picket sometime in June"]
    assert '<a href="/en/events/?city=kokshetau">' in response.content.decode()
    # The city of a public event has a page, though no initiative works there; one of a sensitive event only, none.
    assert get(client, events_site["hidden_town"].get_absolute_url()).status_code == 404


def test_a_region_page_shows_its_sensitive_events_without_their_city(client, events_site):
    response = get(client, events_site["akmola"].get_absolute_url())
    assert latest_titles(response) == [
        "Detentions after the picket",
        "Picket sometime in June",
        "Hearing in the region",
    ]
    content = response.content.decode()
    assert "Stepnogorsk" not in content
    assert '<a href="/en/events/?region=akmola">' in content


def test_a_theme_page_shows_the_events_on_its_theme(client, events_site):
    response = get(client, events_site["feminism"].get_absolute_url())
    assert latest_titles(response) == [
        "Petition against the law",
        "Detentions after the picket",
        "Picket sometime in June",
    ]
    assert '<a href="/en/events/?theme=gender-and-feminism">' in response.content.decode()


def test_the_home_page_shows_the_latest_published_events(client, events_site):
    response = get(client, "/en/")
    # Newest first by date: an event known only to its month or year counts from its first day.
    assert latest_titles(response) == [
        "Petition against the law",
        "Law on peaceful assemblies",
        "Detentions after the picket",
        "March for clean air",
        "Picket sometime in June",
    ]
    content = response.content.decode()
    assert "All 8 events in the timeline" in content
    for title in HIDDEN_EVENTS:
        assert title not in content
    assert "Stepnogorsk" not in content


def test_pages_without_events_have_no_events_block(client, events_site):
    lonely = make_theme("Housing")
    assert "Latest events" not in get(client, lonely.get_absolute_url()).content.decode()


def test_a_sensitive_initiative_page_shows_its_events_by_region_only(client, events_site):
    group = make_initiative("Quiet Group", cities=[events_site["kokshetau"]], is_sensitive=True)
    make_event(
        "Open meeting of the group",
        "2021-02-02",
        Event.Kind.MEETING,
        city=events_site["kokshetau"],
        initiatives=[group],
    )
    content = get(client, group.get_absolute_url()).content.decode()
    assert "Open meeting of the group" in content
    assert "Kokshetau" not in content
    assert "Akmola" in content
