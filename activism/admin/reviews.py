"""Changes to published records go through review (as Wagtail's draft revisions of a live page).

A Researcher who saves a published record, or an Editor who presses "Save as a change for review", does not write
the live record: the save runs in a transaction that is always rolled back, and what it would have written becomes
the record's open PendingChange. The change form then shows the change; the public pages, feeds, sitemap, open data
and page cache keep the published record until an Editor approves the change on its review page."""

import reversion
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import localize
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator
from reversion.errors import RevertError
from reversion.revisions import _get_options
from reversion.utils import mute_signals
from reversion_compare.helpers import html_diff

from ..forms import ReviewForm
from ..models import PendingChange, PublicationStatus, tell_submitter
from ..models.reviews import BOOKKEEPING_FIELDS, KEPT_ON_RESTORE, belongings, record_key

# Never shown in a review: what the site keeps for itself, and what a change does not carry (KEPT_ON_RESTORE).
INTERNAL_FIELDS = {*KEPT_ON_RESTORE, *BOOKKEEPING_FIELDS}
# Text at least this long is compared word by word rather than shown whole twice.
LONG_TEXT = 200
SHOWING_SIGNALS = (pre_save, post_save, pre_delete, post_delete, m2m_changed)


def shown_value(obj, field):
    """The field's value as a person reads it: a choice's label, a related record's name, Yes or No, a date."""
    value = getattr(obj, field.attname)
    if value is None or value == "":
        return "—"
    if field.choices:
        return str(getattr(obj, f"get_{field.name}_display")())
    if field.is_relation:
        related = getattr(obj, field.name, None)
        return str(related) if related is not None else "—"
    if isinstance(field, models.BooleanField):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, str):
        return value.replace("\r\n", "\n")  # a browser sends a text box's lines ended so: not a change of the text
    if isinstance(field, models.FileField):
        return getattr(value, "name", value) or "—"
    return str(localize(value))


def belonging_text(obj):
    """A link or a source in one line: each of its filled fields, the record it belongs to left out."""
    parts = []
    for field in obj._meta.concrete_fields:
        if field.primary_key or field.is_relation or not field.editable:
            continue
        text = shown_value(obj, field)
        if text != "—":
            parts.append(text)
    return " · ".join(parts) or str(obj)


