"""The record of each import (``ImportRun``), which the upload page and the command show:
queued, running with its progress after each batch, storing the staged rows, then done —
with its counts and the first problems — or failed with the reason."""

from pathlib import Path

from django.utils import timezone

from kliento.imports.models import ImportRun
from kliento.imports.pipeline import ImportReport
from kliento.imports.readers import UnreadableFile, file_format


def line_count(path: Path) -> int | None:
    """Lines in a text file, counted in binary at disk speed, for progress bars."""
    if file_format(path) == "xlsx" or not path.exists():
        return None
    with path.open("rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))


def import_run_running(run: ImportRun) -> None:
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.RUNNING)


def import_run_progress(run: ImportRun, report: ImportReport, line: int) -> None:
    """After each batch: the last line read and the counts so far."""
    ImportRun.objects.filter(pk=run.pk).update(
        last_line=line, rows_read=report.rows_read, imported=report.imported,
        already_there=report.already_there, rejected=report.rejected)


def import_run_storing(run: ImportRun) -> None:
    """The file is read through; its staged rows are being stored (which takes a while)."""
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.STORING)


def import_run_failed(run: ImportRun, error: UnreadableFile) -> None:
    """Failed, with the reason; and when the code page was unclear, the candidates, for
    the page to offer (``EncodingToChoose``)."""
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRun.Status.FAILED, failure=str(error), finished_at=timezone.now(),
        encoding_candidates=[list(pair) for pair in getattr(error, "candidates", [])])


def import_run_finished(run: ImportRun, report: ImportReport,
                        rejects_path: Path | None) -> None:
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRun.Status.DONE_WITH_REJECTS if report.rejected else ImportRun.Status.DONE,
        rows_read=report.rows_read, imported=report.imported,
        already_there=report.already_there, rejected=report.rejected,
        problems=[{"line": p.line, "column": p.column, "value": p.value, "reason": p.reason}
                  for p in report.problems],
        rejects_file=str(rejects_path) if rejects_path and report.rejected else "",
        finished_at=timezone.now())
