"""Work done in the background by the task worker (django-tasks, database backend): `manage.py db_worker`.

A large file is imported in two jobs, as a small one is in two pages: preview_import_job checks it and keeps a preview
on its ImportJob (nothing written); once its owner confirms, run_import_job imports it, all or nothing, and writes
nothing if any record changed since the preview. Everything the admin shows (progress, preview, result) and the
file itself are kept in the database, so the worker may run on another machine than the web server.
"""

from datetime import timedelta

import tablib
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from import_export.results import RowResult

from . import acled
from .models import ImportJob
from .resources import (
    IMPORT_RESOURCES,
    AcledEventResource,
    import_errors_by_line,
    spreadsheet_line,
    stale_records_error,
)

PREVIEW_CHUNK = 500  # rows checked in one transaction of the preview; the progress is saved between two
PROGRESS_EVERY = 50  # rows between two progress notes within a transaction (PostgreSQL)
PREVIEW_ROWS_SHOWN = 100  # changed rows the preview lists; the others are counted
PROGRESS_DATABASE = "progress"  # settings.DATABASES: the same database, a connection of its own


def save_progress(job_id, rows_done):
    """Note how many rows the job has read, where the admin sees it at once: in a transaction of its own. Inside the
    import's transaction, that takes another connection; SQLite lets one connection write at a time, so there the
    progress is saved only between transactions (the preview's parts, the start and end of the import)."""
    in_transaction = connections[DEFAULT_DB_ALIAS].in_atomic_block
    if not in_transaction:
        ImportJob.objects.filter(pk=job_id).update(rows_done=rows_done)
    elif connections[PROGRESS_DATABASE].vendor != "sqlite":
        ImportJob.objects.using(PROGRESS_DATABASE).filter(pk=job_id).update(rows_done=rows_done)


def progress_notes(job_id, rows_before=0):
    """What the resource calls after each row: every PROGRESS_EVERY rows, the progress is saved."""

    def note(row_number):
        if row_number % PROGRESS_EVERY == 0:
            save_progress(job_id, rows_before + row_number)

    return note


def read_dataset(job):
    input_format = settings.IMPORT_EXPORT_FORMATS[job.file_format](encoding="utf-8-sig")
    data = bytes(job.file_data)
    return input_format.create_dataset(data if input_format.is_binary() else data.decode("utf-8-sig"))


def import_resource(job, dataset):
    """The resource that reads the job's file. The job knows only its model: a file exported from ACLED is known by
    ACLED's id column."""
    if job.model_name == "event" and acled.ID_COLUMN in (dataset.headers or []):
        return AcledEventResource()
    return IMPORT_RESOURCES[job.model_name]()


def could_not_read():
    return {"errors": [_("The file could not be read. Save it as XLSX or as CSV UTF-8 and try again.")]}


def finish(job, status, result):
    """The job's end: its result kept, its stored file deleted."""
    job.status, job.result, job.finished_at, job.file_data = status, result, timezone.now(), b""
    if status == ImportJob.Status.DONE:
        job.rows_done = job.rows_total
    job.save(update_fields=["status", "result", "finished_at", "file_data", "rows_done"])


@task()
def preview_import_job(job_id):
    """The dry run of a large file, in parts of PREVIEW_CHUNK rows, each checked in a transaction rolled back at its
    end (the rows of a file do not depend on each other: a slug twice is found over the whole file)."""
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    if not job.move(ImportJob.Status.PREVIEWING, rows_done=0):
        return
    try:
        dataset = read_dataset(job)
        resource = import_resource(job, dataset)
        lines_of_slug = resource.find_lines_of_slug(dataset)
        totals = {kind: 0 for kind in ("new", "update", "skip")}
        errors, shown, more = [], [], 0
        for start in range(0, len(dataset), PREVIEW_CHUNK):
            part = tablib.Dataset(*dataset[start : start + PREVIEW_CHUNK], headers=dataset.headers)
            result = resource.import_data(
                part,
                dry_run=True,
                user=job.user,
                lines_of_slug=lines_of_slug,
                progress=progress_notes(job.pk, rows_before=start),
            )
            for kind in totals:
                totals[kind] += result.totals[kind]
            errors += import_errors_by_line(result, rows_before=start)
            # Every row has its result, unchanged ones too (the resources report them): the nth is on line n + 1.
            for number, row in enumerate(result.rows, start + 1):
                if row.import_type not in {RowResult.IMPORT_TYPE_NEW, RowResult.IMPORT_TYPE_UPDATE}:
                    continue
                if len(shown) < PREVIEW_ROWS_SHOWN:
                    shown.append(
                        {
                            "line": spreadsheet_line(number),
                            "kind": row.import_type,
                            "record": row.object_repr,
                            "changes": row.changes,
                        }
                    )
                else:
                    more += 1
            save_progress(job.pk, start + len(part))
    except Exception:
        # The form checked the file before it was queued; whatever still fails is reported, never left "checking".
        finish(job, ImportJob.Status.FAILED, could_not_read())
        raise
    if errors:
        finish(job, ImportJob.Status.FAILED, {"errors": errors[:200], "error_count": len(errors)})
        return
    job.move(
        ImportJob.Status.PREVIEWED,
        preview={"totals": totals, "rows": shown, "more": more},
        seen_versions=resource.seen_versions,
    )
    forget_import_preview.using(run_after=timezone.now() + timedelta(hours=settings.IMPORT_PREVIEW_HOURS)).enqueue(
        job.pk
    )


@task()
def run_import_job(job_id):
    """The import of a confirmed preview: one transaction, nothing written if any row fails or any record changed
    since the preview (the versions it saw are kept on the job)."""
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    if not job.move(ImportJob.Status.RUNNING, rows_done=0):
        return
    try:
        dataset = read_dataset(job)
        resource = import_resource(job, dataset)
        result = resource.import_data(
            dataset,
            dry_run=False,
            user=job.user,
            seen_versions=job.seen_versions,
            progress=progress_notes(job.pk),
        )
    except Exception:
        finish(job, ImportJob.Status.FAILED, could_not_read())
        raise
    finally:
        connections[PROGRESS_DATABASE].close()
    stale = stale_records_error(result)
    errors = import_errors_by_line(result)
    if stale:
        finish(job, ImportJob.Status.FAILED, {"errors": [stale.message()], "stale": stale.lines})
    elif errors:
        finish(job, ImportJob.Status.FAILED, {"errors": errors})
    else:
        finish(job, ImportJob.Status.DONE, {kind: result.totals[kind] for kind in ("new", "update", "skip")})


@task()
def forget_import_preview(job_id):
    """A preview not confirmed in time: the job is abandoned and its stored file deleted."""
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is not None:
        job.abandon()
