"""Work done in the background by the task worker (django-tasks, database backend): `manage.py db_worker`."""

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from import_export.tmp_storages import TempFolderStorage

from .models import ImportJob
from .resources import IMPORT_RESOURCES, import_errors_by_line

PROGRESS_EVERY = 50  # rows between two progress notes


def progress_key(job_id):
    return f"import-job-{job_id}"


def rows_done(job_id):
    """How many rows the job has read so far. Kept in a cache, not the job's row: the import's transaction would hide
    that row from the progress page until the end."""
    return caches["import_progress"].get(progress_key(job_id), 0)


def reset_progress(job_id):
    caches["import_progress"].set(progress_key(job_id), 0, timeout=24 * 3600)


@task()
def run_import_job(job_id):
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    job.status = ImportJob.Status.RUNNING
    job.save(update_fields=["status"])
    input_format = settings.IMPORT_EXPORT_FORMATS[job.file_format](encoding="utf-8-sig")
    storage = TempFolderStorage(
        name=job.file_name,
        encoding=None if input_format.is_binary() else "utf-8-sig",
        read_mode=input_format.get_read_mode(),
    )
    progress = caches["import_progress"]

    def note_progress(row_number):
        if row_number % PROGRESS_EVERY == 0:
            progress.set(progress_key(job.pk), row_number, timeout=24 * 3600)

    try:
        dataset = input_format.create_dataset(storage.read())
        resource = IMPORT_RESOURCES[job.model_name]()
        result = resource.import_data(dataset, dry_run=False, user=job.user, progress=note_progress)
    except Exception:
        # The form checked the file before it was queued; whatever still fails is reported, never left "running".
        job.status = ImportJob.Status.FAILED
        job.result = {"errors": [_("The file could not be read. Save it as XLSX or as CSV UTF-8 and try again.")]}
        raise
    else:
        errors = import_errors_by_line(result)
        if errors:
            job.status, job.result = ImportJob.Status.FAILED, {"errors": errors}
        else:
            job.status = ImportJob.Status.DONE
            job.result = {kind: result.totals[kind] for kind in ("new", "update", "skip")}
    finally:
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "result", "finished_at"])
        progress.set(progress_key(job.pk), job.rows_total, timeout=24 * 3600)
        storage.remove()
