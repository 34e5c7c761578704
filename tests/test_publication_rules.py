"""The publication rules, as an Editor runs into them: an initiative or an event is published only with a public
source, and every record only with its name and summary (an event: its title and summary; a post: its title and
lead) in the site's main language. Each refusal says every reason, on every path by which a record becomes or stays
published: its change form, the list's Publish action, a restored or recovered version, an import."""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from reversion.models import Version

from activism.models import BlogPost, Event, Initiative, PublicationStatus

from .conftest import (
    change_url,
    confirm,
    csv_file,
    form_errors,
    list_messages,
    make_event,
    make_initiative,
    make_post,
    make_theme,
    run_action,
    save_through_admin,
    sources_errors,
    submit_form,
    upload,
    with_source,
)
from .test_events_import import HEADER, errors_of, records, strike_row  # noqa: F401 (records is a fixture)

pytestmark = pytest.mark.django_db

NO_SOURCE = "An initiative cannot be published without at least one source: add the article, report or page"
NO_EVENT_SOURCE = "An event cannot be published without at least one source"


def missing(field, language="English"):
    return f"Fill in “{field}” in the site's main language ({language}): a record is published only with it."


def history_url(record, version, view="revision"):
    args = [version.pk] if view == "recover" else [record.pk, version.pk]
    return reverse(f"admin:activism_{record._meta.model_name}_{view}", args=args)


# The change form


def test_an_initiative_is_published_from_its_page_only_with_a_source_added_in_the_same_save(editor, client):
    draft = make_initiative("Clean Air Almaty", published=False)
    refused = submit_form(editor, change_url(draft), {"publication_status": "published"})
    assert NO_SOURCE in sources_errors(refused)
    draft.refresh_from_db()
    assert draft.publication_status == PublicationStatus.DRAFT
    assert client.get(draft.get_absolute_url()).status_code == 404

    save_through_admin(editor, draft, publication_status="published", **with_source())
    draft.refresh_from_db()
    assert draft.publication_status == PublicationStatus.PUBLISHED
    assert [source.title for source in draft.sources.all()] == ["Report in the press"]
    assert "Report in the press" in client.get(draft.get_absolute_url()).content.decode()


def test_a_published_initiative_cannot_lose_its_last_source_but_a_draft_can(editor):
    public = make_initiative("Open Park", sources=2)
    refused = submit_form(editor, change_url(public), {"sources-0-DELETE": "on", "sources-1-DELETE": "on"})
    assert NO_SOURCE in sources_errors(refused)
    assert public.sources.count() == 2
    save_through_admin(editor, public, **{"sources-0-DELETE": "on"})
    assert public.sources.count() == 1
    save_through_admin(editor, public, publication_status="draft", **{"sources-0-DELETE": "on"})
    assert public.sources.count() == 0


# The list's Publish action


def test_publishing_three_initiatives_at_once_names_each_refused_one_with_all_its_reasons(editor, client):
    unsourced = make_initiative("Unsourced Union", published=False, summary="")  # no source, no summary
    unnamed = make_initiative("Quiet Union", published=False, sources=1)
    Initiative.objects.filter(pk=unnamed.pk).update(name_en="", name_ru="Тихий союз")  # Russian name only
    sound = make_initiative("Sound Union", published=False, sources=1)
    response = run_action(editor, Initiative, "publish", [unsourced, unnamed, sound])
    shown = " ".join(list_messages(editor.get(response["Location"])))
    assert "1 record: published" in shown
    assert "2 records were left as they were" in shown
    assert f"“Unsourced Union”: {missing('Summary')} {NO_SOURCE}" in shown
    assert f"“Тихий союз”: {missing('Name')}" in shown  # shown by its name in another language
    assert shown.count("Fill in") == 2 and shown.count(NO_SOURCE) == 1
    statuses = dict(Initiative.objects.values_list("slug", "publication_status"))
    assert statuses == {"unsourced-union": "draft", "quiet-union": "draft", "sound-union": "published"}
    assert client.get(sound.get_absolute_url()).status_code == 200


def test_publishing_posts_and_events_at_once_refuses_those_breaking_a_rule(editor):
    posts = [make_post("Leadless", published=False, lead=""), make_post("Complete", published=False)]
    shown = " ".join(list_messages(editor.get(run_action(editor, BlogPost, "publish", posts)["Location"])))
    assert f"“Leadless”: {missing('Lead')}" in shown
    assert list(BlogPost.objects.filter(publication_status="published").values_list("title", flat=True)) == ["Complete"]
    events = [
        make_event("Untold rally", published=False, sources=0, summary=""),
        make_event("Told rally", published=False),
    ]
    shown = " ".join(list_messages(editor.get(run_action(editor, Event, "publish", events)["Location"])))
    assert f"“Untold rally”: {missing('Summary')} {NO_EVENT_SOURCE}" in shown
    assert list(Event.objects.published().values_list("title", flat=True)) == ["Told rally"]


# History: restore and recover


def test_restoring_a_version_without_a_source_on_a_published_initiative_is_refused(editor, client):
    record = make_initiative("Open Union", published=False)
    save_through_admin(editor, record, summary_en="Draft text.")
    save_through_admin(editor, record, summary_en="Public text.", publication_status="published", **with_source())
    unsourced = Version.objects.get_for_object(record).order_by("pk").first()
    assert unsourced.field_dict["summary_en"] == "Draft text."

    refused = submit_form(editor, history_url(record, unsourced))
    assert NO_SOURCE in sources_errors(refused)
    record.refresh_from_db()
    assert (record.summary_en, record.publication_status, record.sources.count()) == ("Public text.", "published", 1)
    assert "Public text." in client.get(record.get_absolute_url()).content.decode()

    # Restored with a source added on the page, it stays published.
    assert submit_form(editor, history_url(record, unsourced), with_source()).status_code == 302
    record.refresh_from_db()
    assert (record.summary_en, record.publication_status, record.sources.count()) == ("Draft text.", "published", 1)


