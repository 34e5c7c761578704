"""Dates as each language writes them, and as HTML's <time datetime> reads them.

{% load dates %}
<time datetime="{{ post.published_at|html_datetime }}">{{ post.published_at|local_date }}</time>
"""

import datetime

from django import template
from django.utils import formats, timezone
from django.utils.dates import MONTHS, MONTHS_ALT
from django.utils.translation import get_language

register = template.Library()


@register.filter
def local_date(value, format_name="DATE_FORMAT"):
    """The date in the page's language (caiss/formats/): "29 September 2024", "29 сентября 2024 г.",
    "2024 ж. 29 қыркүйек".

    Kazakh writes month names in lower case within a date; Django's Kazakh names are capitalised, as a month stands
    alone (in a calendar), so they are lowered here."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    text = formats.date_format(value, format_name)
    if get_language() == "kk":
        for name in (MONTHS_ALT[value.month], MONTHS[value.month]):
            text = text.replace(str(name), str(name).lower())
    return text


@register.filter
def html_datetime(value):
    """A date or a moment as <time datetime> accepts it: "2024-09-29", or "2024-09-29T14:05:00+05:00" in local time,
    to the second (HTML allows no microseconds, which |date:'c' would give)."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()
