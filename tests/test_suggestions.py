"""The public suggestion form, its spam checks, the privacy of the contact address, and the admin's queue."""

import re
from datetime import timedelta
from io import StringIO

import pytest
import reversion
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from activism.models import Initiative, PublicationStatus, Suggestion

from .conftest import (
    SUGGESTION,
    change_url,
    log_in,
    make_staff,
    read_form,
    run_action,
    send_suggestion,
    submit_form,
)
from .test_import_export import CSV_FORMAT, XLSX_FORMAT, export
from .test_public_pages import public_urls

pytestmark = pytest.mark.django_db

CONTACT = "whistle.blower@example.net"
SUGGEST = reverse("activism:suggest")


def make_suggestion(**fields):
    fields.setdefault("text", "Tree planting on Abai Avenue")
    return Suggestion.objects.create(**fields)


def test_a_visitor_sends_a_suggestion_and_sees_the_thank_you_page(client, clock, site_data):
    response = send_suggestion(client, clock, {"kind": "event", "contact_email": CONTACT})
    assert response.status_code == 302
    assert response["Location"] == reverse("activism:suggest-thanks")
    thanks = client.get(response["Location"]).content.decode()
    assert "Thank you for your suggestion" in thanks
    assert "What happens next" in thanks
    assert "delete it 90 days after you sent the form" in thanks

    suggestion = Suggestion.objects.get()
    assert suggestion.kind == Suggestion.Kind.EVENT
    assert suggestion.text == SUGGESTION["text"]
    assert (suggestion.place, suggestion.when, suggestion.sources) == ("Almaty", "April 2024", SUGGESTION["sources"])
    assert suggestion.contact_email == CONTACT
    assert suggestion.language == "en"
    assert suggestion.status == Suggestion.Status.NEW and suggestion.initiative is None


def test_the_form_says_how_long_the_address_is_kept_and_offers_public_places(client, site_data, settings):
    settings.SUGGESTION_CONTACT_DAYS = 30
    content = client.get(SUGGEST).content.decode()
    assert "we delete it 30 days after you send the form" in content
    assert re.findall(r'<option value="([^"]*)">', content) == ["Akmola", "Almaty", "Kokshetau"]
    assert "Zhezkazgan" not in content and "Ulytau" not in content  # known only through a draft


def test_every_initiative_page_links_to_a_correction_naming_it(client, clock, site_data):
    page = client.get(site_data["park"].get_absolute_url()).content.decode()
    link = re.search(r'href="([^"]+)">Suggest a correction</a>', page).group(1)
    assert link == f"{SUGGEST}?initiative=save-the-park"
    form = client.get(link)
    assert 'Your correction is about the record <a href="/en/initiatives/save-the-park/">Save the Park</a>' in (
        form.content.decode()
    )
    _action, data, _names = read_form(form, "suggestion-form")
    assert data["kind"] == ["correction"] and data["initiative"] == ["save-the-park"]

    response = send_suggestion(client, clock, {"text": "It ended in 2023."}, url=link)
    assert response.status_code == 302
    suggestion = Suggestion.objects.get()
    assert (suggestion.kind, suggestion.initiative) == (Suggestion.Kind.CORRECTION, site_data["park"])


def test_a_draft_or_unknown_record_is_not_named(client, clock, site_data):
    for slug in ["secret-draft-initiative", "no-such-record"]:
        content = client.get(SUGGEST, {"initiative": slug}).content.decode()
        assert "Your correction is about" not in content and "Secret Draft" not in content
    # Written into the form by hand, it is ignored: the suggestion comes in about no record.
    send_suggestion(client, clock, {"initiative": "secret-draft-initiative"})
    assert Suggestion.objects.get().initiative is None


def test_the_spam_trap_is_hidden_from_people_and_refuses_a_form_that_fills_it(client, clock, site_data):
    content = client.get(SUGGEST).content.decode()
    trap = re.search(r'<div class="suggestion-form__trap" aria-hidden="true">(.*?)</div>', content, re.S).group(1)
    assert "Leave this field empty" in trap
    assert 'name="website"' in trap and 'tabindex="-1"' in trap

    response = send_suggestion(client, clock, {"website": "https://cheap-pills.example"})
    assert response.status_code == 200
    assert "This field must stay empty" in response.content.decode()
    assert not Suggestion.objects.exists()


def test_a_form_sent_too_fast_is_refused_politely_and_can_be_sent_again(client, clock, site_data):
    response = send_suggestion(client, clock, seconds=1)
    assert response.status_code == 200
    assert "That was quicker than a person can fill in the form" in response.content.decode()
    assert not Suggestion.objects.exists()
    # The page shown again keeps what was typed; sent a little later, it goes through.
    clock.wait(10)
    again = submit_form(client, SUGGEST, form_id="suggestion-form", page=response)
    assert again.status_code == 302
    assert Suggestion.objects.get().text == SUGGESTION["text"]


