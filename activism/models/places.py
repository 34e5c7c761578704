import math
from dataclasses import dataclass

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .shared import LATITUDE_RANGE, LATITUDE_VALIDATORS, LONGITUDE_RANGE, LONGITUDE_VALIDATORS, CuratedRecord


def all_initiatives():
    """Every initiative: imported on use, as initiatives.py imports the places and themes defined here."""
    from .initiatives import Initiative

    return Initiative.objects.all()


def all_events():
    """Every event: imported on use, as events.py imports the places defined here."""
    from .events import Event

    return Event.objects.all()


class RegionQuerySet(models.QuerySet):
    def public(self):
        """Regions with a published initiative in one of their cities, sensitive ones included: those show at their
        region's centre."""
        return self.filter(Exists(all_initiatives().published().filter(cities__region=OuterRef("pk"))))

    def with_sensitive_counts(self, initiatives=None):
        """Regions holding published sensitive initiatives (among these, if given), each with `sensitive_count`: how
        many. The map shows those at the region's centre, never at their cities; one grouped query."""
        initiatives = all_initiatives() if initiatives is None else initiatives
        return (
            self.filter(cities__initiatives__in=initiatives.published().sensitive())
            # An initiative in two cities of the region counts once.
            .annotate(sensitive_count=Count("cities__initiatives", distinct=True))
            .order_by("name")
        )

    def with_event_counts(self, events):
        """Regions where these events (published ones among them) show only at the region's centre, sensitive ones
        and those whose city is not known, each with `event_count`: how many. One grouped query."""
        return (
            self.filter(events__in=events.published().at_their_region())
            .annotate(event_count=Count("events"))
            .order_by("name")
        )

    def with_initiative_counts(self):
        """Every region with `initiative_count`: its published initiatives, sensitive ones included (those the public
        sees at the region, never at their city). An initiative in two of its cities counts once; one grouped query."""
        return self.annotate(
            initiative_count=Count(
                "cities__initiatives",
                filter=Q(cities__initiatives__in=all_initiatives().published()),
                distinct=True,
            )
        ).order_by("name")


class Region(CuratedRecord):
    class Kind(models.TextChoices):
        REGION = "region", _("Region (oblys)")
        CITY = "city", _("City of republican significance")

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.REGION)
    # Where the map shows the region's sensitive initiatives, which never appear at their cities.
    latitude = models.DecimalField(
        _("centre latitude"),
        max_digits=8,
        decimal_places=6,
        null=True,
        blank=True,
        validators=LATITUDE_VALIDATORS,
    )
    longitude = models.DecimalField(
        _("centre longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=LONGITUDE_VALIDATORS,
        help_text=_("The centre of the region, where the map places its sensitive initiatives."),
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True)
                | Q(latitude__gte=LATITUDE_RANGE[0], latitude__lte=LATITUDE_RANGE[1]),
                name="region_latitude_in_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True)
                | Q(longitude__gte=LONGITUDE_RANGE[0], longitude__lte=LONGITUDE_RANGE[1]),
                name="region_longitude_in_range",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("activism:region-detail", args=[self.slug])

    def as_place(self, count=None, query="", color=""):
        return Place(
            Place.REGION, self.slug, self.name, self.latitude, self.longitude, count=count, query=query, color=color
        )

    @property
    def is_city(self):
        return self.kind == self.Kind.CITY

    def nearest(self, regions, limit=3):
        """The regions among these closest to this one's centre (none if it has no centre), nearest first.

        Compares degrees with longitude scaled by the latitude: close enough to tell neighbours apart at Kazakhstan's
        size, without a geographic database."""
        if self.latitude is None or self.longitude is None:
            return []
        scale = math.cos(math.radians(float(self.latitude)))

        def distance(region):
            return math.hypot(float(region.latitude - self.latitude), float(region.longitude - self.longitude) * scale)

        located = [
            region
            for region in regions
            if region.pk != self.pk and region.latitude is not None and region.longitude is not None
        ]
        return sorted(located, key=distance)[:limit]


class CityQuerySet(models.QuerySet):
    def public(self):
        """The one definition of the cities the public may see: those of a published, non-sensitive initiative or
        event.

        A small town known only through a sensitive or unpublished record would point at the people in it: it has
        no page, and appears in no filter, count, sitemap or map.
        """
        return self.filter(
            Exists(all_initiatives().published().not_sensitive().filter(cities=OuterRef("pk")))
            | Exists(all_events().published().not_sensitive().filter(city=OuterRef("pk")))
        )

    def with_public_counts(self, initiatives=None):
        """The public cities of these initiatives (all, if not given), each with `public_count`: how many of them,
        published and not sensitive, it holds. Counts the rows of the cities' through table in one grouped query."""
        initiatives = all_initiatives() if initiatives is None else initiatives
        return (
            self.filter(initiatives__in=initiatives.published().not_sensitive())
            .annotate(public_count=Count("initiatives"))
            .order_by("name")
        )

    def with_event_counts(self, events):
        """The cities of these events (published ones among them) that show at their city, not sensitive, each with
        `event_count`: how many. One grouped query; a sensitive event never adds to its city's count."""
        return (
            self.filter(events__in=events.published().at_their_city())
            .annotate(event_count=Count("events"))
            .order_by("name")
        )


class City(CuratedRecord):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,  # a region with cities must not vanish with them
        related_name="cities",
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=6,
        validators=LATITUDE_VALIDATORS,
        help_text=_("Decimal degrees north, between -90 and 90."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        validators=LONGITUDE_VALIDATORS,
        help_text=_("Decimal degrees east, between -180 and 180."),
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)

    objects = CityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__gte=LATITUDE_RANGE[0], latitude__lte=LATITUDE_RANGE[1]),
                name="city_latitude_in_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__gte=LONGITUDE_RANGE[0], longitude__lte=LONGITUDE_RANGE[1]),
                name="city_longitude_in_range",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("activism:city-detail", args=[self.slug])

    @property
    def is_its_own_region(self):
        """A city of republican significance (Almaty, Astana, Shymkent) is a region of its own, of the same name: pages
        name it once, not "Almaty (Almaty)". Its region must be loaded with it (select_related) where many are shown."""
        return self.region.is_city or self.region.name == self.name

    def as_place(self, count=None, query="", color=""):
        """The city as a place; its region must be loaded with it (select_related) where many are shown."""
        return Place(
            Place.CITY,
            self.slug,
            self.name,
            self.latitude,
            self.longitude,
            region_slug=self.region.slug,
            region_name=self.region.name,
            is_its_own_region=self.is_its_own_region,
            count=count,
            query=query,
            color=color,
        )


