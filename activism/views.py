from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import render
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
        "themes", Prefetch("cities", City.objects.only("name", "slug", "region", "latitude", "longitude"))
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
        for city in initiative.cities.all():
            if only_city is not None and city.pk != only_city.pk:
                continue
            if only_region is not None and city.region_id != only_region.pk:
                continue
            marker = markers.setdefault(
                city.pk,
                {
                    "name": city.name,
                    "url": city.get_absolute_url(),
                    "lat": float(city.latitude),
                    "lng": float(city.longitude),
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
        "city_count": City.objects.filter(initiatives__in=published).distinct().count(),
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
        "without_city": [initiative for initiative in initiatives if not initiative.cities.all()],
    }
    return render(request, "activism/map.html", context)


@require_safe
def initiative_list(request):
    filter_form = InitiativeFilterForm(request.GET)
    page = paginate(request, filter_form.filter(listed_initiatives()), INITIATIVES_PER_PAGE)
    return render(request, "activism/initiative_list.html", {"filter_form": filter_form, "page_obj": page})


class InitiativeDetailView(DetailView):
    def get_queryset(self):
        return Initiative.objects.published().prefetch_related(
            "themes",
            "links",
            "sources",
            Prefetch("cities", City.objects.select_related("region")),
            Prefetch("posts", BlogPost.objects.published().select_related("author")),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(map_data=map_data([self.object]), **kwargs)


class CityDetailView(DetailView):
    queryset = City.objects.select_related("region")

    def get_context_data(self, **kwargs):
        initiatives = list(listed_initiatives().filter(cities=self.object))
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


class BlogPostDetailView(DetailView):
    def get_queryset(self):
        return (
            BlogPost.objects.published()
            .select_related("author")
            .prefetch_related("themes", Prefetch("initiatives", Initiative.objects.published()))
        )


class AuthorDetailView(DetailView):
    model = Author

    def get_context_data(self, **kwargs):
        return super().get_context_data(posts=BlogPost.objects.published().filter(author=self.object), **kwargs)


class AboutView(TemplateView):
    template_name = "activism/about.html"
