import csv
import sys

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import caches
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.views import defaults
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_safe
from django.views.generic import TemplateView

from .. import maps, open_data
from ..forms import SuggestionForm
from ..models import BlogPost, City, Event, Initiative, Region, Suggestion, Theme
from .events import latest_events
from .shared import DATABASE_RETRY_AFTER_SECONDS, SUGGESTION_WINDOW_SECONDS, logger


@require_safe
def home(request):
    """The site opens with the map of every published initiative, its legend and a few ways into it."""
    published = Initiative.objects.published()
    places = maps.places_with_counts()
    context = {
        "map_data": maps.map_data(places),
        "legend": maps.legend(QueryDict(), reverse("activism:map")),
        "initiative_count": published.count(),
        "city_count": City.objects.public().count(),
        "region_count": Region.objects.public().count(),
        "latest_posts": BlogPost.objects.published().select_related("author")[:3],
        "latest_events": latest_events(Event.objects.published()),
        "themes": Theme.objects.with_initiative_counts(),
    }
    return render(request, "activism/home.html", context)


class AboutView(TemplateView):
    template_name = "activism/about.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(contact_email=settings.CONTACT_EMAIL, **kwargs)


def suggestion_counter_key(request):
    """The cache key counting one client's suggestions. The client's address is read as django-axes reads it for the
    login lockout (AXES_IPWARE_META_PRECEDENCE_ORDER in caiss/settings.py): the connection's own, or behind the one
    reverse proxy of DJANGO_BEHIND_PROXY the X-Forwarded-For entry that proxy added, which a client cannot forge."""
    return f"suggestions-sent:{get_client_ip_address(request) or 'unknown'}"


