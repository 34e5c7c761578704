import math
from dataclasses import dataclass
from datetime import timedelta
from difflib import SequenceMatcher

from django.conf import settings
from django.contrib.postgres.lookups import TrigramSimilar
from django.contrib.postgres.search import SearchVectorField, TrigramSimilarity
from django.core.mail import send_mass_mail
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models, transaction
from django.db.models import Case, Count, Exists, F, OuterRef, Prefetch, Q, Value, When
from django.db.models.functions import Greatest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator, slugify
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname, resolution_order

from .images import IMAGE_HELP_TEXT, LARGE_WIDTH, SMALL_WIDTH, SafeImageField, rendition
from .languages import in_every_language
from .markup import render_markdown
from .search import (
    MIN_TYPO_LENGTH,
    SearchTerms,
    index_deferred,
    is_postgresql,
    language_sections,
    refresh_search_index,
    search_records,
    transliterate,
    vocabulary_of,
    words_of_query,
)

LATITUDE_RANGE = (-90, 90)
LONGITUDE_RANGE = (-180, 180)
LATITUDE_VALIDATORS = [MinValueValidator(LATITUDE_RANGE[0]), MaxValueValidator(LATITUDE_RANGE[1])]
LONGITUDE_VALIDATORS = [MinValueValidator(LONGITUDE_RANGE[0]), MaxValueValidator(LONGITUDE_RANGE[1])]
FIRST_YEAR = 1900
# The group whose members publish, and hear of each new suggestion (activism/migrations/0002_roles.py).
EDITOR_GROUP = "Editor"


def casefold_words(text):
    """Text folded for case-insensitive search in any script: SQLite's own LIKE folds only ASCII letters."""
    return " ".join((text or "").casefold().split())


class CuratedRecord(models.Model):
    """A record researchers curate: its text in Kazakh, Russian and English (see activism/translation.py), and a
    version number that refuses a save based on an older copy (two people editing at once)."""

    # The fields a page shows as the record's text; a missing one falls back to another language.
    displayed_text_fields = ["name"]

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            # Counted from the stored row, not this copy, so an old copy (or a restored version) cannot reuse a number.
            stored = type(self).objects.filter(pk=self.pk).values_list("version", flat=True).first()
            self.version = (stored or 0) + 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)

    def fallback_language(self):
        """The language shown instead of the page's own when some displayed text is missing in it, else None."""
        current = get_language() or settings.LANGUAGE_CODE
        for field in self.displayed_text_fields:
            if getattr(self, build_localized_fieldname(field, current), None):
                continue
            for language in resolution_order(current):
                if language != current and getattr(self, build_localized_fieldname(field, language), None):
                    return language
        return None


