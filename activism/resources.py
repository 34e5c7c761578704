"""How records go to and come from CSV and XLSX files in the admin (django-import-export).

Researchers import cities and initiatives: the admin first shows a preview of what would be created or changed, and
writes nothing if any row has an error (each error names its row and its column). Every list can be exported, as
filtered on the page. Related records are written as slugs and found by slug or by name in any language. Text that
a spreadsheet would run as a formula is exported with a leading "'" and imported back without it (spreadsheets.py).
"""

import reversion
import tablib
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Prefetch
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from import_export import fields, resources, widgets
from import_export.instance_loaders import CachedInstanceLoader
from import_export.resources import Diff
from import_export.results import RowResult
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from . import acled
from .languages import in_every_language
from .models import Author, BlogPost, City, Event, Initiative, PublicationStatus, Region, Theme
from .page_cache import public_content_changed
from .search import refresh_search_index_of, search_index_deferred
from .spreadsheets import (
    LIST_SEPARATOR,
    ChoiceWidget,
    CoordinateWidget,
    DayWidget,
    LinksWidget,
    RecordsWidget,
    RecordWidget,
    SourcesWidget,
    WholeNumberWidget,
    YesNoWidget,
    from_safe_cell,
    safe_cell,
)

HISTORY_CHUNK = 500  # records read at once to write their versions to the history

# The parts of a source and of a link, in the order their one-column cells give them (SourcesWidget, LinksWidget).
SOURCE_PARTS = ("title", "url", "publisher", "published_on")
LINK_PARTS = ("kind", "url")


class StaleRecordsError(Exception):
    """Records changed (or were added or deleted) by someone else between the preview and the confirmation."""

    def __init__(self, lines):
        super().__init__(lines)
        self.lines = lines  # slug -> spreadsheet line

    def message(self, shown=20):
        """What the researcher reads: nothing was written, and which records changed, with their lines."""
        records = [
            _("%(slug)s (line %(line)s)") % {"slug": slug, "line": line}
            for slug, line in list(self.lines.items())[:shown]
        ]
        if len(self.lines) > shown:
            records.append(_("and %(count)d more") % {"count": len(self.lines) - shown})
        return ngettext(
            "Nothing was imported: this record was changed by someone else after the preview: %(records)s. "
            "Export it again, or upload the file again to see what it would change now.",
            "Nothing was imported: these records were changed by someone else after the preview: %(records)s. "
            "Export them again, or upload the file again to see what it would change now.",
            len(self.lines),
        ) % {"records": ", ".join(records)}


def stale_records_error(result):
    """The StaleRecordsError that stopped an import, or None."""
    return next((error.error for error in result.base_errors if isinstance(error.error, StaleRecordsError)), None)


def spreadsheet_line(row_number):
    """import-export counts the rows after the header from 1; a spreadsheet shows the header on line 1."""
    return row_number + 1


class ColumnDiff(Diff):
    """import-export's diff of a row (the preview page shows it as HTML), which also leaves the columns that change,
    as text, on the resource: the preview of a background import lists them (see CuratedResource.after_import_row)."""

    def __init__(self, resource, instance, new):
        # `instance` is import-export's deep copy of the record as loaded, and a deep copy of a queryset leaves its
        # results behind: give it the related records read with the record, or each would be read again.
        loaded = resource.loaded_instance
        if loaded is not None and hasattr(loaded, "_prefetched_objects_cache"):
            instance._prefetched_objects_cache = dict(loaded._prefetched_objects_cache)
        super().__init__(resource, instance, new)

    def compare_with(self, resource, instance):
        super().compare_with(resource, instance)
        headers = resource.get_diff_headers()
        resource.row_changes = [
            [column, "" if self.new else str(old), str(new)]
            for column, old, new in zip(headers, self.left, self.right, strict=False)
            if old != new or (self.new and new not in ("", None))
        ]


class RowsInCellField(fields.Field):
    """Records that belong to the record, all in one column (an event's or an initiative's sources, an initiative's
    links): read and written as tuples of their `parts`, compared and exported as they are stored, written after the
    record itself (CuratedResource.save_m2m), all of them replaced when the column changes."""

    def __init__(self, parts, **kwargs):
        super().__init__(**kwargs)
        self.parts = parts

    def get_value(self, instance):
        if instance.pk is None:
            return []
        items = getattr(instance, self.attribute).all()
        return sorted((tuple(getattr(item, part) for part in self.parts) for item in items), key=self.order)

    @staticmethod
    def order(values):
        """Alphabetical, so that a cell and what is stored compare equal whatever order they were written in."""
        return [str(value or "") for value in values]

    def save(self, instance, row, is_m2m=False, **kwargs):
        self.clean(row, **kwargs)  # only checked here: they need the saved record

    def changes(self, instance, row):
        """Whether the row's cell differs from what the record has."""
        return sorted(self.clean(row), key=self.order) != self.get_value(instance)

    def write(self, instance, row):
        manager = getattr(instance, self.attribute)
        manager.all().delete()
        manager.model.objects.bulk_create(
            manager.model(**{manager.field.name: instance}, **dict(zip(self.parts, values, strict=True)))
            for values in self.clean(row)
        )
        public_content_changed()  # a bulk insert sends no signal


