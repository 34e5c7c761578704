"""History and Recover in the admin: restoring a version goes through the same workflow as an edit."""

import pytest
from django.urls import reverse
from reversion.models import Version

from activism.models import Initiative, PublicationStatus, Theme

from .conftest import (
    change_url,
    confirm,
    csv_file,
    fill_form,
    form_errors,
    make_author,
    make_city,
    make_initiative,
    make_post,
    make_region,
    make_theme,
    read_form,
    save_through_admin,
    submit_form,
    upload,
    with_source,
)

pytestmark = pytest.mark.django_db

SHARED_PK = 900  # the initiative's id, given to records of other models too


@pytest.fixture(params=["researcher", "editor"])
def staff(request):
    """Each test run once as a Researcher and once as an Editor."""
    return request.getfixturevalue(request.param)


def version_with(record, **values):
    """The record's saved version holding these values."""
    for version in Version.objects.get_for_object(record):
        if all(version.field_dict[name] == value for name, value in values.items()):
            return version
    raise AssertionError(f"no version of {record} with {values}")


def revision_url(record, version):
    return reverse(f"admin:activism_{record._meta.model_name}_revision", args=[record.pk, version.pk])


def recover_url(model_name, version):
    return reverse(f"admin:activism_{model_name}_recover", args=[version.pk])


def delete_url(record):
    return reverse(f"admin:activism_{record._meta.model_name}_delete", args=[record.pk])


@pytest.fixture
def published(editor):
    """Saved as a draft, then published with new text by an editor."""
    record = make_initiative("Open Union", published=False)
    save_through_admin(editor, record, summary_en="Draft text.")
    save_through_admin(editor, record, summary_en="Public text.", publication_status="published", **with_source())
    record.refresh_from_db()
    return record


@pytest.fixture
def deleted(editor):
    """The last version of a published initiative an editor deleted."""
    record = make_initiative("Closed Union", pk=SHARED_PK, published=False)
    save_through_admin(editor, record, summary_en="Last text.", publication_status="published", **with_source())
    assert submit_form(editor, delete_url(record)).status_code == 302
    assert not Initiative.objects.filter(pk=record.pk).exists()
    return Version.objects.get_deleted(Initiative).get()


def make_other(model_name, pk):
    makers = {"region": make_region, "city": make_city, "theme": make_theme, "author": make_author}
    return makers[model_name]("Other record", pk=pk)


# Versions under another model's URL


