from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Prefetch, Q, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..images import IMAGE_HELP_TEXT, LARGE_WIDTH, SMALL_WIDTH, SafeImageField, rendition
from ..languages import in_every_language
from ..markup import render_markdown
from ..search import (
    SearchTerms,
    language_sections,
    search_records,
)
from .places import City, Theme
from .search_words import search_terms
from .shared import (
    FIRST_YEAR,
    CitedSource,
    CuratedRecord,
    PublicationStatus,
    PublishedRecord,
    PublishedRecordQuerySet,
    SearchIndexedRecord,
    casefold_words,
    with_similar_text,
)


class InitiativeQuerySet(PublishedRecordQuerySet):
    def published(self):
        """The one definition of what the public may see."""
        return self.filter(publication_status=PublicationStatus.PUBLISHED)

    def search(self, query):
        """Records matching every word of the query (text, or search.SearchTerms), best first: activism/search.py."""
        return search_records(self, query if isinstance(query, SearchTerms) else search_terms(query))

    def similar_names(self, names, threshold=0.8):
        """Records whose name, in any language, is close to one of these names (a likely duplicate)."""
        return with_similar_text(self, "name", names, threshold)

    def not_sensitive(self):
        """Records that may appear with their city, in the sitemap and in the open data."""
        return self.filter(is_sensitive=False)

    def sensitive(self):
        """Records the public sees by region only."""
        return self.filter(is_sensitive=True)

    def in_region(self, region):
        """Records with a city in the region, each once: a subquery, not a join that would repeat a record."""
        return self.filter(Exists(City.objects.filter(region=region, initiatives=OuterRef("pk"))))

    def active_in_years(self, first=None, last=None):
        """Records active in these years, both included (either end may be left open): started in or before the last,
        not ended before the first. One with no year started is kept: nothing says it was not active then."""
        initiatives = self
        if last is not None:
            initiatives = initiatives.filter(Q(year_started__isnull=True) | Q(year_started__lte=last))
        if first is not None:
            initiatives = initiatives.filter(Q(year_ended__isnull=True) | Q(year_ended__gte=first))
        return initiatives

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
    # Published only with its name and summary in the site's main language and a source (check_publishable).
    required_text_fields = ["name", "summary"]
    no_source_message = _(
        "An initiative cannot be published without at least one source: add the article, report or page it is known "
        "from."
    )

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
        if self.is_sensitive:
            # Its events' pages name it: shown at their city, they would tell where it works (as Event's own rule,
            # check_sensitive_initiatives, for an event linked to it later).
            self.events.filter(is_sensitive=False).update(is_sensitive=True)

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


class Source(CitedSource):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="sources")

    class Meta(CitedSource.Meta):
        pass
