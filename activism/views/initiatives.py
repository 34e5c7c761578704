from urllib.parse import urlencode

from django.db.models import Prefetch
from django.shortcuts import render
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from .. import maps
from ..forms import InitiativeFilterForm
from ..models import BlogPost, City, Event, Initiative
from .events import latest_events
from .shared import (
    INITIATIVES_PER_PAGE,
    NoIndexMixin,
    ShareAndCiteMixin,
    StaffPreviewMixin,
    listed_initiatives,
    paginate,
)


@require_safe
def initiative_list(request):
    filter_form = InitiativeFilterForm(request.GET, with_sort=True)
    initiatives = filter_form.order(filter_form.filter(listed_initiatives()))
    page = paginate(request, initiatives, INITIATIVES_PER_PAGE)
    context = {"filter_form": filter_form, "page_obj": page}
    return render(request, "activism/initiative_list.html", context)


class InitiativeDetailView(ShareAndCiteMixin, NoIndexMixin, DetailView):
    def is_noindex(self):
        return self.object.is_sensitive

    def get_queryset(self):
        return self.any_state().published()

    def any_state(self):
        return Initiative.objects.prefetch_related(
            "themes",
            "links",
            "sources",
            Prefetch("cities", City.objects.select_related("region")),
            Prefetch("posts", BlogPost.objects.published().select_related("author")),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            map_data=maps.initiative_map_data(self.object),
            latest_events=latest_events(Event.objects.published().filter(initiatives=self.object)),
            all_events_query=urlencode({"initiative": self.object.slug}),
            **kwargs,
        )


class InitiativePreviewView(StaffPreviewMixin, InitiativeDetailView):
    pass
