import math
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .shared import (
    EDITOR_GROUP,
    LATITUDE_RANGE,
    LATITUDE_VALIDATORS,
    LONGITUDE_RANGE,
    LONGITUDE_VALIDATORS,
    CuratedRecord,
)

# Kazakhstan's extent, generously: the country reaches from about 40.6° to 55.4° north and from 46.5° to 87.3° east;
# half a degree more on each side keeps every real place in. A city outside is a slip (latitude and longitude
# swapped, a minus sign, a digit dropped) or a place in another country, and is refused.
KAZAKHSTAN_LATITUDES = (Decimal("40"), Decimal("56"))
KAZAKHSTAN_LONGITUDES = (Decimal("46"), Decimal("88"))
# How far from its region's centre a city may lie before an Editor must confirm the place. The demo's cities are at
# most 225 km from theirs (Temirtau, Karaganda Region), and the largest regions (Aktobe, Karaganda, Ulytau) reach
# about 350 km from their centres; a point farther is most likely in the wrong region, as 44.96 N, 71.28 E is for
# Kaskelen, Almaty Region (482 km from its centre, in Jambyl and Karaganda's steppe).
PLAUSIBLE_DISTANCE_KM = 350
EARTH_RADIUS_KM = 6371.0088  # the mean radius


def distance_km(latitude, longitude, other_latitude, other_longitude):
    """The distance between two points in kilometres, along the Earth's surface (the haversine formula)."""
    lat1, lon1, lat2, lon2 = (
        math.radians(float(value)) for value in (latitude, longitude, other_latitude, other_longitude)
    )
    half_chord = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(half_chord))


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

    def clean(self):
        super().clean()
        self.check_inside_kazakhstan()

    def check_inside_kazakhstan(self):
        """Refuses a point outside Kazakhstan's extent, naming the coordinate that is out. Values that are not valid
        coordinates at all are left to the fields' own checks."""
        errors = {}
        for field, valid, (low, high), message in [
            (
                "latitude",
                LATITUDE_RANGE,
                KAZAKHSTAN_LATITUDES,
                _("%(value)s° north is outside Kazakhstan, which lies between %(low)s° and %(high)s° north."),
            ),
            (
                "longitude",
                LONGITUDE_RANGE,
                KAZAKHSTAN_LONGITUDES,
                _("%(value)s° east is outside Kazakhstan, which lies between %(low)s° and %(high)s° east."),
            ),
        ]:
            value = getattr(self, field)
            if not isinstance(value, Decimal) or not value.is_finite() or not valid[0] <= value <= valid[1]:
                continue  # not a coordinate at all: the field's own check says so
            if not low <= value <= high:
                hint = _("Check the number, and that latitude and longitude are not swapped.")
                errors[field] = ValidationError(
                    f"{message} {hint}",
                    code="outside_kazakhstan",
                    params={"value": format(value.normalize(), "f"), "low": low, "high": high},
                )
        if errors:
            raise ValidationError(errors)

    def distance_from_region_centre(self):
        """How far the city is from its region's centre, in kilometres; None when either has no position."""
        region = self.region if self.region_id else None
        if region is None or region.latitude is None or region.longitude is None:
            return None
        if not all(isinstance(value, Decimal) and value.is_finite() for value in (self.latitude, self.longitude)):
            return None
        return distance_km(self.latitude, self.longitude, region.latitude, region.longitude)

    def check_near_its_region(self):
        """Refuses a point farther from its region's centre than PLAUSIBLE_DISTANCE_KM (likely the wrong region or a
        slip). A region without a centre is not checked. An Editor may confirm such a place (CityAdminForm)."""
        distance = self.distance_from_region_centre()
        if distance is not None and distance > PLAUSIBLE_DISTANCE_KM:
            raise ValidationError(
                _(
                    "This point is %(distance)s km from the centre of %(region)s; a city is rarely more than "
                    "%(limit)s km from its region's centre. Check the point and the region."
                ),
                code="far_from_region",
                params={"distance": round(distance), "region": self.region, "limit": PLAUSIBLE_DISTANCE_KM},
            )

    @staticmethod
    def can_confirm_far_place(user):
        """Only an Editor (or a superuser) confirms a city placed far from its region's centre."""
        return user.is_authenticated and (user.is_superuser or user.groups.filter(name=EDITOR_GROUP).exists())

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
