from django.contrib import admin
from django.db.models import Prefetch
from django.forms import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..forms import (
    EventAdminForm,
    SourceFormSet,
)
from ..languages import in_every_language
from ..models import (
    FIRST_YEAR,
    Event,
    EventSource,
    Initiative,
)
from ..resources import (
    AcledEventResource,
    EventResource,
)
from .base import SpreadsheetImportExportMixin, WorkflowAdmin, record_phrases
from .review_filters import REVIEW_FILTERS, missing_languages


class EventSourceInline(admin.TabularInline):
    model = EventSource
    formset = SourceFormSet
    extra = 1


class YearFilter(admin.SimpleListFilter):
    """The years that have events, newest first; a year typed into the address that is no year lists nothing."""

    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = model_admin.get_queryset(request).dates("date", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        if not value.isdigit() or not FIRST_YEAR <= int(value) <= 9999:
            return queryset.none()
        return queryset.filter(date__year=int(value))


@admin.register(Event)
class EventAdmin(SpreadsheetImportExportMixin, WorkflowAdmin):
    phrases = record_phrases(
        add=_("Add event"),
        change=_("Change event"),
        view=_("View event"),
        select_change=_("Select event to change"),
        select_view=_("Select event to view"),
    )
    resource_classes = [EventResource]
    form = EventAdminForm
    short_text_fields = ["summary"]
    markdown_fields = ["description"]
    # Room left for more columns at 1366 pixels: the kind is a filter.
    list_display = [
        "title",
        "date_at_precision",
        "place",
        "initiative_names",
        "is_sensitive",
        "publication_status",
        missing_languages,
    ]
    list_filter = ["kind", YearFilter, "region", "publication_status", "is_sensitive", *REVIEW_FILTERS]
    list_select_related = ["city__region", "region"]
    search_fields = ["slug", *in_every_language("title", "summary")]
    autocomplete_fields = ["initiatives", "city", "region", "themes"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "date"
    readonly_fields = ["created_at", "updated_at"]
    inlines = [EventSourceInline]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["title", "save_despite_similar", "slug", "summary", "description", "loaded_version"]}),
        (_("When"), {"fields": ["date", "date_precision", "end_date"]}),
        (_("What"), {"fields": ["kind", "initiatives", "themes"]}),
        (
            _("Where"),
            {
                "fields": ["city", "region", "is_nationwide", "is_online"],
                "description": _(
                    "As precisely as the sources say, and no more: a city, or only a region, or nationwide, or online."
                ),
            },
        ),
        (
            _("Participants and outcomes"),
            {
                "fields": ["participants", "participants_source", "detained", "fined", "injured"],
                "description": _("Numbers only, as reported: never the names of the people concerned."),
            },
        ),
        (_("Safety"), {"fields": ["is_sensitive"]}),
        (_("Publication"), {"fields": ["publication_status", "created_at", "updated_at"]}),
    ]

    def get_import_resource_classes(self, request):
        # The import page offers the site's own columns, or a file exported from ACLED (activism/acled.py).
        return [EventResource, AcledEventResource]

    def get_queryset(self, request):
        # The list names each event's initiatives: read in one query for the page, not one per row.
        initiatives = Initiative.objects.defer(*Initiative.search_columns)
        return super().get_queryset(request).prefetch_related(Prefetch("initiatives", initiatives))

    @admin.display(description=_("date"), ordering="date")
    def date_at_precision(self, event):
        return event.date_display()

    @admin.display(description=_("place"))
    def place(self, event):
        """Where the public sees it: the city, else the region (a sensitive event's region only)."""
        place = event.public_place()
        if place is not None:
            return place.name
        if event.is_nationwide:
            return _("Nationwide")
        if event.is_online:
            return _("Online")
        return "—"

    @admin.display(description=_("initiatives"))
    def initiative_names(self, event):
        return ", ".join(str(initiative) for initiative in event.initiatives.all()) or "—"


class LatestEventsFormSet(BaseInlineFormSet):
    """An initiative's latest events only: an initiative may have hundreds."""

    shown = 20

    def get_queryset(self):
        # Read once: the formset asks for its rows many times.
        if not hasattr(self, "_latest"):
            self._latest = list(super().get_queryset()[: self.shown])
        return self._latest

    def event_count(self):
        return super().get_queryset().count()

    def changelist_url(self):
        """The events' list filtered by the initiative: all of its events."""
        return f"{reverse('admin:activism_event_changelist')}?initiatives__id__exact={self.instance.pk}"


class InitiativeEventInline(admin.TabularInline):
    """The latest events of an initiative on its page, read only, each linked to its own page; the whole list is one
    link away, on the events' list filtered by the initiative."""

    model = Event.initiatives.through
    verbose_name = _("event")
    verbose_name_plural = _("events")
    template = "admin/activism/initiative/events_inline.html"
    fields = ["event_date", "event_kind", "event_title", "event_state"]
    readonly_fields = fields
    formset = LatestEventsFormSet

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("event").order_by("-event__date", "-event__pk")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("activism.view_event")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("date"))
    def event_date(self, link):
        return link.event.date_display()

    @admin.display(description=_("kind"))
    def event_kind(self, link):
        return link.event.get_kind_display()

    @admin.display(description=_("title"))
    def event_title(self, link):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:activism_event_change", args=[link.event_id]), link.event
        )

    @admin.display(description=_("publication status"))
    def event_state(self, link):
        return link.event.get_publication_status_display()
