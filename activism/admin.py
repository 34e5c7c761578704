from django.conf import settings
from django.contrib import admin, messages
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from .forms import CityAdminForm
from .models import (
    Author,
    BlogPost,
    City,
    Initiative,
    InitiativeLink,
    Region,
    Source,
    Theme,
)


def in_every_language(*fields):
    """Search fields for the text of every language: name_kk, name_ru, name_en, ..."""
    return [f"{field}_{code}" for field in fields for code, _name in settings.LANGUAGES]


def image_preview(image, alt=""):
    if not image:
        return "—"
    return format_html('<img src="{}" alt="{}" class="admin-preview" width="120">', image.url, alt)


class PublicationActionsMixin:
    """Publish and unpublish from the changelist, through the queryset's own methods."""

    actions = ["publish", "unpublish"]

    @admin.action(description=_("Publish the selected records"))
    def publish(self, request, queryset):
        updated = queryset.publish()
        self.message_user(
            request, ngettext("%d record published.", "%d records published.", updated) % updated, messages.SUCCESS
        )

    @admin.action(description=_("Unpublish the selected records (back to draft)"))
    def unpublish(self, request, queryset):
        updated = queryset.unpublish()
        self.message_user(
            request, ngettext("%d record unpublished.", "%d records unpublished.", updated) % updated, messages.SUCCESS
        )


@admin.register(Region)
class RegionAdmin(TranslationAdmin):
    list_display = ["name", "kind", "city_count"]
    list_filter = ["kind"]
    ordering = ["name"]  # stated here too: Meta.ordering is dropped once get_queryset() annotates
    search_fields = ["slug", *in_every_language("name")]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(city_count=Count("cities"))

    @admin.display(description=_("cities"), ordering="city_count")
    def city_count(self, region):
        return region.city_count


@admin.register(City)
class CityAdmin(TranslationAdmin):
    form = CityAdminForm
    list_display = ["name", "region", "latitude", "longitude", "population"]
    list_filter = ["region__kind", "region"]
    list_select_related = ["region"]
    search_fields = ["slug", *in_every_language("name")]
    autocomplete_fields = ["region"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Theme)
class ThemeAdmin(TranslationAdmin):
    list_display = ["name", "colour_swatch", "display_order", "initiative_count"]
    list_editable = ["display_order"]
    ordering = ["display_order", "name"]
    search_fields = ["slug", *in_every_language("name", "description")]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(initiative_count=Count("initiatives"))

    @admin.display(description=_("colour"))
    def colour_swatch(self, theme):
        return format_html('<span class="colour-swatch" title="{0}">&#9632; {0}</span>', theme.color)

    @admin.display(description=_("initiatives"), ordering="initiative_count")
    def initiative_count(self, theme):
        return theme.initiative_count


class InitiativeLinkInline(admin.TabularInline):
    model = InitiativeLink
    extra = 1


class SourceInline(admin.TabularInline):
    model = Source
    extra = 1


@admin.register(Initiative)
class InitiativeAdmin(PublicationActionsMixin, TranslationAdmin):
    list_display = ["name", "form", "activity_status", "publication_status", "year_started", "updated_at"]
    list_filter = ["publication_status", "activity_status", "form", "themes", "cities__region", "is_nationwide"]
    search_fields = ["slug", "search_text"]
    autocomplete_fields = ["themes", "cities"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "updated_at"
    readonly_fields = ["image_preview", "created_at", "updated_at"]
    inlines = [InitiativeLinkInline, SourceInline]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["name", "slug", "summary", "description"]}),
        (_("Classification"), {"fields": ["themes", "form", "activity_status", "year_started", "year_ended"]}),
        (_("Where"), {"fields": ["cities", "is_nationwide", "is_online"]}),
        (_("Image"), {"fields": ["image", "image_alt", "image_preview"]}),
        (_("Publication"), {"fields": ["publication_status", "created_at", "updated_at"]}),
    ]

    def get_search_results(self, request, queryset, search_term):
        # The same case-folded search as the public site, so Cyrillic and Kazakh match on SQLite too.
        if not search_term:
            return queryset, False
        return queryset.search(search_term) | queryset.filter(slug__icontains=search_term.strip()), False

    @admin.display(description=_("preview"))
    def image_preview(self, initiative):
        return image_preview(initiative.image, initiative.image_alt)


@admin.register(Author)
class AuthorAdmin(TranslationAdmin):
    list_display = ["name", "affiliation"]
    search_fields = ["slug", *in_every_language("name", "affiliation")]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["photo_preview"]

    @admin.display(description=_("preview"))
    def photo_preview(self, author):
        return image_preview(author.photo, author.name)


@admin.register(BlogPost)
class BlogPostAdmin(PublicationActionsMixin, TranslationAdmin):
    list_display = ["title", "author", "status", "published_at", "is_scheduled"]
    list_filter = ["status", "author", "themes"]
    list_select_related = ["author"]
    search_fields = ["slug", *in_every_language("title", "lead", "body")]
    autocomplete_fields = ["author", "initiatives", "themes"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_at"
    readonly_fields = ["cover_preview"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["title", "slug", "author", "lead", "body"]}),
        (_("Cover image"), {"fields": ["cover_image", "cover_image_alt", "cover_preview"]}),
        (_("Related"), {"fields": ["initiatives", "themes"]}),
        (_("Publication"), {"fields": ["status", "published_at"]}),
    ]

    @admin.display(description=_("scheduled"), boolean=True)
    def is_scheduled(self, post):
        return post.is_scheduled

    @admin.display(description=_("preview"))
    def cover_preview(self, post):
        return image_preview(post.cover_image, post.cover_image_alt)
