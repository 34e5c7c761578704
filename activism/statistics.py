"""The numbers page (/numbers/): the trend of activism, counted from published records only.

Every table comes from grouped queries in the database, a fixed number of them whatever the number of records; each
query runs when a table first needs it, so a chart's CSV file runs only its own. How things are counted (the page
says so under each chart):

- Only published records: drafts, records in review and archived ones are never counted.
- An event counts in the year of its date (the day it began, for one that lasted several).
- An initiative is "founded" in its year started and "active" every year from then to its year ended or, when it
  has not ended, to the current year, unless it is marked inactive: then only in its year started, the one year it
  is known to have been active. Without a year started it is in neither series.
- By region: an event counts in its region; an initiative once in each region where it has a city, so the regions
  add up to more than the national total. Nationwide and online initiatives without a city, and events with no
  region, are in the national totals only.
- Outside Almaty and Astana: among events with a region that are neither nationwide nor online, those whose region
  is not one of the two cities of republican significance Almaty and Astana, known by their slugs (CAPITALS):
  Shymkent and the Almaty Region are outside.
- By theme: an event counts under its own themes and those of its published initiatives, as the timeline's theme
  filter finds it; an initiative or an event with two themes counts under both.
- Sensitive records count in their region and in the national totals. No figure here is by city, so none can point
  at the town of a sensitive record.
"""

from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlencode

from django.db.models import Count, F, Q
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .charts import CategoryChart, Series, YearChart
from .models import Event, Initiative, Region, Theme

# The slugs of the two regions of kind "city" the share outside them leaves out (activism/demo_data.py, REGIONS).
CAPITALS = ["almaty", "astana"]


@dataclass(frozen=True)
class KindGroup:
    """Kinds of events drawn as one part of the bars of events per year (eleven kinds would be unreadable)."""

    label: str
    kinds: tuple
    style: int


Kind = Event.Kind
KIND_GROUPS = [
    KindGroup(_("Protests, marches, pickets and art actions"), tuple(Event.PROTESTS), 1),
    KindGroup(_("Online campaigns and petitions"), (Kind.ONLINE_CAMPAIGN,), 3),
    KindGroup(_("Crowdfunding and mutual aid"), (Kind.MUTUAL_AID,), 4),
    KindGroup(_("Hearings, meetings and court cases"), (Kind.MEETING, Kind.COURT_CASE), 2),
    KindGroup(_("State responses"), tuple(Event.STATE_RESPONSES), 5),
]
# The styles of the state's responses beside the protests (detentions in the state responses' style of events per year).
STATE_RESPONSE_STYLES = {Kind.DETENTION: 5, Kind.PRESSURE: 2, Kind.LAW_CHANGE: 4}


@dataclass
class Cell:
    value: int
    url: str = ""
    is_percent: bool = False


@dataclass
class Row:
    label: object  # a year, or the name of a form, a kind, a theme or a region
    cells: list
    url: str = ""


@dataclass
class Table:
    """The numbers behind a chart, as the page shows them and its CSV file gives them."""

    label_heading: str
    headings: list
    rows: list

    def csv_rows(self):
        yield [self.label_heading, *self.headings]
        for row in self.rows:
            yield [row.label, *(cell.value for cell in row.cells)]


@dataclass
class Chart:
    slug: str
    table: Table
    drawing: object  # a charts.YearChart or charts.CategoryChart
    # What its one-sentence reading says: which sentence, and its numbers (see templates/activism/numbers.html).
    reading: dict
    # The initiative list or the timeline (or both) holding what it counts: [(link text, address)].
    links: list = field(default_factory=list)


def timeline_url(**filters):
    """The timeline under these filters; the year range is from_ and to ("from" is a Python keyword)."""
    query = urlencode({name.rstrip("_"): value for name, value in filters.items() if value not in (None, "")})
    url = reverse("activism:event-list")
    return f"{url}?{query}" if query else url


def initiative_list_url(**filters):
    query = urlencode({name: value for name, value in filters.items() if value not in (None, "")})
    url = reverse("activism:initiative-list")
    return f"{url}?{query}" if query else url


def initiatives_link(**filters):
    return _("These initiatives in the list"), initiative_list_url(**filters)


def events_link():
    return _("These events in the timeline"), timeline_url()


def year_span(years):
    """Every year from the first to the last of these, the empty ones included."""
    years = [year for year in years if year is not None]
    return list(range(min(years), max(years) + 1)) if years else []


def percent(part, whole):
    return round(100 * part / whole) if whole else 0


def peak(pairs):
    """The (key, value) with the highest value; the first of equals."""
    return max(pairs, key=lambda pair: pair[1], default=(None, 0))


