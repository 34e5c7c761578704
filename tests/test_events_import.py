"""Events to and from spreadsheets in the admin (CSV and XLSX), and the import of a CSV file exported from ACLED."""

import csv
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from reversion.models import Version

from activism.models import Event, ImportJob, PublicationStatus

from .conftest import (
    CSV_FORMAT,
    XLSX_FORMAT,
    confirm,
    csv_file,
    make_city,
    make_event,
    make_initiative,
    make_region,
    make_theme,
    submit_form,
    upload,
)
from .test_import_export import (
    confirm_in_background,
    export,
    in_background,
    rows_by_type,
    run_worker,
    upload_in_background,
    xlsx_file,
)

pytestmark = pytest.mark.django_db

HEADER = [
    "slug",
    "title_en",
    "summary_en",
    "date",
    "date_precision",
    "kind",
    "city",
    "region",
    "initiatives",
    "themes",
    "sources",
    "publication_status",
]


@pytest.fixture
def records(db):
    mangystau = make_region("Mangystau")
    almaty_region = make_region("Almaty Region", name_ru="Алматинская область")
    labour = make_theme("Labour")
    return {
        "mangystau": mangystau,
        "almaty_region": almaty_region,
        "zhanaozen": make_city("Zhanaozen", mangystau, "43.34", "52.86", name_ru="Жанаозен"),
        "almaty": make_city("Almaty", almaty_region),
        "labour": labour,
        "union": make_initiative("Oil Workers", themes=[labour]),
    }


def strike_row(**changes):
    row = {
        "slug": "zhanaozen-strike",
        "title_en": "Oil workers' strike",
        "summary_en": "Oil workers stopped work for higher pay.",
        "date": "2011-05-01",
        "date_precision": "month",
        "kind": "protest",
        "city": "Жанаозен",
        "region": "",
        "initiatives": "oil-workers",
        "themes": "labour",
        "sources": "Strike begins | https://news.example.org/strike | Example News | 2011-05-26; Union statement",
        "publication_status": "published",
        **changes,
    }
    return [row[column] for column in HEADER]


def errors_of(preview):
    """Every error the preview shows, as (spreadsheet line, column, message)."""
    result = preview.context["result"]
    found = [
        (row.number + 1, column, str(message))
        for row in result.invalid_rows
        for column, messages in row.field_specific_errors.items()
        for message in messages
    ]
    found += [(row.number + 1, "", message) for row in result.invalid_rows for message in row.non_field_specific_errors]
    found += [(row.number + 1, "", str(error.error)) for row in result.error_rows for error in row.errors]
    return found


# Import


def test_a_researcher_imports_events_as_drafts_with_their_sources(researcher, records):
    preview = upload(researcher, "event", csv_file(HEADER, strike_row()))
    assert rows_by_type(preview.context["result"]) == {"new": ["Oil workers' strike"]}
    assert not Event.objects.exists()  # the preview writes nothing
    confirm(researcher, "event", preview)
    event = Event.objects.get()
    assert event.publication_status == PublicationStatus.DRAFT  # whatever the file says
    assert (event.city, event.region, event.date.isoformat()) == (
        records["zhanaozen"],
        records["mangystau"],
        "2011-05-01",
    )
    assert list(event.initiatives.all()) == [records["union"]]
    sources = {source.title: source for source in event.sources.all()}
    assert sources.keys() == {"Strike begins", "Union statement"}
    strike = sources["Strike begins"]
    assert (strike.url, strike.publisher, strike.published_on.isoformat()) == (
        "https://news.example.org/strike",
        "Example News",
        "2011-05-26",
    )
    version = Version.objects.get_for_object(event).get()
    assert version.revision.comment == "Imported from a file"
    assert Version.objects.filter(revision=version.revision, content_type__model="eventsource").count() == 2


def test_an_editor_imports_published_events_only_with_a_source(editor, records):
    file = csv_file(HEADER, strike_row(), strike_row(slug="no-source", title_en="Unsourced", sources=""))
    preview = upload(editor, "event", file)
    assert errors_of(preview) == [
        (
            3,
            "sources",
            "An event cannot be published without at least one source: add the article, report or record it "
            "comes from.",
        )
    ]
    assert "confirm_form" not in preview.context
    preview = upload(editor, "event", csv_file(HEADER, strike_row()))
    confirm(editor, "event", preview)
    assert Event.objects.published().get().slug == "zhanaozen-strike"


def test_emptying_the_sources_of_a_published_event_by_import_is_refused(editor, records):
    make_event("Strike", slug="zhanaozen-strike", city=records["zhanaozen"])
    preview = upload(editor, "event", csv_file(HEADER, strike_row(sources="", publication_status="")))
    assert [(line, column) for line, column, _message in errors_of(preview)] == [(2, "sources")]
    assert Event.objects.get().sources.count() == 1


