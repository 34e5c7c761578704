"""The open data (/data/): published, non-sensitive initiatives and events as CSV and GeoJSON files, the events also
in ACLED's columns, and the columns the open data page documents."""

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext
from modeltranslation.utils import build_localized_fieldname

from .languages import in_every_language
from .models import City, Event, Initiative, Theme
from .spreadsheets import LIST_SEPARATOR, safe_cell


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


def download(response, extension, name="initiatives"):
    """A file named with its date of export (a CSV file has nowhere else to say it), open to any website."""
    response.headers["Content-Disposition"] = (
        f'attachment; filename="caiss-{name}-{timezone.localdate().isoformat()}.{extension}"'
    )
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def csv_cells(record):
    """A record as CSV cells: true/false and lists as text, and no text a spreadsheet would run as a formula (it gets
    a leading "'"); numbers stay numbers."""
    cells = {}
    for column, value in record.items():
        if isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, list):
            value = LIST_SEPARATOR.join(value)
        cells[column] = safe_cell(value)
    return cells


# Events


def published_events():
    """The events the open data offers: published, never sensitive ones (those the public sees by region only), oldest
    first, in a fixed number of queries."""
    return (
        Event.objects.published()
        .not_sensitive()
        .order_by("date", "slug")
        .select_related("city__region", "region")
        .prefetch_related(
            Prefetch("themes", Theme.objects.order_by("slug")),
            # Only the initiatives the open data gives itself: a sensitive one is tied to no city in public.
            Prefetch("initiatives", Initiative.objects.published().not_sensitive().order_by("slug")),
            "sources",
        )
    )


CITY_PRECISION = "city"
REGION_PRECISION = "region"


def event_location(event):
    """(latitude, longitude, precision) of a non-sensitive event: its city's coordinates; with only a region known,
    the region's centre (if recorded); none for an event that is nationwide, online or has no place recorded."""
    if event.city_id is not None:
        return float(event.city.latitude), float(event.city.longitude), CITY_PRECISION
    if event.region_id is not None:
        region = event.region
        if region.latitude is None or region.longitude is None:
            return None, None, REGION_PRECISION
        return float(region.latitude), float(region.longitude), REGION_PRECISION
    return None, None, None


def event_columns():
    """The columns of the events' CSV file and the properties of the GeoJSON file, each with its meaning."""

    def per_language(field, meaning):
        return [
            (build_localized_fieldname(field, code), meaning % {"language": language})
            for code, language in settings.LANGUAGES
        ]

    def one_of(choices):
        return ", ".join(f"{value} ({label})" for value, label in choices.choices)

    return [
        ("slug", gettext("The record's identifier, in Latin letters. It does not change.")),
        ("url", gettext("The address of the event's page on this site.")),
        *per_language("title", gettext("The title in %(language)s.")),
        *per_language("summary", gettext("A summary in one or two sentences, in %(language)s.")),
        (
            "date",
            gettext(
                "The date (YYYY-MM-DD). When only the month or the year is known, the first day of that month or year."
            ),
        ),
        (
            "date_precision",
            gettext("How much of the date is known, one of: %(choices)s.") % {"choices": one_of(Event.DatePrecision)},
        ),
        ("end_date", gettext("The last day (YYYY-MM-DD), for an event lasting several days.")),
        ("kind", gettext("The kind of event, one of: %(choices)s.") % {"choices": one_of(Event.Kind)}),
        ("themes", gettext("Its themes, as the identifiers of the theme pages, separated by “;”.")),
        (
            "initiatives",
            gettext(
                "The initiatives involved, as the identifiers in the initiatives' files (their “slug”), separated by "
                "“;”."
            ),
        ),
        ("region", gettext("The region, as the identifier of its page, if known.")),
        ("city", gettext("The city, as the identifier of its page, if known.")),
        (
            "place_precision",
            gettext(
                "Where the coordinates point: “city” (the city's coordinates), “region” (only the region is known: "
                "the region's centre), or empty (nationwide, online or not recorded: no coordinates)."
            ),
        ),
        ("latitude", gettext("Latitude in decimal degrees (WGS 84), of the city or the region's centre.")),
        ("longitude", gettext("Longitude in decimal degrees (WGS 84), of the city or the region's centre.")),
        ("is_nationwide", gettext("“true” if it happened across Kazakhstan, else “false”.")),
        ("is_online", gettext("“true” if it happened online, else “false”.")),
        ("participants", gettext("The approximate number of participants, if reported.")),
        ("participants_source", gettext("Who gave the number of participants.")),
        ("detained", gettext("How many people were detained, if reported (a number, never names).")),
        ("fined", gettext("How many people were fined, if reported (a number, never names).")),
        ("injured", gettext("How many people were injured, if reported (a number, never names).")),
        ("source_urls", gettext("The addresses of its public sources, separated by “;”.")),
    ]