@pytest.mark.parametrize("started", ["forged", "1700000000"])
def test_a_forged_or_stale_time_note_is_refused_and_renewed(client, clock, site_data, started):
    response = send_suggestion(client, clock, {"started": started})
    assert "This form was opened too long ago" in response.content.decode()
    assert not Suggestion.objects.exists()
    clock.wait(10)
    assert submit_form(client, SUGGEST, form_id="suggestion-form", page=response).status_code == 302


def test_the_sixth_suggestion_in_an_hour_from_one_address_gets_429(client, clock, site_data):
    for number in range(5):
        assert send_suggestion(client, clock, {"text": f"Suggestion {number}"}).status_code == 302
    refused = send_suggestion(client, clock, {"text": "One too many"})
    assert refused.status_code == 429
    assert refused["Retry-After"] == "3600"
    content = refused.content.decode()
    assert "Too many suggestions from your address" in content
    assert "One too many" in content  # shown back, to be kept
    assert Suggestion.objects.count() == 5
    # Another address is not held back.
    other = Client(REMOTE_ADDR="203.0.113.7")
    assert send_suggestion(other, clock, {"text": "From elsewhere"}).status_code == 302


def test_the_form_sets_its_csrf_cookie_and_no_other(client, site_data):
    response = client.get(SUGGEST)
    assert list(response.cookies) == ["csrftoken"]
    assert not Session.objects.exists()


def test_the_form_page_is_never_cached_two_visitors_never_share_a_token(site_data, settings):
    settings.CAISS_PAGE_CACHE_SECONDS = 600
    tokens = []
    for visitor in [Client(), Client()]:
        response = visitor.get(SUGGEST)
        assert "csrftoken" in response.cookies
        assert "Cookie" in response["Vary"]
        _action, data, _names = read_form(response, "suggestion-form")
        tokens.append((data["csrfmiddlewaretoken"][0], response.cookies["csrftoken"].value))
    assert tokens[0][0] != tokens[1][0]
    assert tokens[0][1] != tokens[1][1]


def test_the_contact_address_is_on_no_public_page_export_or_open_data(client, clock, admin_client, site_data):
    send_suggestion(client, clock, {"contact_email": CONTACT}, url=f"{SUGGEST}?initiative=save-the-park")
    send_suggestion(client, clock, {"kind": "initiative", "text": "Clean Rivers", "contact_email": CONTACT})
    suggestion = Suggestion.objects.get(text="Clean Rivers")
    submit_form(admin_client, change_url(suggestion), {"_make_draft": "Make a draft initiative of it"})
    Initiative.objects.filter(slug="clean-rivers").update(publication_status=PublicationStatus.PUBLISHED)

    pages = [
        *public_urls(site_data),
        SUGGEST,
        f"{SUGGEST}?initiative=save-the-park",
        reverse("activism:initiative-detail", args=["clean-rivers"]),
        reverse("activism:open-data"),
        reverse("activism:open-data-csv"),
        reverse("activism:open-data-geojson"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert CONTACT not in response.content.decode(), url
    assert "Clean Rivers" in client.get(reverse("activism:open-data-csv")).content.decode()
    for file_format in [CSV_FORMAT, XLSX_FORMAT]:
        for model in ["initiative", "city", "region", "theme"]:
            assert CONTACT.encode() not in export(admin_client, model, file_format).content, (model, file_format)
    # Nor in the history of changes, which keeps old versions of records.
    assert not reversion.is_registered(Suggestion)
    # The queue has no export of its own.
    with pytest.raises(NoReverseMatch):
        reverse("admin:activism_suggestion_export")


def test_forget_suggestion_contacts_blanks_old_addresses_and_keeps_the_text(settings):
    settings.SUGGESTION_CONTACT_DAYS = 90
    old = make_suggestion(text="Old one", contact_email="old@example.net")
    recent = make_suggestion(text="Recent one", contact_email="recent@example.net")
    Suggestion.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=91))
    Suggestion.objects.filter(pk=recent.pk).update(created_at=timezone.now() - timedelta(days=89))
    output = StringIO()
    call_command("forget_suggestion_contacts", stdout=output)
    assert "Deleted 1 contact address" in output.getvalue()
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.text, old.contact_email) == ("Old one", "")
    assert recent.contact_email == "recent@example.net"


def test_editors_get_an_email_notice_without_the_address_or_the_text(client, clock, roles, site_data):
    editor = make_staff("editor", "Editor")
    make_staff("researcher", "Researcher")
    away = make_staff("away", "Editor")
    away.is_active = False
    away.save()
    no_address = make_staff("no-address", "Editor")
    no_address.email = ""
    no_address.save()

    send_suggestion(client, clock, {"contact_email": CONTACT}, url=f"{SUGGEST}?initiative=save-the-park")
    suggestion = Suggestion.objects.get()
    assert [message.to for message in mail.outbox] == [[editor.email]]
    message = mail.outbox[0]
    assert "A correction to a record" in message.subject
    assert f"http://testserver{change_url(suggestion)}" in message.body
    assert "Save the Park" in message.body
    assert CONTACT not in message.body and CONTACT not in message.subject
    assert "Tree planting" not in message.body