class Numbers:
    """The tables of the numbers page, each computed on first use."""

    CHARTS = {
        "events-per-year": "events_per_year",
        "initiatives-per-year": "initiatives_per_year",
        "initiatives-by-form": "initiatives_by_form",
        "events-by-kind": "events_by_kind",
        "by-theme": "by_theme",
        "by-region": "by_region",
        "outside-almaty-and-astana": "outside_almaty_and_astana",
        "state-responses": "state_responses",
    }

    def __init__(self, today=None):
        self.this_year = (today or timezone.localdate()).year

    def chart(self, slug):
        """The chart with this slug; KeyError for an unknown one."""
        return getattr(self, self.CHARTS[slug])()

    def all_charts(self):
        """{name: chart}, for the page: `numbers.events_per_year`."""
        return {name: getattr(self, name)() for name in self.CHARTS.values()}

    # The grouped queries.

    @cached_property
    def events_by_year_and_kind(self):
        """{(year, kind): count} of published events: one query."""
        rows = (
            Event.objects.published()
            .annotate(year=ExtractYear("date"))
            .values("year", "kind")
            .annotate(count=Count("pk"))
            .order_by()
        )
        return {(row["year"], row["kind"]): row["count"] for row in rows}

    @cached_property
    def event_years(self):
        return year_span(year for year, _kind in self.events_by_year_and_kind)

    def events_in(self, year, kinds):
        return sum(self.events_by_year_and_kind.get((year, kind), 0) for kind in kinds)

    @cached_property
    def initiative_spans(self):
        """[(year started, year ended, activity status, count)] of published initiatives: one query."""
        rows = (
            Initiative.objects.published()
            .values_list("year_started", "year_ended", "activity_status")
            .annotate(count=Count("pk"))
            .order_by()
        )
        return list(rows)

    @cached_property
    def form_counts(self):
        """{form: count} of published initiatives: one query."""
        return dict(Initiative.objects.published().values_list("form").annotate(count=Count("pk")).order_by())

    @cached_property
    def themes(self):
        """Every theme with `initiative_count` and `event_count`: four grouped queries. An event is on a theme through
        its own themes or its published initiatives', and counts once: those it has both ways are taken off the sum of
        the two ways (joins and groups, where subqueries per event would take seconds at thousands of events)."""
        events = Event.objects.published()
        initiatives = Initiative.objects.published()
        own = Theme.objects.annotate(count=Count("events", filter=Q(events__in=events)))
        through_initiatives = Theme.objects.annotate(
            count=Count(
                "initiatives__events",
                filter=Q(initiatives__in=initiatives, initiatives__events__in=events),
                distinct=True,
            )
        )
        both_ways = (
            Event.themes.through.objects.filter(
                event__in=events, event__initiatives__in=initiatives, event__initiatives__themes=F("theme")
            )
            .values("theme")
            .annotate(count=Count("event", distinct=True))
            .order_by()
        )
        event_counts = {}
        for theme, count in [
            *own.values_list("pk", "count").order_by(),
            *through_initiatives.values_list("pk", "count").order_by(),
        ]:
            event_counts[theme] = event_counts.get(theme, 0) + count
        for row in both_ways:
            event_counts[row["theme"]] -= row["count"]
        themes = list(Theme.objects.with_initiative_counts())
        for each in themes:
            each.event_count = event_counts.get(each.pk, 0)
        return themes

    @cached_property
    def regions(self):
        """Every region with `initiative_count` (sensitive ones included) and `event_count`: two queries."""
        event_counts = dict(
            Region.objects.annotate(event_count=Count("events", filter=Q(events__in=Event.objects.published())))
            .values_list("pk", "event_count")
            .order_by()
        )
        regions = list(Region.objects.with_initiative_counts())
        for region in regions:
            region.event_count = event_counts.get(region.pk, 0)
        return regions

    @cached_property
    def located_events_by_year(self):
        """{year: (events with a region, neither nationwide nor online; of them, outside Almaty and Astana)}: one
        query."""
        capitals = Region.objects.filter(kind=Region.Kind.CITY, slug__in=CAPITALS)
        rows = (
            Event.objects.published()
            .filter(region__isnull=False, is_nationwide=False, is_online=False)
            .annotate(year=ExtractYear("date"))
            .values("year")
            .annotate(located=Count("pk"), outside=Count("pk", filter=~Q(region__in=capitals)))
            .order_by()
        )
        return {row["year"]: (row["located"], row["outside"]) for row in rows}

    # The charts.

    def events_per_year(self):
        years = self.event_years
        columns = [
            Series(group.label, [self.events_in(year, group.kinds) for year in years], group.style)
            for group in KIND_GROUPS
        ]
        totals = [sum(values) for values in zip(*(series.values for series in columns), strict=True)]
        rows = [
            Row(
                year,
                [Cell(series.values[index]) for series in columns] + [Cell(totals[index])],
                url=timeline_url(from_=year, to=year),
            )
            for index, year in enumerate(years)
        ]
        reading = {"total": sum(totals)}
        if years:
            peak_year, peak_count = peak(zip(years, totals, strict=True))
            first, last = totals[0], totals[-1]
            trend = "single" if len(years) == 1 else "rose" if last > first else "fell" if last < first else "same"
            reading |= {
                "trend": trend,
                "first_year": years[0],
                "first_count": first,
                "last_year": years[-1],
                "last_count": last,
                "peak_year": peak_year,
                "peak_count": peak_count,
            }
        return Chart(
            "events-per-year",
            Table(_("Year"), [group.label for group in KIND_GROUPS] + [_("All events")], rows),
            YearChart(years, [columns], axis_label=_("Events")),
            reading,
            [events_link()],
        )

    def initiatives_per_year(self):
        founded, active = {}, {}
        for started, ended, status, count in self.initiative_spans:
            if started is None:
                continue
            founded[started] = founded.get(started, 0) + count
            if ended is not None:
                last = ended
            elif status == Initiative.ActivityStatus.INACTIVE:
                last = started
            else:
                last = max(started, self.this_year)
            for year in range(started, last + 1):
                active[year] = active.get(year, 0) + count
        years = year_span([*founded, *active])
        founded_series = Series(_("Founded"), [founded.get(year, 0) for year in years], 1)
        active_series = Series(_("Active that year"), [active.get(year, 0) for year in years], 2, as_line=True)
        rows = [Row(year, [Cell(founded.get(year, 0)), Cell(active.get(year, 0))]) for year in years]
        reading = {"this_year": self.this_year, "active_now": active.get(self.this_year, 0)}
        if founded:
            reading["peak_year"], reading["peak_count"] = peak(sorted(founded.items()))
            reading["active_peak_year"], reading["active_peak_count"] = peak(sorted(active.items()))
        return Chart(
            "initiatives-per-year",
            Table(_("Year"), [_("Founded"), _("Active that year")], rows),
            YearChart(years, [[founded_series]], lines=[active_series], axis_label=_("Initiatives")),
            reading,
            [initiatives_link(sort="active")],
        )

    def initiatives_by_form(self):
        counts = sorted(
            ((form, count) for form, count in self.form_counts.items() if count),
            key=lambda pair: (-pair[1], Initiative.Form(pair[0]).label),
        )
        labels = [Initiative.Form(form).label for form, _count in counts]
        total = sum(count for _form, count in counts)
        rows = [
            Row(
                Initiative.Form(form).label,
                [Cell(count)],
                initiative_list_url(form=form),
            )
            for form, count in counts
        ]
        reading = {"total": total}
        if counts:
            reading |= {"top": labels[0], "top_count": counts[0][1]}
        return Chart(
            "initiatives-by-form",
            Table(_("Form of activism"), [_("Initiatives")], rows),
            CategoryChart(labels, [Series(_("Initiatives"), [count for _form, count in counts], 1)]),
            reading,
            [initiatives_link()],
        )

    def events_by_kind(self):
        totals = {}
        for (_year, kind), count in self.events_by_year_and_kind.items():
            totals[kind] = totals.get(kind, 0) + count
        counts = sorted(totals.items(), key=lambda pair: (-pair[1], Kind(pair[0]).label))
        labels = [Kind(kind).label for kind, _count in counts]
        rows = [Row(Kind(kind).label, [Cell(count)], timeline_url(kind=kind)) for kind, count in counts]
        reading = {"total": sum(totals.values())}
        if counts:
            reading |= {"top": labels[0], "top_count": counts[0][1]}
        return Chart(
            "events-by-kind",
            Table(_("Kind of event"), [_("Events")], rows),
            CategoryChart(labels, [Series(_("Events"), [count for _kind, count in counts], 2)]),
            reading,
            [events_link()],
        )

    def shared_categories(self, records, slug_filter, heading, initiative_total, event_total):
        """A table and a chart of initiatives and events per theme or region, the busiest first."""
        records = sorted(
            (record for record in records if record.initiative_count or record.event_count),
            key=lambda record: (-record.initiative_count, -record.event_count, record.name),
        )
        rows = [
            Row(
                record.name,
                [
                    Cell(record.initiative_count, initiative_list_url(**{slug_filter: record.slug})),
                    Cell(record.event_count, timeline_url(**{slug_filter: record.slug})),
                ],
                url=record.get_absolute_url(),
            )
            for record in records
        ]
        drawing = CategoryChart(
            [record.name for record in records],
            [
                Series(_("Initiatives"), [record.initiative_count for record in records], 1),
                Series(_("Events"), [record.event_count for record in records], 2),
            ],
            totals=[initiative_total, event_total],
        )
        reading = {}
        if records:
            top = max(records, key=lambda record: record.initiative_count)
            busiest = max(records, key=lambda record: record.event_count)
            reading = {
                "top": top.name if top.initiative_count else "",
                "top_count": top.initiative_count,
                "busiest": busiest.name if busiest.event_count else "",
                "busiest_count": busiest.event_count,
                "same": top.pk == busiest.pk,
            }
        return Table(heading, [_("Initiatives"), _("Events")], rows), drawing, reading

    @cached_property
    def initiative_total(self):
        return sum(self.form_counts.values())

    @cached_property
    def event_total(self):
        return sum(self.events_by_year_and_kind.values())

    def by_theme(self):
        table, drawing, reading = self.shared_categories(
            self.themes, "theme", _("Theme"), self.initiative_total, self.event_total
        )
        return Chart("by-theme", table, drawing, reading, [initiatives_link(), events_link()])

    def by_region(self):
        table, drawing, reading = self.shared_categories(
            self.regions, "region", _("Region"), self.initiative_total, self.event_total
        )
        return Chart("by-region", table, drawing, reading, [initiatives_link(), events_link()])

    def outside_almaty_and_astana(self):
        by_year = self.located_events_by_year
        years = year_span(by_year)
        counts = [by_year.get(year, (0, 0)) for year in years]
        shares = [percent(outside, located) for located, outside in counts]
        rows = [
            Row(
                year,
                [Cell(located), Cell(outside), Cell(share, is_percent=True)],
                url=timeline_url(from_=year, to=year),
            )
            for year, (located, outside), share in zip(years, counts, shares, strict=True)
        ]
        # Years without a located event have no share: the line leaves them at 0, the reading skips them.
        known = [
            (year, share) for year, (located, _outside), share in zip(years, counts, shares, strict=True) if located
        ]
        reading = {}
        if known:
            located = sum(located for located, _outside in counts)
            outside = sum(outside for _located, outside in counts)
            reading = {
                "single": len(known) == 1,
                "first_year": known[0][0],
                "first_share": known[0][1],
                "last_year": known[-1][0],
                "last_share": known[-1][1],
                "overall_share": percent(outside, located),
            }
        return Chart(
            "outside-almaty-and-astana",
            Table(
                _("Year"),
                [_("Events with a known region"), _("Outside Almaty and Astana"), _("Share outside (per cent)")],
                rows,
            ),
            YearChart(
                years,
                lines=[Series(_("Share outside Almaty and Astana"), shares, 1, as_line=True)],
                axis_label=_("Share of events"),
                percent=True,
            ),
            reading,
            [events_link()],
        )

    def state_responses(self):
        years = self.event_years
        protests = Series(_("Protests"), [self.events_in(year, Event.PROTESTS) for year in years], 1)
        responses = [
            Series(Kind(kind).label, [self.events_in(year, [kind]) for year in years], STATE_RESPONSE_STYLES[kind])
            for kind in Event.STATE_RESPONSES
        ]
        response_totals = [self.events_in(year, Event.STATE_RESPONSES) for year in years]
        rows = [
            Row(
                year,
                [Cell(protests.values[index])]
                + [Cell(series.values[index]) for series in responses]
                + [Cell(response_totals[index])],
                url=timeline_url(from_=year, to=year),
            )
            for index, year in enumerate(years)
        ]
        reading = {}
        protest_count, response_count = sum(protests.values), sum(response_totals)
        if protest_count or response_count:
            peak_year, peak_count = peak(zip(years, response_totals, strict=True))
            reading = {
                "first_year": years[0],
                "last_year": years[-1],
                "protests": protest_count,
                "responses": response_count,
                "comparison": "none"
                if not response_count
                else "fewer"
                if response_count < protest_count
                else "more"
                if response_count > protest_count
                else "equal",
                "peak_year": peak_year,
                "peak_count": peak_count,
            }
        return Chart(
            "state-responses",
            Table(
                _("Year"),
                [protests.label, *(series.label for series in responses), _("All state responses")],
                rows,
            ),
            YearChart(years, [[protests], responses], axis_label=_("Events")),
            reading,
            [events_link()],
        )
