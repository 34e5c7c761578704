from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..languages import in_every_language
from ..models import (
    Author,
    BlogPost,
)
from ..resources import (
    AuthorResource,
    BlogPostResource,
)
from .base import CuratedAdmin, SpreadsheetExportMixin, WorkflowAdmin, image_preview, record_phrases
from .review_filters import REVIEW_FILTERS, missing_languages


@admin.register(Author)
class AuthorAdmin(SpreadsheetExportMixin, CuratedAdmin):
    phrases = record_phrases(
        add=_("Add author"),
        change=_("Change author"),
        view=_("View author"),
        select_change=_("Select author to change"),
        select_view=_("Select author to view"),
    )
    resource_classes = [AuthorResource]
    list_display = ["name", "affiliation"]
    search_fields = ["slug", *in_every_language("name", "affiliation")]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["photo_preview"]

    @admin.display(description=_("preview"))
    def photo_preview(self, author):
        return image_preview(author.photo, author.name)


@admin.register(BlogPost)
class BlogPostAdmin(SpreadsheetExportMixin, WorkflowAdmin):
    phrases = record_phrases(
        add=_("Add blog post"),
        change=_("Change blog post"),
        view=_("View blog post"),
        select_change=_("Select blog post to change"),
        select_view=_("Select blog post to view"),
    )
    resource_classes = [BlogPostResource]
    short_text_fields = ["lead"]
    markdown_fields = ["body"]
    list_display = ["title", "author", "publication_status", "published_at", "is_scheduled", missing_languages]
    list_filter = ["publication_status", "author", "themes", *REVIEW_FILTERS]
    list_select_related = ["author"]
    search_fields = ["slug", *in_every_language("title", "lead", "body")]
    autocomplete_fields = ["author", "initiatives", "themes"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_at"
    readonly_fields = ["cover_preview"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["title", "slug", "author", "lead", "body", "loaded_version"]}),
        (_("Cover image"), {"fields": ["cover_image", "cover_image_alt", "cover_preview"]}),
        (_("Related"), {"fields": ["initiatives", "themes"]}),
        (_("Publication"), {"fields": ["publication_status", "published_at"]}),
    ]

    @admin.display(description=_("scheduled"), boolean=True)
    def is_scheduled(self, post):
        return post.is_scheduled

    @admin.display(description=_("preview"))
    def cover_preview(self, post):
        return image_preview(post.cover_image, post.cover_image_alt)
