"""The rules of events a visitor, a researcher or an attacker would run into: a sensitive initiative's events, dates
out of range, bad export filters, the style sheet left whole."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from activism.models import Event

from .conftest import confirm, csv_file, make_event, save_through_admin, submit_form, upload, with_source
from .test_events_admin import ADD_URL, field_errors, new_event, places  # noqa: F401 (places)
from .test_events_import import HEADER, errors_of, records, strike_row  # noqa: F401 (records is a fixture)

pytestmark = pytest.mark.django_db

SENSITIVE_MESSAGE = "sensitive initiative (Oil Workers)"


def test_an_imported_event_of_a_sensitive_initiative_must_be_sensitive_itself(editor, records):  # noqa: F811
    records["union"].is_sensitive = True
    records["union"].save()
    preview = upload(editor, "event", csv_file(HEADER, strike_row()))
    errors = errors_of(preview)
    assert [(line, column) for line, column, _message in errors] == [(2, "is_sensitive")]
    assert SENSITIVE_MESSAGE in errors[0][2]
    assert "confirm_form" not in preview.context
    assert not Event.objects.exists()

    header = [*HEADER, "is_sensitive"]
    preview = upload(editor, "event", csv_file(header, [*strike_row(), "yes"]))
    confirm(editor, "event", preview)
    assert Event.objects.get().is_sensitive


def test_an_import_cannot_make_an_event_of_a_sensitive_initiative_not_sensitive(editor, records):  # noqa: F811
    """The file leaves the initiatives out: those stored count."""
    header = [*HEADER, "is_sensitive"]
    preview = upload(editor, "event", csv_file(header, [*strike_row(), "yes"]))
    confirm(editor, "event", preview)
    records["union"].is_sensitive = True
    records["union"].save()
    without_initiatives = [column for column in header if column != "initiatives"]
    row = dict(zip(header, [*strike_row(), "no"], strict=True))
    preview = upload(editor, "event", csv_file(without_initiatives, [row[column] for column in without_initiatives]))
    assert [(line, column) for line, column, _message in errors_of(preview)] == [(2, "is_sensitive")]
    assert Event.objects.get().is_sensitive


def test_an_initiative_made_sensitive_hides_the_city_of_its_events(client, editor, records):  # noqa: F811
    """Its events' pages name it: shown at their city, they would tell where it works."""
    union = records["union"]
    strike = make_event("Strike", city=records["zhanaozen"], initiatives=[union])
    page = client.get(strike.get_absolute_url()).content.decode()
    assert "/cities/zhanaozen/" in page
    save_through_admin(editor, union, is_sensitive="on")
    strike.refresh_from_db()
    assert strike.is_sensitive
    page = client.get(strike.get_absolute_url()).content.decode()
    assert "/cities/zhanaozen/" not in page
    assert "Zhanaozen" not in page


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"date": "9999-12-31"}, "__all__", "The date is too late."),
        ({"date": "2019-06-12", "end_date": "9999-12-31"}, "__all__", "The end date is too late."),
    ],
)
def test_a_date_past_the_sites_last_year_is_refused(editor, places, changes, field, message):  # noqa: F811
    """The calendar counts the day after an event's last: at the end of year 9999 there is none (a 500 before)."""
    response = submit_form(editor, ADD_URL, {**new_event(**changes), **with_source(), "city": places["almaty"].pk})
    assert message in field_errors(response)[field]
    assert not Event.objects.exists()


def test_the_calendar_of_an_event_on_the_last_day_allowed_opens(client, places):  # noqa: F811
    make_event("Far ahead", date="2100-12-31", city=places["almaty"], end_date="2100-12-31")
    make_event("Year ahead", date="2100-01-01", date_precision="year", city=places["almaty"])
    response = client.get(reverse("activism:event-calendar"))
    assert response.status_code == 200
    assert b"Far ahead" in response.content


def test_every_rule_of_the_sites_stylesheet_is_closed():
    """A rule left open swallows every rule after it: the map's event diamonds lost their shape and the year inputs
    their layout (a brace lost in a merge). Only at-rules (@media, @supports) hold rules; comments are left out."""
    css = Path(finders.find("css/site.css")).read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/", lambda comment: "\n" * comment.group().count("\n"), css, flags=re.S)
    open_blocks = []  # each open block's selector or at-rule, with its line
    prelude, line_number = "", 1
    for character in code:
        if character == "{":
            selector = prelude.strip()
            if open_blocks and not open_blocks[-1][0].startswith("@"):
                raise AssertionError(f"line {line_number}: “{selector}” is inside “{open_blocks[-1][0]}”, never closed")
            open_blocks.append((selector, line_number))
            prelude = ""
        elif character == "}":
            assert open_blocks, f"line {line_number}: a brace closes nothing"
            open_blocks.pop()
            prelude = ""
        elif character == ";":
            prelude = ""
        else:
            prelude += character
        line_number += character == "\n"
    assert not open_blocks, f"never closed: {open_blocks}"


@pytest.mark.parametrize(
    "query", ["region__id__exact=abc", "is_sensitive__exact=maybe", "date__month=13&date__year=2019"]
)
def test_an_export_of_the_list_with_a_filter_that_is_no_filter_goes_back_to_the_list(editor, places, query):  # noqa: F811
    """The list's export link carries its filters: one changed by hand in the address failed (a 500)."""
    make_event("Strike", city=places["almaty"])
    response = editor.get(f"{reverse('admin:activism_event_export')}?{query}")
    assert response.status_code == 302
    assert response.url == f"{reverse('admin:activism_event_changelist')}?e=1"
