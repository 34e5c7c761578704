"""The researchers' admin, used as a browser uses it: every form is read as the page renders it and posted back."""

import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from activism.models import Author, BlogPost, City, Initiative, PublicationStatus, Region, Theme

from .conftest import (
    change_url,
    form_errors,
    geojson_point,
    image_upload,
    make_author,
    make_city,
    make_initiative,
    make_post,
    make_region,
    make_theme,
    placed_on_the_map,
    read_form,
    run_action,
    submit_form,
)

pytestmark = pytest.mark.django_db

CITY_ADD = reverse("admin:activism_city_add")


def new_city(region, **changes):
    return {"name_en": "Taraz", "slug": "taraz", "region": str(region.pk), **changes}


# Every registered model: a new record through the add page, then a change through the change page.

NEW_RECORDS = {
    Region: lambda: {"name_en": "Turkistan Region", "slug": "turkistan-region"},
    City: lambda: new_city(make_region("Jambyl"), latitude="42.9", longitude="71.37"),
    Theme: lambda: {"name_en": "Labour", "slug": "labour", "color": "#aa3300"},
    Author: lambda: {"name_en": "Dana Demo", "slug": "dana-demo", "photo": image_upload("dana.png")},
    Initiative: lambda: {
        "name_en": "Oyan, Qazaqstan!",
        "slug": "oyan-qazaqstan",
        "summary_en": "A civic movement.",
        "themes": [str(make_theme().pk)],
        "form": "movement",
    },
    BlogPost: lambda: {
        "title_en": "Field notes",
        "slug": "field-notes",
        "author": str(make_author().pk),
        "lead_en": "A lead.",
        "body_en": "A body.",
    },
}
CHANGES = {
    Region: {"name_en": "Turkistan"},
    City: {"population": "430000"},
    Theme: {"description_en": "Workers' rights."},
    Author: {"affiliation_en": "CAISS"},
    Initiative: {"summary_en": "A civic movement of young people."},
    BlogPost: {"lead_en": "A better lead."},
}


@pytest.mark.parametrize("model", list(NEW_RECORDS), ids=lambda model: model.__name__)
def test_every_model_is_added_and_then_changed_through_its_pages(admin_client, model):
    add_url = reverse(f"admin:activism_{model._meta.model_name}_add")
    added = submit_form(admin_client, add_url, NEW_RECORDS[model]())
    assert added.status_code == 302, form_errors(added)
    record = model.objects.get()

    changed = submit_form(admin_client, change_url(record), CHANGES[model])
    assert changed.status_code == 302, form_errors(changed)
    record.refresh_from_db()
    for field, value in CHANGES[model].items():
        assert str(getattr(record, field)) == value


def test_an_existing_city_is_edited_again_and_again(admin_client):
    """Every save of a loaded page passes the concurrent-edit check: the page carries the version it loaded."""
    city = make_city("Taraz", make_region("Jambyl"), "42.9", "71.37")
    for population in ["430000", "431000"]:
        response = submit_form(admin_client, change_url(city), {"population": population})
        assert response.status_code == 302, form_errors(response)
    city.refresh_from_db()
    assert city.population == 431000


# Cities on the map


def test_a_city_is_placed_by_clicking_the_map(admin_client):
    region = make_region("Jambyl")
    response = submit_form(admin_client, CITY_ADD, new_city(region, location=geojson_point(71.366667123, 42.9)))
    assert response.status_code == 302, form_errors(response)
    city = City.objects.get(slug="taraz")
    assert city.latitude == Decimal("42.900000")
    assert city.longitude == Decimal("71.366667")


def test_a_city_is_placed_with_what_the_map_script_writes(admin_client):
    """A click writes the point, and the same six decimals into the latitude and longitude inputs (see
    tests/test_city_browser.py)."""
    region = make_region("Jambyl")
    response = submit_form(admin_client, CITY_ADD, new_city(region, **placed_on_the_map(42.9, 71.366667)))
    assert response.status_code == 302, form_errors(response)
    city = City.objects.get(slug="taraz")
    assert (city.latitude, city.longitude) == (Decimal("42.900000"), Decimal("71.366667"))


def test_typing_coordinates_still_works(admin_client):
    region = make_region("Jambyl")
    response = submit_form(admin_client, CITY_ADD, new_city(region, latitude="42.9", longitude="71.37"))
    assert response.status_code == 302, form_errors(response)
    assert City.objects.get(slug="taraz").longitude == Decimal("71.37")


def test_dragging_the_marker_of_an_existing_city_moves_it(admin_client):
    city = make_city("Taraz", make_region("Jambyl"), "42.9", "71.37")
    response = submit_form(admin_client, change_url(city), {"location": geojson_point(71.5, 43.0)})
    assert response.status_code == 302, form_errors(response)
    city.refresh_from_db()
    assert (city.latitude, city.longitude) == (Decimal("43.000000"), Decimal("71.500000"))


def test_the_city_change_page_shows_the_map_widget_at_the_stored_position(admin_client):
    city = make_city("Taraz", make_region("Jambyl"), "42.9", "71.37")
    response = admin_client.get(change_url(city))
    content = response.content.decode()
    assert "leaflet/leaflet.js" in content
    assert "admin-caiss/city-map.js" in content
    _action, data, _names = read_form(response)
    assert json.loads(data["location"][0]) == {"type": "Point", "coordinates": [71.37, 42.9]}
    # The map script places the marker where these inputs say.
    assert (data["latitude"], data["longitude"]) == (["42.900000"], ["71.370000"])


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"latitude": "95", "longitude": "71"}, "latitude"),
        ({"latitude": "42", "longitude": "-190"}, "longitude"),
        ({"latitude": "not a number", "longitude": "71"}, "latitude"),
        ({"location": geojson_point(250, 42)}, "location"),
        ({"location": "{not geojson"}, "location"),
        ({"location": '{"type": "LineString", "coordinates": [[71, 42], [72, 43]]}'}, "location"),
        ({"location": '{"type": "Point", "coordinates": []}'}, "location"),
        ({}, "latitude"),
    ],
)
def test_bad_coordinates_get_a_form_error_not_a_500(admin_client, changes, field):
    response = submit_form(admin_client, CITY_ADD, new_city(make_region("Jambyl"), **changes))
    assert response.status_code == 200
    assert field in form_errors(response)
    assert not City.objects.exists()


