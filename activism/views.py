from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView, TemplateView

from .forms import InitiativeFilterForm
from .models import Author, BlogPost, City, Initiative, Region, Theme

INITIATIVES_PER_PAGE = 20
POSTS_PER_PAGE = 10


def listed_initiatives():
    """Published initiatives with what a list row and a map marker show, in a fixed number of queries."""
    return Initiative.objects.published().prefetch_related(
        "themes", Prefetch("cities", City.objects.select_related("region"))
    )


def paginate(request, queryset, per_page):
    """A page of results; a malformed, negative or huge page number gets the nearest real page, not an error."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def map_data(initiatives, only_city=None, only_region=None):
    """One marker per city with its published initiatives, for the Leaflet map (sent with json_script).

    With a city or a region, only the markers there: an initiative's other cities belong to other pages.
    """
    markers = {}
    for initiative in initiatives:
        for place in initiative.public_places():
            # A sensitive initiative's place is a region: it shows at the region's centre, or not at all.
            region_id = place.pk if isinstance(place, Region) else place.region_id
            if only_city is not None and place != only_city:
                continue
            if only_region is not None and region_id != only_region.pk:
                continue
            if place.latitude is None or place.longitude is None:
                continue
            marker = markers.setdefault(
                (type(place).__name__, place.pk),
                {
                    "name": place.name,
                    "url": place.get_absolute_url(),
                    "lat": float(place.latitude),
                    "lng": float(place.longitude),
                    "initiatives": [],
                },
            )
            marker["initiatives"].append({"name": initiative.name, "url": initiative.get_absolute_url()})
    for marker in markers.values():
        count = len(marker["initiatives"])
        marker["label"] = ngettext("%(city)s: %(count)d initiative", "%(city)s: %(count)d initiatives", count) % {
            "city": marker["name"],
            "count": count,
        }
    return {
        "tiles": {"url": settings.MAP_TILES_URL, "attribution": settings.MAP_TILES_ATTRIBUTION},
        "center": settings.MAP_CENTER,
        "zoom": settings.MAP_ZOOM,
        "markers": sorted(markers.values(), key=lambda marker: marker["name"]),
    }


@require_safe
def home(request):
    published = Initiative.objects.published()
    context = {
        "initiative_count": published.count(),
        "city_count": City.objects.filter(initiatives__in=published.not_sensitive()).distinct().count(),
        "region_count": Region.objects.filter(cities__initiatives__in=published).distinct().count(),
        "latest_posts": BlogPost.objects.published().select_related("author")[:3],
        # Meta.ordering does not apply to grouped queries, hence the explicit order_by().
        "themes": Theme.objects.annotate(
            initiative_count=Count("initiatives", filter=Q(initiatives__in=published), distinct=True)
        ).order_by("display_order", "name"),
    }
    return render(request, "activism/home.html", context)


@require_safe
def initiative_map(request):
    filter_form = InitiativeFilterForm(request.GET, with_search=False, with_city=False)
    initiatives = list(filter_form.filter(listed_initiatives()))
    context = {
        "filter_form": filter_form,
        "initiatives": initiatives,
        "map_data": map_data(initiatives, only_region=filter_form.cleaned_data.get("region")),
        "without_city": [initiative for initiative in initiatives if not initiative.public_places()],
    }
    return render(request, "activism/map.html", context)


@require_safe
def initiative_list(request):
    filter_form = InitiativeFilterForm(request.GET)
    page = paginate(request, filter_form.filter(listed_initiatives()), INITIATIVES_PER_PAGE)
    return render(request, "activism/initiative_list.html", {"filter_form": filter_form, "page_obj": page})


class NoIndexMixin:
    """Pages search engines must not keep: sensitive records and staff previews."""

    def is_noindex(self):
        return False

    def get_context_data(self, **kwargs):
        return super().get_context_data(noindex=self.is_noindex(), **kwargs)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["noindex"]:
            response.headers["X-Robots-Tag"] = "noindex, nofollow"
        return response


class InitiativeDetailView(NoIndexMixin, DetailView):
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
        return super().get_context_data(map_data=map_data([self.object]), **kwargs)


class InitiativePreviewView(InitiativeDetailView):
    """A record exactly as the public will see it, whatever its state: staff only, never indexed."""

    def is_noindex(self):
        return True

    @method_decorator(staff_member_required)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return self.any_state()

    def get_context_data(self, **kwargs):
        return super().get_context_data(is_preview=True, **kwargs)


class CityDetailView(DetailView):
    queryset = City.objects.select_related("region")

    def get_context_data(self, **kwargs):
        # Sensitive initiatives never show at their city, only at their region.
        initiatives = list(listed_initiatives().not_sensitive().filter(cities=self.object))
        return super().get_context_data(
            initiatives=initiatives, map_data=map_data(initiatives, only_city=self.object), **kwargs
        )


class RegionDetailView(DetailView):
    model = Region

    def get_context_data(self, **kwargs):
        initiatives = list(listed_initiatives().filter(cities__region=self.object).distinct())
        return super().get_context_data(
            initiatives=initiatives,
            map_data=map_data(initiatives, only_region=self.object),
            cities=self.object.cities.annotate(
                initiative_count=Count(
                    "initiatives", filter=Q(initiatives__in=Initiative.objects.published()), distinct=True
                )
            ).order_by("name"),
            **kwargs,
        )


class ThemeDetailView(DetailView):
    model = Theme

    def get_context_data(self, **kwargs):
        initiatives = list(listed_initiatives().filter(themes=self.object))
        return super().get_context_data(
            initiatives=initiatives,
            map_data=map_data(initiatives),
            posts=BlogPost.objects.published().filter(themes=self.object).select_related("author")[:5],
            **kwargs,
        )


class BlogPostListView(ListView):
    paginate_by = POSTS_PER_PAGE
    template_name = "activism/blogpost_list.html"

    def get_queryset(self):
        return BlogPost.objects.published().select_related("author")

    def paginate_queryset(self, queryset, page_size):
        page = paginate(self.request, queryset, page_size)
        return page.paginator, page, page.object_list, page.has_other_pages()


class BlogPostDetailView(NoIndexMixin, DetailView):
    def get_queryset(self):
        return self.any_state().published()

    def any_state(self):
        return BlogPost.objects.select_related("author").prefetch_related(
            "themes", Prefetch("initiatives", Initiative.objects.published())
        )


class BlogPostPreviewView(BlogPostDetailView):
    """A post exactly as the public will see it, whatever its state or date: staff only, never indexed."""

    def is_noindex(self):
        return True

    @method_decorator(staff_member_required)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return self.any_state()

    def get_context_data(self, **kwargs):
        return super().get_context_data(is_preview=True, **kwargs)


class AuthorDetailView(DetailView):
    model = Author

    def get_context_data(self, **kwargs):
        return super().get_context_data(posts=BlogPost.objects.published().filter(author=self.object), **kwargs)


class AboutView(TemplateView):
    template_name = "activism/about.html"
