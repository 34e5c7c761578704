import json
from itertools import groupby

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.db.models.deletion import Collector
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from reversion.errors import RevertError
from reversion.models import Version
from reversion.revisions import _get_options

# What a change, like a restored version, leaves as the live record has it: the workflow state (approving an edit is
# not publishing or unpublishing the record), who submitted the record and the reviewer's note (an old note does not
# come back with old text), and the version counter (the concurrent-edit check counts on it).
KEPT_ON_RESTORE = ["publication_status", "submitted_by", "submitted_at", "review_note", "version"]
# What the site keeps for itself, never shown to a person comparing two versions or reviewing a change: the version
# counter, the search columns, the timestamps and the review workflow's bookkeeping.
BOOKKEEPING_FIELDS = [
    "version",
    "search_names",
    "search_words",
    "search_document",
    "search_text",
    "created_at",
    "updated_at",
    "submitted_by",
    "submitted_at",
    "review_note",
]


def belongings(record):
    """What belongs to the record: the records django-reversion follows with it (an initiative's links and sources),
    and theirs."""
    found = []
    parents = [record]
    while parents:
        parent = parents.pop()
        for name in _get_options(type(parent)).follow:
            children = list(getattr(parent, name).all())
            found += children
            parents += children
    return found


def without_deleted_relations(model, serialized_data, object_repr):
    """The record's version, serialised as django-reversion does, rid of the records it names that were deleted since it
    was written: its many-to-many lists (themes, cities) lose them; a foreign key to one (an event's city) cannot be
    written back, and raises RevertError. Written back as they were, they would point nowhere and the database would
    refuse the whole save when it commits."""
    data = json.loads(serialized_data)
    fields = data[0]["fields"]
    for field in model._meta.many_to_many:
        ids = fields.get(field.name)
        if ids:
            existing = set(field.related_model._default_manager.filter(pk__in=ids).values_list("pk", flat=True))
            fields[field.name] = [pk for pk in ids if pk in existing]
    for field in model._meta.concrete_fields:
        value = fields.get(field.name)
        if not field.many_to_one or value is None or field.name in KEPT_ON_RESTORE:
            continue  # what the live record keeps is not written back
        if not field.related_model._default_manager.filter(pk=value).exists():
            raise RevertError(
                _("This change of %(record)s cannot be applied: its %(field)s was deleted since it was written.")
                % {"record": object_repr, "field": field.verbose_name}
            )
    return json.dumps(data)


def record_key(obj):
    return (obj._meta.label_lower, str(obj.pk))


class PendingChangeQuerySet(models.QuerySet):
    def open(self):
        """Changes not yet approved or discarded: awaiting review, or sent back to their author."""
        return self.filter(status__in=PendingChange.OPEN_STATUSES)

    def awaiting_review(self):
        return self.filter(status=PendingChange.Status.PENDING)

    def sent_back(self):
        return self.filter(status=PendingChange.Status.SENT_BACK)

    def for_record(self, record):
        return self.filter(content_type=ContentType.objects.get_for_model(record), object_id=str(record.pk))

    def open_for(self, record):
        """The record's open change, or None."""
        return self.for_record(record).open().select_related("submitted_by", "reviewed_by").first()