class CuratedResource(resources.ModelResource):
    """Records found by slug; text trimmed; every error reported against its row and column, never a 500.

    The internal fields (version, search_text and the search index) never leave the database. The preview notes the
    version of every record it read (seen_versions); the confirmation passes them back and writes nothing if any
    record changed since.
    """

    # Exported for reference, ignored on import.
    export_only = ["id"]
    # Export-only columns the import preview shows all the same.
    shown_in_preview = []
    # What the import page says of a column whose format is not plain (column -> text).
    column_help = {}

    class Meta:
        # The file's records in one query, not one per row.
        instance_loader_class = CachedInstanceLoader

    # Related records read with each record when its version is written to the history (django-reversion follows
    # them): in one query per relation for the whole file, not one per row.
    followed_in_history = []

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for name in self.export_only:
            self.fields[name].readonly = True
        self.seen_versions = {}  # slug -> version, or None for a record the file creates
        self.lines_of_slug = {}
        self.row_changes = []
        self.loaded_instance = None

    def get_diff_class(self):
        return ColumnDiff

    def get_import_fields(self):
        """The columns an import reads, and the preview shows."""
        return [
            field
            for field in super().get_import_fields()
            if not field.readonly or field.column_name in self.shown_in_preview
        ]

    def get_user_visible_fields(self):
        """The columns the import page lists."""
        return [field for field in self.get_import_fields() if not field.readonly]

    def example_row(self):
        """One made-up record that the import takes, for the template file the import page offers (column ->
        value): its related records are the first ones stored. None for a model the admin does not import into."""
        return None

    def template_dataset(self):
        """The template file's content: the columns the import reads, and the example row."""
        columns = [field.column_name for field in self.get_user_visible_fields()]
        example = self.example_row() or {}
        return tablib.Dataset([example.get(column, "") for column in columns], headers=columns)

    def import_data(self, dataset, dry_run=False, **kwargs):
        # All or nothing: one transaction, rolled back if any row has an error, a validation error included. The
        # history is written at the end, in bulk (after_import): recording each row as it is saved, following its
        # relations and serialising it again on every change of its themes or cities, was most of an import's time.
        kwargs.update(use_transactions=True, rollback_on_validation_errors=True)
        # Each row's save leaves the search index alone; the records written are indexed together (after_import).
        with search_index_deferred():
            return super().import_data(dataset, dry_run=dry_run, **kwargs)

    def record_history(self, result, user=None):
        """One entry in the history for the whole file, holding a version of each record it created or changed. The
        records are read again in chunks, with what the history follows prefetched, so serialising them costs no
        query per record."""
        written = [
            row.object_id
            for row in result.rows
            if row.import_type in {RowResult.IMPORT_TYPE_NEW, RowResult.IMPORT_TYPE_UPDATE}
        ]
        if not written:
            return
        with reversion.create_revision(atomic=False):
            if user is not None:
                reversion.set_user(user)
            reversion.set_comment(_("Imported from a file"))
            for start in range(0, len(written), HISTORY_CHUNK):
                records = self.get_queryset().filter(pk__in=written[start : start + HISTORY_CHUNK])
                for record in records.prefetch_related(*self.followed_in_history):
                    reversion.add_to_revision(record)

    @staticmethod
    def find_lines_of_slug(dataset):
        """slug -> the spreadsheet lines that hold it: more than one is an error on each of them."""
        lines = {}
        headers = [str(header or "").strip() for header in dataset.headers or []]
        if "slug" in headers:
            for number, row in enumerate(dataset, 1):
                slug = str(row[headers.index("slug")] or "").strip()
                if slug:
                    lines.setdefault(slug, []).append(spreadsheet_line(number))
        return lines

    def before_import(self, dataset, seen_versions=None, lines_of_slug=None, **kwargs):
        if dataset.headers:
            dataset.headers = [str(header or "").strip() for header in dataset.headers]
        # A background preview reads the file in parts: the lines of each slug are those of the whole file.
        self.lines_of_slug = self.find_lines_of_slug(dataset) if lines_of_slug is None else lines_of_slug
        if seen_versions is not None:
            self.check_unchanged_since_preview(dataset, seen_versions)
        super().before_import(dataset, **kwargs)

    def check_unchanged_since_preview(self, dataset, seen_versions):
        """Inside the import's transaction, the records locked until it ends (on PostgreSQL): any record whose
        version differs from the one the preview read stops the whole import, before anything is written."""
        current = dict(
            self._meta.model.objects.select_for_update()
            .filter(slug__in=list(seen_versions))
            .values_list("slug", "version")
        )
        stale = {
            slug: min(self.lines_of_slug.get(slug, [0]))
            for slug, version in seen_versions.items()
            if current.get(slug) != version
        }
        # A record another person added since the preview, under a slug of the file, counts as a change too.
        stale |= {
            slug: min(lines)
            for slug, lines in self.lines_of_slug.items()
            if slug not in seen_versions and slug in current
        }
        if stale:
            del dataset[:]  # nothing to check or write any further
            raise StaleRecordsError(dict(sorted(stale.items(), key=lambda item: item[1])))

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        self.loaded_instance = None if new else instance
        if row is not None and row.get("slug"):
            self.seen_versions[str(row["slug"])] = None if new else instance.version

    def after_import(self, dataset, result, dry_run=False, user=None, **kwargs):
        super().after_import(dataset, result, dry_run=dry_run, user=user, **kwargs)
        # For the confirmation form, which carries them to the import itself.
        result.seen_versions = self.seen_versions
        if not dry_run and not result.has_errors() and not result.has_validation_errors():
            self.record_history(result, user)
            self.refresh_search_index(result)

    def refresh_search_index(self, result):
        """The search index of the records written (their themes and cities were added in bulk, with no signal), or,
        for themes, cities and regions, of the initiatives found by their names: in chunks, not one row at a time."""
        written = [
            row.object_id
            for row in result.rows
            if row.import_type in {RowResult.IMPORT_TYPE_NEW, RowResult.IMPORT_TYPE_UPDATE}
        ]
        refresh_search_index_of(self._meta.model, written)

    def after_import_row(self, row, row_result, progress=None, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        row_result.changes, self.row_changes = self.row_changes, []
        if progress is not None:
            progress(kwargs["row_number"])

    def before_import_row(self, row, **kwargs):
        for column, value in row.items():
            if isinstance(value, str):
                row[column] = from_safe_cell(value.strip())
        super().before_import_row(row, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        """Read every column, the related records too, so that all the row's errors are reported together."""
        errors = {}
        lines = self.lines_of_slug.get(str(row.get("slug") or ""), [])
        if len(lines) > 1:
            # Otherwise the last row would silently win over the others.
            errors["slug"] = ValidationError(
                _("“%(slug)s” is on lines %(lines)s: give each record on one line only.")
                % {"slug": row["slug"], "lines": ", ".join(str(line) for line in lines)},
                code="duplicate",
            )
        for field in self.get_import_fields():
            if field.readonly:
                continue
            try:
                if isinstance(field.widget, widgets.ManyToManyWidget):
                    self.check_related_records(field, instance, row, **kwargs)
                else:
                    self.import_field(field, instance, row, **kwargs)
            except ValueError as error:
                errors[field.column_name] = ValidationError(str(error), code="invalid")
        if errors:
            raise ValidationError(errors)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        # A value not given stays as it is, stored as "" or as None: not a change to preview, save or version.
        empty = ("", None)
        if (
            not is_m2m
            and not field.readonly
            and field.column_name in row
            and field.clean(row, **kwargs) in empty
            and getattr(instance, field.attribute, None) in empty
        ):
            return
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def save_m2m(self, instance, row, **kwargs):
        """The related records (themes, cities) as the row gives them. Only the links that change are written, in one
        query, compared with the ones read with the record; the record keeps the new ones in its prefetch cache, so
        the preview's diff and the history read them without a query."""
        if kwargs.get("dry_run") and not kwargs.get("using_transactions"):
            return
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                self.set_related(instance, field.attribute, list(field.clean(row, **kwargs)))
        for field in self.rows_in_cell_fields(row):
            if field.changes(instance, row):
                field.write(instance, row)
            getattr(instance, "_prefetched_objects_cache", {}).pop(field.attribute, None)

    def rows_in_cell_fields(self, row):
        """The columns of the file that hold records belonging to the record (RowsInCellField)."""
        return [
            field
            for field in self.get_import_fields()
            if isinstance(field, RowsInCellField) and not field.readonly and field.column_name in row
        ]

    def skip_row(self, instance, original, row, import_validation_errors=None):
        # Links and sources are written after the record: a change of their column alone is a change too.
        if (
            not import_validation_errors
            and self._meta.skip_unchanged
            and any(field.changes(original, row) for field in self.rows_in_cell_fields(row))
        ):
            return False
        return super().skip_row(instance, original, row, import_validation_errors)

    def set_related(self, instance, name, records):
        manager = getattr(instance, name)
        cache = instance.__dict__.setdefault("_prefetched_objects_cache", {})
        current = []  # a record the row has just created has none yet
        if self.loaded_instance is not None:
            current = list(cache[name]) if name in cache else list(manager.all())
        current_pks = {record.pk for record in current}
        wanted_pks = {record.pk for record in records}
        if current_pks - wanted_pks:
            manager.remove(*current_pks - wanted_pks)
        added = [record for record in records if record.pk not in current_pks]
        if added:
            manager.through.objects.bulk_create(
                [
                    manager.through(
                        **{f"{manager.source_field_name}_id": instance.pk, f"{manager.target_field_name}_id": record.pk}
                    )
                    for record in added
                ]
            )
            public_content_changed()  # a bulk insert sends no signal: the cached public pages must still go stale
        cache.pop(name, None)
        kept = manager.get_queryset()  # not evaluated: the records are known
        kept._result_cache = [record for record in current if record.pk in wanted_pks] + added
        kept._prefetch_done = True
        cache[name] = kept

    def check_related_records(self, field, instance, row, **kwargs):
        """The related records are saved after the record itself (save_m2m); found here to report unknown ones."""
        if field.column_name in row:
            records = field.clean(row, **kwargs)
        elif instance.pk is None:
            records = []
        else:
            return  # the record keeps the ones it has
        model_field = self._meta.model._meta.get_field(field.attribute)
        if not records and not model_field.blank:
            raise ValueError(
                _("Give at least one of the %(records)s, separated by “%(separator)s”.")
                % {"records": model_field.related_model._meta.verbose_name_plural, "separator": LIST_SEPARATOR}
            )

    def export_field(self, field, instance, **kwargs):
        """Every cell of a CSV or XLSX export: text that a spreadsheet would run as a formula is disarmed."""
        value = super().export_field(field, instance, **kwargs)
        if isinstance(field.widget, widgets.NumberWidget):
            return value  # a number, a negative longitude included, stays a number
        return safe_cell(value)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The model's own checks (coordinate ranges, choices, ...), and its text in the default language.

        The slug, the only unique field, needs no query per row: a record is found by its slug (so a new one's is
        free) and a slug twice in the file is an error of its own."""
        validate_unique = False
        errors = dict(import_validation_errors or {})
        default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        for name in translator.get_options_for_model(self._meta.model).fields:
            column = build_localized_fieldname(name, default)
            required = not self._meta.model._meta.get_field(name).blank
            if required and column in self.fields and not getattr(instance, column):
                message = _("Every record needs this in %(language)s, the site's main language.") % {
                    "language": dict(settings.LANGUAGES)[default]
                }
                errors.setdefault(column, [ValidationError(message, code="required")])
        try:
            super().validate_instance(instance, errors, validate_unique)
        except ValidationError as error:
            # The untranslated field ("name") is no column; its error is the one reported for name_<default>.
            raise ValidationError(
                {
                    key: messages
                    for key, messages in error.error_dict.items()
                    if build_localized_fieldname(key, default) not in error.error_dict
                }
            ) from None


RECORDS_HELP = gettext_lazy("Slugs or names in any language, separated by “;”.")
LINKS_HELP = gettext_lazy(
    "Web addresses separated by “;”. The kind is guessed from the host (instagram.com: Instagram, t.me: Telegram, "
    "facebook.com, youtube.com, tiktok.com, vk.com, x.com; any other: website); write “kind | URL” to name another."
)
SOURCES_HELP = gettext_lazy(
    "Sources separated by “;”, each “title | URL | publisher | date” (the date as 2024-05-31), as far as they are "
    "known: “Rally in Almaty | https://vlast.kz/rally | Vlast.kz | 2019-06-12”."
)
YES_NO_HELP = gettext_lazy("1 or 0, yes or no (да/нет, иә/жоқ).")
DATE_HELP = gettext_lazy("A date as 2024-05-31 or 31.05.2024.")


def choices_help(choices):
    return format_lazy(gettext_lazy("One of: {choices}."), choices=", ".join(choices.values))


def first_slug(model, **filters):
    record = model.objects.filter(**filters).first()
    return record.slug if record else ""


class RegionResource(CuratedResource):
    class Meta:
        model = Region
        fields = ["id", "slug", *in_every_language("name"), "kind", "latitude", "longitude"]
        import_id_fields = ["slug"]


class CityResource(CuratedResource):
    region = fields.Field(attribute="region", column_name="region", widget=RecordWidget(Region))
    latitude = fields.Field(attribute="latitude", column_name="latitude", widget=CoordinateWidget())
    longitude = fields.Field(attribute="longitude", column_name="longitude", widget=CoordinateWidget())
    population = fields.Field(attribute="population", column_name="population", widget=WholeNumberWidget())

    class Meta:
        model = City
        fields = ["id", "slug", *in_every_language("name"), "region", "latitude", "longitude", "population"]
        import_id_fields = ["slug"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    column_help = {
        "region": gettext_lazy("The region's slug or its name in any language."),
        "latitude": gettext_lazy("Decimal degrees, such as 43.238949."),
        "longitude": gettext_lazy("Decimal degrees, such as 76.889709."),
    }

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("region")

    stored_place = None

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        # Where the record stood before this row: a row that leaves the point and the region as they are is not
        # checked against the region's centre again (an Editor may have confirmed a far place in the form).
        self.stored_place = None if new else (instance.region_id, instance.latitude, instance.longitude)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """A point outside Kazakhstan is refused by the model (City.clean); one far from its region's centre is
        refused here with the distance, whoever imports it: an Editor who finds it right confirms it in the form."""
        errors = dict(import_validation_errors or {})
        place = (instance.region_id, instance.latitude, instance.longitude)
        if not errors.keys() & {"region", "latitude", "longitude"} and place != self.stored_place:
            try:
                instance.check_inside_kazakhstan()
                instance.check_near_its_region()
            except ValidationError as error:
                if not hasattr(error, "error_dict"):  # outside Kazakhstan: City.clean says which coordinate
                    advice = _("An Editor who finds the place right saves it in the city's form, not by import.")
                    far = ValidationError({NON_FIELD_ERRORS: [error, ValidationError(advice, code="confirm_in_form")]})
                    errors = far.update_error_dict(errors)
        super().validate_instance(instance, errors, validate_unique)

    def example_row(self):
        region = Region.objects.filter(latitude__isnull=False).first() or Region.objects.first()
        near = region if region and region.latitude is not None else None
        return {
            "slug": "akbulak-example",
            "name_kk": "Ақбұлақ (мысал)",
            "name_ru": "Акбулак (пример)",
            "name_en": "Akbulak (example)",
            "region": region.slug if region else "",
            # At its region's centre, the one place sure to be in the region.
            "latitude": str(near.latitude) if near else "48.000000",
            "longitude": str(near.longitude) if near else "67.000000",
            "population": "12000",
        }


class ThemeResource(CuratedResource):
    class Meta:
        model = Theme
        fields = ["id", "slug", *in_every_language("name", "description"), "color", "display_order"]
        import_id_fields = ["slug"]


class InitiativeResource(CuratedResource):
    """Imported initiatives arrive as drafts, whatever the file says: publishing stays an editor's act."""

    followed_in_history = ["links", "sources"]

    export_only = [
        "id",
        "publication_status",
        "image",
        *in_every_language("image_alt"),
        "created_at",
        "updated_at",
    ]
    # So that an editor sees a published record return to draft.
    shown_in_preview = ["publication_status"]
    column_help = {
        "themes": RECORDS_HELP,
        "cities": RECORDS_HELP,
        "form": choices_help(Initiative.Form),
        "activity_status": choices_help(Initiative.ActivityStatus),
        "is_nationwide": YES_NO_HELP,
        "is_online": YES_NO_HELP,
        "is_sensitive": YES_NO_HELP,
        "last_verified": DATE_HELP,
        "links": LINKS_HELP,
        "sources": SOURCES_HELP,
    }

    themes = fields.Field(attribute="themes", column_name="themes", widget=RecordsWidget(Theme))
    cities = fields.Field(attribute="cities", column_name="cities", widget=RecordsWidget(City))
    # An empty cell leaves the form and the status as they were (for a new record, the model's default).
    form = fields.Field(
        attribute="form", column_name="form", widget=ChoiceWidget(Initiative.Form), saves_null_values=False
    )
    activity_status = fields.Field(
        attribute="activity_status",
        column_name="activity_status",
        widget=ChoiceWidget(Initiative.ActivityStatus),
        saves_null_values=False,
    )
    year_started = fields.Field(attribute="year_started", column_name="year_started", widget=WholeNumberWidget())
    year_ended = fields.Field(attribute="year_ended", column_name="year_ended", widget=WholeNumberWidget())
    # An empty cell leaves the value as it was (for a new record, "no"): never a silent change of is_sensitive.
    is_nationwide = fields.Field(
        attribute="is_nationwide", column_name="is_nationwide", widget=YesNoWidget(), saves_null_values=False
    )
    is_online = fields.Field(
        attribute="is_online", column_name="is_online", widget=YesNoWidget(), saves_null_values=False
    )
    is_sensitive = fields.Field(
        attribute="is_sensitive", column_name="is_sensitive", widget=YesNoWidget(), saves_null_values=False
    )
    last_verified = fields.Field(attribute="last_verified", column_name="last_verified", widget=DayWidget())
    links = RowsInCellField(LINK_PARTS, attribute="links", column_name="links", widget=LinksWidget())
    sources = RowsInCellField(SOURCE_PARTS, attribute="sources", column_name="sources", widget=SourcesWidget())

    class Meta:
        model = Initiative
        fields = [
            "id",
            "slug",
            *in_every_language("name", "summary", "description"),
            "form",
            "activity_status",
            "year_started",
            "year_ended",
            "themes",
            "cities",
            "is_nationwide",
            "is_online",
            "is_sensitive",
            "last_verified",
            "links",
            "sources",
            "publication_status",
            "image",
            *in_every_language("image_alt"),
            "created_at",
            "updated_at",
        ]
        import_id_fields = ["slug"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def import_instance(self, instance, row, **kwargs):
        user = kwargs.get("user")
        if instance.pk and user is not None and not instance.can_be_edited_by(user):
            raise ValidationError(
                _("“%(slug)s” is %(status)s: only an editor may change it.")
                % {"slug": instance.slug, "status": instance.get_publication_status_display().lower()}
            )
        try:
            super().import_instance(instance, row, **kwargs)
        finally:
            instance.publication_status = PublicationStatus.DRAFT

    def example_row(self):
        return {
            "slug": "green-courtyards-example",
            "name_kk": "Жасыл аулалар (мысал)",
            "name_ru": "Зелёные дворы (пример)",
            "name_en": "Green Courtyards (example)",
            "summary_kk": "Үйлерінің аулаларына ағаш отырғызып, суаратын көршілер. Үлгі жол: оны нақты бастамамен "
            "ауыстырыңыз.",
            "summary_ru": "Соседи, которые сажают и поливают деревья во дворах своих домов. Строка-пример: замените "
            "её настоящей инициативой.",
            "summary_en": "Neighbours who plant and water trees in the courtyards of their blocks. An example line: "
            "replace it with a real initiative.",
            "form": Initiative.Form.VOLUNTEER,
            "activity_status": Initiative.ActivityStatus.ACTIVE,
            "year_started": "2021",
            "themes": first_slug(Theme),
            "cities": first_slug(City),
            "is_nationwide": "no",
            "is_online": "no",
            "is_sensitive": "no",
            "last_verified": "2025-03-01",
            "links": "https://www.instagram.com/green_courtyards_example; https://example.org/green-courtyards",
            "sources": "Neighbours plant forty elms | https://example.org/news/forty-elms | Example News | 2024-04-20",
        }

    def get_queryset(self):
        # The record's themes, cities, links and sources with it: the preview compares them on every row.
        return super().get_queryset().prefetch_related("themes", "cities", "links", "sources")

    def filter_export(self, queryset, **kwargs):
        return queryset.prefetch_related("themes", "cities", "links", "sources")


class EventResource(CuratedResource):
    """Events found by slug. Imported events are drafts unless an editor imports them, and an editor's file publishes
    an event only if it passes the publication rules (Event.check_publishable): at least one source, given in its row
    or already stored, and its title and summary in the site's main language."""

    followed_in_history = ["sources"]

    export_only = ["id", "created_at", "updated_at"]

    date = fields.Field(attribute="date", column_name="date", widget=DayWidget())
    date_precision = fields.Field(
        attribute="date_precision",
        column_name="date_precision",
        widget=ChoiceWidget(Event.DatePrecision),
        saves_null_values=False,
    )
    end_date = fields.Field(attribute="end_date", column_name="end_date", widget=DayWidget())
    kind = fields.Field(attribute="kind", column_name="kind", widget=ChoiceWidget(Event.Kind))
    initiatives = fields.Field(attribute="initiatives", column_name="initiatives", widget=RecordsWidget(Initiative))
    themes = fields.Field(attribute="themes", column_name="themes", widget=RecordsWidget(Theme))
    city = fields.Field(attribute="city", column_name="city", widget=RecordWidget(City))
    region = fields.Field(attribute="region", column_name="region", widget=RecordWidget(Region))
    is_nationwide = fields.Field(
        attribute="is_nationwide", column_name="is_nationwide", widget=YesNoWidget(), saves_null_values=False
    )
    is_online = fields.Field(
        attribute="is_online", column_name="is_online", widget=YesNoWidget(), saves_null_values=False
    )
    participants = fields.Field(attribute="participants", column_name="participants", widget=WholeNumberWidget())
    detained = fields.Field(attribute="detained", column_name="detained", widget=WholeNumberWidget())
    fined = fields.Field(attribute="fined", column_name="fined", widget=WholeNumberWidget())
    injured = fields.Field(attribute="injured", column_name="injured", widget=WholeNumberWidget())
    is_sensitive = fields.Field(
        attribute="is_sensitive", column_name="is_sensitive", widget=YesNoWidget(), saves_null_values=False
    )
    sources = RowsInCellField(SOURCE_PARTS, attribute="sources", column_name="sources", widget=SourcesWidget())
    publication_status = fields.Field(
        attribute="publication_status",
        column_name="publication_status",
        widget=ChoiceWidget(PublicationStatus),
        saves_null_values=False,
    )

    column_help = {
        "date": DATE_HELP,
        "end_date": DATE_HELP,
        "date_precision": choices_help(Event.DatePrecision),
        "kind": choices_help(Event.Kind),
        "initiatives": RECORDS_HELP,
        "themes": RECORDS_HELP,
        "city": gettext_lazy("The city's slug or its name in any language."),
        "region": gettext_lazy("The region's slug or its name in any language."),
        "is_nationwide": YES_NO_HELP,
        "is_online": YES_NO_HELP,
        "is_sensitive": YES_NO_HELP,
        "sources": SOURCES_HELP,
        "publication_status": choices_help(PublicationStatus),
    }

    class Meta:
        name = gettext_lazy("Events, in this site's columns")
        model = Event
        fields = [
            "id",
            "slug",
            *in_every_language("title", "summary", "description"),
            "date",
            "date_precision",
            "end_date",
            "kind",
            "initiatives",
            "themes",
            "city",
            "region",
            "is_nationwide",
            "is_online",
            "participants",
            "participants_source",
            "detained",
            "fined",
            "injured",
            "is_sensitive",
            "sources",
            "publication_status",
            "created_at",
            "updated_at",
        ]
        import_id_fields = ["slug"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def import_instance(self, instance, row, **kwargs):
        user = kwargs.get("user")
        if instance.pk and user is not None and not instance.can_be_edited_by(user):
            raise ValidationError(
                _("“%(slug)s” is %(status)s: only an editor may change it.")
                % {"slug": instance.slug, "status": instance.get_publication_status_display().lower()}
            )
        stored_status = instance.publication_status
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if user is None or not Event.can_publish(user):
            instance.publication_status = PublicationStatus.DRAFT
        elif instance.publication_status != stored_status:
            allowed = type(instance)(pk=instance.pk, publication_status=stored_status).allowed_statuses(user)
            if instance.publication_status not in allowed:
                errors["publication_status"] = [
                    _("An event cannot go from “%(current)s” to “%(status)s”.")
                    % {
                        "current": PublicationStatus(stored_status).label,
                        "status": PublicationStatus(instance.publication_status).label,
                    }
                ]
        if "initiatives" not in errors and "is_sensitive" not in errors:
            # The file's initiatives, or those stored when it has no such column.
            if "initiatives" in row:
                initiatives = self.fields["initiatives"].clean(row)
            else:
                initiatives = instance.initiatives.all() if instance.pk else []
            try:
                instance.check_sensitive_initiatives(initiatives)
            except ValidationError as error:
                errors = error.update_error_dict(errors)
        if instance.publication_status == PublicationStatus.PUBLISHED and "sources" not in errors:
            given = self.fields["sources"].clean(row) if "sources" in row else None
            try:
                instance.check_publishable(source_count=None if given is None else len(given))
            except ValidationError as error:
                # Each reason in its column (title_kk, sources); a column already in error says so already.
                for column, messages in error.message_dict.items():
                    errors.setdefault(column, messages)
        if errors:
            raise ValidationError(errors)

    def example_row(self):
        city = City.objects.select_related("region").first()
        return {
            "slug": "rally-for-the-courtyard-elms-example",
            "title_kk": "Аула қарағаштарын қорғау митингі (мысал)",
            "title_ru": "Митинг в защиту вязов во дворе (пример)",
            "title_en": "Rally for the courtyard elms (example)",
            "summary_kk": "Алпысқа жуық көрші аулада қарағаштардың кесілуін тоқтату үшін жиналды. Үлгі жол: оны "
            "нақты оқиғамен ауыстырыңыз.",
            "summary_ru": "Около шестидесяти соседей собрались, чтобы остановить вырубку вязов во дворе. "
            "Строка-пример: замените её настоящим событием.",
            "summary_en": "About sixty neighbours gathered to stop the felling of the elms in their courtyard. An "
            "example line: replace it with a real event.",
            "date": "2024-04-20",
            "date_precision": Event.DatePrecision.DAY,
            "kind": Event.Kind.PROTEST,
            "themes": first_slug(Theme),
            "city": city.slug if city else "",
            "region": city.region.slug if city else "",
            "is_nationwide": "no",
            "is_online": "no",
            "participants": "60",
            "is_sensitive": "no",
            "sources": "Neighbours defend the courtyard elms | https://example.org/news/courtyard-elms | "
            "Example News | 2024-04-20",
            "publication_status": PublicationStatus.DRAFT,
        }

    def get_queryset(self):
        # What the preview compares on every row, read with the events.
        return super().get_queryset().prefetch_related("initiatives", "themes", "sources")

    def filter_export(self, queryset, **kwargs):
        # The admin list's own prefetch of the initiatives (their names) is replaced: the file names them by slug.
        return (
            queryset.select_related("city", "region")
            .prefetch_related(None)
            .prefetch_related(Prefetch("initiatives", Initiative.objects.only("pk", "slug")), "themes", "sources")
        )


class AcledEventResource(EventResource):
    """A CSV file exported from ACLED, with ACLED's own columns (activism/acled.py): each line a draft event, with its
    ACLED id kept as a source. A line whose ACLED id is already an event's source is skipped."""

    file_key_columns = acled.REQUIRED_COLUMNS
    shown_in_preview = ["note"]

    note = fields.Field(attribute="import_note", column_name="note", readonly=True)

    class Meta(EventResource.Meta):
        name = gettext_lazy("Events from a CSV file exported from ACLED")
        fields = [*EventResource.Meta.fields, "note"]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.converted = {}  # slug -> acled.Converted
        self.already_imported = set()  # slugs
        self.line_errors = {}  # the ACLED line's own errors, if the line being imported has any

    def before_import(self, dataset, **kwargs):
        """The ACLED lines become lines of the events' own columns, one for one (the line numbers stay the file's)."""
        headers = [str(header or "").strip() for header in dataset.headers or []]
        lines = [dict(zip(headers, values, strict=False)) for values in dataset]
        converter = acled.AcledConverter()
        converted = [converter.convert(line) for line in lines]
        imported = acled.imported_events(item.acled_id for item in converted)
        columns = ["slug", "title_en", "summary_en", "description_en", "date", "date_precision", "kind"]
        columns += ["city", "region", "sources"]
        dataset.wipe()
        dataset.headers = columns
        for item in converted:
            if item.acled_id in imported:
                item.row["slug"] = imported[item.acled_id]
                self.already_imported.add(item.row["slug"])
            self.converted[item.row["slug"]] = item
            dataset.append([item.row[column] for column in columns])
        super().before_import(dataset, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        item = self.converted.get(str(row.get("slug") or ""))
        if item is None:
            return super().import_instance(instance, row, **kwargs)
        self.line_errors = item.errors
        if item.errors:
            raise ValidationError(item.errors)
        if row["slug"] in self.already_imported:
            instance.import_note = _("Already imported: left as it is.")
            return
        super().import_instance(instance, row, **kwargs)
        instance.publication_status = PublicationStatus.DRAFT  # drafts only, whoever imports
        instance.import_note = " ".join(item.notes)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # A line ACLED's columns could not be read from is reported by those columns alone, not by every field of
        # the event left empty.
        if self.line_errors:
            raise ValidationError(self.line_errors)
        super().validate_instance(instance, import_validation_errors, validate_unique)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if row.get("slug") in self.already_imported and not import_validation_errors:
            return True
        return super().skip_row(instance, original, row, import_validation_errors)


class AuthorResource(CuratedResource):
    class Meta:
        model = Author
        fields = ["id", "slug", *in_every_language("name", "affiliation", "bio"), "photo"]
        import_id_fields = ["slug"]


class BlogPostResource(CuratedResource):
    author = fields.Field(attribute="author", column_name="author", widget=RecordWidget(Author))
    initiatives = fields.Field(attribute="initiatives", column_name="initiatives", widget=RecordsWidget(Initiative))
    themes = fields.Field(attribute="themes", column_name="themes", widget=RecordsWidget(Theme))

    class Meta:
        model = BlogPost
        fields = [
            "id",
            "slug",
            *in_every_language("title"),
            "author",
            *in_every_language("lead", "body"),
            "cover_image",
            *in_every_language("cover_image_alt"),
            "published_at",
            "initiatives",
            "themes",
            "publication_status",
            "created_at",
            "updated_at",
        ]
        import_id_fields = ["slug"]

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("author").prefetch_related(
            Prefetch("initiatives", Initiative.objects.only("pk", "slug")), "themes"
        )


# The models a file may be imported into, by model name (the background import job names them so).
IMPORT_RESOURCES = {"city": CityResource, "initiative": InitiativeResource, "event": EventResource}


def import_errors_by_line(result, most=200, rows_before=0):
    """Every error of an import as a sentence naming its spreadsheet line (the header is line 1) and, for an error
    of one cell, its column as the file's header names it: "Line 3, column year_started: ...". rows_before: the rows
    of the file before this part of it, for a file read in parts."""
    errors = [
        error.error.message() if isinstance(error.error, StaleRecordsError) else str(error.error)
        for error in result.base_errors
    ]
    for row in result.error_rows:
        line = spreadsheet_line(rows_before + row.number)
        errors += [_("Line %(line)s: %(error)s") % {"line": line, "error": error.error} for error in row.errors]
    for row in result.invalid_rows:
        line = spreadsheet_line(rows_before + row.number)
        for column, messages in row.field_specific_errors.items():
            errors += [
                _("Line %(line)s, column %(column)s: %(error)s") % {"line": line, "column": column, "error": message}
                for message in messages
            ]
        errors += [
            _("Line %(line)s: %(error)s") % {"line": line, "error": message}
            for message in row.non_field_specific_errors
        ]
    return errors[:most]
