from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..images import IMAGE_HELP_TEXT, LARGE_WIDTH, SMALL_WIDTH, SafeImageField, rendition
from ..markup import render_markdown
from ..search import (
    SearchTerms,
    language_sections,
    search_records,
)
from .initiatives import Initiative
from .places import Theme
from .search_words import search_terms
from .shared import CuratedRecord, PublicationStatus, PublishedRecord, PublishedRecordQuerySet, SearchIndexedRecord


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


class BlogPostQuerySet(PublishedRecordQuerySet):
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
    # Published only with its title and lead in the site's main language (check_publishable); a post cites no sources.
    required_text_fields = ["title", "lead"]

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
