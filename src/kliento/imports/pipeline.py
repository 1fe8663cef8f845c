"""Importing a file: every good row kept, every bad row reported with its line, column,
value and reason, nothing half-written, and nothing doubled when the same file comes again.

Rows are checked and written in batches; each batch is one transaction, so a crash or a
kill leaves whole batches behind, and the re-run skips what is there by each row's key
(the external id, or the agent's user name). Where the rows go is ``writers``; the record
of a run that the pages show, ``runs``.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl
from django.contrib.auth import get_user_model
from django.db import connection, transaction

from kliento.customers.models import Customer
from kliento.database.history import past_changed
from kliento.imports.checking import Batch, Problem, check_batch
from kliento.imports.kinds import KINDS, ImportKind
from kliento.imports.presets import Preset, preset_named
from kliento.imports.readers import UnreadableFile
from kliento.imports.reading_process import read_rows_apart
from kliento.imports.seen import SeenKeys
from kliento.imports.writers import STAGED, RejectsWriter, Stage, rows_write
from kliento.organisation.calendar import local_date
from kliento.organisation.models import Agent, Team

BATCH_SIZE = 10_000

QUERY_KEYS = 5_000  # keys per IN (…) query: well inside SQLite's limit on parameters

PROBLEMS_KEPT = 200


@dataclass
class ImportReport:
    rows_read: int = 0
    imported: int = 0
    already_there: int = 0
    rejected: int = 0
    problems: list[Problem] = field(default_factory=list)
    earliest: date | None = None
    # Per line: "created", "exists" or "rejected" — kept only when asked (the API's items);
    # a ten-million-row file does not need it.
    outcomes: dict[int, str] | None = None

    @property
    def exit_code(self) -> int:
        return 1 if self.rejected else 0


def import_file(kind_name: str, path: Path, *, preset_name: str = "kliento",
                encoding: str | None = None, delimiter: str | None = None,
                fmt: str | None = None, rejects_path: Path | None = None,
                progress: Callable[[int], None] = lambda line: None,
                storing: Callable[[], None] = lambda: None,
                batch_done: Callable[[ImportReport, int], None] = lambda report, line: None,
                ) -> ImportReport:
    """Import one file; raises ``UnreadableFile`` when it cannot be read at all."""
    kind = KINDS[kind_name]
    preset = preset_named(preset_name)
    if preset is None:
        raise UnreadableFile(f"no preset or saved column mapping is named {preset_name!r}")
    if kind_name not in preset.kinds:
        raise UnreadableFile(f"the {preset.label} preset reads {', '.join(preset.kinds)}, "
                             f"not {kind_name}")
    # Read in a child process: a file that crashes its reader fails this import only.
    rows = preset.rows(read_rows_apart(path, fmt=fmt, encoding=encoding, delimiter=delimiter))
    rejects = RejectsWriter(rejects_path)
    try:
        report = import_rows(kind, rows, preset=preset, rejects=rejects, progress=progress,
                             storing=storing, batch_done=batch_done)
    finally:
        rejects.close()
    return report


def import_rows(kind: ImportKind, rows: Iterator[tuple[int, dict[str, str]]], *,
                preset: Preset, rejects: RejectsWriter | None = None,
                progress: Callable[[int], None] = lambda line: None,
                storing: Callable[[], None] = lambda: None,
                batch_done: Callable[[ImportReport, int], None] = lambda report, line: None,
                track_outcomes: bool = False) -> ImportReport:
    """``progress`` hears the last line read after each batch, and ``batch_done`` the report
    so far with that line; ``storing``, that the file has been read through and staged rows
    are being stored (which takes a while)."""
    report = ImportReport(outcomes={} if track_outcomes else None)
    rejects = rejects or RejectsWriter(None)
    seen = SeenKeys()
    names = _NameLookups(kind, preset)
    stage = Stage(kind) if kind.name in STAGED else None
    try:
        batch: Batch = []
        for line, raw in rows:
            batch.append((line, raw))
            if len(batch) >= BATCH_SIZE:
                _import_batch(kind, batch, preset, names, seen, rejects, report, stage)
                progress(line)
                batch_done(report, line)
                batch = []
        if batch:
            _import_batch(kind, batch, preset, names, seen, rejects, report, stage)
            progress(batch[-1][0])
            batch_done(report, batch[-1][0])
        del seen, batch  # the keys of ten million rows take 120 MB: not kept for what follows
        if stage is not None:
            storing()
            stored = stage.store()
            report.already_there += report.imported - stored  # stored meanwhile by another
            report.imported = stored
    finally:
        if stage is not None:
            stage.drop()
    _after_import(kind, report)
    return report


def _import_batch(kind: ImportKind, batch: Batch, preset: Preset, names: "_NameLookups",
                  seen: SeenKeys, rejects: RejectsWriter, report: ImportReport,
                  stage: Stage | None = None) -> None:
    report.rows_read += len(batch)
    checked = check_batch(kind, batch, seen)
    refused = checked.refused

    def refuse(rows: pl.DataFrame, column: str, reason: str) -> None:
        for at, line, value in rows.select("at", "line", column).iter_rows():
            refused.setdefault(at, []).append(Problem(line, column, value, reason))

    accepted = _resolve_references(kind, preset, checked.accepted, refuse)
    accepted = names.resolve(accepted, refuse)
    existing = _existing_keys(kind, accepted[kind.key].to_list())
    fresh = accepted.filter(~pl.col(kind.key).is_in(list(existing)))
    report.already_there += accepted.height - fresh.height
    if report.outcomes is not None:
        report.outcomes |= dict.fromkeys(accepted["line"].to_list(), "exists")
        report.outcomes |= dict.fromkeys(fresh["line"].to_list(), "created")
        report.outcomes |= {batch[at][0]: "rejected" for at in refused}
    with transaction.atomic():
        if stage is not None:
            report.imported += stage.add(fresh.drop("at"))
        else:
            report.imported += rows_write(kind, fresh.drop("at", "line"))
    moment = next((name for name in ("opened_at", "responded_at", "due_at")
                   if name in fresh.columns), None)
    if moment and fresh.height and (first := fresh[moment].min()) is not None:
        day = local_date(first)
        report.earliest = min(report.earliest or day, day)
    for at in sorted(refused):
        problems = refused[at]
        rejects.write(batch[at][1], problems)
        report.rejected += 1
        if report.outcomes is not None:  # an API batch: every problem goes back to the caller
            report.problems.extend(problems)
        else:
            room = PROBLEMS_KEPT - len(report.problems)
            report.problems.extend(problems[:max(room, 0)])


def _resolve_references(kind: ImportKind, preset: Preset, accepted: pl.DataFrame,
                        refuse) -> pl.DataFrame:
    """Foreign records named by key, a few queries per reference per batch; a missing
    customer is an error — unless the preset's source knows customers only by these rows."""
    for reference in kind.references:
        wanted = accepted[reference.column].drop_nulls().unique().to_list()
        found = _pks_by_key(reference.model, reference.key, wanted)
        missing = set(wanted) - set(found)
        if missing and reference.model is Customer and "customers" in preset.creates:
            Customer.objects.bulk_create(
                [Customer(external_id=key, full_name=key) for key in sorted(missing)],
                ignore_conflicts=True)
            found |= _pks_by_key(Customer, "external_id", list(missing))
        accepted = _attach_ids(
            accepted, reference.column, reference.attribute, found, refuse,
            f"no {reference.model._meta.verbose_name} with this id (import it first)")
    return accepted


