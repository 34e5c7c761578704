import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, F, Max, Min, OuterRef, Q, Value, When
from django.db.models.functions import ExtractMonth, ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..markup import render_markdown
from .initiatives import Initiative
from .places import City, Region, Theme
from .shared import (
    FIRST_YEAR,
    LAST_YEAR,
    CitedSource,
    CuratedRecord,
    PublicationStatus,
    PublishedRecord,
    PublishedRecordQuerySet,
    with_similar_text,
)


class EventQuerySet(PublishedRecordQuerySet):
    def published(self):
        """The one definition of the events the public may see."""
        return self.filter(publication_status=PublicationStatus.PUBLISHED)

    def not_sensitive(self):
        """Events that may appear with their city."""
        return self.filter(is_sensitive=False)

    def sensitive(self):
        """Events the public sees by region only."""
        return self.filter(is_sensitive=True)

    def at_their_city(self):
        """Events the public sees at their city (Event.public_place): not sensitive, with a city."""
        return self.not_sensitive().filter(city__isnull=False)

    def at_their_region(self):
        """Events the public sees only at their region (Event.public_place): sensitive ones, and those whose city is
        not known."""
        return self.filter(region__isnull=False).filter(Q(is_sensitive=True) | Q(city__isnull=True))

    def without_place(self):
        """Events with no public place: nationwide or online ones, with neither a city nor a region."""
        return self.filter(region__isnull=True, city__isnull=True)

    def newest_first(self):
        return self.order_by("-date", "-pk")

    def timeline_order(self):
        """Newest first, as the timeline groups them: by year, then by month. An event known only to the year comes
        first in its year, under the year's own heading; one known to the month first in its month."""
        return self.order_by(
            ExtractYear("date").desc(),
            Case(When(date_precision=Event.DatePrecision.YEAR, then=Value(0)), default=Value(1)),
            ExtractMonth("date").desc(),
            Case(When(date_precision=Event.DatePrecision.MONTH, then=Value(0)), default=Value(1)),
            "-date",
            "-pk",
        )

    def about_theme(self, theme):
        """Events on this theme: their own, or one of their published initiatives'. Subqueries, so no event repeats."""
        own = Event.themes.through.objects.filter(event=OuterRef("pk"), theme=theme)
        through_initiatives = Event.initiatives.through.objects.filter(
            event=OuterRef("pk"), initiative__in=Initiative.objects.published().filter(themes=theme)
        )
        return self.filter(Exists(own) | Exists(through_initiatives))

    def in_city(self, city):
        """Events the public sees in this city: a sensitive one is shown at its region only, never at its city."""
        return self.filter(city=city).not_sensitive()

    def in_region(self, region):
        """Events in this region, sensitive ones included (the public sees those at the region)."""
        return self.filter(region=region)

    def between_years(self, first=None, last=None):
        """Events dated in these years, both included (either end may be left open)."""
        events = self
        if first is not None:
            events = events.filter(date__year__gte=first)
        if last is not None:
            events = events.filter(date__year__lte=last)
        return events

    def similar_titles(self, titles, threshold=0.8):
        """Events whose title, in any language, is close to one of these (a likely duplicate)."""
        return with_similar_text(self, "title", titles, threshold)


