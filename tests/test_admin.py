import json
from decimal import Decimal

import pytest
from django.urls import reverse

from activism.models import Author, City, Initiative, PublicationStatus

from .conftest import image_upload, log_in, make_city, make_initiative, make_region, make_theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("researcher", "", "a-long-test-password")
    log_in(client, user)
    return client


def city_form(region, **overrides):
    data = {"name_en": "Taraz", "slug": "taraz", "region": region.pk, "latitude": "", "longitude": "", "location": ""}
    data.update(overrides)
    return data


def geojson_point(longitude, latitude):
    return json.dumps({"type": "Point", "coordinates": [longitude, latitude]})


def test_a_city_is_placed_by_clicking_the_map(admin_client):
    region = make_region("Jambyl")
    response = admin_client.post(
        reverse("admin:activism_city_add"), city_form(region, location=geojson_point(71.366667123, 42.9))
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    city = City.objects.get(slug="taraz")
    assert city.latitude == Decimal("42.900000")
    assert city.longitude == Decimal("71.366667")


def test_typing_coordinates_still_works(admin_client):
    region = make_region("Jambyl")
    response = admin_client.post(
        reverse("admin:activism_city_add"), city_form(region, latitude="42.9", longitude="71.37")
    )
    assert response.status_code == 302
    assert City.objects.get(slug="taraz").longitude == Decimal("71.37")


def test_dragging_the_marker_of_an_existing_city_moves_it(admin_client):
    city = make_city("Taraz", make_region("Jambyl"), "42.9", "71.37")
    data = city_form(city.region, latitude="42.9", longitude="71.37", location=geojson_point(71.5, 43.0))
    data["initial-location"] = geojson_point(71.37, 42.9)
    data["loaded_version"] = city.version
    response = admin_client.post(reverse("admin:activism_city_change", args=[city.pk]), data)
    assert response.status_code == 302
    city.refresh_from_db()
    assert (city.latitude, city.longitude) == (Decimal("43.000000"), Decimal("71.500000"))


def test_the_city_change_page_shows_the_map_widget(admin_client):
    city = make_city("Taraz", make_region("Jambyl"), "42.9", "71.37")
    response = admin_client.get(reverse("admin:activism_city_change", args=[city.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "leaflet/leaflet.js" in content
    assert "71.37" in content  # the marker starts at the stored position


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"latitude": "95", "longitude": "71"}, "latitude"),
        ({"latitude": "42", "longitude": "-190"}, "longitude"),
        ({"latitude": "not a number", "longitude": "71"}, "latitude"),
        ({"location": geojson_point(250, 42)}, "location"),
        ({"location": "{not geojson"}, "location"),
        ({}, "latitude"),
    ],
)
def test_bad_coordinates_get_a_form_error_not_a_500(admin_client, overrides, field):
    region = make_region("Jambyl")
    response = admin_client.post(reverse("admin:activism_city_add"), city_form(region, **overrides))
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert not City.objects.exists()


def test_a_duplicate_slug_gets_a_form_error(admin_client):
    city = make_city("Taraz", make_region("Jambyl"))
    response = admin_client.post(
        reverse("admin:activism_city_add"), city_form(city.region, latitude="42.9", longitude="71.37")
    )
    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors
    assert City.objects.count() == 1


