import re
from datetime import UTC, date, datetime

import pytest
from django.urls import reverse
from django.utils import translation

from activism.templatetags.dates import local_date

from .conftest import make_city, make_initiative, make_post

pytestmark = pytest.mark.django_db

# 10:05:03.123456 UTC: 15:05:03 in Almaty (UTC+5), with microseconds HTML does not allow in <time datetime>.
PUBLISHED_AT = datetime(2024, 9, 29, 10, 5, 3, 123456, tzinfo=UTC)
# A valid HTML date, or date and time to the second with a time-zone offset.
HTML_DATETIME = re.compile(r"\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d[+-]\d\d:\d\d)?")


def get(client, language, name, *args):
    with translation.override(language):
        return client.get(reverse(name, args=args)).content.decode()


def time_values(content):
    return re.findall(r'<time datetime="([^"]*)"', content)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "29 September 2024"),
        ("ru", "29 сентября 2024 г."),
        ("kk", "2024 ж. 29 қыркүйек"),  # the month in lower case within a date
    ],
)
def test_a_post_date_reads_as_the_language_writes_it(client, language, expected):
    make_post("Parks and people", published_at=PUBLISHED_AT)
    for content in [
        get(client, language, "activism:post-detail", "parks-and-people"),
        get(client, language, "activism:post-list"),
    ]:
        assert f'<time datetime="2024-09-29T15:05:03+05:00">{expected}</time>' in content


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_every_time_element_carries_a_valid_html_datetime(client, language):
    post = make_post("Parks and people", published_at=PUBLISHED_AT)
    initiative = make_initiative("Save the Park", cities=[make_city("Almaty")])
    initiative.sources.create(title="City news report", published_on=date(2023, 3, 8))
    post.initiatives.set([initiative])
    pages = [
        get(client, language, "activism:post-detail", "parks-and-people"),
        get(client, language, "activism:post-list"),
        get(client, language, "activism:author-detail", post.author.slug),
        get(client, language, "activism:initiative-detail", "save-the-park"),
        get(client, language, "activism:home"),
        get(client, language, "activism:open-data"),
    ]
    values = [value for content in pages for value in time_values(content)]
    assert "2023-03-08" in values and "2024-09-29T15:05:03+05:00" in values
    assert len(values) >= 7
    for value in values:
        assert HTML_DATETIME.fullmatch(value), value


def test_local_date_lowers_the_kazakh_month_in_every_date_format():
    with translation.override("kk"):
        assert local_date(date(2024, 1, 5)) == "2024 ж. 5 қаңтар"
        assert local_date(date(2024, 1, 5), "YEAR_MONTH_FORMAT") == "2024 ж. қаңтар"
    with translation.override("en"):
        assert local_date(PUBLISHED_AT, "DATETIME_FORMAT") == "29 September 2024, 15:05"
