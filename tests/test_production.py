"""What production relies on: headers on every response, staff pages kept by no cache, a database outage answered
with 503 and a page that says so."""

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError, close_old_connections, connection
from django.urls import reverse

pytestmark = pytest.mark.django_db

DENIED = ["camera", "microphone", "geolocation", "payment", "usb", "interest-cohort", "browsing-topics"]


def cache_directives(response):
    return {directive.strip() for directive in response.get("Cache-Control", "").split(",") if directive.strip()}


# Permissions-Policy


def test_every_response_denies_the_browser_features_the_site_never_uses(client, admin_client, site_data):
    responses = {
        "home": client.get(reverse("activism:home")),
        "redirect to a language": client.get("/"),
        "404": client.get("/en/no/such/page/"),
        "open data": client.get(reverse("activism:open-data-csv")),
        "sitemap": client.get(reverse("sitemap")),
        "admin login": client.get(reverse("admin:login")),
        "admin": admin_client.get(reverse("admin:activism_initiative_changelist")),
        "preview": admin_client.get(site_data["draft"].get_preview_url()),
    }
    for name, response in responses.items():
        assert "Permissions-Policy" in response, name
        policy = dict(item.strip().split("=", 1) for item in response["Permissions-Policy"].split(","))
        assert {feature: policy.get(feature) for feature in DENIED} == dict.fromkeys(DENIED, "()"), name


# Staff pages are kept by no cache


def test_every_admin_page_is_private_and_not_stored(admin_client, site_data):
    for url in [
        "/admin/",
        "/admin/jsi18n/",  # the admin's translations
        "/admin/activism/initiative/",
        "/admin/activism/initiative/export/",
        "/admin/activism/no-such-list/",  # a 404 of the admin
    ]:
        response = admin_client.get(url)
        assert {"private", "no-store"} <= cache_directives(response), (url, response.get("Cache-Control"))


def test_previews_are_private_and_not_stored(admin_client, client, site_data):
    for record in ["draft", "draft_post"]:
        preview = admin_client.get(site_data[record].get_preview_url())
        assert preview.status_code == 200
        assert {"private", "no-store"} <= cache_directives(preview), record
        assert preview["X-Robots-Tag"] == "noindex, nofollow"
        redirect_to_login = client.get(site_data[record].get_preview_url())
        assert redirect_to_login.status_code == 302
        assert {"private", "no-store"} <= cache_directives(redirect_to_login), record
    # The public pages stay as they were: cacheable, the same for every visitor.
    public = client.get(site_data["park"].get_absolute_url())
    assert "no-store" not in cache_directives(public)
    assert "Cookie" not in public.get("Vary", "")


# A database outage


def database_down(error):
    """Every query fails as it does when the database server cannot be reached."""
    return mock.patch.object(connection, "ensure_connection", side_effect=error)


@pytest.fixture(autouse=True)
def answers_as_a_server_does(client, admin_client):
    """The test client raises a request's error after its response; a server sends the response and logs the error."""
    client.raise_request_exception = False
    admin_client.raise_request_exception = False


OUTAGES = [
    OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused'),
    InterfaceError("connection already closed"),
]


@pytest.mark.parametrize("error", OUTAGES, ids=["operational", "interface"])
@pytest.mark.parametrize("page", ["home", "initiative", "list", "open data"])
def test_a_database_outage_answers_503_with_a_page_that_says_so(client, site_data, error, page):
    url = {
        "home": reverse("activism:home"),
        "initiative": site_data["park"].get_absolute_url(),
        "list": reverse("activism:initiative-list"),
        "open data": reverse("activism:open-data-csv"),
    }[page]
    with database_down(error) as connect:
        response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    content = response.content.decode()
    assert "Temporarily unavailable" in content
    assert "try again in a minute or two" in content
    assert "Permissions-Policy" in response
    assert connect.call_count == 1  # the 503 page itself asked nothing of the database


def test_the_503_page_is_in_the_language_of_the_address(client, site_data):
    with database_down(OUTAGES[0]):
        response = client.get("/ru/map/")
    assert response.status_code == 503
    assert '<html lang="ru">' in response.content.decode()


def test_a_staff_member_in_the_admin_gets_the_503_page_and_stays_logged_in(admin_client, site_data):
    with database_down(OUTAGES[0]):
        response = admin_client.get(reverse("admin:activism_initiative_changelist"))
    assert response.status_code == 503
    assert "Temporarily unavailable" in response.content.decode()
    assert "sessionid" not in response.cookies  # the session cookie is neither deleted nor replaced
    assert admin_client.get(reverse("admin:activism_initiative_changelist")).status_code == 200


def test_a_database_outage_is_told_apart_from_a_bug(client, site_data):
    with database_down(OUTAGES[0]):
        assert client.get(reverse("activism:home")).status_code == 503
    with mock.patch("activism.views.site.render", side_effect=ValueError("a bug")):
        assert client.get(reverse("activism:home")).status_code == 500


def test_a_bug_answers_the_500_page_in_the_language_of_the_address(client, site_data):
    with mock.patch("activism.views.site.render", side_effect=ValueError("a bug")):
        response = client.get("/ru/")
    assert response.status_code == 500
    assert '<html lang="ru">' in response.content.decode()
    assert "Retry-After" not in response
    assert 'href="/ru/"' in response.content.decode()  # a way back to the home page


# A database restart


def test_database_connections_are_checked_before_reuse(settings):
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


@pytest.mark.django_db(transaction=True)
def test_a_request_works_after_the_database_server_closed_its_connection(client, site_data):
    """A connection kept open between requests (DATABASE_CONN_MAX_AGE) that the server closed, as a PostgreSQL restart
    does, is replaced before the next request uses it."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite has no server to close the connection")
    connection.settings_dict["CONN_MAX_AGE"] = 60
    connection.close()  # the next connection is kept for a minute
    try:
        assert client.get(reverse("activism:home")).status_code == 200
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        with connection.Database.connect(**connection.get_connection_params()) as other, other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        close_old_connections()  # what a server does as each request starts (the test client skips it)
        assert client.get(reverse("activism:home")).status_code == 200
    finally:
        connection.settings_dict["CONN_MAX_AGE"] = 0