def initiative_form(theme, **overrides):
    data = {
        "name_en": "Oyan, Qazaqstan!",
        "slug": "oyan-qazaqstan",
        "summary_en": "A civic movement.",
        "description_en": "",
        "themes": [theme.pk],
        "form": "movement",
        "activity_status": "unknown",
        "year_started": "",
        "year_ended": "",
        "image_alt_en": "",
        "publication_status": "published",
    }
    for prefix in ("links", "sources"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(overrides)
    return data


def test_a_researcher_adds_and_publishes_an_initiative_with_links_and_an_image(admin_client):
    theme = make_theme()
    city = make_city("Almaty")
    data = initiative_form(
        theme,
        cities=[city.pk],
        image=image_upload("banner.jpg", "JPEG"),
        image_alt_en="Protesters with a banner",
        **{
            "links-TOTAL_FORMS": "1",
            "links-0-kind": "instagram",
            "links-0-url": "https://instagram.com/example",
            "sources-TOTAL_FORMS": "1",
            "sources-0-title": "A news report",
            "sources-0-url": "https://example.org/report",
        },
    )
    response = admin_client.post(reverse("admin:activism_initiative_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    initiative = Initiative.objects.get(slug="oyan-qazaqstan")
    assert initiative.is_published
    assert initiative.image.name.endswith(".jpg")
    assert initiative.links.get().kind == "instagram"
    assert initiative.sources.get().title == "A news report"
    page = admin_client.get(initiative.get_absolute_url())
    assert page.status_code == 200
    assert "Oyan, Qazaqstan!" in page.content.decode()
    assert "Oyan, Qazaqstan!" in admin_client.get(reverse("activism:map")).content.decode()


def test_an_end_year_before_the_start_year_is_a_form_error(admin_client):
    theme = make_theme()
    response = admin_client.post(
        reverse("admin:activism_initiative_add"), initiative_form(theme, year_started="2020", year_ended="2019")
    )
    assert response.status_code == 200
    assert "year ended cannot be before" in str(response.context["adminform"].form.errors)
    assert not Initiative.objects.exists()


def test_a_file_that_is_not_an_image_is_refused(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    theme = make_theme()
    fake = SimpleUploadedFile("photo.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    response = admin_client.post(reverse("admin:activism_initiative_add"), initiative_form(theme, image=fake))
    assert response.status_code == 200
    assert "image" in response.context["adminform"].form.errors
    assert not Initiative.objects.exists()


def test_publish_and_unpublish_actions(admin_client):
    draft = make_initiative("Quiet", published=False)
    changelist = reverse("admin:activism_initiative_changelist")
    admin_client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.publication_status == PublicationStatus.PUBLISHED
    admin_client.post(changelist, {"action": "return_to_draft", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.publication_status == PublicationStatus.DRAFT
    assert admin_client.get(draft.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("model", ["region", "city", "theme", "initiative", "author", "blogpost"])
def test_every_changelist_searches_and_filters_without_errors(admin_client, site_data, model):
    url = reverse(f"admin:activism_{model}_changelist")
    assert admin_client.get(url).status_code == 200
    assert admin_client.get(url, {"q": "Алматы <script>" + "x" * 500}).status_code == 200
    unknown_filter = admin_client.get(url, {"unknown_filter": "1"}, follow=True)
    assert unknown_filter.status_code == 200
    assert unknown_filter.redirect_chain[-1][0].endswith("?e=1")  # the admin's own "invalid filter" answer


def test_initiative_changelist_search_and_filter_find_the_right_records(admin_client, site_data):
    url = reverse("admin:activism_initiative_changelist")
    found = admin_client.get(url, {"q": "park"}).context["cl"].result_list
    assert [initiative.name for initiative in found] == ["Save the Park"]
    drafts = admin_client.get(url, {"publication_status__exact": "draft"}).context["cl"].result_list
    assert [initiative.name for initiative in drafts] == ["Secret Draft Initiative"]


def test_blog_post_changelist_filters_by_status(admin_client, site_data):
    url = reverse("admin:activism_blogpost_changelist")
    titles = {
        post.title for post in admin_client.get(url, {"publication_status__exact": "draft"}).context["cl"].result_list
    }
    assert titles == {"Draft Hidden Post"}


def test_change_pages_open_and_link_to_the_site(admin_client, site_data):
    for obj in [site_data["park"], site_data["almaty"], site_data["ecology"], site_data["post"], site_data["author"]]:
        url = reverse(f"admin:activism_{obj._meta.model_name}_change", args=[obj.pk])
        response = admin_client.get(url)
        assert response.status_code == 200
        assert "View on site" in response.content.decode()


def test_autocomplete_finds_cities(admin_client, site_data):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"term": "Alm", "app_label": "activism", "model_name": "initiative", "field_name": "cities"},
    )
    assert [result["text"] for result in response.json()["results"]] == ["Almaty"]


def test_author_photo_preview(admin_client):
    author = Author.objects.create(name="Demo Author", slug="demo-author", photo=image_upload("me.png"))
    response = admin_client.get(reverse("admin:activism_author_change", args=[author.pk]))
    assert author.photo.url in response.content.decode()
