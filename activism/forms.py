import codecs
import csv
import io
import time
import zipfile
from decimal import Decimal
from urllib.parse import urlencode

import openpyxl
from django import forms
from django.conf import settings
from django.contrib.gis.gdal import GDALException
from django.contrib.gis.geos import Point
from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy
from import_export.forms import ConfirmImportForm, ImportForm, SelectableFieldsExportForm
from leaflet.forms.fields import PointField
from leaflet.forms.widgets import LeafletWidget

from .languages import in_every_language
from .maps import city_placing_data
from .models import (
    FIRST_YEAR,
    LATITUDE_RANGE,
    LONGITUDE_RANGE,
    City,
    Event,
    Initiative,
    PublicationStatus,
    Region,
    Suggestion,
    Theme,
    search_terms,
    years_with_data,
)

COORDINATE_STEP = Decimal("0.000001")
MAX_QUERY_LENGTH = 200


class YearRangeForm(forms.Form):
    """Public filters with a year range, `from` and `to`, both included: the subclass adds the two fields in
    __init__ ("from" is a Python keyword). A range that ends before it starts is said and both years ignored."""

    reversed_years_message = _("The year range %(first)s–%(last)s ends before it starts.")

    def clean(self):
        cleaned_data = super().clean()
        first, last = cleaned_data.get("from"), cleaned_data.get("to")
        if first is not None and last is not None and first > last:
            # Both ignored: which of the two was meant is not known.
            del cleaned_data["from"], cleaned_data["to"]
            self.add_error(
                None,
                forms.ValidationError(
                    self.reversed_years_message, code="reversed_years", params={"first": first, "last": last}
                ),
            )
        return cleaned_data

    def year_range(self):
        """The valid years asked for, (first, last), either None when not given."""
        self.is_valid()
        return self.cleaned_data.get("from"), self.cleaned_data.get("to")


class InitiativeFilterForm(YearRangeForm):
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
        label=_("City"),
        queryset=City.objects.public(),
        to_field_name="slug",
        required=False,
        empty_label=_("All cities"),
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=[
            ("", _("Name")),
            ("newest", _("Recently added")),
            ("verified", _("Recently verified")),
            ("active", _("Most active")),
        ],
        required=False,
        help_text=_(
            "Most active: those marked active first, then those of unknown activity, then inactive ones; in each, "
            "the most recently started first."
        ),
    )
    error_css_class = "has-error"

    # The queryset method behind each order; the name order is the queryset's own.
    SORT_ORDERS = {
        "newest": "newest_first",
        "verified": "recently_verified_first",
        "active": "most_active_first",
    }

    def __init__(self, *args, with_search=True, with_city=True, with_sort=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_search:
            del self.fields["q"]
        if not with_city:
            del self.fields["city"]
        if not with_sort:
            del self.fields["sort"]
        # The year range, bounded by the years the public record holds. Added here, as "from" is a Python keyword.
        self.first_year, self.last_year = years_with_data()
        self.fields["from"] = self.year_field(_("From year"), self.first_year)
        self.fields["to"] = self.year_field(_("To year"), self.last_year)
        self.order_fields(["q", "theme", "form", "status", "region", "city", "from", "to"])

    def year_field(self, label, placeholder):
        out_of_range = _("Enter a year between %(first)s and %(last)s.") % {
            "first": self.first_year,
            "last": self.last_year,
        }
        return forms.IntegerField(
            label=label,
            required=False,
            min_value=self.first_year,
            max_value=self.last_year,
            # "abc" gets the same answer as 99999: what a year may be here.
            error_messages={"min_value": out_of_range, "max_value": out_of_range, "invalid": out_of_range},
            widget=forms.NumberInput(attrs={"placeholder": placeholder, "inputmode": "numeric"}),
        )

    def filter(self, queryset):
        """Apply the valid filters; invalid values stay in self.errors for the page to show."""
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if value}
        if "from" in data or "to" in data:
            queryset = queryset.active_in_years(data.get("from"), data.get("to"))
        if "q" in data:
            terms = search_terms(data["q"])
            if terms:  # a query of single letters would find nearly everything: ignored
                queryset = queryset.search(terms)
        if "theme" in data:
            queryset = queryset.filter(themes=data["theme"])
        if "form" in data:
            queryset = queryset.filter(form=data["form"])
        if "status" in data:
            queryset = queryset.filter(activity_status=data["status"])
        if "region" in data:
            queryset = queryset.in_region(data["region"])
        if "city" in data:
            # Sensitive initiatives are never tied to a city in public. One city is one row of the through table:
            # no record repeats.
            queryset = queryset.filter(cities=data["city"]).not_sensitive()
        return queryset

    def active_filter_count(self):
        """How many filters narrow the results now (valid ones with a value): the "Filters (n)" button shows it."""
        self.is_valid()
        return sum(1 for name, value in self.cleaned_data.items() if value and name != "sort")

    def order(self, queryset):
        """The queryset in the order asked for; by name when none, or an unknown one (reported as the filters are)."""
        self.is_valid()
        method = self.SORT_ORDERS.get(self.cleaned_data.get("sort"))
        return getattr(queryset, method)() if method else queryset

    def query_string(self):
        """The valid theme, form, status and year filters as a query string, for links that keep them (a place's
        list and map popup); the place itself replaces the region and city filters."""
        self.is_valid()
        theme = self.cleaned_data.get("theme")
        kept = {
            "theme": theme.slug if theme else "",
            "form": self.cleaned_data.get("form"),
            "status": self.cleaned_data.get("status"),
            "from": self.cleaned_data.get("from"),
            "to": self.cleaned_data.get("to"),
        }
        return urlencode({name: value for name, value in kept.items() if value})


