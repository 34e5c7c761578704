from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportJobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The jobs a person may see and confirm: their own; every job for a superuser."""
        return self if user.is_superuser else self.filter(user=user)


class ImportJob(models.Model):
    """A large file imported in the background (activism/tasks.py, run by `manage.py db_worker`), in two jobs as a
    small file is in two pages: the preview (nothing written), then, once the person who uploaded it confirms, the
    import, all or nothing, refused if any record changed since the preview. Its progress and result are kept here,
    in the database, so the worker may run on another machine than the web server."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for the worker")
        PREVIEWING = "previewing", _("Checking the file")
        PREVIEWED = "previewed", _("Checked: confirm to import")
        CONFIRMED = "confirmed", _("Confirmed, waiting for the worker")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Nothing imported")
        ABANDONED = "abandoned", _("Not confirmed in time: nothing imported")

    model_name = models.CharField(_("records"), max_length=50)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE)
    # The uploaded file, kept in the database (read by the worker wherever it runs) until the job is done or abandoned.
    file_data = models.BinaryField(_("stored file"), blank=True, default=b"")
    original_file_name = models.CharField(_("file"), max_length=255)
    file_format = models.PositiveSmallIntegerField(_("format"))
    rows_total = models.PositiveIntegerField(_("rows"))
    rows_done = models.PositiveIntegerField(_("rows read"), default=0)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.QUEUED)
    # {"totals": {"new": 3, "update": 1, "skip": 0}, "rows": [first changed rows], "more": 0} once checked.
    preview = models.JSONField(_("preview"), default=dict, blank=True)
    # slug -> version of every record the preview read: the import refuses to write if any differs then.
    seen_versions = models.JSONField(_("versions seen at the preview"), default=dict, blank=True)
    # {"new": 3, "update": 1, "skip": 0} when done; {"errors": ["Line 3: ...", ...]} when nothing was imported.
    result = models.JSONField(_("result"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")

    def __str__(self):
        return f"{self.original_file_name} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse(f"admin:activism_{self.model_name}_import_job", args=[self.pk])

    @property
    def is_finished(self):
        return self.status in {self.Status.DONE, self.Status.FAILED, self.Status.ABANDONED}

    @property
    def is_waiting_for_confirmation(self):
        return self.status == self.Status.PREVIEWED

    def move(self, status, **fields):
        """Move the job from where it stands to `status` only if no one moved it meanwhile (a confirmation and the
        end of the time to confirm, two clicks on Confirm): returns whether it moved."""
        moved = ImportJob.objects.filter(pk=self.pk, status=self.status).update(status=status, **fields)
        if moved:
            self.status = status
            for name, value in fields.items():
                setattr(self, name, value)
        return bool(moved)

    def confirm(self):
        """The person who uploaded the file confirms its preview: the import is queued."""
        return self.status == self.Status.PREVIEWED and self.move(self.Status.CONFIRMED, rows_done=0)

    def abandon(self):
        """A preview not confirmed (cancelled, or its time ran out): the stored file is deleted."""
        return self.status == self.Status.PREVIEWED and self.move(
            self.Status.ABANDONED, file_data=b"", finished_at=timezone.now()
        )