def test_a_deleted_initiative_is_recovered_and_published_only_with_a_source(editor):
    record = make_initiative("Deleted Union", published=False)
    save_through_admin(editor, record, summary_en="Last text.")
    assert submit_form(editor, reverse("admin:activism_initiative_delete", args=[record.pk])).status_code == 302
    deleted = Version.objects.get_deleted(Initiative).get()
    refused = submit_form(editor, history_url(record, deleted, "recover"), {"publication_status": "published"})
    assert NO_SOURCE in sources_errors(refused)
    assert not Initiative.objects.exists()
    response = submit_form(
        editor, history_url(record, deleted, "recover"), {"publication_status": "published", **with_source()}
    )
    assert response.status_code == 302
    assert Initiative.objects.get().publication_status == PublicationStatus.PUBLISHED


# Imports


def test_an_imported_published_event_needs_a_source_and_its_title_in_the_main_language(editor, records):  # noqa: F811
    header = [*HEADER, "title_ru"]
    file = csv_file(header, [*strike_row(sources="", title_en=""), "Забастовка нефтяников"])
    preview = upload(editor, "event", file)
    assert sorted(errors_of(preview)) == [
        (2, "sources", f"{NO_EVENT_SOURCE}: add the article, report or record it comes from."),
        (2, "title_en", missing("Title")),
    ]
    assert "confirm_form" not in preview.context
    assert not Event.objects.exists()


def test_an_imported_initiative_is_never_published_by_the_file(editor):
    """Initiatives arrive as drafts whatever the file says: an editor publishes them, under the rules, afterwards."""
    theme = make_theme()
    file = csv_file(
        ["slug", "name_en", "summary_en", "themes", "publication_status"],
        ["new-union", "New Union", "Imported.", theme.slug, "published"],
    )
    preview = upload(editor, "initiative", file)
    assert not errors_of(preview)
    confirm(editor, "initiative", preview)
    assert Initiative.objects.get(slug="new-union").publication_status == PublicationStatus.DRAFT


# Another main language


@pytest.fixture
def kazakh_first(settings, editor):
    """The site deployed with Kazakh as its main language (CAISS_DEFAULT_LANGUAGE=kk); the editor reads the admin in
    English, as their browser asks."""
    settings.LANGUAGE_CODE = "kk"
    settings.MODELTRANSLATION_DEFAULT_LANGUAGE = "kk"
    editor.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return editor


def test_with_kazakh_as_main_language_a_record_is_published_only_with_its_kazakh_name_and_summary(kazakh_first):
    editor = kazakh_first
    with translation.override("en"):
        draft = make_initiative("Clean Air", published=False, sources=1)  # English text only
    refused = submit_form(editor, change_url(draft), {"publication_status": "published"})
    reasons = sources_errors(refused)
    assert missing("Name", "Kazakh") in reasons
    assert missing("Summary", "Kazakh") in reasons
    assert NO_SOURCE not in reasons
    draft.refresh_from_db()
    assert draft.publication_status == PublicationStatus.DRAFT

    save_through_admin(
        editor, draft, publication_status="published", name_kk="Таза ауа", summary_kk="Алматыдағы таза ауа үшін."
    )
    draft.refresh_from_db()
    assert draft.publication_status == PublicationStatus.PUBLISHED


def test_with_kazakh_as_main_language_posts_and_events_need_their_kazakh_text(kazakh_first):
    editor = kazakh_first
    with translation.override("en"):  # English text, and the Kazakh title only
        post = make_post("Notes from Oral", published=False, title_kk="Оралдан жазбалар")
        event = make_event("Rally in Oral", published=False, title_kk="Оралдағы митинг")
    refused = submit_form(editor, change_url(post), {"publication_status": "published"})
    assert form_errors(refused)["lead_kk"] == [missing("Lead", "Kazakh")]
    assert "title_kk" not in form_errors(refused)

    shown = " ".join(list_messages(editor.get(run_action(editor, Event, "publish", [event])["Location"])))
    assert f"“Rally in Oral”: {missing('Summary', 'Kazakh')}" in shown
    assert not Event.objects.published().exists()


# The demonstration data


def test_every_published_demo_record_passes_the_publication_rules(settings, media_root):
    """Whichever language the site is deployed with as its main one."""
    call_command("load_demo", stdout=StringIO())
    refused = []
    for language, _name in settings.LANGUAGES:
        settings.LANGUAGE_CODE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE = language
        for model in (Initiative, Event, BlogPost):
            for record in model.objects.filter(publication_status=PublicationStatus.PUBLISHED):
                try:
                    record.check_publishable()
                except ValidationError as error:
                    refused.append((language, record.slug, error.messages))
    assert refused == []
    published = Initiative.objects.published()
    assert published.count() >= 15
    assert not published.filter(sources__isnull=True).exists()
    assert not published.filter(sources__url="").exists()
    # Those no public source confirms wait in review.
    assert set(Initiative.objects.exclude(pk__in=published).values_list("slug", flat=True)) >= {"aua", "akyn-akynych"}