class EventFilterForm(YearRangeForm):
    """The timeline's filters, also read by the calendar file and the numbers page: every field is optional; an invalid
    one is reported and ignored. The years are `from` and `to` (Python keywords, hence added in __init__)."""

    LAST_YEAR = 2100
    reversed_years_message = _("The first year (%(first)s) is after the last (%(last)s): the years were ignored.")

    kind = forms.ChoiceField(
        label=_("Kind of event"), choices=[("", _("All kinds"))] + Event.Kind.choices, required=False
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All themes"),
        help_text=_("The event's own themes, or those of its initiatives."),
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All regions"),
    )
    city = forms.ModelChoiceField(
        label=_("City"),
        queryset=City.objects.public(),
        to_field_name="slug",
        required=False,
        empty_label=_("All cities"),
    )
    # Set by the "all events" links of an initiative's page; thousands of initiatives would make too long a select.
    initiative = forms.ModelChoiceField(
        label=_("Initiative"),
        queryset=Initiative.objects.published(),
        to_field_name="slug",
        required=False,
        widget=forms.HiddenInput,
    )
    error_css_class = "has-error"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in [("from", _("From year")), ("to", _("To year"))]:
            self.fields[name] = forms.IntegerField(
                label=label, min_value=FIRST_YEAR, max_value=self.LAST_YEAR, required=False
            )

    def filter(self, queryset):
        """Apply the valid filters to these events; invalid values stay in self.errors for the page to show."""
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}
        if "kind" in data:
            queryset = queryset.filter(kind=data["kind"])
        if "theme" in data:
            queryset = queryset.about_theme(data["theme"])
        if "region" in data:
            queryset = queryset.in_region(data["region"])
        if "city" in data:
            queryset = queryset.in_city(data["city"])
        if "initiative" in data:
            queryset = queryset.filter(initiatives=data["initiative"])
        return queryset.between_years(*self.year_range())

    def active_filter_count(self):
        """How many filters narrow the results now (valid ones with a value): the "Filters (n)" button shows it."""
        self.is_valid()
        return sum(1 for value in self.cleaned_data.values() if value not in (None, ""))

    def chosen_initiative(self):
        """The initiative filtered by, if any: named above the results, as it has no select of its own."""
        self.is_valid()
        return self.cleaned_data.get("initiative")


