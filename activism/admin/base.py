from contextlib import nullcontext
from itertools import groupby

import reversion
from django.apps import apps
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import quote, unquote
from django.contrib.admin.views.main import ERROR_FLAG
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ManyToOneRel, ProtectedError
from django.db.models.deletion import Collector
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.timezone import template_localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ExportMixin, ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from modeltranslation.admin import TranslationAdmin
from reversion.errors import RevertError
from reversion.models import Version
from reversion.revisions import _get_options
from reversion.utils import mute_signals
from reversion_compare.admin import CompareVersionAdmin

from ..forms import (
    ConfirmSpreadsheetImportForm,
    CuratedListFormSet,
    CuratedRecordForm,
    PublishedRecordForm,
    SendBackForm,
    SourceFormSet,
    SpreadsheetExportForm,
    SpreadsheetImportForm,
)
from ..images import picture
from ..markup import render_markdown
from ..models import (
    ImportJob,
    PublicationStatus,
    PublishedRecord,
)
from ..models.reviews import BOOKKEEPING_FIELDS, KEPT_ON_RESTORE, belongings
from ..resources import (
    import_errors_by_line,
    stale_records_error,
)
from ..tasks import preview_import_job, run_import_job
from .reviews import PendingChangeAdminMixin


def image_preview(image, alt=""):
    """The small copy of the image (what the public pages send), not the uploaded file."""
    copies = picture(image)
    if not copies:
        return "—"
    return format_html('<img src="{}" alt="{}" class="admin-preview" width="120">', copies["src"], alt)


class RecordPhrasesMixin:
    """The admin's phrases that name the kind of record, each written whole for the model (`phrases`), so that Russian
    and Kazakh put the name in its case: Django builds "Add %s", "Change %s" and "Select %s to change" from the
    nominative verbose name, which reads «Добавить инициатива». Keys: add (the list's button and the add page's
    title), change, view (the record's page), select_change, select_view (the list). A phrase not given keeps
    Django's."""

    phrases = {}

    def changelist_view(self, request, extra_context=None):
        extra = {}
        if "add" in self.phrases:
            extra["add_label"] = self.phrases["add"]  # templates/admin/change_list_object_tools.html
        select = "select_change" if self.has_change_permission(request) else "select_view"
        if select in self.phrases:
            extra["title"] = self.phrases[select]
        return super().changelist_view(request, {**extra, **(extra_context or {})})

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Only Django's own titles are replaced: a page that brings a title of its own (restoring a version) keeps it.
        extra_context = {"phrase_title": "title" not in (extra_context or {}), **(extra_context or {})}
        return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if context.pop("phrase_title", False):
            # As Django chooses between "Add %s", "Change %s" and "View %s".
            if add:
                phrase = "add"
            elif self.has_change_permission(request, obj):
                phrase = "change"
            else:
                phrase = "view"
            if phrase in self.phrases:
                context["title"] = self.phrases[phrase]
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)


def record_phrases(add, change, view, select_change, select_view):
    return {"add": add, "change": change, "view": view, "select_change": select_change, "select_view": select_view}