class PendingChange(models.Model):
    """An edit of a published record kept for review: the public keeps seeing the published record until an Editor
    approves the change (as Wagtail's draft revisions of a live page).

    `versions` holds the record as edited and what belongs to it (its links and sources), each serialised as
    django-reversion serialises a version: [{"model": "activism.source", "object_id": "12", "format": "json",
    "serialized_data": "...", "new": bool}], the record first; "new" marks what the live record does not have yet.
    `deleted` lists what the change removes from the live record: [{"model": ..., "object_id": ...}]. One open change
    per record at a time; approved and discarded ones stay as the record's history of reviews."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting review")
        SENT_BACK = "sent_back", _("Sent back")
        APPROVED = "approved", _("Approved")
        DISCARDED = "discarded", _("Discarded")

    OPEN_STATUSES = [Status.PENDING, Status.SENT_BACK]

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("kind of record"))
    object_id = models.CharField(_("record id"), max_length=40)
    record = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("record"), max_length=300)
    versions = models.JSONField(_("the record as changed"), default=list)
    deleted = models.JSONField(_("removed from the record"), default=list)
    # The live record's version when the change was written: a newer one means the record changed since.
    based_on_version = models.PositiveIntegerField(_("based on version"), default=1)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="submitted_changes",
    )
    submitted_at = models.DateTimeField(_("submitted"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_changes",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    note = models.TextField(_("reviewer's note"), blank=True)

    objects = PendingChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("change for review")
        verbose_name_plural = _("changes for review")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(status__in=["pending", "sent_back"]),
                name="one_open_change_per_record",
                violation_error_message=_("This record already has a change awaiting review."),
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="pending_change_record")]

    def __str__(self):
        return self.object_repr

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    @staticmethod
    def snapshot(record, live_keys):
        """(versions, deleted) of the record as it stands in the database now, with what belongs to it, serialised as
        django-reversion serialises a version. live_keys: (model label, id) of what belongs to the live record."""
        versions = []
        for obj in [record, *belongings(record)]:
            options = _get_options(type(obj))
            versions.append(
                {
                    "model": obj._meta.label_lower,
                    "object_id": str(obj.pk),
                    "format": options.format,
                    "serialized_data": serializers.serialize(
                        options.format,
                        (obj,),
                        fields=options.fields,
                        use_natural_foreign_keys=options.use_natural_foreign_keys,
                    ),
                    "new": obj is not record and record_key(obj) not in live_keys,
                }
            )
        kept = {(entry["model"], entry["object_id"]) for entry in versions}
        deleted = [{"model": model, "object_id": pk} for model, pk in sorted(set(live_keys) - kept)]
        return versions, deleted

    @classmethod
    def submit(cls, record, user, versions, deleted, object_repr):
        """Keep the edit as the live record's open change, a new one or the one it extends, awaiting review again."""
        with transaction.atomic():
            change = cls.objects.for_record(record).open().select_for_update().first()
            if change is None:
                change = cls(content_type=ContentType.objects.get_for_model(record), object_id=str(record.pk))
            change.versions = versions
            change.deleted = deleted
            change.object_repr = str(object_repr)[:300]
            change.based_on_version = record.version
            change.status = cls.Status.PENDING
            change.submitted_by = user
            change.submitted_at = timezone.now()
            change.save()
        return change

    def apply(self, editing=False):
        """Write the change over the live record, in the caller's transaction. The record keeps KEPT_ON_RESTORE as it
        stands; what the change adds keeps its id if that id is still free, else gets a new one; what it removed is
        deleted; what was added to the live record after the change was written stays, and a sensitive record stays
        sensitive.

        editing: for the change form, whose save extends the change. The record then gets the later of its own version
        and the change's, so that a form opened before someone else extended the change is refused as stale, as a form
        opened before someone else saved the record is."""
        model = self.content_type.model_class()
        live = model._default_manager.get(pk=self.object_id)
        names = {field.name for field in model._meta.concrete_fields}
        kept = {name: getattr(live, name) for name in KEPT_ON_RESTORE if name in names}
        if getattr(live, "is_sensitive", False):
            # Perhaps marked sensitive after the change was written (an Editor's import, or with its initiative): a
            # change never takes that protection back; an Editor does, on the record itself.
            kept["is_sensitive"] = True
        try:
            for entry in self.versions:  # the record first: what belongs to it points to it
                entry_model = apps.get_model(entry["model"])
                serialized_data = entry["serialized_data"]
                if entry_model is model and entry["format"] == "json":
                    serialized_data = without_deleted_relations(model, serialized_data, self.object_repr)
                version = Version(
                    content_type=ContentType.objects.get_for_model(entry_model),
                    object_id=entry["object_id"],
                    format=entry["format"],
                    serialized_data=serialized_data,
                    object_repr=self.object_repr,
                    db="default",
                )
                if entry["new"] and entry_model._default_manager.filter(pk=entry["object_id"]).exists():
                    copy = version._object_version
                    copy.object.pk = None  # the id went to another record meanwhile
                    copy.save()
                else:
                    version.revert()
        except IntegrityError as error:
            raise RevertError(
                _(
                    "This change of %(record)s cannot be applied: another record now has one of its unique values, "
                    "such as its slug."
                )
                % {"record": self.object_repr}
            ) from error
        removed = []
        for entry in self.deleted:
            removed += apps.get_model(entry["model"])._default_manager.filter(pk=entry["object_id"])
        if removed:
            collector = Collector(using="default")
            for _model, objs in groupby(sorted(removed, key=lambda obj: obj._meta.label), key=type):
                collector.collect(list(objs))
            collector.delete()
        rows = model._default_manager.filter(pk=live.pk)
        if editing and "version" in kept:
            kept["version"] = max(kept["version"], rows.values_list("version", flat=True).get())
        if kept:
            rows.update(**kept)
        return model._default_manager.get(pk=live.pk)

    def close(self, status, reviewer, note=""):
        self.status = status
        self.reviewed_by = reviewer
        self.reviewed_at = timezone.now()
        self.note = note
        self.save()


def tell_submitter(user, subject, body):
    """E-mail the person who submitted a record or a change that it was published, approved or sent back, when
    REVIEW_EMAILS is on and they have an address. Returns how many messages went (0 or 1)."""
    if not settings.REVIEW_EMAILS or user is None or not user.email or not user.is_active:
        return 0
    # One line: a record's name sent with a line break (by hand, or from a spreadsheet cell) would make it no header.
    subject = " ".join(str(subject).split())
    return send_mail(subject, str(body), None, [user.email])
