from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


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


def tell_submitter(user, subject, body):
    """E-mail the person who submitted a record or a change that it was published, approved or sent back, when
    REVIEW_EMAILS is on and they have an address. Returns how many messages went (0 or 1)."""
    if not settings.REVIEW_EMAILS or user is None or not user.email or not user.is_active:
        return 0
    return send_mail(str(subject), str(body), None, [user.email])
