"""The feeds a reader or a calendar follows: the blog's and the events' RSS, and the events' iCalendar file.

A sensitive event is given by its region only, as on its page: its city is in no title, text, place or link here."""

import datetime

import icalendar
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import BlogPost, Event

# What the RSS feed and the calendar file hold at most: a reader wants the news, a calendar the recent years.
FEED_EVENTS = 30
CALENDAR_EVENTS = 500


class LatestPostsFeed(Feed):
    title = _("CAISS Activist Map: research blog")
    link = reverse_lazy("activism:post-list")
    description = _(
        "Research posts on citizen activism in Kazakhstan by the Central Asia Institute for Strategic Studies."
    )

    def items(self):
        return BlogPost.objects.published().select_related("author")[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_author_name(self, item):
        return item.author.name

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


def event_place_text(event):
    """Where the event happened, as the public may read it: "Kokshetau (Akmola)", only the region when it is sensitive
    or no city is known, "Nationwide" or "Online" when it has no place; empty when nothing is recorded."""
    place = event.public_place()
    if place is not None:
        return f"{place.name} ({place.region_name})" if place.shows_its_region else place.name
    if event.is_nationwide:
        return gettext("Nationwide")
    if event.is_online:
        return gettext("Online")
    return ""


def event_outline(event):
    """The date at its precision, the kind and the place: "12 June 2019 · Protest or rally · Almaty"."""
    parts = [event.date_display(), event.get_kind_display(), event_place_text(event)]
    return " · ".join(part for part in parts if part)


class LatestEventsFeed(Feed):
    """The events most recently published on the site, whenever they happened: a 2016 protest entered today is news
    to a reader following the research."""

    title = _("CAISS Activist Map: new events")
    link = reverse_lazy("activism:event-list")
    description = _("Events of citizen activism in Kazakhstan newly recorded on the CAISS Activist Map.")

    def items(self):
        return (
            Event.objects.published()
            .select_related("city__region", "region")
            .order_by("-created_at", "-pk")[:FEED_EVENTS]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return f"{event_outline(item)}. {item.summary}"

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_guid(self, item):
        return event_uid(item)  # kept when the event's address (its slug) changes

    item_guid_is_permalink = False

    def item_categories(self, item):
        return [item.get_kind_display()]


def event_uid(event):
    """The event's identifier in feeds and calendars: its record's number never changes, so a reader or a calendar
    that loads the file again updates the event and never doubles it."""
    return f"event-{event.pk}@caiss-activist-map"


def calendar_days(event):
    """The first day of the event and the day after its last, as iCalendar's all-day events run: its day (to its end
    date, if it has one), its month or its year, as precisely as the date is known."""
    start = event.date
    if event.date_precision == Event.DatePrecision.YEAR:
        end = datetime.date(start.year + 1, 1, 1)
    elif event.date_precision == Event.DatePrecision.MONTH:
        end = (start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    else:
        end = start + datetime.timedelta(days=1)
    if event.end_date is not None:
        end = max(end, event.end_date + datetime.timedelta(days=1))
    return start, end


def precision_note(event):
    if event.date_precision == Event.DatePrecision.YEAR:
        return gettext("The date is known to the year only.")
    if event.date_precision == Event.DatePrecision.MONTH:
        return gettext("The date is known to the month only.")
    return ""


def event_calendar(events, request):
    """The events as an iCalendar file (RFC 5545) of all-day events, in the language of the address."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//CAISS//Activist Map//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", gettext("CAISS Activist Map: events"))
    for event in events:
        url = request.build_absolute_uri(event.get_absolute_url())
        start, end = calendar_days(event)
        description = "\n\n".join(
            text for text in [event.summary, event_outline(event), precision_note(event), url] if text
        )
        entry = icalendar.Event()
        entry.add("uid", event_uid(event))
        entry.add("dtstamp", event.updated_at)
        entry.add("last-modified", event.updated_at)
        entry.add("dtstart", start)
        entry.add("dtend", end)
        entry.add("summary", event.title)
        entry.add("description", description)
        entry.add("categories", [event.get_kind_display()])
        if place := event_place_text(event):
            entry.add("location", place)
        entry.add("url", url)
        entry.add("transp", "TRANSPARENT")  # a past protest does not make the researcher busy
        calendar.add_component(entry)
    return calendar.to_ical()