class Event(PublishedRecord, CuratedRecord):
    """Something that happened on a date: a protest, a picket, a court case, a law. Its date and place are kept at the
    precision the sources give (ACLED's time_precision and geo_precision): a month, or only a region, is honest."""

    class Kind(models.TextChoices):
        PROTEST = "protest", _("Protest or rally")
        MARCH = "march", pgettext_lazy("kind of event", "March")  # not the month: a context of its own
        SOLO_PICKET = "solo_picket", _("Solo picket")
        ART_ACTION = "art_action", _("Banner or art action")
        ONLINE_CAMPAIGN = "online_campaign", _("Online campaign or petition")
        MUTUAL_AID = "mutual_aid", _("Crowdfunding or mutual aid")
        MEETING = "meeting", _("Public hearing or meeting with officials")
        COURT_CASE = "court_case", _("Court case")
        DETENTION = "detention", _("Detention or fine")
        PRESSURE = "pressure", _("Pressure on activists")
        LAW_CHANGE = "law_change", _("Law or policy change")

    class DatePrecision(models.TextChoices):
        DAY = "day", _("Day")
        MONTH = "month", _("Month")
        YEAR = "year", _("Year")

    # The state's answers to activism, counted apart from the protests on the numbers page.
    STATE_RESPONSES = [Kind.DETENTION, Kind.PRESSURE, Kind.LAW_CHANGE]
    PROTESTS = [Kind.PROTEST, Kind.MARCH, Kind.SOLO_PICKET, Kind.ART_ACTION]

    displayed_text_fields = ["title", "summary", "description"]
    # Published only with its title and summary in the site's main language and a source (check_publishable).
    required_text_fields = ["title", "summary"]
    no_source_message = _(
        "An event cannot be published without at least one source: add the article, report or record it comes from."
    )

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.CharField(_("summary"), max_length=300, help_text=_("One or two sentences shown in lists."))
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown. HTML is removed when the page is shown.")
    )
    date = models.DateField(
        _("date"),
        help_text=_("When it happened or began. With month or year precision, any day of that month or year."),
    )
    date_precision = models.CharField(
        _("date precision"),
        max_length=5,
        choices=DatePrecision,
        default=DatePrecision.DAY,
        help_text=_("How much of the date the sources give: 'June 2019' is honest when the day is unknown."),
    )
    end_date = models.DateField(_("end date"), null=True, blank=True, help_text=_("For events lasting several days."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    initiatives = models.ManyToManyField(
        Initiative, verbose_name=_("initiatives involved"), related_name="events", blank=True
    )
    themes = models.ManyToManyField(
        Theme,
        verbose_name=_("themes"),
        related_name="events",
        blank=True,
        help_text=_("The grievances it was about."),
    )
    # The place, at the precision known: a city (its region is filled from it), only a region, or neither.
    city = models.ForeignKey(
        City,
        verbose_name=_("city"),
        on_delete=models.PROTECT,  # a city with events must not vanish with them
        null=True,
        blank=True,
        related_name="events",
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        help_text=_("Filled from the city when there is one; alone when only the region is known."),
    )
    is_nationwide = models.BooleanField(_("nationwide"), default=False)
    is_online = models.BooleanField(_("online"), default=False)
    participants = models.PositiveIntegerField(
        _("participants (approximate)"), null=True, blank=True, help_text=_("Leave empty when no figure is reported.")
    )
    participants_source = models.CharField(
        _("source of the figure"), max_length=300, blank=True, help_text=_("Who gave the number of participants.")
    )
    # Outcomes as numbers only: never the names of the people concerned.
    detained = models.PositiveIntegerField(_("detained"), null=True, blank=True)
    fined = models.PositiveIntegerField(_("fined"), null=True, blank=True)
    injured = models.PositiveIntegerField(_("injured"), null=True, blank=True)
    is_sensitive = models.BooleanField(
        _("sensitive"),
        default=False,
        help_text=_(
            "For people at risk: the public sees only the region, never the city, and the event is kept out of the "
            "sitemap and the open data. Name no private person, and not the town, in the title, summary or slug."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        get_latest_by = "date"
        verbose_name = _("event")
        verbose_name_plural = _("events")
        permissions = [("publish_event", _("Can publish, archive and unpublish events"))]
        indexes = [
            models.Index(fields=["publication_status", "date"], name="event_public_date"),
            models.Index(fields=["kind", "date"], name="event_kind_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("date")),
                name="event_ends_not_before_it_starts",
                violation_error_message=_("The end date cannot be before the date."),
            ),
            models.CheckConstraint(
                condition=Q(date__gte=datetime.date(FIRST_YEAR, 1, 1)),
                name="event_date_after_first_year",
                violation_error_message=_("The date is too early."),
            ),
            models.CheckConstraint(
                condition=Q(date__lte=datetime.date(LAST_YEAR, 12, 31)),
                name="event_date_before_last_year",
                violation_error_message=_("The date is too late."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__lte=datetime.date(LAST_YEAR, 12, 31)),
                name="event_end_date_before_last_year",
                violation_error_message=_("The end date is too late."),
            ),
            models.CheckConstraint(
                condition=Q(city__isnull=True) | Q(region__isnull=False),
                name="event_city_has_its_region",
            ),
        ]

    def __str__(self):
        return self.title

    @classmethod
    def date_as_stored(cls, date, precision):
        """A date known to the month or the year is kept as its first day, so that it sorts and filters as entered."""
        if date is not None:
            if precision == cls.DatePrecision.MONTH:
                return date.replace(day=1)
            if precision == cls.DatePrecision.YEAR:
                return date.replace(month=1, day=1)
        return date

    def clean(self):
        """The rules of the admin's form and of the imports, each error on its field: the end not before the date (at
        its precision), a place of some kind, and a region that is the city's (filled from it when not given)."""
        super().clean()
        errors = {}
        self.date = self.date_as_stored(self.date, self.date_precision)
        if self.date is not None and self.end_date is not None and self.end_date < self.date:
            errors["end_date"] = _("The end date cannot be before the date.")
        if self.city_id is not None:
            city = self.city
            if self.region_id is None:
                self.region = city.region
            elif self.region_id != city.region_id:
                errors["region"] = _(
                    "%(city)s is in %(its_region)s, not in %(region)s: choose its region, or leave the region empty."
                ) % {"city": city, "its_region": city.region, "region": self.region}
        if self.city_id is None and self.region_id is None and not self.is_nationwide and not self.is_online:
            errors["city"] = _("Say where it happened: a city, or only a region, or tick “nationwide” or “online”.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.date = self.date_as_stored(self._meta.get_field("date").to_python(self.date), self.date_precision)
        if self.city_id is not None:
            self.region_id = City.objects.filter(pk=self.city_id).values_list("region_id", flat=True).first()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "region"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("activism:event-detail", args=[self.slug])

    def check_sensitive_initiatives(self, initiatives):
        """An event of a sensitive initiative is sensitive itself: its page names its initiatives, so shown at its
        city it would tell where the initiative works. initiatives: those about to be saved (a form's, a file's)."""
        sensitive = [str(initiative) for initiative in initiatives if initiative.is_sensitive]
        if sensitive and not self.is_sensitive:
            raise ValidationError(
                {
                    "is_sensitive": _(
                        "It involves a sensitive initiative (%(names)s): mark the event sensitive too, or its city "
                        "would tell where the initiative works."
                    )
                    % {"names": ", ".join(sensitive)}
                }
            )

    def get_preview_url(self):
        return reverse("activism:event-preview", args=[self.slug])

    @property
    def is_published(self):
        return self.publication_status == PublicationStatus.PUBLISHED

    @property
    def year(self):
        return self.date.year

    def date_display(self):
        """The date at the precision entered, in the page's language: "12 June 2019", "June 2019" or "2019"."""
        from ..templatetags.dates import local_date  # the one place dates are written per language

        if self.date_precision == self.DatePrecision.YEAR:
            return str(self.date.year)
        if self.date_precision == self.DatePrecision.MONTH:
            return local_date(self.date, "YEAR_MONTH_FORMAT")
        return local_date(self.date)

    def date_iso(self):
        """The date at its precision as <time datetime> reads it: "2019-06-12", "2019-06" or "2019"."""
        if self.date_precision == self.DatePrecision.YEAR:
            return f"{self.date:%Y}"
        if self.date_precision == self.DatePrecision.MONTH:
            return f"{self.date:%Y-%m}"
        return self.date.isoformat()

    def public_place(self):
        """Where the public sees the event (a Place): its city, or only its region when it is sensitive or no city is
        known; None when it has neither (nationwide, online). Load the city and region with it where many are shown."""
        if self.city_id is not None and not self.is_sensitive:
            return self.city.as_place()
        if self.region_id is not None:
            return self.region.as_place()
        return None

    def description_html(self):
        return render_markdown(self.description)


def years_with_data():
    """The first and last years of the public record (published initiatives' years started and ended, published
    events' dates), the current year at least as the last: the bounds of the year filters. Two queries."""
    this_year = timezone.localdate().year
    initiatives = Initiative.objects.published().aggregate(
        first_start=Min("year_started"), first_end=Min("year_ended"), last_start=Max("year_started")
    )
    events = Event.objects.published().aggregate(first=Min("date"), last=Max("date"))
    firsts = [initiatives["first_start"], initiatives["first_end"], events["first"] and events["first"].year]
    lasts = [this_year, initiatives["last_start"], events["last"] and events["last"].year]
    first = min((year for year in firsts if year), default=this_year)
    return min(first, this_year), max(year for year in lasts if year)


class EventSource(CitedSource):
    """A public source of an event, as Source is of an initiative: an article, a report, a dataset's record (an ACLED
    event id)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sources")

    class Meta(CitedSource.Meta):
        pass
