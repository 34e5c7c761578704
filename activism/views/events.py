from django.shortcuts import render
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from ..models import Event
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
