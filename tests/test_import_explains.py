"""The import page explains itself: each error on a line of its own naming the spreadsheet's line and column, a
template file to start from, and initiatives' links and sources in one column each, exported as they import."""

import csv
import io
from html.parser import HTMLParser

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from activism.models import City, Event, Initiative, InitiativeLink, PublicationStatus

from .conftest import CSV_FORMAT, XLSX_FORMAT, confirm, csv_file, make_initiative, upload
from .test_import_export import export, rows_by_type, user_with_permissions, xlsx_file

pytestmark = pytest.mark.django_db

HEADER = ["slug", "name_en", "summary_en", "themes", "year_started", "year_ended"]
BAD_ROWS = [
    ["oyan", "Oyan", "A movement.", "ecology", "2018", ""],
    ["lost", "Lost", "Somewhere.", "ecology", "soon", ""],  # line 3
    ["late", "Late", "Too late.", "ecology", "2020", "2019"],  # line 4: a row error, of no one column
]


class ErrorLines(HTMLParser):
    """The items of the list of errors above the preview, and where on the page the list and the table start."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines, self.item, self.in_list = [], None, False
        self.list_at = self.table_at = self.scroll_box_at = None

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class", "") or ""
        if tag == "ul" and "import-error-lines" in classes:
            self.in_list = True
            self.list_at = self.getpos() if self.list_at is None else self.list_at
        elif tag == "li" and self.in_list:
            self.item = ""
        elif tag == "div" and "import-preview-scroll" in classes and self.scroll_box_at is None:
            self.scroll_box_at = self.getpos()
        elif tag == "table" and "import-preview" in classes and self.table_at is None:
            self.table_at = self.getpos()

    def handle_data(self, data):
        if self.item is not None:
            self.item += data

    def handle_endtag(self, tag):
        if tag == "li" and self.item is not None:
            self.lines.append(" ".join(self.item.split()))
            self.item = None
        elif tag == "ul":
            self.in_list = False


def error_lines(page):
    reader = ErrorLines()
    reader.feed(page.content.decode())
    return reader


@pytest.mark.parametrize(("make_file", "file_format"), [(csv_file, CSV_FORMAT), (xlsx_file, XLSX_FORMAT)])
def test_each_error_is_listed_above_the_preview_with_its_spreadsheet_line_and_column(
    researcher, site_data, make_file, file_format
):
    page = upload(researcher, "initiative", make_file(HEADER, *BAD_ROWS), file_format)
    reader = error_lines(page)
    assert reader.lines == [
        "Line 3, column year_started: “soon” is not a whole number.",
        "Line 4: The year ended cannot be before the year started.",
    ]
    # The list comes first; the wide table below it scrolls in its own box.
    assert reader.list_at < reader.scroll_box_at < reader.table_at
    assert "confirm_form" not in page.context
    assert not Initiative.objects.filter(slug__in=["oyan", "lost", "late"]).exists()


def test_an_error_of_a_column_named_differently_in_the_file_names_the_files_column(researcher, site_data):
    file = csv_file(["slug", "name_en", "summary_en", "themes", "cities"], ["oyan", "Oyan", "", "ecology", "Atlantis"])
    lines = error_lines(upload(researcher, "initiative", file)).lines
    assert "Line 2, column cities: No city has the slug or the name “Atlantis”." in lines
    assert any(line.startswith("Line 2, column summary_en: Every record needs this in English") for line in lines)


# Templates to download


def download_template(client, model, extension):
    page = client.get(reverse(f"admin:activism_{model}_import"))
    url = reverse(f"admin:activism_{model}_import_template", args=[extension])
    assert f'href="{url}"' in page.content.decode()  # the import page links to it
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{model}-template.{extension}"'
    return response


def template_rows(response, extension):
    if extension == "csv":
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [["" if value is None else str(value) for value in row] for row in sheet.values]


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
@pytest.mark.parametrize(
    ("model", "slug"),
    [
        ("initiative", "green-courtyards-example"),
        ("city", "akbulak-example"),
        ("event", "rally-for-the-courtyard-elms-example"),
    ],
)
def test_the_template_has_the_columns_and_an_example_that_imports_as_it_is(
    researcher, site_data, model, slug, extension
):
    response = download_template(researcher, model, extension)
    header, *rows = template_rows(response, extension)
    page = researcher.get(reverse(f"admin:activism_{model}_import")).content.decode()
    assert all(f"{column}" in page for column in header)  # the import page lists the same columns
    assert "id" not in header and "version" not in header
    assert len(rows) == 1 and rows[0][header.index("slug")] == slug

    file = SimpleUploadedFile(f"template.{extension}", response.content)
    preview = upload(researcher, model, file, CSV_FORMAT if extension == "csv" else XLSX_FORMAT)
    assert error_lines(preview).lines == []
    [new] = rows_by_type(preview.context["result"])["new"]
    assert "(example)" in new
    assert confirm(researcher, model, preview).status_code == 302
    record = {"initiative": Initiative, "city": City, "event": Event}[model].objects.get(slug=slug)
    if model == "initiative":
        assert {(link.kind, link.url) for link in record.links.all()} == {
            ("instagram", "https://www.instagram.com/green_courtyards_example"),
            ("website", "https://example.org/green-courtyards"),
        }
        assert [source.publisher for source in record.sources.all()] == ["Example News"]
    if model == "event":
        assert record.publication_status == PublicationStatus.DRAFT
        assert record.sources.count() == 1


def test_only_staff_who_may_import_download_a_template(site_data):
    viewer = user_with_permissions("view_initiative", "change_initiative")
    assert viewer.get(reverse("admin:activism_initiative_import_template", args=["csv"])).status_code == 403


def test_an_unknown_template_format_is_not_found(researcher):
    assert researcher.get(reverse("admin:activism_initiative_import_template", args=["pdf"])).status_code == 404


def test_the_import_page_says_how_to_write_links_and_sources(researcher):
    page = researcher.get(reverse("admin:activism_initiative_import")).content.decode()
    assert "instagram.com: Instagram" in page
    assert "“title | URL | publisher | date”" in page


# Links and sources of initiatives


LINKS = "https://t.me/oyan_kz; https://www.instagram.com/oyan.qazaqstan; website | https://www.facebook.com/oyan"
SOURCES = "Oyan founded | https://vlast.kz/oyan | Vlast.kz | 2019-06-12; Founders' letter"


def test_links_and_sources_are_imported_one_column_each(researcher, site_data):
    file = csv_file(
        ["slug", "name_en", "summary_en", "themes", "links", "sources"],
        ["oyan", "Oyan", "A movement.", "ecology", LINKS, SOURCES],
    )
    confirm(researcher, "initiative", upload(researcher, "initiative", file))
    oyan = Initiative.objects.get(slug="oyan")
    assert {(link.kind, link.url) for link in oyan.links.all()} == {
        (InitiativeLink.Kind.TELEGRAM, "https://t.me/oyan_kz"),
        (InitiativeLink.Kind.INSTAGRAM, "https://www.instagram.com/oyan.qazaqstan"),
        (InitiativeLink.Kind.WEBSITE, "https://www.facebook.com/oyan"),  # the kind the cell names wins
    }
    assert {
        (source.title, source.url, source.publisher, str(source.published_on)) for source in oyan.sources.all()
    } == {
        ("Oyan founded", "https://vlast.kz/oyan", "Vlast.kz", "2019-06-12"),
        ("Founders' letter", "", "", "None"),
    }


def test_a_bad_link_is_an_error_on_its_line_and_column(researcher, site_data):
    file = csv_file(
        ["slug", "name_en", "summary_en", "themes", "links"],
        ["oyan", "Oyan", "A movement.", "ecology", "https://t.me/oyan_kz"],
        ["lost", "Lost", "Somewhere.", "ecology", "not a link; podcast | https://example.org"],
    )
    lines = error_lines(upload(researcher, "initiative", file)).lines
    [line] = lines
    assert line.startswith("Line 3, column links: “not a link” is not a web address")
    assert "“podcast” is not one of: website, instagram" in line
    assert not Initiative.objects.filter(slug__in=["oyan", "lost"]).exists()


@pytest.mark.parametrize("file_format", [CSV_FORMAT, XLSX_FORMAT])
def test_links_and_sources_export_and_import_back(admin_client, site_data, file_format):
    park = site_data["park"]
    park.sources.all().delete()  # the one make_initiative gives a published record
    park.links.create(kind="instagram", url="https://instagram.com/savethepark")
    park.links.create(kind="website", url="https://youtube.com/@savethepark")  # not the kind its host suggests
    park.sources.create(
        title="Park saved", url="https://vlast.kz/park", publisher="Vlast.kz", published_on="2020-05-01"
    )
    park.sources.create(title="Residents' petition")
    exported = export(admin_client, "initiative", file_format)
    rows = template_rows(exported, "csv" if file_format == CSV_FORMAT else "xlsx")
    row = dict(zip(rows[0], next(line for line in rows[1:] if "save-the-park" in line), strict=True))
    assert row["links"] == "https://instagram.com/savethepark; website | https://youtube.com/@savethepark"
    assert row["sources"] == "Park saved | https://vlast.kz/park | Vlast.kz | 2020-05-01; Residents' petition"

    stored = {(link.kind, link.url) for link in park.links.all()}, set(park.sources.values_list("title", flat=True))
    park.links.all().delete()
    park.sources.all().delete()
    preview = upload(admin_client, "initiative", SimpleUploadedFile("initiatives", exported.content), file_format)
    confirm(admin_client, "initiative", preview)
    assert (
        {(link.kind, link.url) for link in park.links.all()},
        set(park.sources.values_list("title", flat=True)),
    ) == stored


def test_a_file_without_the_links_column_leaves_the_links_as_they_are(researcher, site_data):
    draft = make_initiative("Quiet Group", published=False, themes=[site_data["ecology"]])
    draft.links.create(kind="telegram", url="https://t.me/quiet")
    file = csv_file(["slug", "name_en", "summary_en", "themes"], ["quiet-group", "Quiet Group", "Calmer.", "ecology"])
    confirm(researcher, "initiative", upload(researcher, "initiative", file))
    draft.refresh_from_db()
    assert draft.summary == "Calmer."
    assert list(draft.links.values_list("url", flat=True)) == ["https://t.me/quiet"]