def test_a_mail_server_down_does_not_lose_the_suggestion(client, clock, roles, site_data, settings):
    make_staff("editor", "Editor")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    assert send_suggestion(client, clock).status_code == 302
    assert Suggestion.objects.count() == 1


def test_a_researcher_makes_a_draft_initiative_of_a_suggestion(client, researcher, site_data):
    long_text = "Save the Park\n" + "The neighbours ask the city to keep the old oaks. " * 20
    suggestion = make_suggestion(kind=Suggestion.Kind.INITIATIVE, text=long_text, contact_email=CONTACT)
    queue = researcher.get(reverse("admin:activism_suggestion_changelist")).content.decode()
    assert "Save the Park" in queue and CONTACT not in queue  # the list shows only whether one was given
    page = researcher.get(change_url(suggestion)).content.decode()
    assert CONTACT in page  # staff may write back

    response = submit_form(researcher, change_url(suggestion), {"_make_draft": "Make a draft initiative of it"})
    draft = Initiative.objects.get(name="Save the Park", publication_status=PublicationStatus.DRAFT)
    assert response.status_code == 302
    assert response["Location"] == change_url(draft)
    assert draft.slug == "save-the-park-2"  # the published one has "save-the-park"
    assert len(draft.summary) == Initiative._meta.get_field("summary").max_length
    assert draft.summary.startswith("Save the Park The neighbours ask") and draft.summary.endswith("…")
    assert researcher.get(response["Location"]).status_code == 200
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.draft, suggestion.handled_by.username) == ("accepted", draft, "researcher")
    assert suggestion.handled_at is not None
    # Not public: a draft.
    assert client.get(reverse("activism:initiative-detail", args=[draft.slug])).status_code == 404
    # A second click, from a page left open, makes no second draft.
    again = submit_form(researcher, change_url(suggestion), {"_make_draft": None})
    assert again.status_code == 302
    assert Initiative.objects.filter(publication_status=PublicationStatus.DRAFT).count() == 2  # site_data's and this


def test_a_draft_from_a_suggestion_in_russian_has_its_text_in_russian(researcher, site_data):
    suggestion = make_suggestion(text="Чистый Иртыш\nСубботники на берегу", language="ru")
    response = submit_form(researcher, change_url(suggestion), {"_make_draft": "Make a draft initiative of it"})
    draft = Initiative.objects.get(pk=Suggestion.objects.get().draft_id)
    assert response["Location"] == change_url(draft)
    assert (draft.name_ru, draft.summary_ru) == ("Чистый Иртыш", "Чистый Иртыш Субботники на берегу")
    assert draft.slug == f"suggestion-{suggestion.pk}"


def test_a_dismissed_suggestion_stays_out_of_the_way(editor, site_data):
    spam = make_suggestion(text="Buy cheap watches")
    kept = make_suggestion(text="Clean Rivers")
    response = submit_form(editor, change_url(spam), {"_dismiss": "Dismiss"})
    assert response.status_code == 302
    spam.refresh_from_db()
    assert spam.status == Suggestion.Status.DISMISSED and spam.handled_by.username == "editor"
    changelist = reverse("admin:activism_suggestion_changelist")
    queue = editor.get(changelist).content.decode()
    assert "Clean Rivers" in queue and "Buy cheap watches" not in queue
    assert "Buy cheap watches" in editor.get(changelist, {"status": "dismissed"}).content.decode()
    every = editor.get(changelist, {"status": "all"}).content.decode()
    assert "Buy cheap watches" in every and "Clean Rivers" in every
    # A handled suggestion offers no button any more.
    assert "_make_draft" not in editor.get(change_url(spam)).content.decode()

    run_action(editor, Suggestion, "dismiss_selected", [kept])
    kept.refresh_from_db()
    assert kept.status == Suggestion.Status.DISMISSED


def test_anonymous_visitors_and_staff_without_the_role_cannot_reach_the_queue(client, site_data):
    suggestion = make_suggestion(contact_email=CONTACT)
    for url in [reverse("admin:activism_suggestion_changelist"), change_url(suggestion)]:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url
        assert CONTACT not in response.content.decode()
    stranger = log_in(Client(), make_staff("stranger"))
    assert stranger.get(reverse("admin:activism_suggestion_changelist")).status_code == 403
    assert stranger.get(change_url(suggestion)).status_code == 403
    assert stranger.post(change_url(suggestion), {"_make_draft": "1"}).status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.NEW


def test_about_page_names_the_contact_channels(client, settings, site_data):
    about = reverse("activism:about")
    content = client.get(about).content.decode()
    assert f'<a href="{SUGGEST}">The suggestion form</a>' in content
    assert "mailto:" not in content
    settings.CONTACT_EMAIL = "map@caiss.example"
    assert '<a href="mailto:map@caiss.example">map@caiss.example</a>' in client.get(about).content.decode()
    footer = client.get(reverse("activism:home")).content.decode()
    assert f'<a href="{SUGGEST}">Suggest an initiative or a correction</a>' in footer
