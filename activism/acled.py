"""Events from a CSV file exported from ACLED (Armed Conflict Location & Event Data, acleddata.com) for Kazakhstan,
with ACLED's own column names, read into the columns of the events' own import (resources.EventResource).

Each ACLED line becomes a DRAFT event, for a researcher to check, translate and publish:

- Kind, from ACLED's event_type / sub_event_type:

  ===========================================  =================================================================
  Protests / Peaceful protest                  protest
  Protests / Protest with intervention         protest, noted in the description (the authorities intervened)
  Protests / Excessive force against protesters protest, noted in the description
  Riots / Violent demonstration, Mob violence  protest, noted in the description
  Strategic developments / Arrests             detention
  Strategic developments / Change to           law_change when ACLED's notes speak of a law, a bill, an amendment,
  group/activity                               a decree or a ban; pressure otherwise (noted in the preview)
  Violence against civilians / Attack          pressure, noted in the description
  ===========================================  =================================================================

  Any other type (battles, explosions, other strategic developments) is no event of this site: its line is an error
  naming the type, and nothing is imported until it is removed from the file.
- Date, from event_date ("12 June 2019", "12-June-2019" or "2019-06-12") at the precision of time_precision: 1 is a
  day; 2 (a week) and 3 (a month) are the month, the nearest precision of this site that does not claim more.
- Place: location is looked up among the cities by name in any language (or slug), admin1 among the regions (its
  name, its name followed by "Region", or a former name: Nur-Sultan is Astana, South Kazakhstan is Turkistan).
  With geo_precision 3 (ACLED knows only the region) no city is set. An unknown city or region is left empty and the
  preview says so; a line with neither is an error, as an event needs a place.
- Title: "<sub_event_type> in <location>", in English, as ACLED writes; summary: the start of notes; description:
  notes, the actors and any note on the kind.
- Sources: "ACLED event KAZ1234" (publisher "ACLED", dated by ACLED's timestamp), and ACLED's source text as a
  second source (its ";" become ",": the import separates sources with ";").
- A line whose ACLED id is already the source of an event is skipped: importing a newer export adds only the new
  events.

Coordinates, fatalities and ACLED's other columns are not kept: this site places events at a city or a region.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import City, Event, EventSource, Region
from .spreadsheets import LIST_SEPARATOR, SOURCE_PARTS_SEPARATOR, RecordFinder

PUBLISHER = "ACLED"
ID_COLUMN = "event_id_cnty"
# The columns an ACLED file must have: the import page refuses a file without them.
REQUIRED_COLUMNS = [ID_COLUMN, "event_date", "event_type", "sub_event_type"]

INTERVENTION_NOTE = "ACLED: protest with intervention (the authorities intervened)."
KINDS = {
    ("protests", "peaceful protest"): (Event.Kind.PROTEST, ""),
    ("protests", "protest with intervention"): (Event.Kind.PROTEST, INTERVENTION_NOTE),
    ("protests", "excessive force against protesters"): (
        Event.Kind.PROTEST,
        "ACLED: excessive force against protesters.",
    ),
    ("riots", "violent demonstration"): (Event.Kind.PROTEST, "ACLED: violent demonstration (riot)."),
    ("riots", "mob violence"): (Event.Kind.PROTEST, "ACLED: mob violence (riot)."),
    ("strategic developments", "arrests"): (Event.Kind.DETENTION, ""),
    ("violence against civilians", "attack"): (Event.Kind.PRESSURE, "ACLED: attack on civilians."),
}
CHANGE_TO_GROUP = ("strategic developments", "change to group/activity")
LAW_WORDS = re.compile(r"\b(law|bill|amendment|decree|ban|banned|legislation|parliament|code)\b", re.IGNORECASE)

TIME_PRECISIONS = {"1": Event.DatePrecision.DAY, "2": Event.DatePrecision.MONTH, "3": Event.DatePrecision.MONTH}
REGION_ONLY_GEO_PRECISION = "3"
# ACLED's admin1 names that are not (or no longer) ours.
REGION_ALIASES = {"nur-sultan": "Astana", "south kazakhstan": "Turkistan", "turkestan": "Turkistan"}
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        1,
    )
    for name in names
}
SUMMARY_LENGTH = 300


def source_title(acled_id):
    return f"ACLED event {acled_id}"


def parse_date(text):
    """ACLED's event_date: "12 June 2019", "12-June-2019" or "2019-06-12" (month names in English, as ACLED writes
    them, whatever the server's locale)."""
    text = str(text or "").strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
        match = re.fullmatch(r"(\d{1,2})[ -]([A-Za-z]+)[ -](\d{4})", text)
        if match and match[2].casefold() in MONTHS:
            return date(int(match[3]), MONTHS[match[2].casefold()], int(match[1]))
    except ValueError:
        pass
    raise ValueError(_("“%(value)s” is not a date such as 12 June 2019 or 2019-06-12.") % {"value": text})


def plain(text):
    """Text fit for one part of the sources column, which separates sources with ";" and their parts with "|"."""
    return " ".join(str(text or "").replace(LIST_SEPARATOR, ",").replace(SOURCE_PARTS_SEPARATOR, "/").split())


def shortened(text, length):
    text = " ".join(str(text or "").split())
    if len(text) <= length:
        return text
    return text[: length - 1].rsplit(" ", 1)[0] + "…"