@pytest.mark.parametrize(
    "column, value, message",
    [
        ("kind", "riot", "“riot” is not one of: protest, march"),
        ("date_precision", "week", "“week” is not one of: day, month, year"),
        ("date", "June 2019", "“June 2019” is not a date"),
        ("city", "Atlantis", "No city has the slug or the name “Atlantis”"),
        ("region", "almaty-region", "Zhanaozen is in Mangystau, not in Almaty Region"),
        ("initiatives", "oil-workers; ghost-union", "No initiative has the slug or the name “ghost-union”"),
        ("themes", "weather", "No theme has the slug or the name “weather”"),
        ("sources", "Report | not a web address", "“not a web address” is not a web address"),
        ("sources", "Report | https://a.example.org | Pub | 2011-13-45", "“2011-13-45” is not a date"),
        ("publication_status", "secret", "“secret” is not one of: draft, review, published, archived"),
    ],
)
def test_an_unknown_value_is_an_error_on_its_line_and_column_and_nothing_is_written(
    editor, records, column, value, message
):
    file = csv_file(HEADER, strike_row(slug="fine-event", title_en="Fine event"), strike_row(**{column: value}))
    preview = upload(editor, "event", file)
    errors = errors_of(preview)
    assert {(line, error_column) for line, error_column, _error in errors} == {(3, column)}
    assert any(message in error for _line, _column, error in errors), errors
    assert "confirm_form" not in preview.context
    assert not Event.objects.exists()


def test_an_event_with_no_place_or_an_end_before_its_date_is_refused(editor, records):
    header = [*HEADER, "end_date"]
    file = csv_file(header, [*strike_row(city=""), ""], [*strike_row(slug="b", title_en="B"), "2011-04-30"])
    errors = errors_of(upload(editor, "event", file))
    assert [(line, column) for line, column, _message in errors] == [(2, "city"), (3, "end_date")]


def test_a_researcher_cannot_change_a_published_event_by_import(researcher, records):
    make_event("Strike", slug="zhanaozen-strike", city=records["zhanaozen"])
    errors = errors_of(upload(researcher, "event", csv_file(HEADER, strike_row(title_en="Rewritten"))))
    assert len(errors) == 1 and "only an editor may change it" in errors[0][2]
    assert Event.objects.get().title_en == "Strike"


def test_an_xlsx_file_is_imported(editor, records):
    preview = upload(editor, "event", xlsx_file(HEADER, strike_row()), XLSX_FORMAT)
    confirm(editor, "event", preview)
    assert Event.objects.published().get().sources.count() == 2


# Export


def test_the_export_lists_the_events_with_their_related_records_by_slug(editor, records):
    make_event(
        "Strike",
        slug="zhanaozen-strike",
        city=records["zhanaozen"],
        initiatives=[records["union"]],
        themes=[records["labour"]],
        date="2011-05-01",
        date_precision="month",
    )
    response = export(editor, "event", CSV_FORMAT)
    [row] = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert row["slug"] == "zhanaozen-strike" and row["title_en"] == "Strike"
    assert (row["date"], row["date_precision"], row["kind"]) == ("2011-05-01", "month", "protest")
    assert (row["city"], row["region"], row["initiatives"], row["themes"]) == (
        "zhanaozen",
        "mangystau",
        "oil-workers",
        "labour",
    )
    assert row["sources"] == "Report 1 on Strike | https://news.example.org/zhanaozen-strike/1"
    assert row["publication_status"] == "published"
    assert "title_ru" in row and "title_kk" in row
    assert "version" not in row and "search_text" not in row


def test_an_export_imports_back_unchanged(editor, records):
    make_event("Strike", city=records["zhanaozen"], initiatives=[records["union"]], sources=2)
    make_event("Online petition", is_online=True, published=False, date="2020-01-01", date_precision="year")
    for file_format in [CSV_FORMAT, XLSX_FORMAT]:
        exported = export(editor, "event", file_format)
        file = SimpleUploadedFile("events", exported.content)
        result = upload(editor, "event", file, file_format).context["result"]
        assert rows_by_type(result) == {"skip": ["Online petition", "Strike"]}, file_format


def test_changing_only_the_sources_column_is_a_change(editor, records):
    event = make_event("Strike", slug="zhanaozen-strike", city=records["zhanaozen"], sources=1)
    row = strike_row(title_en="Strike", sources="Only this one | https://news.example.org/only")
    preview = upload(editor, "event", csv_file(HEADER, row))
    assert rows_by_type(preview.context["result"]) == {"update": ["Strike"]}
    confirm(editor, "event", preview)
    assert [source.title for source in event.sources.all()] == ["Only this one"]


