"""Writes for imports, as the upload page, the job and the command call them: keep an
uploaded file, start a run, run it through the pipeline while its record follows, and save
a column mapping."""

import uuid
from collections.abc import Callable
from pathlib import Path

from django.conf import settings

from kliento.audit_trail.context import Source, acting
from kliento.audit_trail.models import AuditEvent
from kliento.audit_trail.services import audit_event_record
from kliento.imports.kinds import KINDS
from kliento.imports.models import ColumnMapping, ImportRun
from kliento.imports.pipeline import ImportReport, import_file
from kliento.imports.readers import UnreadableFile
from kliento.imports.runs import (
    import_run_failed,
    import_run_finished,
    import_run_progress,
    import_run_running,
    import_run_storing,
    line_count,
)


def import_run_start(*, kind: str, file_name: str, preset: str = "kliento",
                     created_by=None, stored_file: str = "") -> ImportRun:
    lines = line_count(Path(stored_file)) if stored_file else None
    return ImportRun.objects.create(kind=kind, file_name=file_name, preset=preset,
                                    created_by=created_by, stored_file=stored_file,
                                    lines_total=lines, status=ImportRun.Status.QUEUED)


def import_upload(*, kind: str, preset: str, upload, created_by, encoding: str = "") -> ImportRun:
    """Keep an uploaded file under ``var/imports/`` and record its import, to be queued."""
    folder = Path(settings.VAR_DIR) / "imports" / uuid.uuid4().hex
    folder.mkdir(parents=True)
    stored = folder / Path(upload.name).name
    with stored.open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    run = import_run_start(kind=kind, file_name=stored.name, preset=preset,
                           created_by=created_by, stored_file=str(stored))
    ImportRun.objects.filter(pk=run.pk).update(encoding=encoding)
    return run


def import_run_execute(run: ImportRun, path: Path, *, encoding: str | None = None,
                       delimiter: str | None = None, rejects_path: Path | None = None,
                       progress: Callable[[int], None] = lambda line: None,
                       storing: Callable[[], None] = lambda: None) -> ImportReport | None:
    """Run an import and record its outcome on ``run`` (the page shows it)."""
    import_run_running(run)

    def storing_recorded() -> None:
        storing()
        import_run_storing(run)

    try:
        with acting(Source.IMPORT, run.created_by):
            report = import_file(run.kind, path, preset_name=run.preset, encoding=encoding,
                                 delimiter=delimiter, rejects_path=rejects_path,
                                 progress=progress, storing=storing_recorded,
                                 batch_done=lambda report, line: import_run_progress(
                                     run, report, line))
    except UnreadableFile as error:
        import_run_failed(run, error)
        raise
    except Exception as error:
        # Whatever stopped it, the run must not show "Running" for ever.
        import_run_failed(run, UnreadableFile(
            f"the import stopped: {type(error).__name__}: {error}"))
        raise
    import_run_finished(run, report, rejects_path)
    # Rows come in bulk (no per-row history): the audit log keeps one event per file.
    audit_event_record(AuditEvent.Action.IMPORTED, obj=run, actor=run.created_by,
                       source=Source.IMPORT, detail={
                           "kind": run.kind, "file": run.file_name, "imported": report.imported,
                           "already_there": report.already_there, "rejected": report.rejected})
    return report


def import_run_again(run: ImportRun, *, encoding: str, created_by) -> ImportRun:
    """A new run of the same stored file, in the encoding the person chose."""
    again = import_run_start(kind=run.kind, file_name=run.file_name, preset=run.preset,
                             created_by=created_by, stored_file=run.stored_file)
    ImportRun.objects.filter(pk=again.pk).update(encoding=encoding)
    again.encoding = encoding
    return again


def column_mapping_save(*, name: str, kind: str, columns: dict[str, str]) -> "ColumnMapping":
    """Save (or replace) a named mapping; every target must be one of the kind's columns."""
    known = {column.name for column in KINDS[kind].columns}
    unknown = sorted(set(columns.values()) - known)
    if unknown:
        raise ValueError(f"not columns of {kind}: {', '.join(unknown)} "
                         f"(known: {', '.join(sorted(known))})")
    mapping, _created = ColumnMapping.objects.update_or_create(
        name=name, defaults={"kind": kind, "columns": columns})
    return mapping