class PendingChangeAdminMixin:
    """The review of changes to published records, for WorkflowAdmin (see the module's docstring)."""

    # The change form (its notice of an open change) is WorkflowAdmin.change_form_template.
    object_history_template = "admin/activism/workflow_object_history.html"

    def get_urls(self):
        opts = self.model._meta
        review = path(
            "<path:object_id>/pending/",
            self.admin_site.admin_view(self.pending_view),
            name=f"{opts.app_label}_{opts.model_name}_pending",
        )
        return [review, *super().get_urls()]

    def saves_for_review(self, request, record, change):
        """Whether this save goes to the record's change for review rather than to the live record."""
        if change is not None:
            return True  # one change per record: whoever edits extends it
        if record.publication_status != PublicationStatus.PUBLISHED:
            return False
        return not self.has_publish_permission(request) or "_save_for_review" in request.POST

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Restoring a version (CuratedAdmin.restore_view) calls changeform_view directly, not this: an Editor's
        # restore writes the live record, as before.
        record = self.get_object(request, unquote(object_id))
        if record is None or not self.has_change_permission(request, record):
            return super().change_view(request, object_id, form_url, extra_context)
        change = PendingChange.objects.open_for(record)
        is_editor = self.has_publish_permission(request)
        context = {
            "pending_change": change,
            "saves_for_review": change is None
            and record.publication_status == PublicationStatus.PUBLISHED
            and not is_editor,
            "offers_save_for_review": change is None
            and record.publication_status == PublicationStatus.PUBLISHED
            and is_editor,
            "pending_review_url": self.pending_url(record) if change is not None and is_editor else None,
            **(extra_context or {}),
        }
        if request.method == "POST" and self.saves_for_review(request, record, change):
            return self.save_for_review(request, record, change, object_id, form_url, context)
        if change is not None:
            return self.show_change(request, record, change, object_id, form_url, context)
        return super().change_view(request, object_id, form_url, context)

    def pending_url(self, record):
        opts = self.model._meta
        return reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_pending", args=[quote(record.pk)])

    def record_url(self, record):
        opts = self.model._meta
        return reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=[quote(record.pk)])

    def show_change(self, request, record, change, object_id, form_url, context):
        """The change form over the open change: written in a transaction rolled back once the page is rendered, with
        the signals of saving muted, as a history page shows a version."""
        try:
            with transaction.atomic():
                with mute_signals(*SHOWING_SIGNALS):
                    change.apply(editing=True)
                    response = super().change_view(request, object_id, form_url, context)
                    if hasattr(response, "render"):
                        response.render()
                transaction.set_rollback(True)
        except RevertError as error:
            messages.error(request, str(error))
            return super().change_view(request, object_id, form_url, {**context, "pending_change_unusable": True})
        return response

    def save_for_review(self, request, record, change, object_id, form_url, context):
        """Run the form's save over the live record and its open change, keep what it wrote as the change, and roll
        everything back: the live record, the search index and the page cache stay as they were."""
        if "_saveasnew" in request.POST:
            raise PermissionDenied
        live_keys = {record_key(obj) for obj in belongings(record)}
        request.saves_for_review = True  # for the form's status (PublishedRecordForm) and response_change's message
        saved = None
        try:
            with transaction.atomic():
                if change is not None:
                    change.apply(editing=True)  # so the form's inline rows are the ones the person saw
                response = super().change_view(request, object_id, form_url, context)
                if response.status_code == 302:
                    edited = self.model._default_manager.get(pk=record.pk)
                    saved = (*PendingChange.snapshot(edited, live_keys), str(edited))
                elif hasattr(response, "render"):
                    response.render()  # now, while the change is in the database
                transaction.set_rollback(True)
        except RevertError as error:
            messages.error(request, str(error))
            return redirect(request.path)
        if saved is not None:
            PendingChange.submit(record, request.user, *saved)
        return response

    def response_change(self, request, obj):
        if not getattr(request, "saves_for_review", False):
            return super().response_change(request, obj)
        self.message_user(
            request,
            _(
                "Your change to “%(record)s” was kept for review: the public still sees the published version until "
                "an editor approves it."
            )
            % {"record": obj},
            messages.SUCCESS,
        )
        if "_continue" in request.POST:
            return HttpResponseRedirect(request.path)
        opts = self.model._meta
        return HttpResponseRedirect(reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_changelist"))

    def delete_model(self, request, obj):
        self.discard_changes_of_deleted(request, [obj], super().delete_model, request, obj)

    def delete_queryset(self, request, queryset):
        self.discard_changes_of_deleted(request, list(queryset), super().delete_queryset, request, queryset)

    def discard_changes_of_deleted(self, request, records, delete, *args):
        """Delete the records; their open changes are closed as discarded (they stay in the history of reviews, which a
        recovered record shows again)."""
        changes = [change for record in records for change in PendingChange.objects.for_record(record).open()]
        delete(*args)
        for change in changes:
            change.close(PendingChange.Status.DISCARDED, request.user, gettext("The record was deleted."))

    def history_view(self, request, object_id, extra_context=None):
        record = self.get_object(request, unquote(object_id))
        reviews = []
        if record is not None:
            reviews = PendingChange.objects.for_record(record).select_related("submitted_by", "reviewed_by")
        return super().history_view(request, object_id, {"review_changes": reviews, **(extra_context or {})})

    # The review page.

    def pending_view(self, request, object_id):
        if not self.has_publish_permission(request):
            raise PermissionDenied
        record = self.get_object(request, unquote(object_id))
        change = PendingChange.objects.open_for(record) if record is not None else None
        if change is None:
            raise Http404
        form = ReviewForm(request.POST if request.method == "POST" else None)
        refusals = []
        if form.is_valid():
            note = form.cleaned_data["note"]
            if form.decision == ReviewForm.APPROVE:
                refusals = self.approve(request, change, note)
                if not refusals:
                    return redirect(self.record_url(record))
            else:
                self.close_change(request, change, form.decision, note)
                return redirect(self.record_url(record))
        try:
            differences = self.differences(record, change)
        except RevertError as error:
            differences, refusals = [], [*refusals, str(error)]
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("Review the change to %(record)s") % {"record": change.object_repr},
            "opts": opts,
            "original": record,
            "change": change,
            "form": form,
            "differences": differences,
            "refusals": refusals,
            "record_changed_since": record.version != change.based_on_version,
            "record_url": self.record_url(record),
        }
        return TemplateResponse(request, "admin/activism/pending_change.html", context)

    def approve(self, request, change, note):
        """Write the change over the live record, if it may be public as it then stands; a revision of the record keeps
        it in the history. Returns the reasons it was refused, if it was."""
        submitter = change.submitted_by
        try:
            with transaction.atomic():
                if not PendingChange.objects.open().select_for_update().filter(pk=change.pk).exists():
                    return [gettext("Someone else reviewed this change meanwhile.")]
                record = change.apply()
                if record.publication_status == PublicationStatus.PUBLISHED:
                    record.check_publishable()
                if hasattr(record, "check_sensitive_initiatives"):
                    # An event's initiative may have been made sensitive since the change linked it.
                    record.check_sensitive_initiatives(record.initiatives.all())
                with reversion.create_revision(atomic=False):
                    reversion.set_user(request.user)
                    comment = gettext("Approved the change submitted by %(user)s") % {
                        "user": submitter or gettext("someone")
                    }
                    reversion.set_comment(f"{comment}: {note}" if note else comment)
                    record.save()  # a new version, its search columns and index computed again
                change.close(PendingChange.Status.APPROVED, request.user, note)
        except ValidationError as error:
            return error.messages
        except RevertError as error:
            return [str(error)]
        self.tell_author(
            request,
            submitter,
            _("Your change to “%(record)s” was approved") % {"record": record},
            self.review_email_body(request, record, change, _("An editor approved your change; it is now public.")),
        )
        self.message_user(
            request,
            _("The change to “%(record)s” was approved: the public now sees it.") % {"record": record},
            messages.SUCCESS,
        )
        return []

    def close_change(self, request, change, decision, note):
        status = PendingChange.Status.SENT_BACK if decision == ReviewForm.SEND_BACK else PendingChange.Status.DISCARDED
        with transaction.atomic():
            if not PendingChange.objects.open().select_for_update().filter(pk=change.pk).exists():
                self.message_user(request, _("Someone else reviewed this change meanwhile."), messages.WARNING)
                return
            change.close(status, request.user, note)
        if status == PendingChange.Status.DISCARDED:
            self.message_user(request, _("The change was discarded: the record stays as published."), messages.SUCCESS)
            return
        self.tell_author(
            request,
            change.submitted_by,
            _("Your change to “%(record)s” was sent back") % {"record": change.object_repr},
            self.review_email_body(request, change.record, change, _("An editor sent your change back.")),
        )
        self.message_user(request, _("The change was sent back to its author with your note."), messages.SUCCESS)

    def tell_author(self, request, author, subject, body):
        """E-mail the change's author (reviews.tell_submitter), unless they reviewed it themselves."""
        if author is not None and author.pk != request.user.pk:
            tell_submitter(author, subject, body)

    def review_email_body(self, request, record, change, opening):
        lines = [str(opening), "", str(change.object_repr)]
        if change.note:
            lines += ["", gettext("Note: %(note)s") % {"note": change.note}]
        lines += ["", request.build_absolute_uri(self.record_url(record))]
        return "\n".join(lines)

    def differences(self, record, change):
        """Each field the change gives another value, with its label and both values as a person reads them."""
        before = self.review_values(record)
        with transaction.atomic():
            with mute_signals(*SHOWING_SIGNALS):
                after = self.review_values(change.apply())
            transaction.set_rollback(True)
        rows = []
        for key, (label, old, is_long) in before.items():
            new = after[key][1]
            if old == new:
                continue
            row = {"label": label, "before": old, "after": new}
            if isinstance(old, list):
                row["is_list"] = True
                row["removed"] = [item for item in old if item not in new]
                row["added"] = [item for item in new if item not in old]
            elif is_long or len(old) >= LONG_TEXT or len(new) >= LONG_TEXT:
                row["diff"] = html_diff(old, new)
            rows.append(row)
        return rows

    def review_values(self, record):
        """{key: (label, value, is long text)} of what a reviewer compares: the record's own fields (each language of a
        translated one, never the internal ones), its themes, cities and the like, and its links and sources."""
        model = type(record)
        try:
            originals = set(translator.get_options_for_model(model).fields)
        except NotRegistered:
            originals = set()
        values = {}
        for field in model._meta.concrete_fields:
            if field.primary_key or not field.editable or field.name in INTERNAL_FIELDS or field.name in originals:
                continue
            values[field.name] = (
                str(field.verbose_name),
                shown_value(record, field),
                isinstance(field, models.TextField),
            )
        for field in model._meta.many_to_many:
            related = sorted(str(obj) for obj in getattr(record, field.name).all())
            values[field.name] = (str(field.verbose_name), related, False)
        for name in _get_options(model).follow:
            relation = model._meta.get_field(name)
            children = [belonging_text(obj) for obj in getattr(record, name).all()]
            values[name] = (str(relation.related_model._meta.verbose_name_plural), children, False)
        return values