@pytest.mark.parametrize("model_name", ["region", "city", "theme", "author"])
@pytest.mark.parametrize("other_exists", [False, True])
def test_a_version_is_not_restored_through_another_models_history(staff, editor, client, model_name, other_exists):
    record = make_initiative("Quiet Union", pk=SHARED_PK, published=False)
    save_through_admin(editor, record, summary_en="Public text.", publication_status="published", **with_source())
    save_through_admin(editor, record, publication_status="archived")
    public_version = version_with(record, publication_status="published")
    if other_exists:
        make_other(model_name, SHARED_PK)
    url = reverse(f"admin:activism_{model_name}_revision", args=[SHARED_PK, public_version.pk])
    assert staff.get(url).status_code == 404
    assert staff.post(url).status_code == 404  # only the CSRF token, as in the report: no page renders this form
    record.refresh_from_db()
    assert record.publication_status == PublicationStatus.ARCHIVED
    assert client.get(record.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("model_name", ["region", "city", "theme", "author"])
@pytest.mark.parametrize("other_exists", [False, True])
def test_a_deleted_record_is_not_recovered_through_another_model(staff, client, deleted, model_name, other_exists):
    if other_exists:
        make_other(model_name, deleted.object_id)
    url = recover_url(model_name, deleted)
    assert staff.get(url).status_code == 404
    assert staff.post(url).status_code == 404
    assert not Initiative.objects.filter(pk=deleted.object_id).exists()


def test_recover_is_not_found_while_the_record_exists(staff, published):
    url = recover_url("initiative", version_with(published, summary_en="Draft text."))
    assert staff.get(url).status_code == 404
    assert staff.post(url).status_code == 404
    published.refresh_from_db()
    assert published.summary_en == "Public text."


def test_a_deleted_record_does_not_come_back_through_its_history(staff, deleted):
    url = reverse("admin:activism_initiative_revision", args=[deleted.object_id, deleted.pk])
    assert staff.get(url).status_code == 404
    assert staff.post(url).status_code == 404
    assert not Initiative.objects.filter(pk=deleted.object_id).exists()


# Restoring an earlier version


def test_a_researcher_cannot_restore_a_published_record_nor_then_delete_it(researcher, editor, client, published):
    url = revision_url(published, version_with(published, summary_en="Draft text."))
    assert researcher.get(url).status_code == 403
    # The restore form as an editor's page renders it, sent by the researcher with the draft status and new text.
    restore = fill_form(editor.get(url), {"summary_en": "Rewritten.", "publication_status": "draft"})
    assert researcher.post(*restore).status_code == 403
    assert researcher.post(delete_url(published), {"post": "yes"}).status_code == 403  # the page shows no form
    published.refresh_from_db()
    assert (published.summary_en, published.publication_status) == ("Public text.", PublicationStatus.PUBLISHED)
    assert "Public text." in client.get(published.get_absolute_url()).content.decode()


def test_a_researcher_restores_an_earlier_text_of_a_draft_and_its_status_stays(researcher):
    record = make_initiative("Young Union", published=False)
    save_through_admin(researcher, record, summary_en="First text.")
    save_through_admin(researcher, record, summary_en="Second text.", publication_status="review")
    url = revision_url(record, version_with(record, summary_en="First text."))
    refused = submit_form(researcher, url, {"publication_status": "published"})  # not a move a researcher makes
    assert refused.status_code == 200 and "publication_status" in form_errors(refused)
    record.refresh_from_db()
    assert (record.summary_en, record.publication_status) == ("Second text.", PublicationStatus.REVIEW)

    assert submit_form(researcher, url).status_code == 302
    record.refresh_from_db()
    assert (record.summary_en, record.publication_status) == ("First text.", PublicationStatus.REVIEW)
    assert "the record stays In review" in researcher.get(url).content.decode()


def test_an_editor_restores_an_earlier_text_and_the_record_stays_public(editor, client, published):
    url = revision_url(published, version_with(published, summary_en="Draft text."))
    page = editor.get(url)
    assert "the record stays Published" in page.content.decode()
    # That version had no source yet: restored on a published record, it needs one (the publication rules).
    response = submit_form(editor, url, with_source())
    assert response.status_code == 302, form_errors(response)
    published.refresh_from_db()
    assert (published.summary_en, published.publication_status) == ("Draft text.", PublicationStatus.PUBLISHED)
    public_page = client.get(published.get_absolute_url())
    assert public_page.status_code == 200 and "Draft text." in public_page.content.decode()


def test_an_editor_may_archive_while_restoring(editor, client, published):
    url = revision_url(published, version_with(published, summary_en="Draft text."))
    assert submit_form(editor, url, {"publication_status": "archived"}).status_code == 302
    published.refresh_from_db()
    assert published.publication_status == PublicationStatus.ARCHIVED
    assert client.get(published.get_absolute_url()).status_code == 404


def test_a_page_opened_before_a_restore_cannot_save_over_it(editor, published):
    old_tab = editor.get(change_url(published))
    restore = revision_url(published, version_with(published, summary_en="Draft text."))
    assert submit_form(editor, restore, with_source()).status_code == 302
    refused = editor.post(*fill_form(old_tab, {"name_en": "Renamed"}))
    assert refused.status_code == 200
    assert "Someone else saved this record" in str(refused.context["adminform"].form.non_field_errors())
    published.refresh_from_db()
    assert (published.name_en, published.summary_en) == ("Open Union", "Draft text.")


@pytest.mark.parametrize(("make_record", "sourced"), [(make_initiative, {"sources": 1}), (make_post, {})])
def test_restoring_a_version_saved_by_a_list_action_writes_back_that_record_alone(
    researcher, editor, make_record, sourced
):
    """A list action saves every record it moves in one revision: restoring one record's version leaves the others,
    so a researcher may restore a draft of theirs saved together with a record now published."""
    # Drafts that pass the publication rules (an initiative has a source).
    mine = make_record("Mine", published=False, **sourced)
    theirs = make_record("Theirs", published=False, **sourced)
    changelist = reverse(f"admin:activism_{mine._meta.model_name}_changelist")
    submit_form(editor, changelist, {"action": "publish", "_selected_action": [str(mine.pk), str(theirs.pk)]})
    moved = version_with(mine, publication_status="published")
    assert moved.revision.version_set.filter(object_id=str(theirs.pk)).exists()
    text = "lead_en" if mine._meta.model_name == "blogpost" else "summary_en"
    save_through_admin(editor, theirs, **{text: "Newer public text."})
    save_through_admin(editor, mine, publication_status="draft")
    response = submit_form(researcher, revision_url(mine, moved))
    assert response.status_code == 302, form_errors(response)
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.publication_status == PublicationStatus.DRAFT
    assert theirs.publication_status == PublicationStatus.PUBLISHED
    assert getattr(theirs, text) == "Newer public text."


# One record of an imported file

IMPORT_HEADER = ["slug", "name_en", "summary_en", "form", "themes", "cities", "publication_status"]


@pytest.fixture
def imported(editor):
    """Two initiatives imported from one file (one revision for the file); the second edited since on its own page,
    a link added."""
    make_theme("Ecology")
    make_city("Almaty")
    file = csv_file(
        IMPORT_HEADER,
        ["oyan", "Oyan", "Imported text of Oyan.", "movement", "ecology", "almaty", "draft"],
        ["qazaq-park", "Qazaq Park", "Imported text of the park.", "movement", "ecology", "almaty", "draft"],
    )
    assert confirm(editor, "initiative", upload(editor, "initiative", file)).status_code == 302
    first, second = Initiative.objects.get(slug="oyan"), Initiative.objects.get(slug="qazaq-park")
    save_through_admin(
        editor, second, summary_en="Later text of the park.", **{"links-0-url": "https://park.example.org/"}
    )
    return first, second


def test_restoring_an_imported_version_leaves_the_other_records_of_the_file(editor, imported):
    first, second = imported
    save_through_admin(editor, first, summary_en="Later text of Oyan.")
    version = version_with(first, summary_en="Imported text of Oyan.")
    assert version.revision.version_set.filter(object_id=str(second.pk)).exists()  # the whole file's revision
    response = submit_form(editor, revision_url(first, version))
    assert response.status_code == 302, form_errors(response)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.summary_en == "Imported text of Oyan."
    assert second.summary_en == "Later text of the park."
    assert list(second.links.values_list("url", flat=True)) == ["https://park.example.org/"]
    assert Version.objects.get_for_object(second).count() == 2  # the import and the later edit, nothing since


def test_recovering_a_deleted_record_leaves_the_other_records_of_the_file(editor, imported):
    first, second = imported
    assert submit_form(editor, delete_url(first)).status_code == 302
    deleted = Version.objects.get_deleted(Initiative).get()  # its last version: the one of the whole file
    assert submit_form(editor, recover_url("initiative", deleted)).status_code == 302
    assert Initiative.objects.get(pk=first.pk).summary_en == "Imported text of Oyan."
    second.refresh_from_db()
    assert second.summary_en == "Later text of the park."
    assert list(second.links.values_list("url", flat=True)) == ["https://park.example.org/"]


# A record's links and sources


def sources_and_links(record):
    return (
        sorted(record.sources.values_list("pk", "title")),
        sorted(record.links.values_list("pk", "url")),
    )


def test_restoring_brings_back_the_links_and_sources_of_that_version(editor):
    record = make_initiative("Oyan", published=False)
    save_through_admin(
        editor,
        record,
        summary_en="First text.",
        **{"sources-0-title": "Vlast.kz report", "links-0-url": "https://oyan.example.org/"},
    )
    then = sources_and_links(record)
    save_through_admin(
        editor,
        record,
        summary_en="Second text.",
        **{"sources-0-DELETE": "on", "sources-1-title": "A later source", "links-0-url": "https://oyan.example.com/"},
    )
    assert sources_and_links(record) != then
    response = submit_form(editor, revision_url(record, version_with(record, summary_en="First text.")))
    assert response.status_code == 302, form_errors(response)
    record.refresh_from_db()
    assert record.summary_en == "First text."
    assert sources_and_links(record) == then


def test_recovering_brings_back_the_links_and_sources(editor):
    record = make_initiative("Oyan", published=False)
    save_through_admin(
        editor,
        record,
        **{"sources-0-title": "Vlast.kz report", "links-0-url": "https://oyan.example.org/"},
    )
    then = sources_and_links(record)
    assert submit_form(editor, delete_url(record)).status_code == 302
    deleted = Version.objects.get_deleted(Initiative).get()
    assert submit_form(editor, recover_url("initiative", deleted)).status_code == 302
    assert sources_and_links(Initiative.objects.get(pk=record.pk)) == then


# Recovering a deleted record


def test_a_recovered_record_comes_back_as_a_draft(staff, client, deleted):
    response = submit_form(staff, recover_url("initiative", deleted))
    assert response.status_code == 302, form_errors(response)
    record = Initiative.objects.get(pk=deleted.object_id)
    assert (record.summary_en, record.publication_status) == ("Last text.", PublicationStatus.DRAFT)
    assert client.get(record.get_absolute_url()).status_code == 404


def test_a_researcher_cannot_publish_while_recovering(researcher, deleted):
    url = recover_url("initiative", deleted)
    assert "comes back as a draft" in researcher.get(url).content.decode()
    refused = submit_form(researcher, url, {"publication_status": "published"})
    assert refused.status_code == 200 and "publication_status" in form_errors(refused)
    assert not Initiative.objects.filter(pk=deleted.object_id).exists()


# The theme list's editable display order


def display_order_field(changelist_page, theme):
    """The name of the theme's display order box on the list page: rows are numbered in the order shown."""
    rows = [record.pk for record in changelist_page.context["cl"].result_list]
    return f"form-{rows.index(theme.pk)}-display_order"


def test_an_old_list_page_cannot_undo_a_newer_save(editor, researcher):
    ecology = make_theme("Ecology", display_order=1)
    labour = make_theme("Labour", display_order=2)
    changelist = reverse("admin:activism_theme_changelist")
    editors_page = editor.get(changelist)
    researchers_page = researcher.get(changelist)
    _action, data, _names = read_form(researchers_page, "changelist-form")
    assert data[display_order_field(researchers_page, ecology)] == ["1"]

    changes = {display_order_field(editors_page, ecology): "5", "_save": "Save"}
    assert editor.post(*fill_form(editors_page, changes, "changelist-form")).status_code == 302
    changes = {display_order_field(researchers_page, labour): "7", "_save": "Save"}
    refused = researcher.post(*fill_form(researchers_page, changes, "changelist-form"))
    assert refused.status_code == 200
    content = refused.content.decode()
    assert "Nothing on this page was saved" in content and "Someone else saved this record" in content
    assert dict(Theme.objects.values_list("slug", "display_order")) == {"ecology": 5, "labour": 2}

    reloaded = researcher.get(changelist)
    changes = {display_order_field(reloaded, labour): "7", "_save": "Save"}
    assert researcher.post(*fill_form(reloaded, changes, "changelist-form")).status_code == 302
    assert dict(Theme.objects.values_list("slug", "display_order")) == {"ecology": 5, "labour": 7}


def test_a_version_whose_slug_another_record_took_since_is_refused_with_a_message(editor):
    record = make_initiative("Oyan", published=False)
    save_through_admin(editor, record, summary_en="First text.")
    save_through_admin(editor, record, slug="oyan-qazaqstan", summary_en="Second text.")
    make_initiative("Another Oyan", slug="oyan", published=False)
    url = revision_url(record, version_with(record, summary_en="First text."))
    response = editor.get(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:activism_initiative_changelist")
    assert "another record now has one of its unique values" in response.content.decode()
    record.refresh_from_db()
    assert (record.slug, record.summary_en) == ("oyan-qazaqstan", "Second text.")
