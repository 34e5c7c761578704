"""Changes to published records go through review: a Researcher's save of a published record (or an Editor's "Save
as a change for review") becomes the record's change for review; the public keeps the published record until an
Editor approves the change, field by field, on its review page."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from reversion.models import Version

from activism.models import BlogPost, Initiative, PendingChange, PublicationStatus

from .conftest import (
    change_url,
    committing,
    confirm,
    csv_file,
    fill_form,
    form_errors,
    image_upload,
    logged_in_client,
    make_city,
    make_event,
    make_post,
    make_sourced_initiative,
    make_staff,
    make_theme,
    pending_url,
    read_form,
    review_change,
    run_action,
    save_through_admin,
    submit_form,
    upload,
)


@pytest.fixture
def published(db):
    """A published initiative with a theme, a link and a source, its text in every language."""
    ecology = make_theme("Ecology")
    make_theme("Water")
    initiative = make_sourced_initiative(
        "Green Almaty",
        themes=[ecology],
        name_kk="Жасыл Алматы",
        name_ru="Зелёная Алматы",
        summary_en="Trees for the city.",
        summary_kk="Қалаға ағаштар.",
        summary_ru="Деревья для города.",
    )
    initiative.links.create(kind="website", url="https://green.example.org/")
    return initiative


def inline_row(page, prefix, field, value):
    """The number of the inline row whose field shows this value, as the page renders it."""
    _action, data, _names = read_form(page)
    total = int(data[f"{prefix}-TOTAL_FORMS"][0])
    for number in range(total):
        if data.get(f"{prefix}-{number}-{field}") == [value]:
            return number
    raise AssertionError(f"no {prefix} row with {field} = {value!r}")


def researchers_edit(researcher, initiative):
    """A researcher renames the initiative, rewrites its summary, adds a source, deletes its link and changes its
    theme, on its change form as rendered."""
    page = researcher.get(change_url(initiative))
    link_row = inline_row(page, "links", "url", "https://green.example.org/")
    _action, data, _names = read_form(page)
    new_source = int(data["sources-TOTAL_FORMS"][0]) - 1  # the empty extra row
    water = str(initiative.themes.model.objects.get(name_en="Water").pk)
    return submit_form(
        researcher,
        change_url(initiative),
        {
            "name_en": "Green Almaty Trees",
            "summary_en": "Ten thousand trees for the city.",
            f"sources-{new_source}-title": "City council minutes",
            f"sources-{new_source}-url": "https://council.example.org/minutes",
            f"links-{link_row}-DELETE": "on",
            "themes": [water],
        },
        page=page,
    )


def public_texts(client, initiative):
    """What the public sees of the initiative: its page, the list, the search, the sitemap and the open data."""
    return "\n".join(
        client.get(url).content.decode()
        for url in [
            initiative.get_absolute_url(),
            reverse("activism:initiative-list"),
            reverse("activism:search") + "?q=trees",
            reverse("sitemap"),
            reverse("activism:open-data-csv"),
        ]
    )


def test_a_researchers_edit_of_a_published_record_stays_out_of_public_until_approved(
    researcher, editor, client, published
):
    response = researchers_edit(researcher, published)
    assert response.status_code == 302, form_errors(response)
    published.refresh_from_db()
    assert (published.name_en, published.summary_en) == ("Green Almaty", "Trees for the city.")
    assert published.links.count() == 1 and published.sources.count() == 1
    assert [theme.name_en for theme in published.themes.all()] == ["Ecology"]
    shown = public_texts(client, published)
    assert "Trees for the city." in shown
    assert "Ten thousand trees" not in shown and "Green Almaty Trees" not in shown
    preview = editor.get(published.get_preview_url()).content.decode()
    assert "Trees for the city." in preview and "Ten thousand trees" not in preview

    change = PendingChange.objects.get()
    assert (change.status, change.submitted_by.username) == ("pending", "researcher")
    # The form shows the change, to its author and to editors.
    again = researcher.get(change_url(published)).content.decode()
    assert "Ten thousand trees for the city." in again and "awaits review" in again
    assert "https://green.example.org/" not in again and "City council minutes" in again

    review = editor.get(pending_url(published))
    for shown_in_review in ["Ten thousand trees for the city.", "City council minutes", "Water", "Green Almaty Trees"]:
        assert shown_in_review in review.content.decode()
    # Only what differs, by its label: never the version, the search columns or the dates of saving.
    labels = [row["label"] for row in review.context["differences"]]
    assert labels == ["name [en]", "summary [en]", "themes", "links", "sources"]

    response = review_change(editor, published, "_approve", note="Good sources.")
    assert response.status_code == 302
    published.refresh_from_db()
    assert (published.name_en, published.summary_en) == ("Green Almaty Trees", "Ten thousand trees for the city.")
    assert published.publication_status == PublicationStatus.PUBLISHED
    assert [link.url for link in published.links.all()] == []
    titles = sorted(source.title for source in published.sources.all())
    assert titles == ["City council minutes", "Report on Green Almaty"]
    assert [theme.name_en for theme in published.themes.all()] == ["Water"]
    shown = public_texts(client, published)
    assert "Ten thousand trees for the city." in shown and "Trees for the city." not in shown
    change.refresh_from_db()
    assert (change.status, change.reviewed_by.username, change.note) == ("approved", "editor", "Good sources.")
    assert mail.outbox and "approved" in mail.outbox[-1].subject

    history = editor.get(reverse("admin:activism_initiative_history", args=[published.pk])).content.decode()
    assert "Approved the change submitted by researcher: Good sources." in history
    assert "Changes for review" in history and "Approved" in history and "Good sources." in history


def test_send_back_shows_the_note_and_a_new_save_submits_the_change_again(researcher, editor, published):
    save_through_admin(researcher, published, summary_en="Trees, maybe.")
    assert review_change(editor, published, "_send_back").status_code == 200  # a note is required
    assert PendingChange.objects.get().status == "pending"
    assert review_change(editor, published, "_send_back", note="Which trees? Cite the council.").status_code == 302
    change = PendingChange.objects.get()
    assert (change.status, change.note, change.reviewed_by.username) == (
        "sent_back",
        "Which trees? Cite the council.",
        "editor",
    )
    assert "sent back" in mail.outbox[-1].subject and "Which trees?" in mail.outbox[-1].body
    assert mail.outbox[-1].to == ["researcher@example.org"]

    page = researcher.get(change_url(published)).content.decode()
    assert "Which trees? Cite the council." in page and "Trees, maybe." in page
    save_through_admin(researcher, published, summary_en="Ten thousand plane trees, as the council decided.")
    change.refresh_from_db()
    assert change.status == "pending"
    assert PendingChange.objects.count() == 1
    published.refresh_from_db()
    assert published.summary_en == "Trees for the city."


def test_one_open_change_per_record_whoever_edits_extends_it(researcher, editor, roles, published):
    save_through_admin(researcher, published, summary_en="Ten thousand trees.")
    colleague = logged_in_client(make_staff("colleague", "Researcher"))
    page = colleague.get(change_url(published))
    assert "Ten thousand trees." in page.content.decode()  # the form shows the change, not the live record
    save_through_admin(colleague, published, name_en="Green Almaty Trees")
    change = PendingChange.objects.get()
    assert change.submitted_by.username == "colleague"
    # An editor's save extends it too, and approving it brings both edits.
    save_through_admin(editor, published, summary_ru="Десять тысяч деревьев.")
    assert PendingChange.objects.count() == 1
    published.refresh_from_db()
    assert (published.name_en, published.summary_en) == ("Green Almaty", "Trees for the city.")
    assert review_change(editor, published, "_approve").status_code == 302
    published.refresh_from_db()
    assert (published.name_en, published.summary_en, published.summary_ru) == (
        "Green Almaty Trees",
        "Ten thousand trees.",
        "Десять тысяч деревьев.",
    )
    # Closed: the next edit opens a new change, and both stay in the history.
    save_through_admin(researcher, published, summary_en="Twenty thousand trees.")
    assert list(PendingChange.objects.values_list("status", flat=True)) == ["pending", "approved"]


def test_an_editor_saves_directly_or_as_a_change_for_review(editor, client, published):
    page = editor.get(change_url(published)).content.decode()
    assert 'name="_save_for_review"' in page
    save_through_admin(editor, published, summary_en="Saved at once.")
    published.refresh_from_db()
    assert published.summary_en == "Saved at once."
    assert not PendingChange.objects.exists()
    assert "Saved at once." in client.get(published.get_absolute_url()).content.decode()

    save_through_admin(editor, published, summary_en="Kept for review.", _save_for_review="on")
    published.refresh_from_db()
    assert published.summary_en == "Saved at once."
    assert PendingChange.objects.get().submitted_by.username == "editor"
    assert "Kept for review." not in client.get(published.get_absolute_url()).content.decode()
    page = editor.get(change_url(published)).content.decode()
    assert "Kept for review." in page and pending_url(published) in page


def test_a_researchers_form_of_a_published_record_says_it_goes_to_review(researcher, published):
    page = researcher.get(change_url(published))
    assert page.context["has_change_permission"] and not page.context["has_delete_permission"]
    content = page.content.decode()
    assert "kept as a change for an editor to review" in content
    assert 'name="_save_for_review"' not in content  # every save of theirs is one
    response = save_through_admin(researcher, published, summary_en="New.")
    messages = [str(message) for message in researcher.get(response["Location"]).context["messages"]]
    assert any("kept for review" in message for message in messages)
    assert not any("changed successfully" in message for message in messages)


def test_only_editors_review_and_only_an_open_change(researcher, editor, published):
    assert editor.get(pending_url(published)).status_code == 404  # nothing to review
    save_through_admin(researcher, published, summary_en="New.")
    assert researcher.get(pending_url(published)).status_code == 403
    researcher.post(pending_url(published), {"_approve": "Approve", "note": ""})
    published.refresh_from_db()
    assert published.summary_en == "Trees for the city."
    assert review_change(editor, published, "_discard").status_code == 302
    assert PendingChange.objects.get().status == "discarded"
    assert editor.get(pending_url(published)).status_code == 404
    published.refresh_from_db()
    assert published.summary_en == "Trees for the city."
    assert "Trees for the city." in editor.get(change_url(published)).content.decode()


def test_the_review_warns_when_the_record_changed_since(researcher, editor, published):
    save_through_admin(researcher, published, summary_en="From the researcher.")
    assert "was changed after this change was written" not in editor.get(pending_url(published)).content.decode()
    Initiative.objects.get(pk=published.pk).save()  # an editor's save elsewhere (a list action, an import)
    assert "was changed after this change was written" in editor.get(pending_url(published)).content.decode()


def test_approval_is_refused_when_the_record_could_not_be_published(researcher, editor, published, monkeypatch):
    save_through_admin(researcher, published, summary_en="Unsourced claim.")

    def refuse(record):
        if record.summary_en == "Unsourced claim.":
            raise ValidationError("A published initiative needs a source for its summary.")

    monkeypatch.setattr(Initiative, "check_publishable", refuse)
    refused = review_change(editor, published, "_approve")
    assert refused.status_code == 200
    assert "A published initiative needs a source for its summary." in refused.content.decode()
    published.refresh_from_db()
    assert published.summary_en == "Trees for the city."
    assert PendingChange.objects.get().status == "pending"
    assert not mail.outbox


def test_a_researcher_still_cannot_delete_restore_or_archive_a_published_record(researcher, editor, published):
    save_through_admin(editor, published, summary_en="Second text.")
    delete_url = reverse("admin:activism_initiative_delete", args=[published.pk])
    assert researcher.post(delete_url, {"post": "yes"}).status_code == 403
    researcher.post(
        reverse("admin:activism_initiative_changelist"),
        {"action": "delete_selected", "_selected_action": [published.pk], "post": "yes"},
    )
    first = Version.objects.get_for_object(published).order_by("pk").first()
    revision_url = reverse("admin:activism_initiative_revision", args=[published.pk, first.pk])
    assert researcher.get(revision_url).status_code == 403
    published.refresh_from_db()
    assert published.summary_en == "Second text."
    # Archived records stay the editors'.
    Initiative.objects.filter(pk=published.pk).update(publication_status=PublicationStatus.ARCHIVED)
    page = researcher.get(change_url(published))
    assert not page.context["has_change_permission"]
    assert submit_form(researcher, change_url(published), {}, page=page).status_code == 403


@pytest.mark.parametrize(("image_format", "name"), [("PNG", "photo.png"), ("JPEG", "photo.jpg")])
def test_an_image_in_a_change_for_review_survives_approval(
    researcher, editor, client, published, image_format, name, django_capture_on_commit_callbacks, media_root
):
    committing(researcher, django_capture_on_commit_callbacks)
    committing(editor, django_capture_on_commit_callbacks)
    save_through_admin(
        researcher, published, image=image_upload(name, image_format), image_alt_en="Volunteers planting trees"
    )
    published.refresh_from_db()
    assert not published.image
    page = researcher.get(change_url(published)).content.decode()
    assert "Volunteers planting trees" in page
    assert review_change(editor, published, "_approve").status_code == 302
    published.refresh_from_db()
    assert published.image and published.image.name.endswith(".png" if image_format == "PNG" else ".jpg")
    assert (media_root / published.image.name).exists()
    assert "Volunteers planting trees" in client.get(published.get_absolute_url()).content.decode()


def test_a_change_to_a_published_event_waits_for_review(researcher, editor, client):
    event = make_event("March for clean air", city=make_city(), summary_en="Hundreds marched.")
    feed = reverse("activism:event-feed")
    save_through_admin(researcher, event, summary_en="Thousands marched.")
    for url in [
        event.get_absolute_url(),
        reverse("activism:event-list"),
        feed,
        reverse("activism:open-data-events-csv"),
    ]:
        assert "Thousands marched." not in client.get(url).content.decode(), url
    assert "Thousands marched." in researcher.get(change_url(event)).content.decode()
    assert review_change(editor, event, "_approve").status_code == 302
    event.refresh_from_db()
    assert (event.summary_en, event.publication_status) == ("Thousands marched.", PublicationStatus.PUBLISHED)
    assert event.sources.count() == 1
    assert "Thousands marched." in client.get(feed).content.decode()


def test_a_change_to_a_published_post_waits_for_review(researcher, editor, client):
    post = make_post("Parks and people", lead_en="A lead.", body_en="The first body.")
    save_through_admin(researcher, post, body_en="The second body.\n\n<script>alert('body')</script>")
    for url in [post.get_absolute_url(), reverse("activism:post-feed"), reverse("activism:post-list")]:
        assert "The second body." not in client.get(url).content.decode(), url
    review = editor.get(pending_url(post)).content.decode()
    assert "<ins>second body.</ins>" in review  # word by word
    assert "<script>alert(" not in review and "&lt;script&gt;alert(" in review
    assert review_change(editor, post, "_approve").status_code == 302
    assert BlogPost.objects.get(pk=post.pk).body_en.startswith("The second body.")
    assert "The second body." in client.get(post.get_absolute_url()).content.decode()


def test_deleting_a_record_discards_its_open_change(researcher, editor, published):
    save_through_admin(researcher, published, summary_en="New.")
    delete_url = reverse("admin:activism_initiative_delete", args=[published.pk])
    assert submit_form(editor, delete_url).status_code == 302
    change = PendingChange.objects.get()
    assert (change.status, change.note) == ("discarded", "The record was deleted.")
    # And in bulk, from the list's delete action.
    other = make_sourced_initiative("Clean Air")
    save_through_admin(researcher, other, summary_en="Cleaner.")
    confirmation = run_action(editor, Initiative, "delete_selected", [other])
    assert submit_form(editor, None, page=confirmation).status_code == 302
    assert not Initiative.objects.filter(pk=other.pk).exists()
    assert list(PendingChange.objects.values_list("status", flat=True)) == ["discarded", "discarded"]


def test_a_form_opened_before_someone_else_extended_the_change_is_refused(researcher, editor, published):
    save_through_admin(researcher, published, summary_en="First researcher's text.")
    colleague = logged_in_client(make_staff("colleague", "Researcher"))
    colleagues_page = colleague.get(change_url(published))  # a tab left open
    save_through_admin(researcher, published, name_en="Green Almaty Trees")
    refused = submit_form(colleague, None, {"summary_en": "Colleague's text."}, page=colleagues_page)
    assert refused.status_code == 200
    assert "Someone else saved this record after you opened it" in str(refused.context["adminform"].form.errors)
    applied = editor.get(pending_url(published)).context["differences"]
    assert {row["label"]: row["after"] for row in applied}["summary [en]"] == "First researcher's text."


def test_a_new_address_in_a_change_goes_public_only_once_approved(researcher, editor, client, published):
    new_url = reverse("activism:initiative-detail", args=["green-almaty-trees"])
    save_through_admin(researcher, published, slug="green-almaty-trees")
    assert client.get(new_url).status_code == 404
    assert "green-almaty-trees" not in client.get(reverse("sitemap")).content.decode()
    assert "green-almaty-trees" not in client.get(reverse("activism:open-data-csv")).content.decode()
    assert review_change(editor, published, "_approve").status_code == 302
    assert client.get(new_url).status_code == 200
    assert "green-almaty-trees" in client.get(reverse("sitemap")).content.decode()
    assert "green-almaty-trees" in client.get(reverse("activism:open-data-csv")).content.decode()


def test_a_review_page_left_open_cannot_approve_a_change_reviewed_since(researcher, editor, published):
    save_through_admin(researcher, published, summary_en="New.")
    old_tab = editor.get(pending_url(published))
    assert review_change(editor, published, "_discard").status_code == 302
    assert editor.post(*fill_form(old_tab, {"_approve": "on"}, form_id="review-form")).status_code == 404
    published.refresh_from_db()
    assert published.summary_en == "Trees for the city."


def test_a_text_sent_back_as_the_browser_sends_it_is_no_change(researcher, editor, published):
    """A browser sends the lines of a text box ended with CR LF: a description left as it was is not listed as changed,
    and the record keeps its text as it was."""
    published.description_en = "First paragraph.\n\nSecond paragraph."
    published.save()
    save_through_admin(researcher, published, summary_en="Ten thousand trees for the city.")
    review = editor.get(pending_url(published)).content.decode()
    assert "Ten thousand trees for the city." in review
    assert "description" not in review.lower().split("pending-change-diff", 1)[1]
    review_change(editor, published, "_approve")
    published.refresh_from_db()
    assert published.summary_en == "Ten thousand trees for the city."
    assert published.description_en == "First paragraph.\n\nSecond paragraph."


def test_approving_a_change_written_before_the_record_became_sensitive_keeps_it_sensitive(
    researcher, editor, client, published
):
    city = make_city("Kaskelen", latitude="43.2", longitude="76.62")
    published.cities.set([city])
    save_through_admin(researcher, published, summary_en="Trees for the whole city.")
    # Meanwhile an Editor's import marks the initiative sensitive: the public no longer sees where it is.
    file = csv_file(["slug", "is_sensitive"], ["green-almaty", "yes"])
    assert confirm(editor, "initiative", upload(editor, "initiative", file)).status_code == 302
    published.refresh_from_db()
    assert published.is_sensitive
    review = editor.get(pending_url(published))
    assert "sensitive" not in [row["label"] for row in review.context["differences"]]
    assert review_change(editor, published, "_approve").status_code == 302
    published.refresh_from_db()
    assert (published.summary_en, published.is_sensitive) == ("Trees for the whole city.", True)
    assert "Kaskelen" not in client.get(reverse("activism:open-data-csv")).content.decode()


def test_an_editor_who_reviews_their_own_change_gets_no_e_mail(editor, published):
    save_through_admin(editor, published, summary_en="Kept for review.", _save_for_review="on")
    assert review_change(editor, published, "_send_back", note="On second thought, sources.").status_code == 302
    save_through_admin(editor, published, summary_en="Kept for review, with sources.")
    assert review_change(editor, published, "_approve").status_code == 302
    published.refresh_from_db()
    assert published.summary_en == "Kept for review, with sources."
    assert mail.outbox == []


def test_a_status_changed_in_a_save_that_goes_to_review_is_refused_with_the_reason(
    researcher, editor, client, published
):
    save_through_admin(researcher, published, summary_en="Research text.")
    refused = submit_form(editor, change_url(published), {"publication_status": PublicationStatus.ARCHIVED})
    assert refused.status_code == 200
    assert "use the list's actions" in " ".join(refused.context["adminform"].form.errors["publication_status"])
    published.refresh_from_db()
    assert published.publication_status == PublicationStatus.PUBLISHED
    assert review_change(editor, published, "_discard").status_code == 302
    # Nor does an Editor's own "Save as a change for review".
    refused = submit_form(
        editor, change_url(published), {"publication_status": PublicationStatus.DRAFT, "_save_for_review": "on"}
    )
    assert "use the list's actions" in " ".join(refused.context["adminform"].form.errors["publication_status"])
    assert not PendingChange.objects.open().exists()
    # The list's action archives it at once.
    run_action(editor, Initiative, "archive", [published])
    published.refresh_from_db()
    assert published.publication_status == PublicationStatus.ARCHIVED
    assert client.get(published.get_absolute_url()).status_code == 404


def test_a_change_naming_a_theme_deleted_since_is_approved_without_it(researcher, editor, published):
    water = published.themes.model.objects.get(name_en="Water")
    save_through_admin(researcher, published, themes=[str(water.pk)])
    assert submit_form(editor, reverse("admin:activism_theme_delete", args=[water.pk])).status_code == 302
    review = editor.get(pending_url(published))
    assert {row["label"]: row["after"] for row in review.context["differences"]}["themes"] == []
    assert review_change(editor, published, "_approve").status_code == 302
    published.refresh_from_db()
    assert list(published.themes.all()) == []
    assert not Initiative.themes.through.objects.filter(theme_id=water.pk).exists()


def test_a_change_of_an_event_to_a_city_deleted_since_is_refused_with_the_reason(researcher, editor, client):
    event = make_event("March for clean air", city=make_city())
    shymkent = make_city("Shymkent", latitude="42.3", longitude="69.6")
    save_through_admin(researcher, event, city=str(shymkent.pk), summary_en="Moved to Shymkent.")
    assert submit_form(editor, reverse("admin:activism_city_delete", args=[shymkent.pk])).status_code == 302
    refused = review_change(editor, event, "_approve")
    assert refused.status_code == 200
    assert "its city was deleted since it was written" in refused.content.decode()
    event.refresh_from_db()
    assert event.city.name_en == "Almaty" and event.summary_en != "Moved to Shymkent."
    assert researcher.get(change_url(event)).status_code == 200


def test_an_events_change_never_makes_it_public_again_once_its_initiative_is_sensitive(
    researcher, editor, client, published
):
    event = make_event("March for clean air", city=make_city("Kaskelen"), initiatives=[published])
    save_through_admin(researcher, event, summary_en="Thousands marched.")
    # The initiative is marked sensitive on its own page: its events become sensitive with it.
    save_through_admin(editor, published, is_sensitive="on")
    event.refresh_from_db()
    assert event.is_sensitive
    assert review_change(editor, event, "_approve").status_code == 302
    event.refresh_from_db()
    assert (event.summary_en, event.is_sensitive) == ("Thousands marched.", True)


def test_a_change_linking_an_event_to_an_initiative_made_sensitive_since_is_refused(researcher, editor, published):
    event = make_event("March for clean air", city=make_city("Kaskelen"))
    save_through_admin(researcher, event, initiatives=[str(published.pk)])
    save_through_admin(editor, published, is_sensitive="on")
    refused = review_change(editor, event, "_approve")
    assert refused.status_code == 200
    assert "It involves a sensitive initiative (Green Almaty)" in refused.content.decode()
    assert not event.initiatives.exists()


def test_a_name_with_a_line_break_sent_by_hand_still_gets_its_e_mail_and_no_error_page(researcher, editor, published):
    save_through_admin(researcher, published, name_en="Green\nAlmaty Trees")
    assert review_change(editor, published, "_approve").status_code == 302
    [message] = mail.outbox
    assert message.subject == "Your change to “Green Almaty Trees” was approved"