class CuratedAdmin(RecordPhrasesMixin, CompareVersionAdmin, TranslationAdmin):
    """The researchers' editing page: the three languages side by side, the history of every change with its
    differences, restoring any earlier version or a deleted record (django-reversion), and a save refused when
    someone else saved the record in the meantime."""

    form = CuratedRecordForm
    history_latest_first = True
    # The version comparison (History -> compare) leaves out what the site keeps for itself.
    compare_exclude = BOOKKEEPING_FIELDS
    # Short texts shown on a few lines (still limited to their length), and Markdown texts with a "Preview" button.
    short_text_fields = []
    markdown_fields = []

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        # Nor the untranslated column of a translated field (summary beside summary_en…): it repeats the default
        # language's text.
        self.compare_exclude = [*self.compare_exclude, *self.trans_opts.fields]

    class Media:
        # The three languages of a translated field as tabs (django-modeltranslation's tabbed admin), on a local copy
        # of jQuery UI's tabs: the admin loads nothing from other servers. Then the tabs' marks for the languages
        # still empty, and the Markdown preview.
        js = [
            "admin/js/jquery.init.js",
            "modeltranslation/js/force_jquery.js",
            "vendor/jquery-ui/jquery-ui.tabs.js",
            "modeltranslation/js/tabbed_translation_fields.js",
            "admin-caiss/language-tabs.js",
            "admin-caiss/markdown-preview.js",
        ]
        css = {"all": ["modeltranslation/css/tabbed_translation_fields.css"]}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # A translated field (summary_en) takes the widget of the field it translates (summary).
        name = getattr(db_field, "translated_field", db_field).name
        if name in self.short_text_fields:
            kwargs["widget"] = AdminTextareaWidget(attrs={"rows": 3})
        elif name in self.markdown_fields:
            opts = self.opts
            kwargs["widget"] = AdminTextareaWidget(
                attrs={
                    "data-markdown-preview": reverse(f"admin:{opts.app_label}_{opts.model_name}_markdown_preview"),
                    "data-preview-label": _("Preview"),
                    "data-hide-label": _("Hide the preview"),
                    "data-empty-label": _("Nothing to preview yet."),
                    "data-error-label": _("The preview could not be shown. Try again."),
                }
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_urls(self):
        opts = self.opts
        preview = path(
            "markdown-preview/",
            self.admin_site.admin_view(self.markdown_preview_view),
            name=f"{opts.app_label}_{opts.model_name}_markdown_preview",
        )
        return [preview, *super().get_urls()]

    def markdown_preview_view(self, request):
        """A Markdown text (POST, with the CSRF token) as the public page shows it: rendered and sanitised by the same
        function (activism/markup.py), an HTML fragment for the change form's "Preview" button."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        response = HttpResponse(render_markdown(request.POST.get("text", "")), content_type="text/html; charset=utf-8")
        # A fragment to insert, never a page to open: nothing in it may run even if it were.
        response["Content-Security-Policy"] = "default-src 'none'"
        return response

    def get_fieldsets(self, request, obj=None):
        # The version the editor loaded must travel with every change form, whatever its fieldsets list, or no save
        # of an existing record could pass the concurrent-edit check.
        fieldsets = super().get_fieldsets(request, obj)
        if any("loaded_version" in options["fields"] for _name, options in fieldsets):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "loaded_version"]}), *rest]

    def get_changelist_form(self, request, **kwargs):
        # The list's editable rows carry the version each was loaded at, so an old list page cannot undo a newer save.
        return super().get_changelist_form(request, form=CuratedRecordForm, **kwargs)

    def get_changelist_formset(self, request, **kwargs):
        return super().get_changelist_formset(request, formset=CuratedListFormSet, **kwargs)

    def get_deleted_objects(self, objs, request):
        """The delete page without the rows that only link two records (an initiative's themes, an event's
        initiatives): they are no records of their own, and Django names them in English whatever the language
        ("Initiative-theme relationship: Initiative_themes object (1)")."""
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        links = [model for model in apps.get_models(include_auto_created=True) if model._meta.auto_created]
        prefixes = tuple(f"{capfirst(model._meta.verbose_name)}: " for model in links)
        link_names = {str(model._meta.verbose_name_plural) for model in links}

        def without_links(items):
            kept = []
            for item in items:
                if isinstance(item, list):
                    if nested := without_links(item):
                        kept.append(nested)
                elif not str(item).startswith(prefixes):
                    kept.append(item)
            return kept

        model_count = {name: count for name, count in model_count.items() if str(name) not in link_names}
        return without_links(to_delete), model_count, perms_needed, protected

    # Restoring a version (History) and bringing back a deleted record (Recover). django-reversion's own views write
    # back the version's whole revision (every record of an imported file or of a list action) before any check, keep
    # it whenever the page answers with a redirect, and take any version id under any model's URL; these write back
    # only the record and what belongs to it, check first and keep nothing unless the form below saved.

    def revision_view(self, request, object_id, version_id, extra_context=None):
        object_id = unquote(object_id)
        version = get_object_or_404(Version.objects.get_for_model(self.model), pk=version_id, object_id=object_id)
        if self.get_object(request, object_id) is None:
            raise Http404  # a deleted record comes back through the recover page
        context = {
            "title": _("Restore %(name)s") % {"name": version.object_repr},
            "revert": True,
            "keeps_publication_status": issubclass(self.model, PublishedRecord),
            **(extra_context or {}),
        }
        return self.restore_view(request, version, "reversion/activism/revision_form.html", context)

    def recover_view(self, request, version_id, extra_context=None):
        version = get_object_or_404(Version.objects.get_for_model(self.model), pk=version_id)
        if self.model._default_manager.filter(pk=version.object_id).exists():
            raise Http404  # not deleted: its earlier versions are restored from its history
        context = {
            "title": _("Recover %(name)s") % {"name": version.object_repr},
            "recover": True,
            "comes_back_as_draft": issubclass(self.model, PublishedRecord),
            **(extra_context or {}),
        }
        return self.restore_view(request, version, "reversion/activism/recover_form.html", context)

    def versions_to_restore(self, version):
        """The version and, from its revision, those of what belongs to the record: the records its model is registered
        to follow (an initiative's links and sources), and theirs. Never the other records saved in the same revision
        (a whole imported file, or every record of a list action)."""
        found = [version]
        for item in found:  # grows as the children are found
            for name in _get_options(item._model).follow:
                relation = item._model._meta.get_field(name)
                if not isinstance(relation, ManyToOneRel):
                    raise ImproperlyConfigured(f"Restoring follows only the reverse of a foreign key, not {name!r}.")
                children = Version.objects.get_for_model(relation.related_model).filter(revision_id=version.revision_id)
                fk_name = relation.field.attname
                found += [child for child in children if str(child.field_dict[fk_name]) == item.object_id]
        return found

    def current_belongings(self, record):
        """What belongs to the record as it stands: the records it follows (see versions_to_restore), and theirs."""
        return belongings(record)

    def check_restore_permission(self, request, versions):
        """Refuse unless the user may change every record restoring writes back, each as it stands now; one that was
        deleted comes back as a draft, which needs the add and change permissions."""
        for item in versions:
            if not self.admin_site.is_registered(item._model):
                continue  # a link or a source, written back with its initiative
            model_admin = self.admin_site.get_model_admin(item._model)
            current = model_admin.get_object(request, item.object_id)
            if current is None:
                allowed = model_admin.has_add_permission(request) and model_admin.has_change_permission(request)
            else:
                allowed = model_admin.has_change_permission(request, current)
                if hasattr(current, "can_be_edited_by"):
                    # A researcher may edit a published record only as a change for review, never restore it.
                    allowed = allowed and current.can_be_edited_by(request.user)
            if not allowed:
                raise PermissionDenied

    def revert_keeping_workflow(self, versions):
        """Write back the record's version and its links and sources as they were in it: those added since are deleted,
        those deleted since come back. The record keeps KEPT_ON_RESTORE as it stands, and comes back as a draft if it
        was deleted."""
        record = versions[0]
        model = record._model
        names = {field.name for field in model._meta.concrete_fields}
        fields = [name for name in KEPT_ON_RESTORE if name in names]
        current = model._default_manager.filter(pk=record.object_id).first()
        if current is None:
            kept = {"publication_status": PublicationStatus.DRAFT} if "publication_status" in fields else {}
        else:
            kept = {name: getattr(current, name) for name in fields}
            restored = {(item._model, item.object_id) for item in versions}
            added_since = [obj for obj in self.current_belongings(current) if (type(obj), str(obj.pk)) not in restored]
            collector = Collector(using=record.db)
            for _model, objs in groupby(sorted(added_since, key=lambda obj: obj._meta.label), key=type):
                collector.collect(list(objs))
            collector.delete()
        try:
            for item in versions:  # the record first: its links and sources point to it
                item.revert()
        except IntegrityError as error:
            raise RevertError(
                _(
                    "This version of %(record)s cannot be restored: another record now has one of its unique values, "
                    "such as its slug. Change that record first, or restore another version."
                )
                % {"record": record.object_repr}
            ) from error
        if kept:
            model._default_manager.filter(pk=record.object_id).update(**kept)

    def restore_view(self, request, version, template_name, context):
        """The change form over the restored version. The version is written inside a transaction that is kept only
        when the form saved (a POST answered with a redirect: the record exists, so the admin's "not found" redirect
        cannot happen); showing the form, form errors and refusals all roll it back."""
        versions = self.versions_to_restore(version)
        self.check_restore_permission(request, versions)
        if "_saveasnew" in request.POST:
            raise PermissionDenied  # would keep the restored version and save a copy under other checks
        # As in django-reversion: only showing a version must not set off what saving does.
        if request.method == "GET":
            signals = mute_signals(pre_save, post_save, pre_delete, post_delete, m2m_changed)
        else:
            signals = nullcontext()
        saved = False
        try:
            with transaction.atomic():
                with signals, self.create_revision(request):
                    self.revert_keeping_workflow(versions)
                    response = self.changeform_view(request, quote(version.object_id), request.path, context)
                    saved = request.method == "POST" and response.status_code == 302
                    if saved:
                        reversion.set_comment(
                            _("Restored the version saved on %(date)s")
                            % {"date": localize(template_localtime(version.revision.date_created))}
                        )
                    elif response.status_code == 200:
                        response.template_name = template_name
                        response.render()  # now, while the restored version is in the database
                if not saved:
                    transaction.set_rollback(True)
        except (RevertError, ProtectedError) as error:
            messages.error(request, str(error))
            opts = self.model._meta
            return redirect(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_changelist")
        return response


class WorkflowAdmin(PendingChangeAdminMixin, CuratedAdmin):
    """Draft -> in review -> published -> archived. Researchers submit for review; editors publish, archive and
    delete what the public has seen. Enforced here on the server, whatever the request."""

    form = PublishedRecordForm
    actions = ["submit_for_review", "publish", "archive", "return_to_draft", "send_back_with_note"]
    # The review's notice and its "Send back with a note" button (admin/activism/review_*.html).
    change_form_template = "admin/activism/workflow_change_form.html"

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.user = request.user
        # Where the page has an inline of the record's sources, the publication rules are checked there, with the
        # sources as submitted (SourceFormSet); otherwise by the form itself.
        form.sources_inline = any(
            issubclass(inline.formset, SourceFormSet) for inline in self.get_inline_instances(request, obj)
        )
        form.saves_for_review = getattr(request, "saves_for_review", False)
        return form

    def has_publish_permission(self, request):
        return self.model.can_publish(request.user)

    def has_change_permission(self, request, obj=None):
        """A published record's form opens to whoever may change records: a researcher's save there becomes a change
        for review (PendingChangeAdminMixin.change_view). Archived records stay the editors'."""
        allowed = super().has_change_permission(request, obj)
        published = obj is not None and obj.publication_status == PublicationStatus.PUBLISHED
        return allowed and (obj is None or published or obj.can_be_edited_by(request.user))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or obj.can_be_edited_by(request.user))

    def view_on_site(self, obj):
        """The public page once it is public; until then the staff-only preview."""
        if self.model.objects.published().filter(pk=obj.pk).exists():
            return obj.get_absolute_url()
        return obj.get_preview_url()

    def move_selected(self, request, queryset, status, done_message):
        """Move each record that may move; a record a rule keeps from being published (an event without a source) is
        named with its reason, and the others move all the same."""
        moved, refused = 0, []
        for record in queryset:
            try:
                with reversion.create_revision():
                    reversion.set_user(request.user)
                    reversion.set_comment(str(done_message))
                    if record.move_to(status, request.user):
                        moved += 1
                        if status == PublicationStatus.PUBLISHED:
                            record.tell_published(request.user, request.build_absolute_uri(record.get_absolute_url()))
            except ValidationError as error:
                refused.append(_("“%(record)s”: %(reason)s") % {"record": record, "reason": " ".join(error.messages)})
        skipped = len(queryset) - moved - len(refused)
        self.message_user(
            request,
            ngettext("%(count)d record: %(done)s", "%(count)d records: %(done)s", moved)
            % {"count": moved, "done": done_message},
        )
        if refused:
            self.message_user(
                request,
                ngettext(
                    "%(count)d record was left as it was: %(records)s",
                    "%(count)d records were left as they were: %(records)s",
                    len(refused),
                )
                % {"count": len(refused), "records": "; ".join(refused)},
                messages.ERROR,
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%d record was left as it was (already there, or a move you may not make).",
                    "%d records were left as they were (already there, or a move you may not make).",
                    skipped,
                )
                % skipped,
                messages.WARNING,
            )

    @admin.action(description=_("Submit the selected records for review"))
    def submit_for_review(self, request, queryset):
        self.move_selected(request, queryset, PublicationStatus.REVIEW, _("submitted for review"))

    @admin.action(description=_("Publish the selected records"), permissions=["publish"])
    def publish(self, request, queryset):
        self.move_selected(request, queryset, PublicationStatus.PUBLISHED, _("published"))

    @admin.action(description=_("Archive the selected records (kept, not public)"), permissions=["publish"])
    def archive(self, request, queryset):
        self.move_selected(request, queryset, PublicationStatus.ARCHIVED, _("archived"))

    @admin.action(description=_("Return the selected records to draft"), permissions=["publish"])
    def return_to_draft(self, request, queryset):
        self.move_selected(request, queryset, PublicationStatus.DRAFT, _("returned to draft"))

    # The review: who submitted a record and when, an editor's note when sending it back, e-mails to the submitter.

    def save_model(self, request, obj, form, change):
        moved = "publication_status" in form.changed_data
        if moved and obj.publication_status == PublicationStatus.REVIEW:
            obj.mark_submitted(request.user)
        super().save_model(request, obj, form, change)
        if moved and obj.publication_status == PublicationStatus.PUBLISHED:
            obj.tell_published(request.user, request.build_absolute_uri(obj.get_absolute_url()))

    def lists_review(self, request):
        return request.GET.get("publication_status__exact") == PublicationStatus.REVIEW

    def get_list_display(self, request):
        # The list of records in review says who submitted each and when.
        list_display = super().get_list_display(request)
        return [*list_display, "submitted_by", "submitted_at"] if self.lists_review(request) else list_display

    def get_list_select_related(self, request):
        select_related = super().get_list_select_related(request)
        if not self.lists_review(request):
            return select_related
        if isinstance(select_related, bool):
            # Named, as a nullable foreign key is left out of select_related() with no names.
            names = {field.name for field in self.opts.fields if field.many_to_one}
            select_related = [name for name in self.get_list_display(request) if name in names]
        return [*select_related, "submitted_by"]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.publication_status == PublicationStatus.REVIEW and obj.can_publish(request.user):
            opts = self.opts
            context["send_back_url"] = reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_send_back", args=[quote(obj.pk)]
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        view = self.admin_site.admin_view(self.send_back_view)
        name = f"{self.opts.app_label}_{self.opts.model_name}_send_back"
        return [path("<path:object_id>/send-back/", view, name=name), *super().get_urls()]

    def send_back_view(self, request, object_id):
        """An editor returns a record in review to draft with a note for its author (PublishedRecord.send_back)."""
        if not self.has_publish_permission(request):
            raise PermissionDenied
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        opts = self.opts
        change_url = reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=[quote(obj.pk)])
        if obj.publication_status != PublicationStatus.REVIEW:
            self.message_user(request, _("This record is not in review: nothing to send back."), messages.ERROR)
            return redirect(change_url)
        form = SendBackForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            self.send_back_record(request, obj, form.cleaned_data["note"])
            self.message_user(request, _("“%(record)s” was sent back to draft with your note.") % {"record": obj})
            return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Send “%(record)s” back to draft") % {"record": obj},
            "opts": opts,
            "original": obj,
            "form": form,
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/activism/send_back.html", context)

    def send_back_record(self, request, record, note):
        """Send the record back with the note, its history noting it (see send_back_view); returns whether it moved."""
        opts = self.opts
        change_url = reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=[quote(record.pk)]
        )
        with transaction.atomic(), reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(_("Sent back to draft: %(note)s") % {"note": note})
            return record.send_back(request.user, note, request.build_absolute_uri(change_url))

    @admin.action(description=_("Send the selected records back to draft with a note"), permissions=["publish"])
    def send_back_with_note(self, request, queryset):
        """The records in review among those selected, one note for all: a page asks for it, then sends them back."""
        in_review = list(queryset.filter(publication_status=PublicationStatus.REVIEW).select_related("submitted_by"))
        if not in_review:
            self.message_user(
                request, _("None of the selected records is in review: nothing to send back."), messages.WARNING
            )
            return None
        form = SendBackForm(request.POST if "note" in request.POST else None)
        if form.is_bound and form.is_valid():
            note = form.cleaned_data["note"]
            count = sum(self.send_back_record(request, record, note) for record in in_review)
            self.message_user(
                request,
                ngettext(
                    "%(count)d record was sent back to draft with your note.",
                    "%(count)d records were sent back to draft with your note.",
                    count,
                )
                % {"count": count},
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Send the selected records back to draft"),
            "opts": self.opts,
            "records": in_review,
            "form": form,
            "action": "send_back_with_note",
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "change_url": reverse(f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_changelist"),
        }
        return TemplateResponse(request, "admin/activism/send_back.html", context)


class UnknownFiltersExportMixin:
    """An export of the list as filtered: a filter in the address that is no filter (typed or changed by hand) sends
    back to the list, which says so, as Django's own list does, instead of failing. Its columns are named in the
    admin's language (SpreadsheetExportForm)."""

    export_form_class = SpreadsheetExportForm

    def export_action(self, request):
        try:
            return super().export_action(request)
        except IncorrectLookupParameters:
            changelist = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
            return HttpResponseRedirect(f"{changelist}?{ERROR_FLAG}=1")


class SpreadsheetExportMixin(UnknownFiltersExportMixin, ExportMixin):
    """Export the list, as filtered on the page, to CSV or XLSX. The CSV file starts with a byte order mark so that
    Excel reads it as UTF-8, Cyrillic and Kazakh letters included."""

    to_encoding = "utf-8-sig"


class SpreadsheetImportExportMixin(UnknownFiltersExportMixin, ImportExportMixin):
    """Import from CSV or XLSX, a preview first, and export as SpreadsheetExportMixin. The preview writes nothing; if
    the file no longer passes the checks when it is imported (someone changed the records since), nothing is written
    either: see activism/resources.py."""

    to_encoding = "utf-8-sig"
    import_form_class = SpreadsheetImportForm
    confirm_form_class = ConfirmSpreadsheetImportForm

    # The template file the import page offers, in each format: (file extension, import-export format).
    template_formats = {"csv": CSV, "xlsx": XLSX}

    def get_import_context_data(self, **kwargs):
        return {**super().get_import_context_data(**kwargs), "limits": SpreadsheetImportForm.limits()}

    def import_page_help(self, request):
        """What the import page offers besides the form: the template files, and how to write the columns whose
        format is not plain (links, sources, related records, yes and no ...)."""
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        resource = self.get_import_resource_classes(request)[0]()
        return {
            "import_templates": [
                (extension.upper(), reverse(f"admin:{prefix}_import_template", args=[extension]))
                for extension in self.template_formats
            ],
            "column_help": [
                (field.column_name, resource.column_help[field.column_name])
                for field in resource.get_user_visible_fields()
                if field.column_name in resource.column_help
            ],
        }

    def import_template_view(self, request, extension):
        """A file to fill in: the columns the import reads and one example row, which the import takes as it is."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        if extension not in self.template_formats:
            raise Http404
        resource = self.get_import_resource_classes(request)[0]()
        dataset = resource.template_dataset()
        data = self.template_formats[extension]().export_data(dataset)
        if isinstance(data, str):
            data = data.encode(self.to_encoding)
        content_type = {"csv": "text/csv; charset=utf-8", "xlsx": XLSX.CONTENT_TYPE}[extension]
        response = HttpResponse(data, content_type=content_type)
        name = f"{self.opts.model_name}-template.{extension}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def add_data_read_fail_error_to_form(self, form, error):
        # The file passed the form's checks but the reader still failed: a plain sentence, never the exception.
        form.add_error(
            "import_file",
            _("The file could not be read in the format chosen: save it as XLSX or as CSV UTF-8 and upload it again."),
        )

    def get_urls(self):
        job_view = self.admin_site.admin_view(self.import_job_view)
        template_view = self.admin_site.admin_view(self.import_template_view)
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("import/job/<int:pk>/", job_view, name=f"{prefix}_import_job"),
            path("import/template.<str:extension>", template_view, name=f"{prefix}_import_template"),
            *super().get_urls(),
        ]

    def import_action(self, request, **kwargs):
        if request.method == "POST" and self.has_import_permission(request):
            form = self.create_import_form(request)
            if form.is_valid() and form.row_count > settings.IMPORT_BACKGROUND_ROWS:
                return self.queue_import(request, form)
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None) or {}
        if "confirm_form" in context:
            context["confirm_form"].initial["seen_versions"] = context["result"].seen_versions
        if context:
            context.update(self.import_page_help(request))
        result = context.get("result")
        if result is not None and (result.has_errors() or result.has_validation_errors()):
            # Each error on a line of its own, above the preview: "Line 3, column year_started: ...".
            context["error_lines"] = import_errors_by_line(result)
        return response

    def queue_import(self, request, form):
        """A large file goes to the task worker, which previews it first: a request would outlast the web server's
        timeout. The file is kept with the job until it is imported or abandoned."""
        import_file = form.cleaned_data["import_file"]
        import_file.seek(0)
        job = ImportJob.objects.create(
            model_name=self.opts.model_name,
            user=request.user,
            file_data=import_file.read(),
            original_file_name=import_file.name,
            file_format=int(form.cleaned_data["format"]),
            rows_total=form.row_count,
        )
        preview_import_job.enqueue(job.pk)
        return redirect(job)

    def import_job_view(self, request, pk):
        """The job's progress, then its preview with Confirm and Cancel, then its result. Only the person who
        uploaded the file (or a superuser) sees it: for anyone else it does not exist."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        jobs = ImportJob.objects.visible_to(request.user).defer("file_data")
        job = get_object_or_404(jobs, pk=pk, model_name=self.opts.model_name)
        if request.method == "POST":
            if "_cancel" in request.POST:
                if job.abandon():
                    self.message_user(request, _("The import was cancelled: nothing was written."))
            elif job.confirm():
                run_import_job.enqueue(job.pk)
            else:
                self.message_user(request, _("This preview can no longer be confirmed."), messages.WARNING)
            return redirect(job)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import of %(file)s") % {"file": job.original_file_name},
            "opts": self.opts,
            "job": job,
            "percent": round(100 * job.rows_done / job.rows_total) if job.rows_total else 100,
            "preview_hours": settings.IMPORT_PREVIEW_HOURS,
        }
        return TemplateResponse(request, "admin/activism/import_job.html", context)

    def get_import_data_kwargs(self, **kwargs):
        form = kwargs.get("form")
        data_kwargs = super().get_import_data_kwargs(**kwargs)
        if isinstance(form, ConfirmSpreadsheetImportForm):
            data_kwargs["seen_versions"] = form.cleaned_data["seen_versions"]
        return data_kwargs

    def process_result(self, result, request):
        stale = stale_records_error(result)
        if stale:
            self.message_user(request, stale.message(), messages.ERROR)
            opts = self.model._meta
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_import"))
        if result.has_errors() or result.has_validation_errors():
            self.message_user(
                request,
                _("Nothing was imported: the records changed since the preview. Upload the file again to check it."),
                messages.ERROR,
            )
            opts = self.model._meta
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_import"))
        return super().process_result(result, request)
