"""Roles, the review workflow, history and restore, concurrent edits, previews and sensitive records."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from activism.models import BlogPost, Initiative, PublicationStatus

from .conftest import (
    change_url,
    fill_form,
    form_errors,
    make_city,
    make_initiative,
    make_post,
    make_region,
    make_staff,
    make_theme,
    run_action,
    save_through_admin,
    submit_form,
)

pytestmark = pytest.mark.django_db


# Roles and workflow


def test_the_two_roles_exist_with_their_permissions():
    researcher = set(Group.objects.get(name="Researcher").permissions.values_list("codename", flat=True))
    editor = set(Group.objects.get(name="Editor").permissions.values_list("codename", flat=True))
    assert {"add_initiative", "change_initiative", "add_blogpost"} <= researcher
    assert "publish_initiative" not in researcher and "publish_blogpost" not in researcher
    assert {"publish_initiative", "publish_blogpost", "delete_city"} <= editor


def test_a_researcher_creates_a_draft_and_submits_it_for_review(researcher):
    theme = make_theme()
    add = researcher.get(reverse("admin:activism_initiative_add"))
    choices = [value for value, _label in add.context["adminform"].form.fields["publication_status"].choices]
    assert choices == ["draft", "review"]
    changes = {
        "name_en": "New Group",
        "slug": "new-group",
        "summary_en": "A group.",
        "themes": str(theme.pk),
        "publication_status": "review",
    }
    response = submit_form(researcher, reverse("admin:activism_initiative_add"), changes)
    assert response.status_code == 302, form_errors(response)
    assert Initiative.objects.get(slug="new-group").publication_status == PublicationStatus.REVIEW


@pytest.mark.parametrize("status", ["published", "archived"])
def test_a_researcher_cannot_publish_even_by_crafting_the_request(researcher, status):
    theme = make_theme()
    # The page offers no such choice; the value is typed into the request by hand.
    changes = {"name_en": "Sneaky", "slug": "sneaky", "summary_en": "x", "themes": str(theme.pk)}
    changes["publication_status"] = status
    response = submit_form(researcher, reverse("admin:activism_initiative_add"), changes)
    assert response.status_code == 200
    assert "publication_status" in response.context["adminform"].form.errors
    assert not Initiative.objects.exists()

    draft = make_initiative("Quiet", published=False)
    assert submit_form(researcher, change_url(draft), {"publication_status": status}).status_code == 200
    draft.refresh_from_db()
    assert draft.publication_status == PublicationStatus.DRAFT


def test_a_researcher_cannot_run_the_publish_action(researcher):
    draft = make_initiative("Quiet", published=False, publication_status=PublicationStatus.REVIEW)
    changelist = reverse("admin:activism_initiative_changelist")
    actions = [name for name, _label in researcher.get(changelist).context["action_form"].fields["action"].choices]
    assert "publish" not in actions and "submit_for_review" in actions
    run_action(researcher, Initiative, "publish", [draft])
    draft.refresh_from_db()
    assert draft.publication_status == PublicationStatus.REVIEW


def test_a_researcher_cannot_change_or_delete_a_published_record(researcher):
    public = make_initiative("Public")
    # The form opens, but a save becomes a change for review (tests/test_pending_changes.py): the record stays.
    page = researcher.get(change_url(public))
    assert page.status_code == 200 and not page.context["has_delete_permission"]
    assert submit_form(researcher, change_url(public), {"name_en": "Changed"}).status_code == 302
    delete_url = reverse("admin:activism_initiative_delete", args=[public.pk])
    assert researcher.post(delete_url, {"post": "yes"}).status_code == 403
    researcher.post(
        reverse("admin:activism_initiative_changelist"),
        {"action": "delete_selected", "_selected_action": [public.pk], "post": "yes"},
    )
    assert Initiative.objects.filter(pk=public.pk, name_en="Public").exists()


def test_a_researcher_may_delete_their_draft(researcher):
    draft = make_initiative("Mistake", published=False)
    response = researcher.post(reverse("admin:activism_initiative_delete", args=[draft.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Initiative.objects.filter(pk=draft.pk).exists()


def test_an_editor_publishes_archives_and_returns_records_to_draft(editor):
    record = make_initiative("Reviewed", published=False, publication_status=PublicationStatus.REVIEW, sources=1)
    for action, state, public in [
        ("publish", PublicationStatus.PUBLISHED, True),
        ("archive", PublicationStatus.ARCHIVED, False),
        ("return_to_draft", PublicationStatus.DRAFT, False),
    ]:
        run_action(editor, Initiative, action, [record])
        record.refresh_from_db()
        assert record.publication_status == state
        assert (editor.get(record.get_absolute_url()).status_code == 200) is public
    assert Initiative.objects.filter(pk=record.pk).exists()  # archived records are kept


@pytest.mark.parametrize(
    ("start", "target", "researcher_may", "editor_may"),
    [
        ("draft", "review", True, True),
        ("review", "draft", True, True),
        ("review", "published", False, True),
        ("draft", "published", False, True),
        ("published", "archived", False, True),
        ("archived", "published", False, True),
        ("published", "review", False, False),
        ("archived", "review", False, False),
    ],
)
def test_workflow_moves(start, target, researcher_may, editor_may):
    users = {"researcher": make_staff("r", "Researcher"), "editor": make_staff("e", "Editor")}
    for role, allowed in [("researcher", researcher_may), ("editor", editor_may)]:
        record = make_post(f"Post {role}", published=False, publication_status=start)
        assert record.move_to(target, users[role]) is allowed
        record.refresh_from_db()
        assert record.publication_status == (target if allowed else start)


def test_scheduled_posts_wait_for_their_date(editor):
    post = make_post("Later", published=False, published_at=timezone.now() + timedelta(days=3))
    run_action(editor, BlogPost, "publish", [post])
    post.refresh_from_db()
    assert post.is_scheduled
    assert editor.get(post.get_absolute_url()).status_code == 404


# Previews


def test_staff_preview_a_draft_as_the_public_will_see_it(researcher, client):
    draft = make_initiative("Coming Soon", published=False, description="Some **bold** text.")
    response = researcher.get(draft.get_preview_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Coming Soon</h1>" in content and "<strong>bold</strong>" in content
    assert '<meta name="robots" content="noindex, nofollow">' in content
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    post = make_post("Draft post", published=False)
    assert researcher.get(post.get_preview_url()).status_code == 200
    assert researcher.get(draft.get_absolute_url()).status_code == 404  # the public page stays closed


def test_the_public_cannot_open_previews(client):
    draft = make_initiative("Coming Soon", published=False)
    response = client.get(draft.get_preview_url())
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_view_on_site_leads_to_the_preview_until_published(editor):
    draft = make_initiative("Coming Soon", published=False)
    assert draft.get_preview_url() in editor.get(change_url(draft)).content.decode()


# History, restore, concurrent edits


def test_every_change_is_recorded_with_who_and_what(editor):
    city = make_city("Taraz", make_region("Jambyl"), "42.9", "71.37")
    save_through_admin(editor, city, name_en="Taraz city")
    save_through_admin(editor, city, population="430000")
    versions = Version.objects.get_for_object(city)
    assert versions.count() == 2
    assert {version.revision.user.username for version in versions} == {"editor"}
    history = editor.get(reverse("admin:activism_city_history", args=[city.pk]))
    assert history.status_code == 200
    older, newer = sorted(versions, key=lambda version: version.pk)
    compare = editor.get(
        reverse("admin:activism_city_compare", args=[city.pk]),
        {"version_id1": older.pk, "version_id2": newer.pk},
    )
    content = compare.content.decode()
    assert compare.status_code == 200
    assert "430000" in content and "population" in content.lower()


def test_an_earlier_version_is_restored(editor):
    initiative = make_initiative("Original Name", published=False)
    save_through_admin(editor, initiative, summary_en="First summary.")
    save_through_admin(editor, initiative, summary_en="A mistaken summary.")
    first = Version.objects.get_for_object(initiative).order_by("pk").first()
    revision_url = reverse("admin:activism_initiative_revision", args=[initiative.pk, first.pk])
    assert submit_form(editor, revision_url).status_code == 302
    initiative.refresh_from_db()
    assert initiative.summary_en == "First summary."


def test_a_deleted_record_is_brought_back(editor):
    theme = make_theme("Labour")
    save_through_admin(editor, theme, description_en="Workers' rights.")
    submit_form(editor, reverse("admin:activism_theme_delete", args=[theme.pk]))
    assert not type(theme).objects.filter(slug="labour").exists()
    recover_list = editor.get(reverse("admin:activism_theme_recoverlist"))
    assert "Labour" in recover_list.content.decode()
    deleted = Version.objects.get_deleted(type(theme)).get()
    recover_url = reverse("admin:activism_theme_recover", args=[deleted.pk])
    assert submit_form(editor, recover_url).status_code == 302
    assert type(theme).objects.get(slug="labour").description_en == "Workers' rights."


def test_the_second_of_two_concurrent_saves_is_refused(editor):
    initiative = make_initiative("Shared", published=False)
    first_tab = editor.get(change_url(initiative))
    second_tab = editor.get(change_url(initiative))
    assert editor.post(*fill_form(first_tab, {"summary_en": "Saved first."})).status_code == 302
    refused = editor.post(*fill_form(second_tab, {"summary_en": "Saved second."}))
    assert refused.status_code == 200
    errors = str(refused.context["adminform"].form.non_field_errors())
    assert "Someone else saved this record" in errors
    assert change_url(initiative) in errors
    assert "Saved second." in refused.content.decode()  # what the second editor typed is still in the form
    initiative.refresh_from_db()
    assert initiative.summary_en == "Saved first."


# Sensitive records and verification


@pytest.fixture
def sensitive_site(db):
    region = make_region("Mangystau", latitude="44.0", longitude="53.5")
    city = make_city("Zhanaozen", region, "43.34", "52.86")
    theme = make_theme("Labour")
    open_record = make_initiative("Open Union", cities=[city], themes=[theme])
    hidden = make_initiative("Protected Strikers", cities=[city], themes=[theme], is_sensitive=True)
    return {"region": region, "city": city, "open": open_record, "sensitive": hidden}


def test_sensitive_records_show_only_their_region(client, sensitive_site):
    from .test_public_pages import map_markers

    markers = map_markers(client.get(reverse("activism:map")))
    assert markers["Zhanaozen"]["count"] == 1  # the open union; the strikers count at their region's centre
    assert markers["Mangystau"]["count"] == 1
    assert markers["Mangystau"]["lat"] == 44.0
    city_popup = client.get(markers["Zhanaozen"]["popup"]).content.decode()
    assert "Open Union" in city_popup and "Protected Strikers" not in city_popup
    region_popup = client.get(markers["Mangystau"]["popup"]).content.decode()
    assert "Protected Strikers" in region_popup and "Zhanaozen" not in region_popup

    city_page = client.get(sensitive_site["city"].get_absolute_url()).content.decode()
    assert "Protected Strikers" not in city_page
    by_city = client.get(reverse("activism:initiative-list"), {"city": "zhanaozen"}).content.decode()
    assert "Protected Strikers" not in by_city
    region_page = client.get(sensitive_site["region"].get_absolute_url())
    assert "Protected Strikers" in region_page.content.decode()
    # The per-city counts on the region page do not give the city away either.
    assert [(city.name, city.count) for city in region_page.context["cities"]] == [("Zhanaozen", 1)]

    detail = client.get(sensitive_site["sensitive"].get_absolute_url())
    content = detail.content.decode()
    assert detail["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in content
    assert sensitive_site["city"].get_absolute_url() not in content
    assert "Zhanaozen" not in content


def test_sensitive_records_stay_out_of_the_sitemap(client, sensitive_site):
    content = client.get(reverse("sitemap")).content.decode()
    assert sensitive_site["open"].get_absolute_url() in content
    assert sensitive_site["sensitive"].get_absolute_url() not in content


def test_the_admin_lists_records_not_verified_for_a_year(editor):
    today = timezone.localdate()
    make_initiative("Fresh", last_verified=today - timedelta(days=30))
    make_initiative("Stale", last_verified=today - timedelta(days=400))
    make_initiative("Never")
    stale = editor.get(reverse("admin:activism_initiative_changelist"), {"verified": "stale"})
    assert sorted(record.name for record in stale.context["cl"].result_list) == ["Never", "Stale"]


def test_a_similar_name_is_flagged_before_saving(editor):
    existing = make_initiative("Oyan, Qazaqstan!")
    existing.name_kk = "Оян, Қазақстан!"
    existing.save()
    theme = make_theme("Protest")
    add_url = reverse("admin:activism_initiative_add")
    changes = {
        "slug": "oyan-2",
        "summary_en": "Duplicate?",
        "themes": str(theme.pk),
        "name_en": "Wake up Kazakhstan",
        "name_kk": "Оян Қазақстан",
    }
    warned = submit_form(editor, add_url, changes)
    assert warned.status_code == 200
    errors = str(warned.context["adminform"].form.non_field_errors())
    assert "similar name" in errors and change_url(existing) in errors
    assert Initiative.objects.count() == 1
    saved = submit_form(editor, add_url, changes | {"save_despite_similar": "on"})
    assert saved.status_code == 302
    assert Initiative.objects.count() == 2


def test_blog_posts_follow_the_same_workflow(researcher):
    post = make_post("Published post")
    assert not researcher.get(change_url(post)).context["has_delete_permission"]
    assert BlogPost.objects.published().count() == 1
