"""The review desk on the admin index, who submitted a record and when, sending a record back with a note, and the
e-mails to the submitter: as a Researcher and an Editor use them."""

import html
import re
from datetime import timedelta

import pytest
import reversion
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from activism.models import BlogPost, Event, Initiative, PendingChange, PublicationStatus, Suggestion

from .conftest import (
    change_url,
    committing,
    make_event,
    make_initiative,
    make_post,
    queries_for,
    run_action,
    save_through_admin,
    submit_form,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def researcher_committing(researcher, django_capture_on_commit_callbacks):
    return committing(researcher, django_capture_on_commit_callbacks)


@pytest.fixture
def editor_committing(editor, django_capture_on_commit_callbacks):
    return committing(editor, django_capture_on_commit_callbacks)


def send_back_url(record):
    return reverse(f"admin:activism_{record._meta.model_name}_send_back", args=[record.pk])


def submitted(client, record):
    """The record submitted for review with the Submit action, by whoever the client is logged in as."""
    response = run_action(client, type(record), "submit_for_review", [record])
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.publication_status == PublicationStatus.REVIEW
    return record


# Who submitted what and when


def test_the_submit_action_notes_who_submitted_and_when(researcher):
    draft = make_initiative("Clean Air Now", published=False)
    submitted(researcher, draft)
    assert draft.submitted_by.username == "researcher"
    assert draft.submitted_at is not None


def test_the_change_form_notes_who_submitted_and_when(researcher):
    post = make_post("Field notes", published=False)
    save_through_admin(researcher, post, publication_status="review")
    post.refresh_from_db()
    assert post.submitted_by.username == "researcher"
    assert post.submitted_at is not None
    # Saving again without moving it leaves the submission as it was.
    first = post.submitted_at
    save_through_admin(researcher, post, title_en="Field notes, revised")
    post.refresh_from_db()
    assert post.submitted_at == first


# Sending back with a note


def test_an_editor_sends_a_record_back_with_a_note(researcher, editor_committing):
    draft = make_initiative("Clean Air Now", published=False)
    submitted(researcher, draft)
    page = editor_committing.get(change_url(draft))
    assert send_back_url(draft) in page.content.decode()

    refused = submit_form(editor_committing, send_back_url(draft), {"note": "  "}, form_id="send-back-form")
    assert refused.status_code == 200
    assert refused.context["form"].errors["note"]
    draft.refresh_from_db()
    assert draft.publication_status == PublicationStatus.REVIEW
    assert mail.outbox == []

    note = "Add a source for the 2021 protest, and the Kazakh summary."
    response = submit_form(editor_committing, send_back_url(draft), {"note": note}, form_id="send-back-form")
    assert response.status_code == 302
    assert response.url == change_url(draft)
    draft.refresh_from_db()
    assert draft.publication_status == PublicationStatus.DRAFT
    assert draft.review_note == note

    # The researcher sees the note on the record's page, and its history keeps it with the editor's name.
    assert note in researcher.get(change_url(draft)).content.decode()
    latest = Version.objects.get_for_object(draft).first()
    assert latest.revision.user.username == "editor"
    assert note in latest.revision.comment
    history = researcher.get(reverse("admin:activism_initiative_history", args=[draft.pk]))
    assert note in history.content.decode()

    # And hears by e-mail, with a link to the record.
    [message] = mail.outbox
    assert message.to == ["researcher@example.org"]
    assert "Clean Air Now" in message.subject
    assert note in message.body
    assert change_url(draft) in message.body

    # Submitting again clears the note.
    submitted(researcher, draft)
    assert draft.review_note == ""
    assert note not in researcher.get(change_url(draft)).content.decode()


def test_only_a_record_in_review_is_sent_back_and_only_by_an_editor(researcher, editor):
    draft = make_initiative("Clean Air Now", published=False)
    assert send_back_url(draft) not in editor.get(change_url(draft)).content.decode()
    refused = editor.get(send_back_url(draft))
    assert refused.status_code == 302
    submitted(researcher, draft)
    assert send_back_url(draft) not in researcher.get(change_url(draft)).content.decode()
    assert researcher.get(send_back_url(draft)).status_code == 403
    assert researcher.post(send_back_url(draft), {"note": "Mine"}).status_code == 403
    draft.refresh_from_db()
    assert draft.publication_status == PublicationStatus.REVIEW


def test_an_event_and_a_post_are_sent_back_too(researcher, editor):
    event = make_event("Picket at the akimat", published=False)
    post = make_post("Field notes", published=False)
    for record in [event, post]:
        submitted(researcher, record)
        response = submit_form(editor, send_back_url(record), {"note": "Check the date."}, form_id="send-back-form")
        assert response.status_code == 302
        record.refresh_from_db()
        assert (record.publication_status, record.review_note) == (PublicationStatus.DRAFT, "Check the date.")


# E-mails on publishing


def test_the_submitter_hears_when_the_record_is_published(researcher, editor_committing):
    draft = make_initiative("Clean Air Now", published=False, sources=1)
    submitted(researcher, draft)
    response = run_action(editor_committing, Initiative, "publish", [draft])
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["researcher@example.org"]
    assert "Clean Air Now" in message.subject
    assert f"http://testserver{draft.get_absolute_url()}" in message.body


def test_the_submitter_hears_when_the_change_form_publishes(researcher, editor_committing):
    post = make_post("Field notes", published=False)
    submitted(researcher, post)
    save_through_admin(editor_committing, post, publication_status="published")
    [message] = mail.outbox
    assert message.to == ["researcher@example.org"]
    assert f"http://testserver{post.get_absolute_url()}" in message.body


def test_no_e_mail_when_the_editor_publishes_their_own_record(editor_committing):
    draft = make_initiative("Clean Air Now", published=False, sources=1)
    submitted(editor_committing, draft)
    run_action(editor_committing, Initiative, "publish", [draft])
    draft.refresh_from_db()
    assert draft.publication_status == PublicationStatus.PUBLISHED
    assert mail.outbox == []


def test_no_e_mail_when_review_emails_are_off_or_the_submitter_has_no_address(settings, researcher, editor_committing):
    first = make_initiative("Clean Air Now", published=False, sources=1)
    second = make_initiative("Green Steppe", published=False, sources=1)
    for record in [first, second]:
        submitted(researcher, record)
    settings.REVIEW_EMAILS = False
    run_action(editor_committing, Initiative, "publish", [first])
    submit_form(editor_committing, send_back_url(second), {"note": "Sources?"}, form_id="send-back-form")
    assert mail.outbox == []

    settings.REVIEW_EMAILS = True
    User.objects.filter(username="researcher").update(email="")
    submitted(researcher, second)
    run_action(editor_committing, Initiative, "publish", [second])
    second.refresh_from_db()
    assert second.publication_status == PublicationStatus.PUBLISHED
    assert mail.outbox == []


# The desk on the admin index

DESK_SECTION = re.compile(
    r'<section class="module desk-section" id="desk-(?P<key>[a-z]+)">(?P<body>.*?)</section>', re.S
)
DESK_LINE = re.compile(
    r'<a href="(?P<url>[^"]+)" class="desk-count-link">(?P<label>[^<]+?)\s*<span class="desk-count">\((?P<count>\d+)\)'
)


def desk(client):
    """The desk on the admin index as a person reads it: {section: {line: (link, count)}}, and the page's text."""
    page = client.get(reverse("admin:index"))
    assert page.status_code == 200
    content = page.content.decode()
    sections = {
        section["key"]: {
            html.unescape(line["label"]).strip(): (html.unescape(line["url"]), int(line["count"]))
            for line in DESK_LINE.finditer(section["body"])
        }
        for section in DESK_SECTION.finditer(content)
    }
    return sections, content


def desk_section(content, key):
    return {section["key"]: section["body"] for section in DESK_SECTION.finditer(content)}[key]


def check_every_line(client, sections, expected):
    """The desk shows exactly the expected lines, each counting its records, and each link opens the admin list of
    exactly those records."""
    assert {key: set(lines) for key, lines in sections.items()} == {key: set(lines) for key, lines in expected.items()}
    for key, lines in sections.items():
        for label, (url, count) in lines.items():
            response = client.get(url)
            assert response.status_code == 200, url
            changelist = response.context["cl"]
            shown = {str(record) for record in changelist.result_list}
            assert (shown, changelist.result_count) == (expected[key][label], count), (key, label, url)


def translated(**fields):
    """A record's name and summary in Kazakh and Russian too, checked a month ago: nothing for the desk to flag."""
    return {
        "name_kk": "Атауы",
        "name_ru": "Название",
        "summary_kk": "Қысқаша.",
        "summary_ru": "Кратко.",
        "last_verified": timezone.localdate() - timedelta(days=30),
        **fields,
    }


def open_change(record, user, status=PendingChange.Status.PENDING, note=""):
    """A change of a published record waiting for review (or sent back), as the pending changes' capture keeps it."""
    return PendingChange.objects.create(
        content_type=ContentType.objects.get_for_model(record),
        object_id=str(record.pk),
        object_repr=str(record),
        submitted_by=user,
        submitted_at=timezone.now(),
        status=status,
        note=note,
    )


def test_a_researchers_desk(researcher, editor):
    mine = make_initiative("My Draft", published=False, **translated())
    save_through_admin(researcher, mine, summary_en="Mine, saved.")
    theirs = make_initiative("Their Draft", published=False, **translated())
    save_through_admin(editor, theirs, summary_en="Theirs, saved.")
    returned = make_initiative("Returned", published=False, **translated())
    submitted(researcher, returned)
    note = "Which year did it start?"
    submit_form(editor, send_back_url(returned), {"note": note}, form_id="send-back-form")
    make_initiative("Old Record", **translated(last_verified=timezone.localdate() - timedelta(days=400)))
    make_initiative("English Only", **translated(name_kk="", summary_ru=""))
    make_post("Notes in English")
    live = make_initiative("Live Record", **translated())
    change_note = "The new date needs a source."
    open_change(live, User.objects.get(username="researcher"), PendingChange.Status.SENT_BACK, change_note)
    suggestion = Suggestion.objects.create(text="A new group in Shymkent")

    sections, content = desk(researcher)
    check_every_line(
        researcher,
        sections,
        {
            "drafts": {
                "Initiatives: drafts I saved": {"My Draft", "Returned"},
                "Initiatives: sent back to me": {"Returned"},
                "Initiatives: changes sent back to me": {"Live Record"},
            },
            "stale": {"Initiatives": {"Old Record"}},
            "languages": {"Initiatives": {"English Only"}, "Blog posts": {"Notes in English"}},
            "suggestions": {"Suggestions": {str(suggestion)}},
        },
    )
    assert 'id="desk-review"' not in content  # a researcher reviews nothing
    assert note in content and change_note in content  # the reviewers' notes, where the researcher works


def test_an_editors_desk(researcher, editor):
    first = make_initiative("First Submitted", published=False, **translated())
    second = make_initiative("Second Submitted", published=False, **translated())
    event = make_event("Picket at the akimat", published=False, summary_kk="Пикет.", summary_ru="Пикет.")
    for record in [first, second, event]:
        submitted(researcher, record)
    make_initiative("Still a Draft", published=False, **translated())
    live = make_initiative("Live Record", **translated())
    open_change(live, User.objects.get(username="researcher"))
    handled = make_initiative("Handled Change", **translated())
    open_change(handled, User.objects.get(username="researcher"), PendingChange.Status.APPROVED)  # done with

    sections, content = desk(editor)
    check_every_line(
        editor,
        sections,
        {
            "review": {
                "Initiatives: submitted for review": {"First Submitted", "Second Submitted"},
                "Events: submitted for review": {"Picket at the akimat"},
                "Initiatives: changes awaiting review": {"Live Record"},
            },
            "drafts": {},
            "stale": {},
            "languages": {"Events": {"Picket at the akimat"}},
            "suggestions": {},
        },
    )
    body = desk_section(content, "review")
    assert "researcher" in body  # who submitted, and when
    assert change_url(first) in body
    assert "Nothing awaits your review." not in body
    assert "You have no drafts." in desk_section(content, "drafts")


# The missing languages: a list filter and a list column


def test_the_lists_filter_and_show_the_missing_languages(editor):
    make_initiative("Complete", **translated())
    make_initiative("No Kazakh", **translated(summary_kk=""))
    make_initiative("No Russian", **translated(name_ru=""))
    make_initiative("English Only")
    url = reverse("admin:activism_initiative_changelist")
    for value, expected in [
        ("kk", {"No Kazakh", "English Only"}),
        ("ru", {"No Russian", "English Only"}),
        ("any", {"No Kazakh", "No Russian", "English Only"}),
        ("fr", set()),  # typed into the address: no such choice
    ]:
        response = editor.get(url, {"missing": value})
        assert response.status_code == 200
        assert {str(record) for record in response.context["cl"].result_list} == expected, value

    content = editor.get(url).content.decode()
    row = r'<a href="[^"]+">([^<]+)</a></th>.*?<td class="field-missing_languages">([^<]*)</td>'
    cells = dict(re.findall(row, content))
    assert cells == {"Complete": "—", "No Kazakh": "kk", "No Russian": "ru", "English Only": "kk, ru"}


def test_events_and_posts_missing_a_language(editor):
    make_event("Picket", summary_kk="Пикет.", summary_ru="Пикет.", title_kk="Пикет", title_ru="Пикет")
    make_event("Untranslated march")
    make_post("Notes", title_kk="Жазбалар", title_ru="Заметки", lead_kk="Кіріспе.", lead_ru="Вступление.")
    make_post("English notes")
    for model, expected in [("event", "Untranslated march"), ("blogpost", "English notes")]:
        response = editor.get(reverse(f"admin:activism_{model}_changelist"), {"missing": "any"})
        assert [str(record) for record in response.context["cl"].result_list] == [expected]
        assert 'class="field-missing_languages">kk, ru<' in response.content.decode()


# The desk's queries

DESK_QUERIES = 44  # two a line at most (a count and the latest few), and the session


def desk_data(count, editor_user, researcher_user):
    """`count` records of each kind the desk counts: in review, drafts the editor saved, sent back to the researcher,
    changes awaiting review and sent back, initiatives not verified, records missing a language, suggestions."""
    for number in range(count):
        for status, submitter, note in [
            (PublicationStatus.REVIEW, researcher_user, ""),
            (PublicationStatus.DRAFT, researcher_user, "Sources, please."),
        ]:
            records = [
                make_initiative(f"Initiative {status} {number}", published=False),
                make_event(f"Event {status} {number}", published=False),
                make_post(f"Post {status} {number}", published=False),
            ]
            for record in records:
                with reversion.create_revision():
                    reversion.set_user(editor_user)
                    record.publication_status = status
                    record.submitted_by, record.submitted_at, record.review_note = submitter, timezone.now(), note
                    record.save()
        for record in [
            make_initiative(f"Live initiative {number}"),
            make_event(f"Live event {number}"),
            make_post(f"Live post {number}"),
        ]:
            open_change(record, researcher_user)
        for record in [make_initiative(f"Changed initiative {number}"), make_post(f"Changed post {number}")]:
            open_change(record, researcher_user, PendingChange.Status.SENT_BACK, "Not yet.")
        Suggestion.objects.create(text=f"Suggestion {number}")


@pytest.mark.parametrize("count", [3, 30])
def test_the_desk_makes_a_fixed_number_of_queries(researcher, editor, count, django_assert_max_num_queries):
    editor_user, researcher_user = User.objects.get(username="editor"), User.objects.get(username="researcher")
    desk_data(count, editor_user, researcher_user)
    for client in [editor, researcher]:
        sections, _content = desk(client)  # the first visit fills the caches of permissions and content types
        with django_assert_max_num_queries(DESK_QUERIES):
            sections, _content = desk(client)
        counts = [count for lines in sections.values() for _url, count in lines.values()]
        assert counts and min(counts) >= count


def test_restoring_an_earlier_version_brings_back_no_old_note(researcher, editor):
    draft = make_initiative("Clean Air Now", published=False)
    submitted(researcher, draft)
    submit_form(editor, send_back_url(draft), {"note": "Add a source."}, form_id="send-back-form")
    noted = Version.objects.get_for_object(draft).first()
    submitted(researcher, draft)
    revision_url = reverse("admin:activism_initiative_revision", args=[draft.pk, noted.pk])
    assert submit_form(editor, revision_url).status_code == 302
    draft.refresh_from_db()
    assert (draft.publication_status, draft.review_note) == (PublicationStatus.REVIEW, "")
    assert draft.submitted_by.username == "researcher"


def test_the_list_of_records_in_review_says_who_submitted_them(researcher, editor):
    for model, make in [(Initiative, make_initiative), (Event, make_event), (BlogPost, make_post)]:
        url = reverse(f"admin:activism_{model._meta.model_name}_changelist") + "?publication_status__exact=review"
        submitted(researcher, make(f"{model.__name__} 0", published=False))
        queries = queries_for(editor, url)
        for number in [1, 2]:
            submitted(researcher, make(f"{model.__name__} {number}", published=False))
        assert queries_for(editor, url) == queries, model  # who submitted each is read with the list
        content = editor.get(url).content.decode()
        assert len(re.findall(r'<td class="field-submitted_by[^"]*">researcher</td>', content)) == 3, model
        assert "field-submitted_by" not in editor.get(url.split("?")[0]).content.decode()


def test_the_list_action_sends_the_selected_records_back_with_one_note(researcher, editor_committing):
    first = make_initiative("First Submitted", published=False)
    second = make_initiative("Second Submitted", published=False)
    draft = make_initiative("Still a Draft", published=False)
    for record in [first, second]:
        submitted(researcher, record)
    page = run_action(editor_committing, Initiative, "send_back_with_note", [first, second, draft])
    assert page.status_code == 200
    assert "Still a Draft" not in page.content.decode()  # only the records in review are sent back

    refused = submit_form(editor_committing, None, {"note": ""}, form_id="send-back-form", page=page)
    assert refused.status_code == 200 and refused.context["form"].errors["note"]
    note = "Each needs a second source."
    response = submit_form(editor_committing, None, {"note": note}, form_id="send-back-form", page=refused)
    assert response.status_code == 302
    for record in [first, second]:
        record.refresh_from_db()
        assert (record.publication_status, record.review_note) == (PublicationStatus.DRAFT, note)
        assert note in Version.objects.get_for_object(record).first().revision.comment
    draft.refresh_from_db()
    assert draft.review_note == ""
    assert len(mail.outbox) == 2
    actions = researcher.get(reverse("admin:activism_initiative_changelist")).content.decode()
    assert "send_back_with_note" not in actions  # an Editor's action only


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_desk_in_kazakh_and_russian(editor, language):
    make_initiative("English Only")
    page = editor.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    assert page.headers["Content-Language"] == language
    assert 'id="desk-languages"' in page.content.decode()