def count_suggestion(key):
    # The hour runs from the first suggestion of the address; add() starts it, incr() keeps its expiry. In the cache
    # every process shares, so that each worker counts the same suggestions.
    cache = caches["shared"]
    if not cache.add(key, 1, SUGGESTION_WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between the two calls
            cache.add(key, 1, SUGGESTION_WINDOW_SECONDS)


@require_http_methods(["GET", "HEAD", "POST"])
def suggest(request):
    """The public form for suggesting an initiative, an event or a correction (?initiative=<slug> names the record a
    correction is about). A sent suggestion goes to the admin's queue, editors hear of it by e-mail, and the visitor
    is sent on to the thank-you page. Never cached: the page carries a CSRF token (its cookie keeps it out of the page
    cache) and a signed note of when it was shown."""
    contact_days = settings.SUGGESTION_CONTACT_DAYS
    about = None
    if request.method == "POST":
        counter = suggestion_counter_key(request)
        if caches["shared"].get(counter, 0) >= settings.SUGGESTIONS_PER_HOUR:
            context = {"per_hour": settings.SUGGESTIONS_PER_HOUR, "text": request.POST.get("text", "")}
            response = render(request, "activism/suggestion_refused.html", context, status=429)
            response.headers["Retry-After"] = str(SUGGESTION_WINDOW_SECONDS)
            return response
        form = SuggestionForm(request.POST, contact_days=contact_days)
        if form.is_valid():
            suggestion = form.save(commit=False)
            suggestion.initiative = form.cleaned_data["initiative"]
            suggestion.language = get_language()
            suggestion.save()
            count_suggestion(counter)
            admin_url = request.build_absolute_uri(reverse("admin:activism_suggestion_change", args=[suggestion.pk]))
            try:
                suggestion.send_notice_to_editors(admin_url)
            except Exception:  # the suggestion is saved: a mail server down must not lose the visitor's page
                logger.exception("The notice of suggestion %s could not be sent to the editors.", suggestion.pk)
            return redirect("activism:suggest-thanks")
        about = form.cleaned_data.get("initiative")
    else:
        slug = request.GET.get("initiative")
        about = Initiative.objects.published().filter(slug=slug).first() if slug else None
        initial = {"initiative": about.slug, "kind": Suggestion.Kind.CORRECTION} if about else {}
        form = SuggestionForm(initial=initial, contact_days=contact_days)
    # What the "where" field offers as you type: the public cities and regions, in the page's language.
    places = sorted({place.name for place in [*City.objects.public(), *Region.objects.public()]})
    context = {"form": form, "about": about, "places": places, "contact_days": contact_days}
    return render(request, "activism/suggestion_form.html", context)


class SuggestionThanksView(TemplateView):
    template_name = "activism/suggestion_thanks.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(noindex=True, contact_days=settings.SUGGESTION_CONTACT_DAYS, **kwargs)


@require_safe
def open_data_page(request):
    context = {
        "columns": open_data.columns(),
        "event_columns": open_data.event_columns(),
        "acled_columns": open_data.acled_columns(),
        "acled_kinds": open_data.acled_kinds(),
        "exported": timezone.localdate(),
        "initiative_count": Initiative.objects.published().not_sensitive().count(),
        "event_count": Event.objects.published().not_sensitive().count(),
        "licence_name": settings.OPEN_DATA_LICENCE_NAME,
        "licence_url": settings.OPEN_DATA_LICENCE_URL,
    }
    return render(request, "activism/open_data.html", context)


def csv_file(columns, records):
    """A CSV file of these records (dicts keyed by the columns), each cell safe to open in a spreadsheet."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")  # a byte order mark: Excel then reads the file as UTF-8, Cyrillic included
    writer = csv.DictWriter(response, fieldnames=[column for column, _meaning in columns])
    writer.writeheader()
    for record in records:
        writer.writerow(open_data.csv_cells(record))
    return response


def geojson_file(title, features, request):
    data = {
        "type": "FeatureCollection",
        "metadata": {
            "title": title,
            "publisher": gettext("Central Asia Institute for Strategic Studies (CAISS)"),
            "source": request.build_absolute_uri(reverse("activism:open-data")),
            "exported": timezone.localdate().isoformat(),
            "licence": settings.OPEN_DATA_LICENCE_NAME,
            "licence_url": settings.OPEN_DATA_LICENCE_URL,
        },
        "features": features,
    }
    return JsonResponse(data, content_type="application/geo+json", json_dumps_params={"ensure_ascii": False})


@require_safe
def open_data_csv(request):
    records = (open_data.record(initiative, request) for initiative in open_data.published_initiatives())
    return open_data.download(csv_file(open_data.columns(), records), "csv")


@require_safe
def open_data_geojson(request):
    """One MultiPoint feature per initiative, at its cities; an initiative without a city has no geometry."""
    features = []
    for initiative in open_data.published_initiatives():
        points = [[float(city.longitude), float(city.latitude)] for city in initiative.cities.all()]
        features.append(
            {
                "type": "Feature",
                "id": initiative.slug,
                "geometry": {"type": "MultiPoint", "coordinates": points} if points else None,
                "properties": open_data.record(initiative, request),
            }
        )
    response = geojson_file(gettext("CAISS Activist Map: published initiatives"), features, request)
    return open_data.download(response, "geojson")


@require_safe
def open_data_events_csv(request):
    records = (open_data.event_record(event, request) for event in open_data.published_events())
    return open_data.download(csv_file(open_data.event_columns(), records), "csv", name="events")


@require_safe
def open_data_events_acled_csv(request):
    """The same events in ACLED's columns, to set beside ACLED's data."""
    records = (open_data.acled_record(event, request) for event in open_data.published_events())
    return open_data.download(csv_file(open_data.acled_columns(), records), "csv", name="events-acled")


@require_safe
def open_data_events_geojson(request):
    """One Point feature per event, at its city or its region's centre; nationwide and online events, and those
    whose region has no centre recorded, have no geometry (null)."""
    features = []
    for event in open_data.published_events():
        record = open_data.event_record(event, request)
        has_point = record["latitude"] is not None
        features.append(
            {
                "type": "Feature",
                "id": event.slug,
                "geometry": {"type": "Point", "coordinates": [record["longitude"], record["latitude"]]}
                if has_point
                else None,
                "properties": record,
            }
        )
    response = geojson_file(gettext("CAISS Activist Map: published events"), features, request)
    return open_data.download(response, "geojson", name="events")


def locked_out(request, original_response=None, credentials=None):
    """The answer to a login refused after too many failures (django-axes' AXES_LOCKOUT_CALLABLE)."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "registration/locked_out.html", context, status=429)


@require_safe
@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the page links: send them to the icon, not a 404."""
    return redirect(static("img/favicon.svg"), permanent=True)


def server_error(request):
    """The 500 page; 503 with Retry-After while the database cannot be reached, wherever the request met the outage
    (a view, the session or the login in a middleware). Django calls this while handling the error, so the error
    is at hand; it is logged as every 500 is. The 503 page is rendered without the request: no context processor
    runs and nothing is asked of the database."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response.headers["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
        return response
    return defaults.server_error(request)
