"""The event features as Chromium shows them: the map's year fields in every language."""

import pytest
from django.urls import reverse
from django.utils import translation

from .conftest import make_city, make_event, make_region
from .test_browser import browser_page  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def an_event():
    return make_event("Picket", city=make_city("Almaty", make_region("Almaty Region"), "43.238949", "76.889709"))


def test_the_russian_year_labels_of_the_map_fit_beside_the_events_checkbox(
    live_server,
    an_event,
    browser_page,  # noqa: F811 (set up after the data: see its docstring)
):
    """ "До года включительно" is wider than half a select: it ran under the events checkbox at 1366 pixels."""
    browser_page.set_viewport_size({"width": 1366, "height": 900})
    with translation.override("ru"):
        url = live_server.url + reverse("activism:map") + "?from=2015&to=2020&events=1"
    browser_page.goto(url)
    overflowing = browser_page.evaluate(
        """[...document.querySelectorAll('.filter-form--bar .filter-form__fields label')]
             .filter(label => label.scrollWidth > label.clientWidth + 1).map(label => label.textContent.trim())"""
    )
    assert overflowing == []
