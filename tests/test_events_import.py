"""Events to and from spreadsheets in the admin (CSV and XLSX), and the import of a CSV file exported from ACLED."""

import csv
import io

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