@dataclass
class Converted:
    """One ACLED line as a row of the events' import, with what the preview should say about it and its errors
    (column -> message)."""

    acled_id: str
    row: dict
    notes: list = field(default_factory=list)
    errors: dict = field(default_factory=dict)


class AcledConverter:
    """Reads ACLED lines into event rows; regions and cities are read once for the whole file."""

    def __init__(self):
        self.regions = RecordFinder(Region)
        self.cities = RecordFinder(City)

    def find(self, finder, *names):
        for name in names:
            if name:
                try:
                    return finder.find(name)
                except ValueError:
                    continue
        return None

    def kind(self, line, converted):
        event_type = str(line.get("event_type") or "").strip()
        sub_event_type = str(line.get("sub_event_type") or "").strip()
        key = (event_type.casefold(), sub_event_type.casefold())
        if key == CHANGE_TO_GROUP:
            if LAW_WORDS.search(str(line.get("notes") or "")):
                return Event.Kind.LAW_CHANGE, ""
            converted.notes.append(_("ACLED's “Change to group/activity” read as pressure on activists: check it."))
            return Event.Kind.PRESSURE, ""
        if key in KINDS:
            return KINDS[key]
        converted.errors["event_type"] = _(
            "ACLED's “%(type)s / %(sub_type)s” is no kind of event on this site: remove this line from the file."
        ) % {"type": event_type, "sub_type": sub_event_type}
        return "", ""

    def place(self, line, converted):
        admin1 = str(line.get("admin1") or "").strip()
        location = str(line.get("location") or "").strip()
        region = None
        if admin1:
            alias = REGION_ALIASES.get(admin1.casefold())
            region = self.find(self.regions, admin1, f"{admin1} Region", slugify(admin1), alias)
            if region is None:
                converted.notes.append(
                    _("No region is called “%(name)s”: the region is left empty.") % {"name": admin1}
                )
        city = None
        if location and str(line.get("geo_precision") or "").strip() != REGION_ONLY_GEO_PRECISION:
            city = self.find(self.cities, location, slugify(location))
            if city is None:
                converted.notes.append(_("No city is called “%(name)s”: the city is left empty.") % {"name": location})
            elif region is not None and city.region_id != region.pk:
                region = None  # the city's own region is taken: ACLED's admin1 may be a former division
        return city, region

    def convert(self, line):
        acled_id = str(line.get(ID_COLUMN) or "").strip()
        converted = Converted(acled_id, {})
        if not re.fullmatch(r"[A-Za-z]{2,4}\d+", acled_id):
            converted.errors[ID_COLUMN] = _("“%(value)s” is not an ACLED event id such as KAZ1234.") % {
                "value": acled_id
            }
        try:
            day = parse_date(line.get("event_date"))
        except ValueError as error:
            day = None
            converted.errors["event_date"] = str(error)
        precision = TIME_PRECISIONS.get(str(line.get("time_precision") or "1").strip())
        if precision is None:
            converted.errors["time_precision"] = _("“%(value)s” is not an ACLED time precision (1, 2 or 3).") % {
                "value": line.get("time_precision")
            }
        kind, kind_note = self.kind(line, converted)
        city, region = self.place(line, converted)
        sub_event_type = str(line.get("sub_event_type") or "").strip()
        where = str(line.get("location") or line.get("admin1") or "").strip()
        title = f"{sub_event_type} in {where}" if where else sub_event_type
        notes = " ".join(str(line.get("notes") or "").split())
        actors = [str(line.get(name) or "").strip() for name in ("actor1", "assoc_actor_1", "actor2")]
        actors = [actor for actor in actors if actor]
        description = "\n\n".join(
            part for part in [notes, f"ACLED actors: {'; '.join(actors)}." if actors else "", kind_note] if part
        )
        sources = [
            SOURCE_PARTS_SEPARATOR.join(
                [source_title(acled_id), "", PUBLISHER, self.timestamp_day(line.get("timestamp"))]
            )
        ]
        if str(line.get("source") or "").strip():
            sources.append(plain(line["source"]))
        converted.row = {
            "slug": slugify(f"acled-{acled_id}"),
            "title_en": shortened(title, Event._meta.get_field("title").max_length),
            "summary_en": shortened(notes or title, SUMMARY_LENGTH),
            "description_en": description,
            "date": day.isoformat() if day else "",
            "date_precision": precision or "",
            "kind": kind,
            "city": city.slug if city else "",
            "region": region.slug if region else "",
            "sources": f"{LIST_SEPARATOR} ".join(sources),
        }
        return converted

    @staticmethod
    def timestamp_day(value):
        """ACLED's timestamp (seconds since 1970) as the date of its record; empty when missing."""
        try:
            return datetime.fromtimestamp(int(float(value)), tz=UTC).date().isoformat()
        except (TypeError, ValueError, OverflowError, OSError):
            return ""


def imported_events(acled_ids):
    """ACLED id -> the slug of the event that already has it among its sources."""
    titles = {source_title(acled_id): acled_id for acled_id in acled_ids if acled_id}
    found = EventSource.objects.filter(publisher=PUBLISHER, title__in=list(titles)).values_list("title", "event__slug")
    return {titles[title]: slug for title, slug in found}
