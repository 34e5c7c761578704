from dataclasses import dataclass

from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..forms import SearchForm
from ..languages import in_every_language
from ..models import BlogPost, City, Region, Theme, search_terms
from ..search import MIN_QUERY_LENGTH, highlight, snippet
from .shared import INITIATIVES_PER_PAGE, SEARCH_GROUP_SIZE, listed_initiatives, paginate


@dataclass
class SearchResult:
    record: object
    title: str  # highlighted, escaped: see search.highlight()
    snippet: str = ""


def best_matches(records, terms, names, *other_fields):
    """The small records (themes, places) the query matches, best first, at most SEARCH_GROUP_SIZE: matched in
    Python, on their names in every language."""
    scored = []
    for record in records:
        score = terms.score(
            [getattr(record, field) for field in in_every_language(names)],
            *[getattr(record, field) for field in in_every_language(*other_fields)],
        )
        if score:
            scored.append((score, record))
    scored.sort(key=lambda pair: (-pair[0], str(pair[1])))
    return [SearchResult(record, highlight(str(record), terms)) for _score, record in scored[:SEARCH_GROUP_SIZE]]


@require_safe
def search(request):
    """Initiatives (a page at a time), posts, themes, cities and regions matching the query, best first, the words
    found highlighted. A fixed number of queries: the small lists are read whole and matched in Python."""
    search_form = SearchForm(request.GET)
    context = {"search_form": search_form, "min_query_length": MIN_QUERY_LENGTH, "noindex": True}
    if search_form.is_valid() and search_form.cleaned_data["q"]:
        themes = list(Theme.objects.public())
        cities = list(City.objects.public().select_related("region"))
        regions = list(Region.objects.public())
        # On SQLite, typos are corrected against these names (PostgreSQL looks in every word of the index).
        names = [
            [getattr(record, field) for field in in_every_language("name")] for record in [*themes, *cities, *regions]
        ]
        terms = search_terms(search_form.cleaned_data["q"], names)
        context["terms"] = terms
        if terms:
            page = paginate(request, listed_initiatives().search(terms), INITIATIVES_PER_PAGE)
            page.object_list = [
                SearchResult(
                    initiative,
                    highlight(initiative.name, terms),
                    snippet([initiative.summary, initiative.description], terms),
                )
                for initiative in page.object_list
            ]
            posts = BlogPost.objects.published().search(terms).select_related("author")[:SEARCH_GROUP_SIZE]
            context.update(
                page_obj=page,
                posts=[
                    SearchResult(post, highlight(post.title, terms), snippet([post.lead, post.body], terms))
                    for post in posts
                ],
                themes=best_matches(themes, terms, "name", "description"),
                cities=best_matches(cities, terms, "name"),
                regions=best_matches(regions, terms, "name"),
            )
    response = render(request, "activism/search.html", context)
    # Result pages are endless and change with the data: not pages for search engines.
    response.headers["X-Robots-Tag"] = "noindex"
    return response