@in_background
def test_a_large_event_file_is_imported_in_the_background(admin_client, records, settings):
    settings.IMPORT_BACKGROUND_ROWS = 2
    rows = [strike_row(slug=f"strike-{number}", title_en=f"Strike {number}") for number in range(3)]
    job_url = upload_in_background(admin_client, "event", csv_file(HEADER, *rows))
    run_worker()
    assert "Preview: 3 new" in admin_client.get(job_url).content.decode()
    confirm_in_background(admin_client, job_url)
    run_worker()
    assert ImportJob.objects.get().status == ImportJob.Status.DONE
    assert Event.objects.published().count() == 3
    assert all(event.sources.count() == 2 for event in Event.objects.all())


def test_the_import_page_opens_and_the_list_offers_import_and_export(researcher):
    content = researcher.get(reverse("admin:activism_event_changelist")).content.decode()
    assert reverse("admin:activism_event_import") in content and reverse("admin:activism_event_export") in content
    page = researcher.get(reverse("admin:activism_event_import"))
    assert page.status_code == 200 and "sources" in page.content.decode()
    assert submit_form(researcher, reverse("admin:activism_event_import"), {"format": CSV_FORMAT}).status_code == 200


# ACLED

ACLED_SAMPLE = Path(__file__).parent / "fixtures" / "acled_kazakhstan_sample.csv"
ACLED_RESOURCE = "1"  # its place in the import page's choice of formats


@pytest.fixture
def acled_places(db):
    mangystau = make_region("Mangystau", name_ru="Мангистауская область")
    almaty = make_region("Almaty", kind="city")
    make_region("Astana", kind="city")
    make_region("Karaganda Region")
    return {
        "zhanaozen": make_city("Zhanaozen", mangystau, "43.34", "52.86"),
        "almaty": make_city("Almaty", almaty),
    }


def acled_file(*rows):
    """The sample's lines, or these (dicts of ACLED columns over the sample's first line)."""
    if not rows:
        return SimpleUploadedFile("acled.csv", ACLED_SAMPLE.read_bytes(), content_type="text/csv")
    with ACLED_SAMPLE.open(encoding="utf-8") as sample:
        reader = csv.DictReader(sample)
        first = next(reader)
        header = reader.fieldnames
    return csv_file(header, *[[{**first, **row}[column] for column in header] for row in rows], name="acled.csv")


def upload_acled(client, file):
    response = submit_form(
        client,
        reverse("admin:activism_event_import"),
        {"import_file": file, "format": CSV_FORMAT, "resource": ACLED_RESOURCE},
    )
    assert response.status_code == 200
    return response


def test_an_acled_export_is_previewed_then_imported_as_drafts(researcher, acled_places):
    preview = upload_acled(researcher, acled_file())
    result = preview.context["result"]
    assert len(rows_by_type(result)["new"]) == 5, errors_of(preview)
    content = preview.content.decode()
    assert "No city is called “Nur-Sultan”: the city is left empty." in content
    assert "No city is called “Temirtau”: the city is left empty." in content
    assert not Event.objects.exists()
    confirm(researcher, "event", preview)
    events = {event.slug: event for event in Event.objects.all()}
    assert set(events) == {f"acled-kaz900{number}" for number in range(1, 6)}
    assert {event.publication_status for event in events.values()} == {PublicationStatus.DRAFT}

    strike = events["acled-kaz9001"]
    assert (strike.title, strike.kind, strike.date.isoformat(), strike.date_precision) == (
        "Peaceful protest in Zhanaozen",
        "protest",
        "2019-12-16",
        "day",
    )
    assert strike.city == acled_places["zhanaozen"] and strike.region.name == "Mangystau"
    assert strike.summary.startswith("On 16 December 2019, around 200 oil workers gathered")
    assert "ACLED actors: Protesters (Kazakhstan); Labour Group (Kazakhstan)." in strike.description
    sources = {source.title: source for source in strike.sources.all()}
    assert set(sources) == {"ACLED event KAZ9001", "Example Wire, Example Daily"}
    assert sources["ACLED event KAZ9001"].publisher == "ACLED"
    assert sources["ACLED event KAZ9001"].published_on.isoformat() == "2020-01-01"

    intervened = events["acled-kaz9002"]
    assert intervened.kind == "protest" and "protest with intervention" in intervened.description
    assert intervened.city == acled_places["almaty"]

    arrests = events["acled-kaz9003"]  # a week in ACLED: the month here
    assert (arrests.kind, arrests.date.isoformat(), arrests.date_precision) == ("detention", "2019-06-01", "month")
    assert (arrests.city, arrests.region.name) == (None, "Astana")  # Nur-Sultan is Astana again

    law = events["acled-kaz9004"]  # ACLED knows only the region (geo_precision 3)
    assert (law.kind, law.city, law.region.name, law.date_precision) == ("law_change", None, "Almaty", "month")

    march = events["acled-kaz9005"]
    assert (march.city, march.region.name) == (None, "Karaganda Region")


