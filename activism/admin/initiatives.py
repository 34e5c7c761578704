from datetime import timedelta

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..forms import (
    InitiativeAdminForm,
    SourceFormSet,
)
from ..models import (
    Initiative,
    InitiativeLink,
    Source,
)
from ..resources import (
    InitiativeResource,
)
from .base import SpreadsheetImportExportMixin, WorkflowAdmin, image_preview, record_phrases
from .events import InitiativeEventInline
from .review_filters import REVIEW_FILTERS, missing_languages


class InitiativeLinkInline(admin.TabularInline):
    model = InitiativeLink
    extra = 1


class SourceInline(admin.TabularInline):
    model = Source
    formset = SourceFormSet
    extra = 1


class VerificationFilter(admin.SimpleListFilter):
    title = _("verification")
    parameter_name = "verified"

    def lookups(self, request, model_admin):
        return [("stale", _("Not verified for 12 months (or never)")), ("recent", _("Verified in the last 12 months"))]

    def queryset(self, request, queryset):
        year_ago = timezone.localdate() - timedelta(days=365)
        if self.value() == "stale":
            return queryset.unverified_since(year_ago)
        if self.value() == "recent":
            return queryset.exclude(pk__in=queryset.unverified_since(year_ago))
        return queryset


@admin.register(Initiative)
class InitiativeAdmin(SpreadsheetImportExportMixin, WorkflowAdmin):
    phrases = record_phrases(
        add=_("Add initiative"),
        change=_("Change initiative"),
        view=_("View initiative"),
        select_change=_("Select initiative to change"),
        select_view=_("Select initiative to view"),
    )
    resource_classes = [InitiativeResource]
    form = InitiativeAdminForm
    short_text_fields = ["summary"]
    markdown_fields = ["description"]
    # Room left for more columns at 1366 pixels: the activity status is a filter, the last change the date bar.
    list_display = ["name", "form", "publication_status", "is_sensitive", "last_verified", missing_languages]
    list_filter = [
        "publication_status",
        VerificationFilter,
        "is_sensitive",
        "activity_status",
        "form",
        "themes",
        "cities__region",
        "is_nationwide",
        *REVIEW_FILTERS,
    ]
    search_fields = ["slug", "search_text"]
    autocomplete_fields = ["themes", "cities"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "updated_at"
    readonly_fields = ["image_preview", "created_at", "updated_at"]
    inlines = [InitiativeLinkInline, SourceInline, InitiativeEventInline]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["name", "save_despite_similar", "slug", "summary", "description", "loaded_version"]}),
        (_("Classification"), {"fields": ["themes", "form", "activity_status", "year_started", "year_ended"]}),
        (_("Where"), {"fields": ["cities", "is_nationwide", "is_online"]}),
        (_("Image"), {"fields": ["image", "image_alt", "image_preview"]}),
        (_("Safety and checking"), {"fields": ["is_sensitive", "last_verified"]}),
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