def event_record(event, request):
    """One event as the open data gives it: lists and true/false; the CSV writes them out as text."""
    latitude, longitude, precision = event_location(event)
    record = {"slug": event.slug, "url": request.build_absolute_uri(event.get_absolute_url())}
    for field in in_every_language("title", "summary"):
        record[field] = getattr(event, field) or None
    record |= {
        "date": event.date.isoformat(),
        "date_precision": event.date_precision,
        "end_date": event.end_date.isoformat() if event.end_date else None,
        "kind": event.kind,
        "themes": [theme.slug for theme in event.themes.all()],
        "initiatives": [initiative.slug for initiative in event.initiatives.all()],
        "region": event.region.slug if event.region_id else None,
        "city": event.city.slug if event.city_id else None,
        "place_precision": precision,
        "latitude": latitude,
        "longitude": longitude,
        "is_nationwide": event.is_nationwide,
        "is_online": event.is_online,
        "participants": event.participants,
        "participants_source": event.participants_source or None,
        "detained": event.detained,
        "fined": event.fined,
        "injured": event.injured,
        "source_urls": [source.url for source in event.sources.all() if source.url],
    }
    return record


# The events in ACLED's columns (https://acleddata.com/), so that they can be set beside ACLED's data and the Central
# Asia Protest Tracker's. Our kinds as ACLED's event types and sub-event types:
PEACEFUL_PROTEST = ("Protests", "Peaceful protest")
ARRESTS = ("Strategic developments", "Arrests")
CHANGE_TO_GROUP = ("Strategic developments", "Change to group/activity")
OTHER_DEVELOPMENT = ("Strategic developments", "Other")
ACLED_TYPES = {
    Event.Kind.PROTEST: PEACEFUL_PROTEST,
    Event.Kind.MARCH: PEACEFUL_PROTEST,
    Event.Kind.SOLO_PICKET: PEACEFUL_PROTEST,
    Event.Kind.ART_ACTION: PEACEFUL_PROTEST,
    Event.Kind.DETENTION: ARRESTS,
    Event.Kind.LAW_CHANGE: CHANGE_TO_GROUP,
}
# ACLED's time_precision: 1 the day is known, 2 the week, 3 the month. A year is coarser than ACLED codes: 3, and
# the notes say so.
ACLED_TIME_PRECISION = {Event.DatePrecision.DAY: 1, Event.DatePrecision.MONTH: 3, Event.DatePrecision.YEAR: 3}
# ACLED's geo_precision: 1 the town itself, 3 only the region (at its centre).
ACLED_GEO_PRECISION = {CITY_PRECISION: 1, REGION_PRECISION: 3}


def acled_type(kind):
    return ACLED_TYPES.get(kind, OTHER_DEVELOPMENT)


def acled_kinds():
    """Our kinds with the ACLED event type and sub-event type each is given, for the open data page."""
    return [(label, *acled_type(kind)) for kind, label in Event.Kind.choices]


def acled_columns():
    """The columns of the events' file in ACLED's columns, each with its meaning."""
    return [
        ("event_date", gettext("The date (YYYY-MM-DD); the first day of the month or year when the day is not known.")),
        ("year", gettext("The year.")),
        (
            "time_precision",
            gettext(
                "As ACLED codes it: 1 the day is known, 3 only the month is known. An event known only to the year "
                "is also coded 3, and its notes say so."
            ),
        ),
        (
            "event_type",
            gettext("ACLED's event type: “Protests” or “Strategic developments” (see the table of kinds below)."),
        ),
        ("sub_event_type", gettext("ACLED's sub-event type (see the table of kinds below).")),
        ("country", gettext("Always “Kazakhstan”.")),
        ("admin1", gettext("The region's name, in the language of the address you downloaded the file from.")),
        ("location", gettext("The city's name, in the same language; empty when only the region is known.")),
        ("latitude", gettext("Latitude in decimal degrees (WGS 84), of the city or the region's centre.")),
        ("longitude", gettext("Longitude in decimal degrees (WGS 84), of the city or the region's centre.")),
        (
            "geo_precision",
            gettext(
                "As ACLED codes it: 1 the coordinates are the city's, 3 only the region is known and they are its "
                "centre. Empty, with no coordinates, for an event nationwide or online."
            ),
        ),
        (
            "source",
            gettext("Its sources: each one's publisher, or its title when none is recorded, separated by “; ”."),
        ),
        ("notes", gettext("The summary, in the language of the address.")),
        ("url", gettext("The address of the event's page on this site (not an ACLED column).")),
    ]


def acled_record(event, request):
    """One event in ACLED's columns, as the CSV writes it."""
    latitude, longitude, precision = event_location(event)
    event_type, sub_event_type = acled_type(event.kind)
    notes = event.summary
    if event.date_precision == Event.DatePrecision.YEAR:
        notes = f"{notes} [{gettext('The date is known to the year only.')}]"
    sources = []
    for source in event.sources.all():
        name = source.publisher or source.title
        if name not in sources:
            sources.append(name)
    return {
        "event_date": event.date.isoformat(),
        "year": event.date.year,
        "time_precision": ACLED_TIME_PRECISION[event.date_precision],
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "country": "Kazakhstan",
        "admin1": event.region.name if event.region_id else None,
        "location": event.city.name if event.city_id else None,
        "latitude": latitude,
        "longitude": longitude,
        "geo_precision": ACLED_GEO_PRECISION.get(precision),
        "source": "; ".join(sources),
        "notes": notes,
        "url": request.build_absolute_uri(event.get_absolute_url()),
    }