def test_an_editors_acled_import_is_drafts_too(editor, acled_places):
    confirm(editor, "event", upload_acled(editor, acled_file()))
    assert Event.objects.count() == 5 and not Event.objects.published().exists()


def test_an_acled_event_already_imported_is_skipped_not_duplicated(editor, acled_places):
    confirm(editor, "event", upload_acled(editor, acled_file()))
    # An editor renamed and published one since.
    strike = Event.objects.get(slug="acled-kaz9001")
    strike.slug, strike.title_en, strike.publication_status = "zhanaozen-strike-2019", "Zhanaozen strike", "published"
    strike.save()
    again = upload_acled(editor, acled_file())
    assert rows_by_type(again.context["result"]) == {
        "skip": sorted(["Zhanaozen strike", *(event.title for event in Event.objects.exclude(pk=strike.pk))])
    }
    assert "Already imported: left as it is." in again.content.decode()
    confirm(editor, "event", again)
    assert Event.objects.count() == 5
    strike.refresh_from_db()
    assert (strike.title, strike.publication_status) == ("Zhanaozen strike", "published")


def test_a_change_to_group_without_a_law_is_pressure_and_the_preview_says_so(researcher, acled_places):
    row = {
        "event_type": "Strategic developments",
        "sub_event_type": "Change to group/activity",
        "notes": "Authorities searched the office of a youth movement.",
    }
    preview = upload_acled(researcher, acled_file(row))
    assert "read as pressure on activists: check it" in preview.content.decode()
    confirm(researcher, "event", preview)
    assert Event.objects.get().kind == "pressure"


def test_an_unknown_region_is_left_empty_and_said(researcher, acled_places):
    preview = upload_acled(researcher, acled_file({"admin1": "Atlantis Oblast", "location": "Almaty"}))
    assert "No region is called “Atlantis Oblast”: the region is left empty." in preview.content.decode()
    confirm(researcher, "event", preview)
    assert Event.objects.get().city == acled_places["almaty"]  # its region is the city's


@pytest.mark.parametrize(
    "row, column, message",
    [
        ({"event_type": "Battles", "sub_event_type": "Armed clash"}, "event_type", "“Battles / Armed clash”"),
        ({"event_date": "31 June 2019"}, "event_date", "“31 June 2019” is not a date"),
        ({"event_date": "sometime"}, "event_date", "“sometime” is not a date"),
        ({"time_precision": "7"}, "time_precision", "“7” is not an ACLED time precision"),
        ({"admin1": "Atlantis Oblast", "location": "Atlantis"}, "city", "Say where it happened"),
        ({"event_id_cnty": "=cmd|calc"}, "event_id_cnty", "is not an ACLED event id"),
    ],
)
def test_a_bad_acled_line_is_an_error_naming_it_and_nothing_is_written(researcher, acled_places, row, column, message):
    preview = upload_acled(researcher, acled_file({}, {"event_id_cnty": "KAZ9009", **row}))
    errors = errors_of(preview)
    assert {(line, error_column) for line, error_column, _error in errors} == {(3, column)}
    assert any(message in error for _line, _column, error in errors), errors
    assert "confirm_form" not in preview.context
    assert not Event.objects.exists()


def test_a_file_without_acleds_columns_is_refused_with_a_clear_message(researcher, records):
    preview = upload_acled(researcher, csv_file(HEADER, strike_row()))
    errors = str(preview.context["form"].errors["import_file"])
    assert "event_id_cnty" in errors and "event_date" in errors
    assert not Event.objects.exists()


@in_background
def test_a_large_acled_file_is_imported_in_the_background(admin_client, acled_places, settings):
    settings.IMPORT_BACKGROUND_ROWS = 2
    job_url = submit_form(
        admin_client,
        reverse("admin:activism_event_import"),
        {"import_file": acled_file(), "format": CSV_FORMAT, "resource": ACLED_RESOURCE},
    ).url
    run_worker()
    assert "Preview: 5 new" in admin_client.get(job_url).content.decode()
    confirm_in_background(admin_client, job_url)
    run_worker()
    assert ImportJob.objects.get().status == ImportJob.Status.DONE
    assert Event.objects.filter(publication_status="draft", sources__publisher="ACLED").count() == 5
