"""Staff accounts: the second factor, the lockout after failed logins, idle sessions, no cookies for the public."""

import runpy
from base64 import b32encode
from datetime import timedelta
from io import StringIO

import pytest
from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .conftest import PASSWORD, authenticator_code, make_initiative, make_staff, submit_form
from .test_public_pages import public_urls

pytestmark = pytest.mark.django_db


def login_url(next_page=None):
    return f"{reverse('two_factor:login')}?next={next_page or reverse('admin:index')}"


def enter_password(client, username="researcher", password=PASSWORD):
    """The first step of the login, as a person fills it in."""
    return submit_form(client, login_url(), {"auth-username": username, "auth-password": password})


def enter_code(client, page, code):
    return submit_form(client, login_url(), {"token-otp_token": code}, page=page)


@pytest.fixture
def person():
    """A researcher who has set up an authenticator app."""
    user = make_staff("researcher", "Researcher")
    user.device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    return user


def shows_code_step(response):
    return response.status_code == 200 and 'name="token-otp_token"' in response.content.decode()


# The second factor


def test_password_and_authenticator_code_open_the_admin(client, person):
    page = enter_password(client)
    assert shows_code_step(page)
    assert client.get(reverse("admin:index")).status_code == 302  # the password alone opens nothing

    response = enter_code(client, page, authenticator_code(person.device))
    assert response.status_code == 302
    assert response.url == reverse("admin:index")
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    assert "Research records" in index.content.decode()


def test_a_wrong_code_is_refused(client, person):
    page = enter_password(client)
    right = authenticator_code(person.device)
    wrong = f"{(int(right) + 1) % 10**6:06d}"
    response = enter_code(client, page, wrong)
    assert shows_code_step(response)
    assert "errorlist" in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302

    # django-otp makes each new try wait longer after a failure: even the right code waits a moment.
    assert shows_code_step(enter_code(client, response, right))
    TOTPDevice.objects.filter(pk=person.device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(minutes=1)
    )
    response = enter_code(client, response, authenticator_code(person.device))
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_backup_code_works_once(client, person):
    backup = person.staticdevice_set.create(name="backup")
    backup.token_set.create(token="kq3vx7pd")

    page = enter_password(client)
    page = submit_form(client, login_url(), {"wizard_goto_step": "backup"}, form_id="backup-form", page=page)
    assert 'name="backup-otp_token"' in page.content.decode()
    response = submit_form(client, login_url(), {"backup-otp_token": "kq3vx7pd"}, page=page)
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
    assert not StaticToken.objects.filter(token="kq3vx7pd").exists()

    again = Client()
    page = enter_password(again)
    backup.token_set.create(token="other123")  # the form to use a backup code shows while one is left
    page = enter_password(again)
    page = submit_form(again, login_url(), {"wizard_goto_step": "backup"}, form_id="backup-form", page=page)
    response = submit_form(again, login_url(), {"backup-otp_token": "kq3vx7pd"}, page=page)
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert again.get(reverse("admin:index")).status_code == 302


def test_staff_without_an_authenticator_app_are_led_to_set_one_up_first(client):
    make_staff("newcomer", "Researcher")
    response = enter_password(client, "newcomer")
    assert response.status_code == 302

    for url in [
        reverse("admin:index"),
        reverse("admin:activism_initiative_changelist"),
        reverse("admin:password_change"),
    ]:
        chain = client.get(url, follow=True).redirect_chain
        assert chain[-1][0] == reverse("two_factor:setup"), (url, chain)

    # The setup shows a QR code and the key, and asks for a code from the app to confirm it.
    setup = submit_form(client, reverse("two_factor:setup"))  # the welcome step
    content = setup.content.decode()
    assert reverse("two_factor:qr") in content
    key = setup.context["secret_key"]
    assert "otpauth://totp/" in content
    assert client.get(reverse("two_factor:qr"))["Content-Type"].startswith("image/svg+xml")

    device = TOTPDevice(key=setup.context["wizard"]["form"].key)  # what the app learns from the QR code
    assert b32encode(device.bin_key).decode() == key
    response = submit_form(
        client, reverse("two_factor:setup"), {"generator-token": authenticator_code(device)}, page=setup
    )
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
    assert TOTPDevice.objects.get(user__username="newcomer").confirmed


def test_the_admin_does_not_take_a_password_alone(client, person):
    login = client.get(reverse("admin:login"))
    assert login.status_code == 302
    assert login.url.startswith(reverse("two_factor:login"))
    # Django's own admin login form is not there to post to.
    client.post(reverse("admin:login"), {"username": "researcher", "password": PASSWORD})
    assert client.get(reverse("admin:index")).status_code == 302


def test_previews_need_the_second_factor_too(client, person):
    draft = make_initiative("Quiet Draft", published=False)
    enter_password(client)
    assert client.get(draft.get_preview_url()).status_code == 302
    make_staff("newcomer", "Researcher")
    newcomer = Client()
    enter_password(newcomer, "newcomer")
    assert newcomer.get(draft.get_preview_url()).status_code == 302


