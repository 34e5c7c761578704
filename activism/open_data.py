"""The open data (/data/): published, non-sensitive initiatives as CSV and GeoJSON files, and the columns the open
data page documents."""

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext
from modeltranslation.utils import build_localized_fieldname

from .languages import in_every_language
from .models import City, Initiative, Theme


def published_initiatives():
    """What the open data offers: published initiatives, never sensitive ones, in a fixed number of queries."""
    return (
        Initiative.objects.published()
        .not_sensitive()
        .order_by("slug")
        .prefetch_related(
            Prefetch("themes", Theme.objects.order_by("slug")),
            Prefetch("cities", City.objects.select_related("region").order_by("slug")),
        )
    )


def columns():
    """The columns of the open data files, each with its meaning, as the open data page documents them."""

    def per_language(field, meaning):
        return [
            (build_localized_fieldname(field, code), meaning % {"language": language})
            for code, language in settings.LANGUAGES
        ]

    def one_of(choices):
        return ", ".join(f"{value} ({label})" for value, label in choices.choices)

    statuses = Initiative.ActivityStatus

    return [
        ("slug", gettext("The record's identifier, in Latin letters. It does not change.")),
        ("url", gettext("The address of the initiative's page on this site.")),
        *per_language("name", gettext("The name in %(language)s.")),
        *per_language("summary", gettext("A summary in one or two sentences, in %(language)s.")),
        ("form", gettext("The form of activism, one of: %(choices)s.") % {"choices": one_of(Initiative.Form)}),
        ("activity_status", gettext("Whether it is active, one of: %(choices)s.") % {"choices": one_of(statuses)}),
        ("year_started", gettext("The year it started, if known.")),
        ("year_ended", gettext("The year it ended, if it has.")),
        ("themes", gettext("Its themes, as the identifiers of the theme pages, separated by “;”.")),
        ("cities", gettext("The cities where it works, as the identifiers of the city pages, separated by “;”.")),
        ("regions", gettext("The regions of those cities, as the identifiers of the region pages, separated by “;”.")),
        ("is_nationwide", gettext("“true” if it works across Kazakhstan, else “false”.")),
        ("is_online", gettext("“true” if it works online, else “false”.")),
        ("last_verified", gettext("When a researcher last checked the record (YYYY-MM-DD), if recorded.")),
    ]


def record(initiative, request):
    """One initiative as the open data gives it: lists and true/false; the CSV writes them out as text."""
    cities = list(initiative.cities.all())
    record = {"slug": initiative.slug, "url": request.build_absolute_uri(initiative.get_absolute_url())}
    for field in in_every_language("name", "summary"):
        record[field] = getattr(initiative, field) or None
    record |= {
        "form": initiative.form,
        "activity_status": initiative.activity_status,
        "year_started": initiative.year_started,
        "year_ended": initiative.year_ended,
        "themes": [theme.slug for theme in initiative.themes.all()],
        "cities": [city.slug for city in cities],
        "regions": sorted({city.region.slug for city in cities}),
        "is_nationwide": initiative.is_nationwide,
        "is_online": initiative.is_online,
        "last_verified": initiative.last_verified.isoformat() if initiative.last_verified else None,
    }
    return record


def download(response, extension):
    """A file named with its date of export (a CSV file has nowhere else to say it), open to any website."""
    response.headers["Content-Disposition"] = (
        f'attachment; filename="caiss-initiatives-{timezone.localdate().isoformat()}.{extension}"'
    )
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
