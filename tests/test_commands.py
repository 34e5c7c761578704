from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from activism.models import Author, BlogPost, City, Event, EventSource, Initiative, Region, Theme

pytestmark = pytest.mark.django_db


DEMO_MODELS = (Region, City, Theme, Initiative, Event, EventSource, Author, BlogPost)


def database_counts():
    return {model.__name__: model.objects.count() for model in DEMO_MODELS} | {
        "published": Initiative.objects.published().count(),
        "public posts": BlogPost.objects.published().count(),
    }


def test_load_demo_fills_the_site_and_can_run_again(client, media_root):
    call_command("load_demo", stdout=StringIO())
    first = database_counts()
    files = sorted(path.name for path in media_root.rglob("*") if path.is_file())
    call_command("load_demo", stdout=StringIO())
    assert database_counts() == first
    assert sorted(path.name for path in media_root.rglob("*") if path.is_file()) == files

    assert first["Region"] == 20
    assert Region.objects.filter(kind=Region.Kind.CITY).count() == 3
    assert first["City"] >= 25
    assert first["published"] >= 15
    assert Initiative.objects.exclude(pk__in=Initiative.objects.published()).count() >= 2
    assert first["Author"] == 2
    assert first["BlogPost"] >= 4
    assert first["public posts"] == first["BlogPost"] - 1  # one post is scheduled
    assert all(initiative.image and initiative.image_alt for initiative in Initiative.objects.all())

    home = client.get(reverse("activism:home"))
    assert home.context["initiative_count"] == first["published"]
    assert "Oyan, Qazaqstan!" in client.get(reverse("activism:initiative-list"), {"q": "oyan"}).content.decode()


def test_the_demo_events_are_sourced_dated_as_known_and_keep_their_people_safe(media_root):
    call_command("load_demo", stdout=StringIO())
    published = Event.objects.published()
    assert published.between_years(2011, 2022).count() >= 30
    assert not published.filter(sources__isnull=True).exists()  # every public event rests on a source
    assert Event.objects.exclude(pk__in=published).count() == 1  # one draft, still to check
    assert {"day", "month", "year"} <= set(published.values_list("date_precision", flat=True))
    # An event of a sensitive initiative is sensitive itself: its page must not tie the initiative to a city.
    assert not published.not_sensitive().filter(initiatives__is_sensitive=True).exists()
    assert published.sensitive().exists() and published.filter(city=None, region__isnull=False).exists()
    assert published.filter(is_nationwide=True).exists() and published.filter(is_online=True).exists()
    # The trend the numbers page shows: events in at least eight distinct years, in several regions.
    assert len(set(published.values_list("date__year", flat=True))) >= 8
    assert published.exclude(region=None).values("region").distinct().count() >= 5
    assert all(event.title_kk and event.title_ru and event.summary_kk and event.summary_ru for event in published)


def test_ensure_local_admin_creates_one_account_and_says_how_to_log_in(tmp_path):
    password_file = tmp_path / "admin-password"
    out = StringIO()
    call_command("ensure_local_admin", password_file=password_file, stdout=out)
    password = password_file.read_text().strip()
    assert f"password: {password}" in out.getvalue()
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password(password)

    again = StringIO()
    call_command("ensure_local_admin", password_file=password_file, stdout=again)
    assert get_user_model().objects.count() == 1
    assert password_file.read_text().strip() == password
    assert f"password: {password}" in again.getvalue()


def test_ensure_local_admin_gives_the_admin_a_second_factor(tmp_path):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from .conftest import authenticator_code

    out = StringIO()
    call_command("ensure_local_admin", password_file=tmp_path / "admin-password", stdout=out)
    device = TOTPDevice.objects.get(user__username="admin", name="default", confirmed=True)
    assert device.config_url in out.getvalue()  # otpauth://totp/…: a link or QR code for the authenticator app
    assert "otpauth://totp/CAISS%20Activist%20Map" in device.config_url
    assert device.verify_token(authenticator_code(device))

    backup = device.user.staticdevice_set.get().token_set.get()
    assert f"backup code {backup.token}" in out.getvalue()
    again = StringIO()
    call_command("ensure_local_admin", password_file=tmp_path / "admin-password", stdout=again)
    assert TOTPDevice.objects.count() == 1
    assert device.config_url in again.getvalue()
    assert f"backup code {backup.token}" in again.getvalue()
