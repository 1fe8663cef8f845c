"""The import of an uploaded file runs as a job, so the page stays responsive."""

from pathlib import Path

from django.tasks import task

from kliento.imports.models import ImportRun
from kliento.imports.readers import UnreadableFile
from kliento.imports.services import import_run_execute


@task()
def import_run_task(run_id: int, encoding: str | None, delimiter: str | None) -> str:
    run = ImportRun.objects.get(pk=run_id)
    path = Path(run.stored_file)
    try:
        import_run_execute(run, path, encoding=encoding, delimiter=delimiter,
                           rejects_path=path.with_name(path.stem + ".rejected.csv"))
    except UnreadableFile as error:
        return str(error)
    return "done"
