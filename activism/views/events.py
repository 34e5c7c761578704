from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from .. import feeds, maps
from ..forms import EventFilterForm
from ..models import BlogPost, Event, Initiative
from .shared import NoIndexMixin, ShareAndCiteMixin, StaffPreviewMixin, paginate

EVENTS_PER_PAGE = 30
# The "Latest events" of a record's page, and the related posts of an event's page.
LATEST_EVENTS = 5
RELATED_POSTS = 5


def public_initiatives():
    """The initiatives an event's line or page names: published ones only."""
    return Prefetch("initiatives", Initiative.objects.published().defer("search_text", *Initiative.search_columns))


def listed_events():
    """Published events as lists show them, with what each line names (its place, its initiatives)."""
    return (
        Event.objects.published()
        .timeline_order()
        .select_related("city__region", "region")
        .prefetch_related(public_initiatives())
    )


def latest_events(events):
    """The few newest of these published events for a record's page, with how many there are in all (two queries).
    Newest by date, which an index serves, rather than the timeline's order, which sorts every event."""
    return {
        "events": events.newest_first().select_related("city__region", "region")[:LATEST_EVENTS],
        "count": events.count(),
    }


@dataclass
class MonthGroup:
    month: object  # the first day of the month
    events: list = field(default_factory=list)


@dataclass
class YearGroup:
    year: int
    events: list = field(default_factory=list)  # those known only to the year
    months: list = field(default_factory=list)


def group_by_year_and_month(events):
    """Events in timeline order (Event.objects.timeline_order()) as years holding months: an event known only to
    the year sits in its year, never in a month."""
    years = []
    for event in events:
        if not years or years[-1].year != event.date.year:
            years.append(YearGroup(event.date.year))
        year = years[-1]
        if event.date_precision == Event.DatePrecision.YEAR:
            year.events.append(event)
            continue
        month = event.date.replace(day=1)
        if not year.months or year.months[-1].month != month:
            year.months.append(MonthGroup(month))
        year.months[-1].events.append(event)
    return years


@require_safe
def event_list(request):
    """The timeline: published events, newest first, grouped by year and month, under the filters asked for."""
    filter_form = EventFilterForm(request.GET)
    page = paginate(request, filter_form.filter(listed_events()), EVENTS_PER_PAGE)
    context = {"filter_form": filter_form, "page_obj": page, "years": group_by_year_and_month(page.object_list)}
    return render(request, "activism/event_list.html", context)


class EventDetailView(ShareAndCiteMixin, NoIndexMixin, DetailView):
    def is_noindex(self):
        return self.object.is_sensitive

    def get_queryset(self):
        return self.any_state().published()

    def any_state(self):
        return Event.objects.select_related("city__region", "region").prefetch_related(
            public_initiatives(), "themes", "sources"
        )

    def get_context_data(self, **kwargs):
        initiatives = list(self.object.initiatives.all())
        # Posts about its initiatives; none to look for when it has no public initiative.
        posts = (
            BlogPost.objects.published()
            .filter(initiatives__in=initiatives)
            .distinct()
            .select_related("author")[:RELATED_POSTS]
            if initiatives
            else []
        )
        return super().get_context_data(
            map_data=maps.event_map_data(self.object), initiatives=initiatives, posts=posts, **kwargs
        )


class EventPreviewView(StaffPreviewMixin, EventDetailView):
    pass


@require_safe
def event_calendar(request):
    """The timeline, under its filters, as an iCalendar file a researcher's calendar can import or subscribe to: the
    most recent events, each an all-day event over the day, month or year its date is known to."""
    events = Event.objects.published().newest_first().select_related("city__region", "region")
    events = EventFilterForm(request.GET).filter(events)[: feeds.CALENDAR_EVENTS]
    response = HttpResponse(feeds.event_calendar(events, request), content_type="text/calendar; charset=utf-8")
    response.headers["Content-Disposition"] = 'attachment; filename="caiss-events.ics"'
    return response