@dataclass(frozen=True)
class Place:
    """Where the public sees initiatives: a city, or a region's centre for the sensitive ones. One shape for the map,
    its popups and the lists of places, so no page has to tell a City from a Region."""

    CITY = "city"
    REGION = "region"

    kind: str
    slug: str
    name: str
    latitude: object  # a Decimal, or None for a region without a centre
    longitude: object
    region_slug: str = ""
    region_name: str = ""
    # A city of republican significance: its region has its name, and is not named again beside it.
    is_its_own_region: bool = False
    count: int | None = None
    # The public filters (theme, form, status) as a query string, carried by the links to the list and the popup.
    query: str = ""
    # The map colour (#rrggbb) of the theme with most of its initiatives under the filters; empty when unknown.
    color: str = ""

    @property
    def is_city(self):
        return self.kind == self.CITY

    @property
    def url(self):
        return reverse(f"activism:{self.kind}-detail", args=[self.slug])

    @property
    def shows_its_region(self):
        """Whether lists name the city's region beside it."""
        return self.is_city and bool(self.region_slug) and not self.is_its_own_region

    @property
    def region_url(self):
        return reverse("activism:region-detail", args=[self.region_slug]) if self.region_slug else ""

    @property
    def popup_url(self):
        """The small HTML fragment the map's popup loads: this place's initiatives under the same filters."""
        return self.with_query(reverse("activism:map-place", args=[self.kind, self.slug]), self.query)

    @property
    def list_url(self):
        """The initiative list under the same filters, narrowed to this city or region."""
        query = "&".join(part for part in [f"{self.kind}={self.slug}", self.query] if part)
        return self.with_query(reverse("activism:initiative-list"), query)

    @staticmethod
    def with_query(url, query):
        return f"{url}?{query}" if query else url


class ThemeQuerySet(models.QuerySet):
    def public(self):
        """Themes with a published initiative."""
        return self.filter(Exists(all_initiatives().published().filter(themes=OuterRef("pk"))))

    def with_initiative_counts(self):
        """Every theme with `initiative_count`: its published initiatives, in one grouped query. Each row of the
        themes' through table is one initiative: no DISTINCT needed."""
        # Meta.ordering does not apply to grouped queries, hence the explicit order_by().
        return self.annotate(
            initiative_count=Count("initiatives", filter=Q(initiatives__in=all_initiatives().published()))
        ).order_by("display_order", "name")


class Theme(CuratedRecord):
    displayed_text_fields = ["name", "description"]

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.CharField(_("short description"), max_length=300, blank=True)
    color = models.CharField(
        _("map colour"),
        max_length=7,
        default="#3b6ea5",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #RRGGBB."))],
        help_text=_("Hex colour such as #c0392b, used for this theme on the map."),
    )
    display_order = models.PositiveSmallIntegerField(_("display order"), default=0)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("activism:theme-detail", args=[self.slug])
