from contextlib import nullcontext
from itertools import groupby

import reversion
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import quote, unquote
from django.contrib.admin.views.main import ERROR_FLAG
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ManyToOneRel, ProtectedError
from django.db.models.deletion import Collector
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.timezone import template_localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ExportMixin, ImportExportMixin
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
    SourceFormSet,
    SpreadsheetImportForm,
)
from ..images import picture
from ..models import (
    ImportJob,
    PublicationStatus,
    PublishedRecord,
)
from ..resources import (
    stale_records_error,
)
from ..tasks import preview_import_job, run_import_job

# What restoring an earlier version leaves as it stands: the workflow state (bringing back old text is not publishing
# or unpublishing it) and the version counter (the concurrent-edit check counts on it).
KEPT_ON_RESTORE = ["publication_status", "version"]


def image_preview(image, alt=""):
    """The small copy of the image (what the public pages send), not the uploaded file."""
    copies = picture(image)
    if not copies:
        return "—"
    return format_html('<img src="{}" alt="{}" class="admin-preview" width="120">', copies["src"], alt)


class CuratedAdmin(CompareVersionAdmin, TranslationAdmin):
    """The researchers' editing page: the three languages side by side, the history of every change with its
    differences, restoring any earlier version or a deleted record (django-reversion), and a save refused when
    someone else saved the record in the meantime."""

    form = CuratedRecordForm
    history_latest_first = True

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
        found = []
        parents = [record]
        while parents:
            parent = parents.pop()
            for name in _get_options(type(parent)).follow:
                children = list(getattr(parent, name).all())
                found += children
                parents += children
        return found

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


class WorkflowAdmin(CuratedAdmin):
    """Draft -> in review -> published -> archived. Researchers submit for review; editors publish, archive and
    delete what the public has seen. Enforced here on the server, whatever the request."""

    form = PublishedRecordForm
    actions = ["submit_for_review", "publish", "archive", "return_to_draft"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.user = request.user
        # Where the page has an inline of the record's sources, the publication rules are checked there, with the
        # sources as submitted (SourceFormSet); otherwise by the form itself.
        form.sources_inline = any(
            issubclass(inline.formset, SourceFormSet) for inline in self.get_inline_instances(request, obj)
        )
        return form

    def has_publish_permission(self, request):
        return self.model.can_publish(request.user)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.can_be_edited_by(request.user))

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
                    moved += record.move_to(status, request.user)
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


class UnknownFiltersExportMixin:
    """An export of the list as filtered: a filter in the address that is no filter (typed or changed by hand) sends
    back to the list, which says so, as Django's own list does, instead of failing."""

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

    def get_import_context_data(self, **kwargs):
        return {**super().get_import_context_data(**kwargs), "limits": SpreadsheetImportForm.limits()}

    def add_data_read_fail_error_to_form(self, form, error):
        # The file passed the form's checks but the reader still failed: a plain sentence, never the exception.
        form.add_error(
            "import_file",
            _("The file could not be read in the format chosen: save it as XLSX or as CSV UTF-8 and upload it again."),
        )

    def get_urls(self):
        job_view = self.admin_site.admin_view(self.import_job_view)
        name = f"{self.opts.app_label}_{self.opts.model_name}_import_job"
        return [path("import/job/<int:pk>/", job_view, name=name), *super().get_urls()]

    def import_action(self, request, **kwargs):
        if request.method == "POST" and self.has_import_permission(request):
            form = self.create_import_form(request)
            if form.is_valid() and form.row_count > settings.IMPORT_BACKGROUND_ROWS:
                return self.queue_import(request, form)
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None) or {}
        if "confirm_form" in context:
            context["confirm_form"].initial["seen_versions"] = context["result"].seen_versions
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
