from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from .. import feeds
from ..models import FIRST_YEAR, Event
from .shared import NoIndexMixin, StaffPreviewMixin, paginate

EVENTS_PER_PAGE = 30


def listed_events():
    """Published events as lists show them, with what each line names (its place, its initiatives)."""
    return (
        Event.objects.published()
        .newest_first()
        .select_related("city__region", "region")
        .prefetch_related("initiatives")
    )


@require_safe
def event_list(request):
    """The timeline: published events, newest first."""
    page = paginate(request, listed_events(), EVENTS_PER_PAGE)
    return render(request, "activism/event_list.html", {"page_obj": page})


class EventDetailView(NoIndexMixin, DetailView):
    def is_noindex(self):
        return self.object.is_sensitive

    def get_queryset(self):
        return self.any_state().published()

    def any_state(self):
        return Event.objects.select_related("city__region", "region").prefetch_related(
            "initiatives", "themes", "sources"
        )


class EventPreviewView(StaffPreviewMixin, EventDetailView):
    pass


def timeline_filters(params, events):
    """The timeline's filters (kind, theme, region, city, initiative, from, to), read from the query string; a value
    that is not valid is ignored.

    A stand-in until activism.forms.EventFilterForm is merged: then this body becomes
    `return EventFilterForm(params).filter(events)`."""
    if params.get("kind") in Event.Kind.values:
        events = events.filter(kind=params["kind"])
    if theme := params.get("theme"):
        themed = Event.objects.filter(Q(themes__slug=theme) | Q(initiatives__themes__slug=theme))
        events = events.filter(pk__in=themed.values("pk"))
    if region := params.get("region"):
        events = events.filter(region__slug=region)
    if city := params.get("city"):
        events = events.filter(city__slug=city).not_sensitive()  # a sensitive event is tied to no city in public
    if initiative := params.get("initiative"):
        events = events.filter(initiatives__slug=initiative)
    years = {}
    for name in ["from", "to"]:
        value = params.get(name, "")
        if value.isascii() and value.isdigit() and FIRST_YEAR <= int(value) <= 9999:
            years[name] = int(value)
    return events.between_years(years.get("from"), years.get("to"))


@require_safe
def event_calendar(request):
    """The timeline, under its filters, as an iCalendar file a researcher's calendar can import or subscribe to: the
    most recent events, each an all-day event over the day, month or year its date is known to."""
    events = Event.objects.published().newest_first().select_related("city__region", "region")
    events = timeline_filters(request.GET, events)[: feeds.CALENDAR_EVENTS]
    response = HttpResponse(feeds.event_calendar(events, request), content_type="text/calendar; charset=utf-8")
    response.headers["Content-Disposition"] = 'attachment; filename="caiss-events.ics"'
    return response