class SearchIndexedRecord(models.Model):
    """A record the site's search finds (activism/search.py): its search columns are computed again on every save,
    and when what it is found by changes elsewhere (an initiative's themes and places)."""

    # The related records search_sections() reads: prefetched when many records are indexed at once.
    search_prefetch = []
    # Long columns no page shows: lists leave them in the database (QuerySet.defer).
    search_columns = ["search_names", "search_words", "search_document"]

    # The terms of its name in every language, then of all its text, each between spaces (search.index_terms).
    search_names = models.TextField(editable=False, blank=True, default="")
    search_words = models.TextField(editable=False, blank=True, default="")
    # PostgreSQL's weighted full-text document; left empty on SQLite.
    search_document = SearchVectorField(null=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if not index_deferred():
            refresh_search_index(type(self), [self.pk])

    def search_sections(self):
        """The record's text in its search document (search.IndexSection), the weightiest first."""
        raise NotImplementedError


def search_terms(query, place_and_theme_names=None):
    """A visitor's query read for search_records(), a misspelt word corrected: on PostgreSQL against every word of the
    index (SearchWord, by trigrams, one query); on SQLite against the names of the public themes and places
    (place_and_theme_names, rows of names, if the page has them; else three small queries)."""
    if is_postgresql():
        vocabulary = close_search_words(words_of_query(query))
    elif place_and_theme_names is not None:
        vocabulary = vocabulary_of(place_and_theme_names)
    else:
        vocabulary = vocabulary_of(
            Theme.objects.public().values_list(*in_every_language("name")),
            City.objects.public().values_list(*in_every_language("name")),
            Region.objects.public().values_list(*in_every_language("name")),
        )
    return SearchTerms.read(query, vocabulary)


def close_search_words(query_words):
    """Words of the index near enough to these (pg_trgm's similarity, through the trigram index), a few per word."""
    candidates = [transliterate(word) for word in query_words if len(word) >= MIN_TYPO_LENGTH]
    if not candidates:
        return []
    similar = Q()
    for word in candidates:
        similar |= TrigramSimilar(F("word"), Value(word))
    similarities = [TrigramSimilarity("word", Value(word)) for word in candidates]
    closest = similarities[0] if len(similarities) == 1 else Greatest(*similarities)
    words = SearchWord.objects.filter(similar).annotate(similarity=closest).order_by("-similarity")
    return list(words.values_list("word", flat=True)[: 20 * len(candidates)])


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class PublishedRecord(models.Model):
    """The review workflow of initiatives and posts: draft -> in review -> published -> archived.

    Researchers move their drafts to review and back; editors (the publish permission) make any move.
    """

    EDITOR_MOVES = {
        PublicationStatus.DRAFT: {PublicationStatus.REVIEW, PublicationStatus.PUBLISHED},
        PublicationStatus.REVIEW: {PublicationStatus.DRAFT, PublicationStatus.PUBLISHED},
        PublicationStatus.PUBLISHED: {PublicationStatus.ARCHIVED, PublicationStatus.DRAFT},
        PublicationStatus.ARCHIVED: {PublicationStatus.PUBLISHED, PublicationStatus.DRAFT},
    }
    RESEARCHER_MOVES = {
        PublicationStatus.DRAFT: {PublicationStatus.REVIEW},
        PublicationStatus.REVIEW: {PublicationStatus.DRAFT},
    }
    # States a researcher may still edit and delete: the ones the public has not seen.
    UNPUBLISHED_STATES = {PublicationStatus.DRAFT, PublicationStatus.REVIEW}

    publication_status = models.CharField(
        _("publication status"), max_length=10, choices=PublicationStatus, default=PublicationStatus.DRAFT
    )

    class Meta:
        abstract = True

    @classmethod
    def can_publish(cls, user):
        return user.has_perm(f"{cls._meta.app_label}.publish_{cls._meta.model_name}")

    def allowed_statuses(self, user):
        """The states this user may give the record, its current one included."""
        current = self.publication_status if self.pk else PublicationStatus.DRAFT
        moves = self.EDITOR_MOVES if self.can_publish(user) else self.RESEARCHER_MOVES
        return {current, *moves.get(current, set())}

    def can_be_edited_by(self, user):
        return self.can_publish(user) or self.publication_status in self.UNPUBLISHED_STATES

    def move_to(self, status, user):
        """Give the record a new state, if the user may; returns whether it changed."""
        if status == self.publication_status or status not in self.allowed_statuses(user):
            return False
        self.publication_status = status
        self.save()
        return True


class RegionQuerySet(models.QuerySet):
    def public(self):
        """Regions with a published initiative in one of their cities, sensitive ones included: those show at their
        region's centre."""
        return self.filter(Exists(Initiative.objects.published().filter(cities__region=OuterRef("pk"))))

    def with_sensitive_counts(self, initiatives=None):
        """Regions holding published sensitive initiatives (among these, if given), each with `sensitive_count`: how
        many. The map shows those at the region's centre, never at their cities; one grouped query."""
        initiatives = Initiative.objects.all() if initiatives is None else initiatives
        return (
            self.filter(cities__initiatives__in=initiatives.published().sensitive())
            # An initiative in two cities of the region counts once.
            .annotate(sensitive_count=Count("cities__initiatives", distinct=True))
            .order_by("name")
        )

    def with_initiative_counts(self):
        """Every region with `initiative_count`: its published initiatives, sensitive ones included (those the public
        sees at the region, never at their city). An initiative in two of its cities counts once; one grouped query."""
        return self.annotate(
            initiative_count=Count(
                "cities__initiatives",
                filter=Q(cities__initiatives__in=Initiative.objects.published()),
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
        """The one definition of the cities the public may see: those of a published, non-sensitive initiative.

        A small town known only through a sensitive or unpublished record would point at the people in it: it has
        no page, and appears in no filter, count, sitemap or map.
        """
        return self.filter(Exists(Initiative.objects.published().not_sensitive().filter(cities=OuterRef("pk"))))

    def with_public_counts(self, initiatives=None):
        """The public cities of these initiatives (all, if not given), each with `public_count`: how many of them,
        published and not sensitive, it holds. Counts the rows of the cities' through table in one grouped query."""
        initiatives = Initiative.objects.all() if initiatives is None else initiatives
        return (
            self.filter(initiatives__in=initiatives.published().not_sensitive())
            .annotate(public_count=Count("initiatives"))
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
        return self.filter(Exists(Initiative.objects.published().filter(themes=OuterRef("pk"))))

    def with_initiative_counts(self):
        """Every theme with `initiative_count`: its published initiatives, in one grouped query. Each row of the
        themes' through table is one initiative: no DISTINCT needed."""
        # Meta.ordering does not apply to grouped queries, hence the explicit order_by().
        return self.annotate(
            initiative_count=Count("initiatives", filter=Q(initiatives__in=Initiative.objects.published()))
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


class InitiativeQuerySet(models.QuerySet):
    def published(self):
        """The one definition of what the public may see."""
        return self.filter(publication_status=PublicationStatus.PUBLISHED)

    def search(self, query):
        """Records matching every word of the query (text, or search.SearchTerms), best first: activism/search.py."""
        return search_records(self, query if isinstance(query, SearchTerms) else search_terms(query))

    def similar_names(self, names, threshold=0.8):
        """Records whose name, in any language, is close to one of these names (a likely duplicate)."""
        wanted = [casefold_words(name) for name in names if name and name.strip()]
        fields = in_every_language("name")
        similar = []
        for record in self.only("pk", "slug", *fields):
            theirs = [casefold_words(getattr(record, field)) for field in fields if getattr(record, field)]
            if any(
                mine == their or SequenceMatcher(None, mine, their).ratio() >= threshold
                for mine in wanted
                for their in theirs
            ):
                similar.append(record)
        return similar

    def not_sensitive(self):
        """Records that may appear with their city, in the sitemap and in the open data."""
        return self.filter(is_sensitive=False)

    def sensitive(self):
        """Records the public sees by region only."""
        return self.filter(is_sensitive=True)

    def in_region(self, region):
        """Records with a city in the region, each once: a subquery, not a join that would repeat a record."""
        return self.filter(Exists(City.objects.filter(region=region, initiatives=OuterRef("pk"))))

    def newest_first(self):
        return self.order_by("-created_at", "-pk")

    def recently_verified_first(self):
        """Last checked by a researcher most recently first; never checked last."""
        return self.order_by(F("last_verified").desc(nulls_last=True), "name", "pk")

    def most_active_first(self):
        """Marked active first, then of unknown activity, then inactive; within each, the most recently started first
        (no year started last)."""
        status = self.model.ActivityStatus
        activity = Case(
            When(activity_status=status.ACTIVE, then=0),
            When(activity_status=status.UNKNOWN, then=1),
            default=2,
        )
        return self.order_by(activity, F("year_started").desc(nulls_last=True), "name", "pk")

    def unverified_since(self, date):
        return self.filter(Q(last_verified__isnull=True) | Q(last_verified__lt=date))


class Initiative(PublishedRecord, CuratedRecord, SearchIndexedRecord):
    class Form(models.TextChoices):
        MOVEMENT = "movement", _("Movement")
        PROTEST = "protest", _("Protest or march")
        SOLO_PICKET = "solo_picket", _("Solo picket")
        ART = "art", _("Art activism")
        ONLINE_CAMPAIGN = "online_campaign", _("Online campaign")
        EDUCATION = "education", _("Educational project")
        VOLUNTEER = "volunteer", _("Volunteer or assistance initiative")
        ORGANISATION = "organisation", _("Organisation or NGO")
        MEDIA = "media", _("Media or blog")
        OTHER = "other", _("Other")

    class ActivityStatus(models.TextChoices):
        ACTIVE = "active", _("Active")
        INACTIVE = "inactive", _("Inactive")
        UNKNOWN = "unknown", _("Unknown")

    displayed_text_fields = ["name", "summary", "description"]

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.CharField(_("summary"), max_length=300, help_text=_("One or two sentences shown in lists."))
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown. HTML is removed when the page is shown.")
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), related_name="initiatives")
    form = models.CharField(_("form of activism"), max_length=20, choices=Form, default=Form.OTHER)
    cities = models.ManyToManyField(City, verbose_name=_("cities"), related_name="initiatives", blank=True)
    is_nationwide = models.BooleanField(_("nationwide"), default=False)
    is_online = models.BooleanField(_("online"), default=False)
    year_started = models.PositiveSmallIntegerField(
        _("year started"), null=True, blank=True, validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(2100)]
    )
    year_ended = models.PositiveSmallIntegerField(
        _("year ended"), null=True, blank=True, validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(2100)]
    )
    activity_status = models.CharField(
        _("activity status"), max_length=10, choices=ActivityStatus, default=ActivityStatus.UNKNOWN
    )
    image = SafeImageField(_("image"), upload_to="initiatives/", blank=True, help_text=IMAGE_HELP_TEXT)
    # The copies pages show, resized from the stored (clean) file on first use: see activism/images.py.
    image_small = rendition("image", SMALL_WIDTH)
    image_large = rendition("image", LARGE_WIDTH)
    image_small_webp = rendition("image", SMALL_WIDTH, "WEBP")
    image_large_webp = rendition("image", LARGE_WIDTH, "WEBP")
    image_alt = models.CharField(
        _("image alt text"), max_length=250, blank=True, help_text=_("Describe the image for people who cannot see it.")
    )
    is_sensitive = models.BooleanField(
        _("sensitive"),
        default=False,
        help_text=_(
            "For people at risk: the record is kept out of search engines, the sitemap and the open data, "
            "and the public sees only its region, never its city."
        ),
    )
    last_verified = models.DateField(
        _("last verified"), null=True, blank=True, help_text=_("When a researcher last checked this record.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Name, summary and description in every language, case-folded; kept up to date by save().
    search_text = models.TextField(editable=False, blank=True, default="")

    objects = InitiativeQuerySet.as_manager()

    # What search_sections() reads, prefetched when many are indexed at once.
    search_prefetch = ["themes", Prefetch("cities", City.objects.select_related("region"))]

    class Meta:
        ordering = ["name"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        permissions = [("publish_initiative", _("Can publish, archive and unpublish initiatives"))]
        # What the public filters read; the public list is ordered by the name in the page's language.
        indexes = [
            models.Index(fields=["publication_status", "is_sensitive"], name="initiative_public"),
            # The ids of what the public sees, alone in an index: the counts and joins of the map and the lists read
            # them without visiting the table's wide rows (PostgreSQL's index-only scan).
            models.Index(
                fields=["id"], condition=Q(publication_status=PublicationStatus.PUBLISHED), name="initiative_published"
            ),
            models.Index(
                fields=["id"],
                condition=Q(publication_status=PublicationStatus.PUBLISHED, is_sensitive=False),
                name="initiative_published_open",
            ),
            models.Index(fields=["form"], name="initiative_form"),
            models.Index(fields=["activity_status"], name="initiative_activity_status"),
            *(
                models.Index(fields=["publication_status", field], name=f"initiative_public_{field}")
                for field in in_every_language("name")
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(year_ended__isnull=True)
                | Q(year_started__isnull=True)
                | Q(year_ended__gte=F("year_started")),
                name="initiative_ended_not_before_started",
                violation_error_message=_("The year ended cannot be before the year started."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = casefold_words(
            " ".join(getattr(self, field) or "" for field in in_every_language("name", "summary", "description"))
        )
        if "update_fields" in kwargs and kwargs["update_fields"] is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("activism:initiative-detail", args=[self.slug])

    def get_preview_url(self):
        return reverse("activism:initiative-preview", args=[self.slug])

    def search_sections(self):
        """Found by its name first, then its themes and places, its summary, its description. A sensitive initiative
        is never found by its city, only by its region: the public never ties it to the city."""
        places = []
        for city in self.cities.all():
            places += [getattr(city.region, field) for field in in_every_language("name")]
            if not self.is_sensitive:
                places += [getattr(city, field) for field in in_every_language("name")]
        themes = [getattr(theme, field) for theme in self.themes.all() for field in in_every_language("name")]
        return [
            *language_sections(self, ["name"], "A"),
            *language_sections(self, [], "B", themes + places),
            *language_sections(self, ["summary"], "C"),
            *language_sections(self, ["description"], "D"),
        ]

    @property
    def is_published(self):
        return self.publication_status == PublicationStatus.PUBLISHED

    def public_places(self):
        """Where the public may see the initiative act (Place): its cities, or only their regions when it is
        sensitive. Prefetch the cities with their regions where many initiatives are shown."""
        cities = self.cities.all()
        if not self.is_sensitive:
            return [city.as_place() for city in cities]
        return [region.as_place() for region in {city.region_id: city.region for city in cities}.values()]

    def description_html(self):
        return render_markdown(self.description)


class InitiativeLink(models.Model):
    class Kind(models.TextChoices):
        WEBSITE = "website", _("Website")
        INSTAGRAM = "instagram", "Instagram"
        TELEGRAM = "telegram", "Telegram"
        FACEBOOK = "facebook", "Facebook"
        YOUTUBE = "youtube", "YouTube"
        TIKTOK = "tiktok", "TikTok"
        VK = "vk", "VK"
        X = "x", "X"

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.WEBSITE)
    url = models.URLField(_("URL"))

    class Meta:
        ordering = ["kind", "url"]
        verbose_name = _("link")
        verbose_name_plural = _("links")
        constraints = [models.UniqueConstraint(fields=["initiative", "url"], name="unique_link_per_initiative")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.url}"


class Source(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("URL"), blank=True)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    published_on = models.DateField(_("date"), null=True, blank=True)

    class Meta:
        ordering = ["-published_on", "title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.title


class Author(CuratedRecord):
    displayed_text_fields = ["name", "bio"]

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    bio = models.TextField(_("short bio"), blank=True)
    photo = SafeImageField(_("photo"), upload_to="authors/", blank=True, help_text=IMAGE_HELP_TEXT)
    photo_small = rendition("photo", SMALL_WIDTH)
    photo_large = rendition("photo", LARGE_WIDTH)
    photo_small_webp = rendition("photo", SMALL_WIDTH, "WEBP")
    photo_large_webp = rendition("photo", LARGE_WIDTH, "WEBP")

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("activism:author-detail", args=[self.slug])


class BlogPostQuerySet(models.QuerySet):
    def search(self, query):
        """Posts matching every word of the query (text, or search.SearchTerms), best first."""
        return search_records(self, query if isinstance(query, SearchTerms) else search_terms(query))

    def published(self):
        """Published and due: a post dated in the future is scheduled, not public yet."""
        return self.filter(publication_status=PublicationStatus.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self):
        """Published with a future date: public from that date on."""
        return self.filter(publication_status=PublicationStatus.PUBLISHED, published_at__gt=timezone.now())


class BlogPost(PublishedRecord, CuratedRecord, SearchIndexedRecord):
    displayed_text_fields = ["title", "lead", "body"]

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    author = models.ForeignKey(
        Author,
        verbose_name=_("author"),
        on_delete=models.PROTECT,  # deleting an author must not delete their posts
        related_name="posts",
    )
    lead = models.TextField(_("lead"), max_length=600, help_text=_("A short introduction shown in lists and feeds."))
    body = models.TextField(_("body"), help_text=_("Markdown. HTML is removed when the page is shown."))
    cover_image = SafeImageField(_("cover image"), upload_to="posts/", blank=True, help_text=IMAGE_HELP_TEXT)
    cover_image_small = rendition("cover_image", SMALL_WIDTH)
    cover_image_large = rendition("cover_image", LARGE_WIDTH)
    cover_image_small_webp = rendition("cover_image", SMALL_WIDTH, "WEBP")
    cover_image_large_webp = rendition("cover_image", LARGE_WIDTH, "WEBP")
    cover_image_alt = models.CharField(_("cover image alt text"), max_length=250, blank=True)
    published_at = models.DateTimeField(
        _("publication date"), default=timezone.now, help_text=_("A future date schedules the post.")
    )
    initiatives = models.ManyToManyField(
        Initiative, verbose_name=_("related initiatives"), related_name="posts", blank=True
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), related_name="posts", blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = BlogPostQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at"]
        get_latest_by = "published_at"
        verbose_name = _("blog post")
        verbose_name_plural = _("blog posts")
        permissions = [("publish_blogpost", _("Can publish, archive and unpublish blog posts"))]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("activism:post-detail", args=[self.slug])

    def get_preview_url(self):
        return reverse("activism:post-preview", args=[self.slug])

    def search_sections(self):
        return [
            *language_sections(self, ["title"], "A"),
            *language_sections(self, ["lead"], "B"),
            *language_sections(self, ["body"], "C"),
        ]

    @property
    def is_scheduled(self):
        return self.publication_status == PublicationStatus.PUBLISHED and self.published_at > timezone.now()

    def body_html(self):
        return render_markdown(self.body)


class SearchWord(models.Model):
    """A word of the search index in Latin letters (search.index_terms), once: where PostgreSQL looks, by trigram
    similarity, for the word a misspelt query word was meant to be. Filled as records are indexed; emptied and filled
    again by rebuild_search_index."""

    word = models.CharField(_("word"), max_length=100, unique=True)

    class Meta:
        ordering = ["word"]
        verbose_name = _("search word")
        verbose_name_plural = _("search words")

    def __str__(self):
        return self.word


class ImportJobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The jobs a person may see and confirm: their own; every job for a superuser."""
        return self if user.is_superuser else self.filter(user=user)


class ImportJob(models.Model):
    """A large file imported in the background (activism/tasks.py, run by `manage.py db_worker`), in two jobs as a
    small file is in two pages: the preview (nothing written), then, once the person who uploaded it confirms, the
    import, all or nothing, refused if any record changed since the preview. Its progress and result are kept here,
    in the database, so the worker may run on another machine than the web server."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for the worker")
        PREVIEWING = "previewing", _("Checking the file")
        PREVIEWED = "previewed", _("Checked: confirm to import")
        CONFIRMED = "confirmed", _("Confirmed, waiting for the worker")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Nothing imported")
        ABANDONED = "abandoned", _("Not confirmed in time: nothing imported")

    model_name = models.CharField(_("records"), max_length=50)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE)
    # The uploaded file, kept in the database (read by the worker wherever it runs) until the job is done or abandoned.
    file_data = models.BinaryField(_("stored file"), blank=True, default=b"")
    original_file_name = models.CharField(_("file"), max_length=255)
    file_format = models.PositiveSmallIntegerField(_("format"))
    rows_total = models.PositiveIntegerField(_("rows"))
    rows_done = models.PositiveIntegerField(_("rows read"), default=0)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.QUEUED)
    # {"totals": {"new": 3, "update": 1, "skip": 0}, "rows": [first changed rows], "more": 0} once checked.
    preview = models.JSONField(_("preview"), default=dict, blank=True)
    # slug -> version of every record the preview read: the import refuses to write if any differs then.
    seen_versions = models.JSONField(_("versions seen at the preview"), default=dict, blank=True)
    # {"new": 3, "update": 1, "skip": 0} when done; {"errors": ["Line 3: ...", ...]} when nothing was imported.
    result = models.JSONField(_("result"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")

    def __str__(self):
        return f"{self.original_file_name} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse(f"admin:activism_{self.model_name}_import_job", args=[self.pk])

    @property
    def is_finished(self):
        return self.status in {self.Status.DONE, self.Status.FAILED, self.Status.ABANDONED}

    @property
    def is_waiting_for_confirmation(self):
        return self.status == self.Status.PREVIEWED

    def move(self, status, **fields):
        """Move the job from where it stands to `status` only if no one moved it meanwhile (a confirmation and the
        end of the time to confirm, two clicks on Confirm): returns whether it moved."""
        moved = ImportJob.objects.filter(pk=self.pk, status=self.status).update(status=status, **fields)
        if moved:
            self.status = status
            for name, value in fields.items():
                setattr(self, name, value)
        return bool(moved)

    def confirm(self):
        """The person who uploaded the file confirms its preview: the import is queued."""
        return self.status == self.Status.PREVIEWED and self.move(self.Status.CONFIRMED, rows_done=0)

    def abandon(self):
        """A preview not confirmed (cancelled, or its time ran out): the stored file is deleted."""
        return self.status == self.Status.PREVIEWED and self.move(
            self.Status.ABANDONED, file_data=b"", finished_at=timezone.now()
        )


class SuggestionQuerySet(models.QuerySet):
    def waiting(self):
        """Suggestions no one has handled yet: the admin's queue."""
        return self.filter(status=Suggestion.Status.NEW)

    def forget_contacts(self, days):
        """Blank the contact addresses left more than `days` ago (the text stays); returns how many were blanked."""
        cutoff = timezone.now() - timedelta(days=days)
        return self.filter(created_at__lt=cutoff).exclude(contact_email="").update(contact_email="")


class Suggestion(models.Model):
    """A new initiative, an event or a correction sent by a visitor through the public form (/suggest/).

    Never public: it lives in the admin's queue only, and in no export or open data file. The optional contact
    address is blanked after settings.SUGGESTION_CONTACT_DAYS (`manage.py forget_suggestion_contacts`). No
    get_absolute_url(): there is no public page to link to.
    """

    class Kind(models.TextChoices):
        INITIATIVE = "initiative", _("A new initiative")
        EVENT = "event", _("An event")
        CORRECTION = "correction", _("A correction to a record")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ACCEPTED = "accepted", _("Accepted")
        DISMISSED = "dismissed", _("Dismissed")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.INITIATIVE)
    text = models.TextField(_("what"), max_length=5000)
    place = models.CharField(_("where"), max_length=200, blank=True)
    when = models.CharField(_("when"), max_length=200, blank=True)
    sources = models.TextField(_("sources"), max_length=3000, blank=True)
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("record concerned"),
        on_delete=models.SET_NULL,  # the suggestion stays in the queue when the record goes
        null=True,
        blank=True,
        related_name="suggestions",
    )
    contact_email = models.EmailField(
        _("contact address"),
        blank=True,
        help_text=_("Private: never shown in public nor exported, and deleted after the period the form states."),
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.NEW)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,  # leaving staff do not take the queue's record with them
        null=True,
        blank=True,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    draft = models.ForeignKey(
        Initiative,
        verbose_name=_("draft made from it"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        indexes = [models.Index(fields=["status", "created_at"], name="suggestion_queue")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="new", handled_at__isnull=True) | (~Q(status="new") & Q(handled_at__isnull=False)),
                name="suggestion_handled_when_not_new",
            ),
        ]

    def __str__(self):
        # Shown in the admin and its log: the text's start, never the contact address.
        return f"{self.get_kind_display()}: {Truncator(' '.join(self.text.split())).chars(60)}"

    def claim(self, status, user):
        """Move a new suggestion to `status` unless someone handled it meanwhile (two clicks, two researchers):
        returns whether it moved."""
        now = timezone.now()
        moved = Suggestion.objects.filter(pk=self.pk, status=self.Status.NEW).update(
            status=status, handled_by=user, handled_at=now
        )
        if moved:
            self.status, self.handled_by, self.handled_at = status, user, now
        return bool(moved)

    def accept(self, user):
        return self.claim(self.Status.ACCEPTED, user)

    def dismiss(self, user):
        return self.claim(self.Status.DISMISSED, user)

    def make_draft(self, user):
        """Accept the suggestion and make a draft initiative of it, its name and summary taken from the text (in the
        language it was written in): the new Initiative, or None if someone handled the suggestion meanwhile."""
        with transaction.atomic():
            if not self.accept(user):
                return None
            lines = [line.strip() for line in self.text.splitlines() if line.strip()] or [self.get_kind_display()]
            language = self.language or settings.LANGUAGE_CODE
            draft = Initiative(publication_status=PublicationStatus.DRAFT, slug=self.unique_slug(lines[0]))
            for field, text in [("name", lines[0]), ("summary", " ".join(" ".join(lines).split()))]:
                length = Initiative._meta.get_field(field).max_length
                setattr(draft, build_localized_fieldname(field, language), Truncator(text).chars(length))
            draft.save()
            self.draft = draft
            self.save(update_fields=["draft"])
        return draft

    def unique_slug(self, name):
        """A slug no initiative has: from the name in Latin letters, else from the suggestion's number."""
        room = Initiative._meta.get_field("slug").max_length - 10  # for a "-2", "-3"... when taken
        base = slugify(name)[:room].strip("-") or f"suggestion-{self.pk}"
        slug, number = base, 1
        while Initiative.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug

    def send_notice_to_editors(self, admin_url):
        """Tell every active editor with an e-mail address that a suggestion arrived, with a link to it in the
        admin; never its text's details or the contact address, which stay behind the admin's login."""
        from django.contrib.auth import get_user_model

        recipients = (
            get_user_model()
            .objects.filter(is_active=True, groups__name=EDITOR_GROUP)
            .exclude(email="")
            .values_list("email", flat=True)
            .distinct()
        )
        with translation.override(settings.LANGUAGE_CODE):
            subject = gettext("New suggestion on the CAISS Activist Map: %(kind)s") % {"kind": self.get_kind_display()}
            body = render_to_string("activism/suggestion_notice.txt", {"suggestion": self, "admin_url": admin_url})
        # One message each: editors do not see one another's addresses.
        messages = [(subject, body, None, [address]) for address in recipients]
        return send_mass_mail(messages) if messages else 0
