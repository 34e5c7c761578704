from decimal import Decimal

from django import forms
from django.conf import settings
from django.contrib.gis.geos import Point
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from import_export.forms import ConfirmImportForm
from leaflet.admin import LeafletAdminWidget
from leaflet.forms.fields import PointField

from .models import LATITUDE_RANGE, LONGITUDE_RANGE, City, Initiative, Region, Theme

COORDINATE_STEP = Decimal("0.000001")
MAX_QUERY_LENGTH = 200


class InitiativeFilterForm(forms.Form):
    """The public filters. Every field is optional; an invalid one is reported and ignored."""

    q = forms.CharField(label=_("Search"), required=False, max_length=MAX_QUERY_LENGTH)
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All themes"),
    )
    form = forms.ChoiceField(
        label=_("Form of activism"), choices=[("", _("All forms"))] + Initiative.Form.choices, required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status"))] + Initiative.ActivityStatus.choices, required=False
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All regions"),
    )
    city = forms.ModelChoiceField(
        label=_("City"), queryset=City.objects.all(), to_field_name="slug", required=False, empty_label=_("All cities")
    )
    error_css_class = "has-error"

    def __init__(self, *args, with_search=True, with_city=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_search:
            del self.fields["q"]
        if not with_city:
            del self.fields["city"]

    def filter(self, queryset):
        """Apply the valid filters; invalid values stay in self.errors for the page to show."""
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if value}
        if "q" in data:
            queryset = queryset.search(data["q"])
        if "theme" in data:
            queryset = queryset.filter(themes=data["theme"])
        if "form" in data:
            queryset = queryset.filter(form=data["form"])
        if "status" in data:
            queryset = queryset.filter(activity_status=data["status"])
        if "region" in data:
            queryset = queryset.filter(cities__region=data["region"])
        if "city" in data:
            # Sensitive initiatives are never tied to a city in public.
            queryset = queryset.filter(cities=data["city"]).not_sensitive()
        if "region" in data or "city" in data:
            queryset = queryset.distinct()
        return queryset


class CuratedRecordForm(forms.ModelForm):
    """Refuses to save over a newer version: two people editing the same record (optimistic locking).

    The version the editor loaded travels with the form; if the stored record has moved on, the save is refused
    with a link to the newer version, and the form keeps everything the editor typed.
    """

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk:
            stored = (
                type(self.instance)
                .objects.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if stored is not None and cleaned_data.get("loaded_version") != stored:
                opts = self.instance._meta
                url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[self.instance.pk])
                raise forms.ValidationError(
                    format_html(
                        _(
                            "Someone else saved this record after you opened it, so your changes were not saved. "
                            'Open <a href="{}" target="_blank">the newer version</a> in a new tab, compare, and '
                            "make your changes there; what you typed is still below."
                        ),
                        url,
                    ),
                    code="stale",
                )
        return cleaned_data


class PublishedRecordForm(CuratedRecordForm):
    """Offers only the workflow moves the user may make, and refuses any other value sent by hand."""

    user = None  # set by the admin's get_form()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("publication_status")
        if field is not None and self.user is not None:
            allowed = self.instance.allowed_statuses(self.user)
            field.choices = [(value, label) for value, label in field.choices if value in allowed]


class InitiativeAdminForm(PublishedRecordForm):
    """Warns, with links, when the new name is close to an existing initiative's in any language."""

    save_despite_similar = forms.BooleanField(
        label=_("Save even if a similar name exists"),
        required=False,
        help_text=_("Tick this after checking that the similar records named above are different initiatives."),
    )

    def clean(self):
        cleaned_data = super().clean()
        names = [cleaned_data.get(f"name_{code}") for code, _name in settings.LANGUAGES]
        names_changed = any(f"name_{code}" in self.changed_data for code, _name in settings.LANGUAGES)
        if names_changed and not cleaned_data.get("save_despite_similar"):
            similar = Initiative.objects.exclude(pk=self.instance.pk).similar_names(names)
            if similar:
                links = format_html_join(
                    ", ",
                    '<a href="{}" target="_blank">{}</a>',
                    (
                        (reverse("admin:activism_initiative_change", args=[record.pk]), str(record))
                        for record in similar
                    ),
                )
                raise forms.ValidationError(
                    format_html(
                        _(
                            "A record with a similar name exists: {}. Check it is not the same initiative, then tick "
                            "“Save even if a similar name exists” and save again."
                        ),
                        links,
                    ),
                    code="similar",
                )
        return cleaned_data


class CityAdminForm(CuratedRecordForm):
    """Place a city by clicking or dragging a marker; typing the coordinates works too."""

    location = PointField(
        label=_("Location on the map"),
        required=False,
        widget=LeafletAdminWidget,
        help_text=_(
            "Choose the marker tool and click the map to place the city; to move it, choose the edit tool and drag "
            "the marker. When you save, the latitude and longitude are taken from the map; you can also type them."
        ),
    )

    class Meta:
        model = City
        fields = ["name", "slug", "region", "location", "latitude", "longitude", "population"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["latitude"].required = False
        self.fields["longitude"].required = False
        if self.instance.latitude is not None and self.instance.longitude is not None:
            self.initial["location"] = Point(float(self.instance.longitude), float(self.instance.latitude), srid=4326)

    def clean(self):
        cleaned_data = super().clean()
        location = cleaned_data.get("location")
        if location is not None and "location" in self.changed_data:
            # The marker moved: it wins over the typed numbers.
            if not (
                LATITUDE_RANGE[0] <= location.y <= LATITUDE_RANGE[1]
                and LONGITUDE_RANGE[0] <= location.x <= LONGITUDE_RANGE[1]
            ):
                self.add_error("location", _("This point is outside the valid range of coordinates."))
            else:
                cleaned_data["latitude"] = Decimal(str(location.y)).quantize(COORDINATE_STEP)
                cleaned_data["longitude"] = Decimal(str(location.x)).quantize(COORDINATE_STEP)
        missing = {
            "latitude": _("Place the city on the map or type its latitude."),
            "longitude": _("Place the city on the map or type its longitude."),
        }
        for name, message in missing.items():
            if cleaned_data.get(name) is None and name not in self.errors and "location" not in self.errors:
                self.add_error(name, message)
        return cleaned_data


class ConfirmSpreadsheetImportForm(ConfirmImportForm):
    """The confirmation of an import carries the version of every record the preview read, so that the import can
    refuse to overwrite what someone else saved in the meantime."""

    seen_versions = forms.JSONField(widget=forms.HiddenInput())

    def clean_seen_versions(self):
        versions = self.cleaned_data["seen_versions"]
        if not isinstance(versions, dict) or not all(
            isinstance(slug, str) and (version is None or isinstance(version, int))
            for slug, version in versions.items()
        ):
            raise forms.ValidationError(_("The preview of this import is damaged: upload the file again."))
        return versions