def test_a_superuser_resets_a_lost_phone(client, person):
    out = StringIO()
    call_command("two_factor_disable", "researcher", stdout=out)
    assert not TOTPDevice.objects.filter(user=person).exists()
    enter_password(client)
    assert client.get(reverse("admin:index"), follow=True).redirect_chain[-1][0] == reverse("two_factor:setup")


def test_a_superuser_gives_a_one_time_code_for_a_login_now(client, person):
    out = StringIO()
    call_command("addstatictoken", "researcher", stdout=out)
    page = enter_password(client)
    page = submit_form(client, login_url(), {"wizard_goto_step": "backup"}, form_id="backup-form", page=page)
    response = submit_form(client, login_url(), {"backup-otp_token": out.getvalue().strip()}, page=page)
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_admin_asks_for_backup_codes_until_there_are_some(researcher):
    assert "You have no backup codes" in researcher.get(reverse("admin:index")).content.decode()
    codes = submit_form(researcher, reverse("two_factor:backup_tokens"))
    assert codes.status_code == 302
    assert len(researcher.get(codes.url).context["device"].token_set.all()) == 10
    assert "You have no backup codes" not in researcher.get(reverse("admin:index")).content.decode()


# Failed logins


def test_five_wrong_passwords_lock_the_account_out_even_for_the_right_one(client, person):
    for attempt in range(4):
        assert enter_password(client, password=f"wrong-{attempt}").status_code == 200
    locked = enter_password(client, password="wrong-4")
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    assert "30 minutes" in locked.content.decode()

    refused = enter_password(client)
    assert refused.status_code == 429
    assert not shows_code_step(refused)

    call_command("axes_reset_username", "researcher", stdout=StringIO())
    assert shows_code_step(enter_password(client))


def test_the_lockout_holds_one_address_and_not_the_researcher_elsewhere(person):
    attacker = Client(REMOTE_ADDR="5.34.1.10")
    for attempt in range(5):
        enter_password(attacker, password=f"wrong-{attempt}")
    assert enter_password(attacker).status_code == 429
    # A forged X-Forwarded-For does not make the attacker someone else.
    assert enter_password(Client(REMOTE_ADDR="5.34.1.10", HTTP_X_FORWARDED_FOR="8.8.4.4")).status_code == 429

    assert shows_code_step(enter_password(Client(REMOTE_ADDR="95.56.10.20")))


def test_the_lockout_ends_after_the_cool_off(client, person):
    for attempt in range(5):
        enter_password(client, password=f"wrong-{attempt}")
    assert enter_password(client).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=31))
    assert shows_code_step(enter_password(client))


def test_superusers_see_attempts_and_lockouts_in_the_admin(client, person, admin_client, editor):
    for attempt in range(5):
        enter_password(client, password=f"wrong-{attempt}")
    attempts = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert attempts.status_code == 200
    assert "researcher" in attempts.content.decode()
    failures = admin_client.get(reverse("admin:axes_accessfailurelog_changelist"))
    assert failures.status_code == 200
    assert "researcher" in failures.content.decode()
    assert "wrong-" not in str(AccessAttempt.objects.values_list("post_data", flat=True))  # passwords not kept
    assert editor.get(reverse("admin:axes_accessattempt_changelist")).status_code == 403


@pytest.mark.parametrize(
    ("behind_proxy", "forwarded_for", "expected"),
    [
        ("0", "8.8.4.4", "10.0.0.2"),
        ("1", "5.34.1.10", "5.34.1.10"),
        ("1", "8.8.4.4, 5.34.1.10", "5.34.1.10"),  # the first entry came from the client: not trusted
    ],
)
def test_the_address_a_lockout_counts(rf, settings, monkeypatch, behind_proxy, forwarded_for, expected):
    monkeypatch.setenv("DJANGO_BEHIND_PROXY", behind_proxy)
    production = runpy.run_path(str(django_settings.BASE_DIR / "caiss" / "settings.py"))
    for name in ["AXES_IPWARE_META_PRECEDENCE_ORDER", "AXES_IPWARE_PROXY_COUNT", "IPWARE_STRICT"]:
        if name in production:
            setattr(settings, name, production[name])
    request = rf.post("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded_for)
    assert get_client_ip_address(request) == expected


# Sessions


def test_a_staff_session_ends_after_an_hour_without_a_request(researcher):
    assert django_settings.SESSION_COOKIE_AGE == 60 * 60
    assert django_settings.SESSION_SAVE_EVERY_REQUEST
    session = Session.objects.get()

    # Fifty idle minutes later, a request gives the session a full hour again.
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=10))
    assert researcher.get(reverse("admin:index")).status_code == 200
    session.refresh_from_db()
    assert session.expire_date > timezone.now() + timedelta(minutes=59)

    # An hour without a request: the session is over, the admin asks for the login again.
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = researcher.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("two_factor:login"))


def test_the_public_site_sets_no_cookies(client, site_data):
    for url in ["/", reverse("activism:map") + "?theme=nothing", "/en/no-such-page/", *public_urls(site_data)]:
        response = client.get(url)
        assert not response.cookies, (url, response.cookies)
        assert "Set-Cookie" not in response.headers, url
    assert not Session.objects.exists()
