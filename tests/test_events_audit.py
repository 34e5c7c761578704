"""Defects found by trying the event features as an attacker, a researcher and a visitor would."""

import pytest

from activism.models import Event

from .conftest import confirm, csv_file, make_event, save_through_admin, upload
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
