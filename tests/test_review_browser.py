"""Changes for review in a real browser: a Researcher edits a published initiative, the public keeps the published
text until an Editor, starting from the review desk, approves the change."""

import re

import pytest

from .conftest import make_sourced_initiative, make_staff, pending_url
from .test_browser import browser_page, log_in_to_the_admin  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(roles):
    """A Researcher and an Editor, each with an authenticator app."""
    accounts = {}
    for username, group in [("researcher", "Researcher"), ("editor", "Editor")]:
        user = make_staff(username, group)
        user.device = user.totpdevice_set.create(name="default", confirmed=True)
        accounts[username] = user
    return accounts


@pytest.fixture
def initiative(people):
    return make_sourced_initiative("Green Almaty", summary_en="Trees for the city.")


def fill_in_english(page, field_id, text):
    """Type into the English text of a translated field, opening its language tab first where the form has tabs."""
    field = page.locator(f"#{field_id}")
    if not field.is_visible():
        page.get_by_role("tab", name=re.compile(r"\ben\b|English", re.IGNORECASE)).first.click()
    field.fill(text)


def approve_from_the_review_desk(page, live_server, record, expected_text, note=""):
    """An Editor's review of the record's change, reached as an Editor would: from the review desk on the admin's home
    page, whose line under "Awaiting my review" names the record. The page shows the difference; a note, then
    Approve."""
    page.goto(live_server.url + "/admin/")
    desk = page.locator("#desk-review")
    assert "changes awaiting review (1)" in desk.inner_text()
    desk.get_by_role("link", name=str(record)).click()
    page.wait_for_url(re.compile(re.escape(pending_url(record)) + "$"))
    assert expected_text in page.locator(".pending-change-diff").inner_text()
    if note:
        page.fill("#id_note", note)
    page.get_by_role("button", name="Approve").click()
    page.locator(".messagelist .success").wait_for()


def test_a_researchers_edit_goes_public_once_an_editor_approves_it(
    live_server,
    people,
    initiative,
    browser_page,  # noqa: F811 (set up after the data: see its docstring)
):
    page = browser_page
    public_url = live_server.url + initiative.get_absolute_url()
    log_in_to_the_admin(page, live_server, people["researcher"])
    page.goto(live_server.url + f"/admin/activism/initiative/{initiative.pk}/change/")
    assert "kept as a change for an editor to review" in page.locator("#content-main").inner_text()
    fill_in_english(page, "id_summary_en", "Ten thousand trees for the city.")
    page.locator("input[name=_save]").last.click()
    page.locator(".messagelist .success").wait_for()
    assert "kept for review" in page.locator(".messagelist").inner_text()

    page.goto(public_url)
    assert "Trees for the city." in page.content() and "Ten thousand trees" not in page.content()

    page.context.clear_cookies()
    log_in_to_the_admin(page, live_server, people["editor"])
    approve_from_the_review_desk(page, live_server, initiative, "Ten thousand trees for the city.", note="Thanks.")
    assert "approved" in page.locator(".messagelist").inner_text()

    page.goto(public_url)
    assert "Ten thousand trees for the city." in page.content()
    assert page.errors == [], page.errors