class MapFilterForm(InitiativeFilterForm):
    """The map's filters: the list's, but for the search and the city (each place is a marker), and the events layer:
    the events dated in the years asked for, as markers of their own (`events=1`; off unless asked for)."""

    events = forms.BooleanField(
        label=_("Show events"), label_suffix="", required=False, widget=forms.CheckboxInput(attrs={"value": "1"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, with_search=False, with_city=False, **kwargs)

    @property
    def shows_events(self):
        self.is_valid()
        return bool(self.cleaned_data.get("events"))

    def filter_events(self, events):
        """The events of the layer under the filters they share with the initiatives: the years (by date), the theme
        (as the timeline reads it: the event's own, or its initiatives') and the region. Form and status describe
        initiatives: they leave events alone."""
        self.is_valid()
        theme, region = self.cleaned_data.get("theme"), self.cleaned_data.get("region")
        events = events.between_years(*self.year_range())
        if theme:
            events = events.about_theme(theme)
        if region:
            events = events.in_region(region)
        return events

    def events_query_string(self):
        """The valid filters the timeline shares with the map (theme and years), for its links from the map."""
        self.is_valid()
        theme = self.cleaned_data.get("theme")
        first, last = self.year_range()
        kept = {"theme": theme.slug if theme else "", "from": first, "to": last}
        return urlencode({name: value for name, value in kept.items() if value})

    def map_query_string(self):
        """The valid filters of the map itself, region and events layer included: the address of the same map
        elsewhere (the embedded map and its link back)."""
        self.is_valid()
        region = self.cleaned_data.get("region")
        extra = {"region": region.slug if region else "", "events": "1" if self.shows_events else ""}
        return "&".join(
            filter(None, [self.query_string(), urlencode({name: value for name, value in extra.items() if value})])
        )


def with_plain_line_ends(cleaned_data):
    """The form's texts with their lines ended as the site stores them. Browsers end a text box's lines with CR LF:
    kept as sent, an untouched text would differ from the stored one in every comparison of versions and changes."""
    for name, value in cleaned_data.items():
        if isinstance(value, str) and "\r\n" in value:
            cleaned_data[name] = value.replace("\r\n", "\n")
    return cleaned_data


class SuggestionForm(forms.ModelForm):
    """The public form for suggesting an initiative, an event or a correction; no account needed.

    Spam is kept out without a third-party captcha: a field people never see (`website`: bots fill every field), and
    a signed note of when the form was shown (`started`): one sent back sooner than a person could fill it is refused.
    The view also counts the suggestions of each address (SUGGESTIONS_PER_HOUR).
    """

    SIGNING_SALT = "activism.suggestion-form"
    MAX_AGE_SECONDS = 24 * 60 * 60  # an older page gets a fresh note and is sent again

    # Hidden from people (CSS and aria-hidden) and out of the tab order; its label tells a screen reader user who
    # meets it anyway to leave it alone.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    started = forms.CharField(widget=forms.HiddenInput)
    # The record a correction is about, by slug ("Suggest a correction" on its page); anything else is ignored.
    initiative = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Suggestion
        fields = ["kind", "text", "place", "when", "sources", "contact_email"]
        labels = {
            "kind": _("What would you like to suggest?"),
            "text": _("What"),
            "place": _("Where"),
            "when": _("When"),
            "sources": _("Sources"),
            "contact_email": _("Your e-mail address (optional)"),
        }
        help_texts = {
            "text": _(
                "The initiative or the event: its name, what it does or did. For a correction: what is wrong in the "
                "record and what it should say."
            ),
            "place": _("A city or a region; leave it empty for something online or nationwide."),
            "when": _("A date, a year or a period, as precisely as you know it."),
            "sources": _(
                "Where we can check it: links to news reports or to the initiative's own public pages, one a line."
            ),
        }
        widgets = {
            "kind": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 6}),
            "place": forms.TextInput(attrs={"list": "suggestion-places", "autocomplete": "off"}),
            "sources": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, contact_days, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["started"].initial = self.new_start()
        self.fields["contact_email"].help_text = ngettext(
            "Only if we may write to you about this suggestion. It is never published, and we delete it %(days)s day "
            "after you send the form.",
            "Only if we may write to you about this suggestion. It is never published, and we delete it %(days)s days "
            "after you send the form.",
            contact_days,
        ) % {"days": contact_days}

    @classmethod
    def new_start(cls):
        return signing.dumps(int(time.time()), salt=cls.SIGNING_SALT)

    def clean(self):
        return with_plain_line_ends(super().clean())

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(
                _("This field must stay empty: it is there to catch automated spam."), code="honeypot"
            )
        return ""

    def clean_started(self):
        try:
            started = signing.loads(self.cleaned_data["started"], salt=self.SIGNING_SALT)
        except signing.BadSignature:
            started = None
        elapsed = time.time() - started if isinstance(started, int) else None
        if elapsed is None or elapsed > self.MAX_AGE_SECONDS:
            self.renew_start()
            raise forms.ValidationError(
                _("This form was opened too long ago. Please check your suggestion and send it again."),
                code="expired",
            )
        if elapsed < settings.SUGGESTION_MIN_SECONDS:
            raise forms.ValidationError(
                _(
                    "That was quicker than a person can fill in the form, so we could not take it as sent by one. "
                    "Please check your suggestion and send it again."
                ),
                code="too_fast",
            )
        return started

    def renew_start(self):
        """Show the form again with a fresh note of the time, so that sending it again can pass."""
        self.data = self.data.copy()
        self.data[self.add_prefix("started")] = self.new_start()

    def clean_initiative(self):
        slug = self.cleaned_data["initiative"]
        return Initiative.objects.published().filter(slug=slug).first() if slug else None


class SearchForm(forms.Form):
    """The site's search box (in the header of every page) and the search page's."""

    q = forms.CharField(label=_("Search"), required=False, max_length=MAX_QUERY_LENGTH)


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
        cleaned_data = with_plain_line_ends(super().clean())
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


class CuratedListFormSet(forms.BaseModelFormSet):
    """The editable rows of an admin list: if one of them is stale, none is saved, and the page says why."""

    def clean(self):
        super().clean()
        if any(form.has_error(NON_FIELD_ERRORS, "stale") for form in self.forms):
            raise forms.ValidationError(
                _(
                    "Nothing on this page was saved: someone else changed the records marked below after you opened "
                    "the list. Reload the list and make your changes again."
                ),
                code="stale",
            )


class PublishedRecordForm(CuratedRecordForm):
    """Offers only the workflow moves the user may make, and refuses any other value sent by hand. A record published,
    or kept published, must pass the publication rules (check_publishable), each reason on its field: unless an inline
    of its sources checks them (SourceFormSet), with the sources as submitted."""

    user = None  # set by the admin's get_form()
    sources_inline = False  # set by the admin's get_form()
    saves_for_review = False  # set by the admin's get_form(): the save goes to the record's change for review

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("publication_status")
        if field is not None and self.user is not None:
            allowed = self.instance.allowed_statuses(self.user)
            field.choices = [(value, label) for value, label in field.choices if value in allowed]

    def clean_publication_status(self):
        # A change for review never carries the record's status (it is kept as the live record has it): a move made
        # in a save that goes to the change would be lost without a word.
        status = self.cleaned_data["publication_status"]
        if self.saves_for_review and status != self.instance.publication_status:
            raise forms.ValidationError(
                _("A change for review cannot change the record's status: use the list's actions to change it."),
                code="status_in_change_for_review",
            )
        return status

    def _post_clean(self):
        super()._post_clean()  # the instance now holds the values entered
        if self.sources_inline or self.instance.publication_status != PublicationStatus.PUBLISHED:
            return
        try:
            self.instance.check_publishable()
        except forms.ValidationError as error:
            for field, messages in error.message_dict.items():
                if field not in self.fields:
                    self.add_error(None, messages)
                elif field not in self.errors:  # a field left empty says so already
                    self.add_error(field, messages)


class SimilarRecordForm(PublishedRecordForm):
    """Warns, with links, when the new name (or title) is close to an existing record's in any language: a likely
    duplicate. A subclass names the compared field, finds the similar records and words the warning."""

    compared_field = "name"
    similar_message = _(
        "A record with a similar name exists: {}. Check it is not the same initiative, then tick “Save even if a "
        "similar name exists” and save again."
    )
    save_despite_similar = forms.BooleanField(
        label=_("Save even if a similar name exists"),
        required=False,
        help_text=_("Tick this after checking that the similar records named above are different initiatives."),
    )

    def similar_records(self, texts):
        raise NotImplementedError

    def clean(self):
        cleaned_data = super().clean()
        fields = in_every_language(self.compared_field)
        texts = [cleaned_data.get(field) for field in fields]
        if any(field in self.changed_data for field in fields) and not cleaned_data.get("save_despite_similar"):
            similar = self.similar_records(texts)
            if similar:
                opts = self._meta.model._meta
                links = format_html_join(
                    ", ",
                    '<a href="{}" target="_blank">{}</a>',
                    (
                        (reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk]), str(record))
                        for record in similar
                    ),
                )
                raise forms.ValidationError(format_html(self.similar_message, links), code="similar")
        return cleaned_data