@pytest.mark.parametrize(
    ("point", "message"),
    [
        (geojson_point(250, 42), "This point is outside the valid range of coordinates."),
        ('{"type": "Point", "coordinates": []}', "The map's point could not be read"),
        ("{not geojson", "The map's point could not be read"),
        ('{"type": "LineString", "coordinates": [[71, 42], [72, 43]]}', "The map can hold one point only"),
    ],
)
def test_a_bad_point_from_the_map_is_explained_on_the_map(admin_client, point, message):
    city = make_city("Taraz", make_region("Jambyl"), "42.9", "71.37")
    response = submit_form(admin_client, change_url(city), {"location": point})
    assert response.status_code == 200
    assert message in " ".join(form_errors(response)["location"])
    assert set(form_errors(response)) == {"location"}  # the typed numbers are fine: one reason, on the map
    city.refresh_from_db()
    assert (city.latitude, city.longitude) == (Decimal("42.9"), Decimal("71.37"))


def test_a_duplicate_slug_gets_a_form_error(admin_client):
    city = make_city("Taraz", make_region("Jambyl"))
    response = submit_form(admin_client, CITY_ADD, new_city(city.region, latitude="42.9", longitude="71.37"))
    assert response.status_code == 200
    assert "slug" in form_errors(response)
    assert City.objects.count() == 1


# Initiatives


def test_a_researcher_adds_and_publishes_an_initiative_with_links_and_an_image(admin_client):
    theme = make_theme()
    city = make_city("Almaty")
    response = submit_form(
        admin_client,
        reverse("admin:activism_initiative_add"),
        {
            "name_en": "Oyan, Qazaqstan!",
            "slug": "oyan-qazaqstan",
            "summary_en": "A civic movement.",
            "themes": [str(theme.pk)],
            "cities": [str(city.pk)],
            "form": "movement",
            "image": image_upload("banner.jpg", "JPEG"),
            "image_alt_en": "Protesters with a banner",
            "links-0-kind": "instagram",
            "links-0-url": "https://instagram.com/example",
            "sources-0-title": "A news report",
            "sources-0-url": "https://example.org/report",
            "publication_status": "published",
        },
    )
    assert response.status_code == 302, form_errors(response)
    initiative = Initiative.objects.get(slug="oyan-qazaqstan")
    assert initiative.is_published
    assert initiative.image.name.endswith(".jpg")
    assert initiative.links.get().kind == "instagram"
    assert initiative.sources.get().title == "A news report"
    page = admin_client.get(initiative.get_absolute_url())
    assert page.status_code == 200
    assert "Oyan, Qazaqstan!" in page.content.decode()
    popup = admin_client.get(reverse("activism:map-place", args=["city", "almaty"]))  # its city's, on the map
    assert "Oyan, Qazaqstan!" in popup.content.decode()


def initiative_changes(theme, **changes):
    return {"name_en": "Oyan", "slug": "oyan", "summary_en": "A movement.", "themes": [str(theme.pk)], **changes}


def test_an_end_year_before_the_start_year_is_a_form_error(admin_client):
    changes = initiative_changes(make_theme(), year_started="2020", year_ended="2019")
    response = submit_form(admin_client, reverse("admin:activism_initiative_add"), changes)
    assert response.status_code == 200
    assert "year ended cannot be before" in str(form_errors(response))
    assert not Initiative.objects.exists()


def test_a_file_that_is_not_an_image_is_refused(admin_client):
    fake = SimpleUploadedFile("photo.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    changes = initiative_changes(make_theme(), image=fake)
    response = submit_form(admin_client, reverse("admin:activism_initiative_add"), changes)
    assert response.status_code == 200
    assert "image" in form_errors(response)
    assert not Initiative.objects.exists()


def test_publish_and_unpublish_actions(admin_client):
    draft = make_initiative("Quiet", published=False, sources=1)  # publishable: it has a source
    run_action(admin_client, Initiative, "publish", [draft])
    draft.refresh_from_db()
    assert draft.publication_status == PublicationStatus.PUBLISHED
    run_action(admin_client, Initiative, "return_to_draft", [draft])
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
        response = admin_client.get(change_url(obj))
        assert response.status_code == 200
        assert "View on site" in response.content.decode()


def test_autocomplete_finds_cities(admin_client, site_data):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"term": "Alm", "app_label": "activism", "model_name": "initiative", "field_name": "cities"},
    )
    assert [result["text"] for result in response.json()["results"]] == ["Almaty"]


def test_a_post_is_scheduled_through_its_page(admin_client):
    post = make_post("Coming soon", published=False)
    response = submit_form(
        admin_client,
        change_url(post),
        {"publication_status": "published", "published_at_0": "2099-01-01", "published_at_1": "10:00:00"},
    )
    assert response.status_code == 302, form_errors(response)
    post.refresh_from_db()
    assert post.is_scheduled
    assert admin_client.get(post.get_absolute_url()).status_code == 404
