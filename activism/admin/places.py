from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..forms import (
    CityAdminForm,
)
from ..languages import in_every_language
from ..models import (
    City,
    Region,
    Theme,
)
from ..resources import (
    CityResource,
    RegionResource,
    ThemeResource,
)
from .base import CuratedAdmin, SpreadsheetExportMixin, SpreadsheetImportExportMixin, record_phrases


@admin.register(Region)
class RegionAdmin(SpreadsheetExportMixin, CuratedAdmin):
    phrases = record_phrases(
        add=_("Add region"),
        change=_("Change region"),
        view=_("View region"),
        select_change=_("Select region to change"),
        select_view=_("Select region to view"),
    )
    resource_classes = [RegionResource]
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
class CityAdmin(SpreadsheetImportExportMixin, CuratedAdmin):
    phrases = record_phrases(
        add=_("Add city"),
        change=_("Change city"),
        view=_("View city"),
        select_change=_("Select city to change"),
        select_view=_("Select city to view"),
    )
    resource_classes = [CityResource]
    form = CityAdminForm
    list_display = ["name", "region", "latitude", "longitude", "population"]
    list_filter = ["region__kind", "region"]
    list_select_related = ["region"]
    search_fields = ["slug", *in_every_language("name")]
    autocomplete_fields = ["region"]
    prepopulated_fields = {"slug": ["name"]}

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if not City.can_confirm_far_place(request.user):
            # Only an Editor confirms a city far from its region's centre; the form checks it again on saving.
            fields = [field for field in fields if field != "confirm_far_place"]
        return fields

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.user = request.user
        return form


@admin.register(Theme)
class ThemeAdmin(SpreadsheetExportMixin, CuratedAdmin):
    phrases = record_phrases(
        add=_("Add theme"),
        change=_("Change theme"),
        view=_("View theme"),
        select_change=_("Select theme to change"),
        select_view=_("Select theme to view"),
    )
    resource_classes = [ThemeResource]
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