class InitiativeAdminForm(SimilarRecordForm):
    def similar_records(self, names):
        return Initiative.objects.exclude(pk=self.instance.pk).similar_names(names)


class EventAdminForm(SimilarRecordForm):
    """The event's form: a likely duplicate named, and the themes taken from the initiatives when none is chosen. The
    dates in order and a consistent place are the model's rules (Event.clean), shown on their fields."""

    compared_field = "title"
    similar_message = _(
        "An event with a similar title exists: {}. Check it is not the same event, then tick “Save even if a similar "
        "title exists” and save again."
    )
    save_despite_similar = forms.BooleanField(
        label=_("Save even if a similar title exists"),
        required=False,
        help_text=_("Tick this after checking that the similar events named above are different events."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("themes")
        if field is not None:
            help_text = _("The grievances it was about. Left empty, the event takes its initiatives' themes.")
            if self.instance.pk:
                offered = Theme.objects.filter(initiatives__events=self.instance).distinct()
                names = ", ".join(str(theme) for theme in offered)
                if names:
                    help_text = format_html(
                        "{} {}", help_text, _("Its initiatives' themes: %(themes)s.") % {"themes": names}
                    )
            field.help_text = help_text

    def similar_records(self, titles):
        return Event.objects.exclude(pk=self.instance.pk).similar_titles(titles)

    def clean(self):
        cleaned_data = super().clean()
        initiatives = cleaned_data.get("initiatives")
        if "themes" in self.fields and not cleaned_data.get("themes") and initiatives:
            cleaned_data["themes"] = Theme.objects.filter(initiatives__in=initiatives).distinct()
        if "is_sensitive" in self.fields:
            # The form's own value, not the instance's: the instance takes the form's values only after clean().
            event = Event(is_sensitive=bool(cleaned_data.get("is_sensitive")))
            try:
                event.check_sensitive_initiatives(initiatives or [])
            except forms.ValidationError as error:
                self.add_error(None, error)
        return cleaned_data


class SourceFormSet(forms.BaseInlineFormSet):
    """The sources of an initiative or an event as submitted on its page. A record published there, or kept published,
    must pass the publication rules (check_publishable): checked here, with the sources counted before anything is
    saved, so that a source added in the same save counts, and a deleted last source is refused. The record's own form
    was validated before its inlines: the instance holds the status and the text just entered. Every reason is listed
    above the sources."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [form for form in self.forms if form.cleaned_data and not self._should_delete_form(form)]
        if self.instance.publication_status == PublicationStatus.PUBLISHED:
            try:
                self.instance.check_publishable(source_count=len(kept))
            except forms.ValidationError as error:
                # Every reason, the field each is about set aside: they are listed above the sources.
                raise forms.ValidationError([item for items in error.error_dict.values() for item in items]) from None


class CityMapWidget(LeafletWidget):
    """The city's map in the admin (static/admin-caiss/city-map.js): a click or a drag of the marker fills the latitude
    and longitude inputs at once, typing them moves the marker, the map opens on the chosen region and follows it, the
    other cities show as grey dots, and a search box finds the cities and regions already recorded.

    The point itself travels as django-leaflet's does: a GeoJSON Point in a hidden input named after the field (read
    back by the default value_from_datadict), which the script keeps in step with the marker and the typed numbers.
    Only the drawing differs: our own map and script instead of django-leaflet's draw toolbar."""

    template_name = "admin/activism/city/map_widget.html"
    city = None  # the record on the page, set by CityAdminForm: its own marker is not one of "the other cities"

    class Media:
        css = {"all": ["leaflet/leaflet.css", "admin-caiss/city-map.css"]}
        js = ["leaflet/leaflet.js", "admin-caiss/city-map.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["data"] = city_placing_data(self.city or City())
        return context

    def deserialize(self, value):
        # GeoJSON that GDAL cannot read (a point without coordinates) raises where Django's widget expects only GEOS
        # errors: the page shows the field's "could not be read" instead of a 500, and an empty point.
        try:
            return super().deserialize(value)
        except GDALException:
            return None

    def render(self, name, value, attrs=None, renderer=None):
        # From the project's templates: the form renderer reads only Django's and the apps' own.
        return render_to_string(self.template_name, self.get_context(name, value, attrs))

    def id_for_label(self, id_):
        return ""  # the map is no input: its search box and the coordinates below have labels of their own


class ReviewForm(forms.Form):
    """An Editor's decision on a change for review: approve it, send it back with a note, or discard it. The button
    pressed is the decision."""

    APPROVE, SEND_BACK, DISCARD = "_approve", "_send_back", "_discard"

    note = forms.CharField(
        label=_("Note to the submitter"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text=_("Required to send the change back: say what should change. Kept with the record's history."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.decision = next((name for name in [self.APPROVE, self.SEND_BACK, self.DISCARD] if name in self.data), None)

    def clean(self):
        cleaned_data = super().clean()
        cleaned_data["note"] = (cleaned_data.get("note") or "").strip()
        if self.decision is None:
            raise forms.ValidationError(_("Choose Approve, Send back or Discard."), code="no_decision")
        if self.decision == self.SEND_BACK and not cleaned_data["note"]:
            self.add_error("note", _("Write a note to send the change back: say what should change."))
        return cleaned_data


class CityAdminForm(CuratedRecordForm):
    """Place a city by clicking the map, dragging its marker or typing the coordinates. The map's point arrives as a
    GeoJSON Point (django-leaflet's PointField); when it moved, it is written to the latitude and longitude, winning
    over typed numbers that differ. The point must be inside Kazakhstan (City.clean) and, when the point or the region
    changes, near the region's centre unless an Editor confirms it (City.check_near_its_region)."""

    user = None  # set by the admin's get_form()

    location = PointField(
        label=_("Location on the map"),
        required=False,
        widget=CityMapWidget,
        error_messages={
            "invalid_geom": _("The map's point could not be read: place the city on the map again, or type it."),
            "invalid_geom_type": _("The map can hold one point only: place the city on the map again, or type it."),
        },
        help_text=_(
            "Click the map to place the city, or drag its marker: the latitude and longitude below change at once, "
            "and typing them moves the marker. Grey dots are the cities already recorded; the dashed circle shows how "
            "far from its region's centre a city may lie without an Editor's confirmation."
        ),
    )
    confirm_far_place = forms.BooleanField(
        label=_("The place is right: save it anyway"),
        required=False,
        help_text=_(
            "For a city far from its region's centre: tick it after checking the point and the region on the map."
        ),
    )

    class Meta:
        model = City
        fields = ["name", "slug", "region", "location", "latitude", "longitude", "confirm_far_place", "population"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].widget.city = self.instance
        if self.instance.latitude is not None and self.instance.longitude is not None:
            self.initial["location"] = Point(float(self.instance.longitude), float(self.instance.latitude), srid=4326)
        # A missing coordinate gets the message below, which names the map, instead of "This field is required."
        self.fields["latitude"].required = False
        self.fields["longitude"].required = False
        self.fields["latitude"].help_text = _("Decimal degrees north: Kazakhstan lies between 40 and 56.")
        self.fields["longitude"].help_text = _("Decimal degrees east: Kazakhstan lies between 46 and 88.")

    def clean(self):
        cleaned_data = super().clean()
        location = cleaned_data.get("location")
        if location is not None and "location" in self.changed_data:
            # The map's point moved (the script also moves it as the numbers are typed): it wins over the typed
            # numbers, which a browser without the script may have changed too.
            if location.empty or not (
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
        if self.errors:
            return cleaned_data
        placed = City(
            region=cleaned_data.get("region"), latitude=cleaned_data["latitude"], longitude=cleaned_data["longitude"]
        )
        moved = self.instance.pk is None or {"region", "location", "latitude", "longitude"} & set(self.changed_data)
        if not moved or placed.region_id is None:
            return cleaned_data
        try:
            placed.check_inside_kazakhstan()
        except forms.ValidationError:
            return cleaned_data  # the model's own check names the coordinate that is out
        try:
            placed.check_near_its_region()
        except forms.ValidationError as error:
            if not City.can_confirm_far_place(self.user):
                advice = _(
                    "A place this far from its region's centre must be confirmed by an Editor: ask one to save it."
                )
                self.add_error("location", [error, forms.ValidationError(advice, code="editor_must_confirm")])
            elif not cleaned_data.get("confirm_far_place"):
                advice = _("If the place is right, tick “The place is right: save it anyway” and save again.")
                self.add_error("location", [error, forms.ValidationError(advice, code="confirm")])
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


SAVE_AS_UTF8 = _(
    "Save it as “CSV UTF-8”: in Excel, File → Save As → “CSV UTF-8 (Comma delimited)”; in LibreOffice Calc, "
    "File → Save As → “Text CSV”, tick “Edit filter settings” and choose “Unicode (UTF-8)”. Or upload it as XLSX."
)


class SpreadsheetExportForm(SelectableFieldsExportForm):
    """The export page's columns to tick, each named in the admin's language with the file's column beside it
    ("название [ru] (name_ru)"), not import-export's English made from the column ("Name Ru")."""

    def _get_field_label(self, resource, field_name):
        field = resource.fields.get(field_name)
        column = field.column_name if field else field_name
        try:
            model_field = resource._meta.model._meta.get_field(field.attribute if field else field_name)
        except FieldDoesNotExist:
            return column
        # A reverse relation (an initiative's links, sources) has no verbose name: its records' plural is one.
        verbose_name = getattr(model_field, "verbose_name", None) or model_field.related_model._meta.verbose_name_plural
        return f"{verbose_name} ({column})"


class SpreadsheetImportForm(ImportForm):
    """The import page's form. The file is checked before import-export reads it: its size, its unpacked size for
    XLSX, its encoding for CSV, its number of rows and its key column, so that no file can use up the server or end
    in a traceback."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.formats = formats
        self.resources = resources
        self.row_count = None

    @staticmethod
    def limits():
        """What the import page states."""
        return {
            "max_file_mb": settings.IMPORT_MAX_FILE_MB,
            "max_unpacked_mb": settings.IMPORT_MAX_UNPACKED_MB,
            "max_rows": settings.IMPORT_MAX_ROWS,
            "background_rows": settings.IMPORT_BACKGROUND_ROWS,
        }

    def clean(self):
        cleaned_data = super().clean()
        file = cleaned_data.get("import_file")
        if file is None or not cleaned_data.get("format"):
            return cleaned_data
        is_xlsx = self.formats[int(cleaned_data["format"])]().get_title().lower() == "xlsx"
        try:
            if file.size == 0:
                raise forms.ValidationError(_("The file is empty."))
            if file.size > settings.IMPORT_MAX_FILE_MB * 1024 * 1024:
                raise forms.ValidationError(
                    _("The file is larger than %(limit)s MB, the most one import takes: split it into several files.")
                    % {"limit": settings.IMPORT_MAX_FILE_MB}
                )
            file.seek(0)
            header, rows = self.read_xlsx_outline(file) if is_xlsx else self.read_csv_outline(file.read())
            file.seek(0)
            if rows > settings.IMPORT_MAX_ROWS:
                raise forms.ValidationError(
                    _("The file has %(rows)s rows; one import takes at most %(limit)s: split it into several files.")
                    % {"rows": rows, "limit": settings.IMPORT_MAX_ROWS}
                )
            self.check_key_columns(header, rows)
            self.row_count = rows
        except forms.ValidationError as error:
            self.add_error("import_file", error)
        return cleaned_data

    def read_csv_outline(self, data):
        """The header and the number of rows of a CSV file, or the reason it cannot be read as one."""
        if data.startswith(b"PK\x03\x04"):
            raise forms.ValidationError(_("This is an XLSX (or other zip) file: choose the XLSX format for it."))
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            message = _("The file is in UTF-16 (“Unicode text”), not UTF-8.")
            raise forms.ValidationError(f"{message} {SAVE_AS_UTF8}")
        if b"\x00" in data:
            raise forms.ValidationError(
                _("The file holds NUL bytes, so it is no CSV text file: upload a CSV or an XLSX spreadsheet.")
            )
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            message = _("The file is not in UTF-8 (perhaps Windows Cyrillic, CP1251).")
            raise forms.ValidationError(f"{message} {SAVE_AS_UTF8}") from None
        try:
            reader = csv.reader(io.StringIO(text))
            header = next(reader, [])
            rows = sum(1 for row in reader if any(cell.strip() for cell in row))
        except csv.Error:
            raise forms.ValidationError(
                _("The file cannot be read as CSV: save it again as CSV UTF-8 or XLSX.")
            ) from None
        return header, rows

    def read_xlsx_outline(self, file):
        """The header and the number of rows of the first sheet, the unpacked size checked before anything is read."""
        not_xlsx = forms.ValidationError(
            _("The file is no XLSX spreadsheet: save it from your spreadsheet as XLSX, or as CSV UTF-8.")
        )
        try:
            with zipfile.ZipFile(file) as archive:
                unpacked = sum(member.file_size for member in archive.infolist())
        except (zipfile.BadZipFile, OSError, ValueError):
            raise not_xlsx from None
        if unpacked > settings.IMPORT_MAX_UNPACKED_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("The spreadsheet unpacks to more than %(limit)s MB, the most one import takes: split it.")
                % {"limit": settings.IMPORT_MAX_UNPACKED_MB}
            )
        file.seek(0)
        try:
            workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
            try:
                sheet = workbook.active
                header = [cell for cell in next(sheet.iter_rows(max_row=1, values_only=True), ())]
                rows = sheet.max_row
                if not isinstance(rows, int):  # no dimension recorded: count them, reading one row at a time
                    rows = sum(1 for _row in sheet.iter_rows(values_only=True))
            finally:
                workbook.close()
        except Exception:  # openpyxl raises many kinds of error for a damaged file
            raise not_xlsx from None
        return header, max(rows - 1, 0)

    def check_key_columns(self, header, rows):
        resource = self.resources[int(self.cleaned_data.get("resource") or 0)]
        columns = {str(column or "").strip() for column in header}
        if not rows and not columns - {""}:
            raise forms.ValidationError(_("The file is empty."))
        # A file in another's format (ACLED's) names the columns it needs; the site's own files need their key column.
        required = getattr(resource, "file_key_columns", None) or resource._meta.import_id_fields
        missing = [name for name in required if name not in columns]
        if missing:
            raise forms.ValidationError(
                ngettext_lazy(
                    "The first line has no “%(columns)s” column: it names the columns, and the records are found by "
                    "this one. Export the list to see the columns a file needs.",
                    "The first line has no “%(columns)s” columns: it names the columns, and the records are found "
                    "by these. Export the list to see the columns a file needs.",
                    len(missing),
                )
                % {"columns": "”, “".join(missing)}
            )
        if not rows:
            raise forms.ValidationError(_("The file has a header line but no records under it."))


class SendBackForm(forms.Form):
    """An editor's reason for sending a record in review back to its author: required, as the author must know what
    to change."""

    note = forms.CharField(
        label=_("Note to the author"),
        widget=forms.Textarea(attrs={"rows": 6, "cols": 80}),
        max_length=5000,
        help_text=_("What to change before the record is submitted again. The author sees it on the record's page."),
    )