def _attach_ids(accepted: pl.DataFrame, column: str, attribute: str, ids: dict[str, int],
                refuse, reason: str) -> pl.DataFrame:
    """Replace the keys or names in ``column`` by their ids in ``attribute``; a row naming
    one that is not there is refused with ``reason``."""
    accepted = accepted.with_columns(
        pl.col(column).replace_strict(ids, default=None, return_dtype=pl.Int64).alias(attribute))
    unknown = pl.col(column).is_not_null() & pl.col(attribute).is_null()
    refuse(accepted.filter(unknown), column, reason)
    return accepted.filter(~unknown).drop(column)


def _pks_by_key(model, key: str, wanted: list[str]) -> dict[str, int]:
    """Primary keys by a unique text key, in plain SQL: composing ``key__in`` through the
    ORM costs more than the query for thousands of keys. PostgreSQL takes them as one array
    parameter; SQLite, which has no arrays, as a list of them."""
    quote = connection.ops.quote_name
    column = quote(model._meta.get_field(key).column)
    statement = (f"SELECT {column}, {quote(model._meta.pk.column)} "
                 f"FROM {quote(model._meta.db_table)} WHERE {column} ")
    found = {}
    with connection.cursor() as cursor:
        for start in range(0, len(wanted), QUERY_KEYS):
            chunk = wanted[start:start + QUERY_KEYS]
            if connection.vendor == "postgresql":
                cursor.execute(statement + "= ANY(%s)", [chunk])
            else:
                cursor.execute(statement + f"IN ({', '.join(['%s'] * len(chunk))})", chunk)
            found |= dict(cursor.fetchall())
    return found


class _NameLookups:
    """Teams, locations, touchpoints and agents by name: small tables, loaded once."""

    def __init__(self, kind: ImportKind, preset: Preset):
        self.kind, self.preset = kind, preset
        self.tables = {lookup.column: dict(lookup.model.objects.values_list(lookup.key, "pk"))
                       for lookup in kind.lookups}

    def resolve(self, accepted: pl.DataFrame, refuse) -> pl.DataFrame:
        for lookup in self.kind.lookups:
            table = self.tables[lookup.column]
            for name in accepted[lookup.column].drop_nulls().unique().sort().to_list():
                if name not in table and (created := self._create(lookup.model, name)):
                    table[name] = created
            accepted = _attach_ids(accepted, lookup.column, lookup.attribute, table, refuse,
                                   f"unknown {lookup.model._meta.verbose_name}")
        return accepted

    def _create(self, model, name: str) -> int | None:
        if model is Team and "teams" in self.preset.creates:
            return Team.objects.get_or_create(name=name)[0].pk
        if model is Agent and "agents" in self.preset.creates:
            user = get_user_model().objects.get_or_create(
                username=name[:150], defaults={"first_name": name[:150]})[0]
            return Agent.objects.get_or_create(
                user=user, defaults={"hired_on": date(2000, 1, 1)})[0].pk
        return None


def _existing_keys(kind: ImportKind, keys: list[str]) -> set[str]:
    if kind.name == "agents":
        return set(Agent.objects.filter(user__username__in=keys)
                   .values_list("user__username", flat=True))
    return set(_pks_by_key(kind.model, kind.key, keys))


def _after_import(kind: ImportKind, report: ImportReport) -> None:
    """The stored rollups of the weeks that got older data — forgotten here (those weeks
    are computed live meanwhile) and stored again by the job worker's next rollup fill."""
    if not report.imported:
        return
    if kind.name in {"interactions", "promises", "survey_responses"} and report.earliest:
        past_changed.send(sender=kind.name, since=report.earliest)
