"""Importing a file: every good row kept, every bad row reported with its line, column,
value and reason, nothing half-written, and nothing doubled when the same file comes again.

Rows are checked and written in batches; each batch is one transaction, so a crash or a
kill leaves whole batches behind, and the re-run skips what is there by each row's key
(the external id, or the agent's user name).
"""

import csv
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models.expressions import DatabaseDefault
from django.utils import timezone

from kliento.analytics.rollups import rollups_forget
from kliento.customers.models import Customer
from kliento.database.bulk_insert import frame_insert
from kliento.imports.checking import Batch, Problem, check_batch
from kliento.imports.kinds import KINDS, ImportKind
from kliento.imports.models import ColumnMapping, ImportRun
from kliento.imports.presets import PRESETS, Preset, preset_named
from kliento.imports.readers import UnreadableFile, file_format, read_rows
from kliento.imports.seen import SeenKeys
from kliento.interactions.models import Interaction
from kliento.interactions.services import interaction_derived_columns, interactions_insert_staged
from kliento.organisation.calendar import local_date, local_date_column
from kliento.organisation.models import Agent, Location, Team

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


class RejectsWriter:
    """The refused rows as they came, plus an ``error`` column: fix and import again."""

    def __init__(self, path: Path | None):
        self.path, self._handle, self._writer = path, None, None

    def write(self, raw: dict[str, str], problems: list[Problem]) -> None:
        if self.path is None:
            return
        if self._writer is None:
            self._handle = self.path.open("w", encoding="utf-8-sig", newline="")
            columns = [name for name in raw if name != "__error__"] + ["error"]
            self._writer = csv.DictWriter(self._handle, fieldnames=columns,
                                          extrasaction="ignore")
            self._writer.writeheader()
        self._writer.writerow(raw | {"error": "; ".join(
            f"{p.column}: {p.reason}" for p in problems)})

    def close(self) -> None:
        if self._handle:
            self._handle.close()


def import_file(kind_name: str, path: Path, *, preset_name: str = "kliento",
                encoding: str | None = None, delimiter: str | None = None,
                fmt: str | None = None, rejects_path: Path | None = None,
                progress: Callable[[int], None] = lambda line: None,
                storing: Callable[[], None] = lambda: None,
                run: ImportRun | None = None) -> ImportReport:
    """Import one file; raises ``UnreadableFile`` when it cannot be read at all."""
    kind = KINDS[kind_name]
    preset = preset_named(preset_name)
    if preset is None:
        raise UnreadableFile(f"no preset or saved column mapping is named {preset_name!r}")
    if kind_name not in preset.kinds:
        raise UnreadableFile(f"the {preset.label} preset reads {', '.join(preset.kinds)}, "
                             f"not {kind_name}")
    rows = preset.rows(read_rows(path, fmt=fmt, encoding=encoding, delimiter=delimiter))
    rejects = RejectsWriter(rejects_path)
    try:
        report = import_rows(kind, rows, preset=preset, rejects=rejects, progress=progress,
                             storing=storing, run=run)
    finally:
        rejects.close()
    return report


def import_rows(kind: ImportKind, rows: Iterator[tuple[int, dict[str, str]]], *,
                preset: Preset, rejects: RejectsWriter | None = None,
                progress: Callable[[int], None] = lambda line: None,
                storing: Callable[[], None] = lambda: None,
                run: ImportRun | None = None, track_outcomes: bool = False) -> ImportReport:
    """``progress`` hears the last line read after each batch; ``storing``, that the file
    has been read through and staged rows are being stored (which takes a while)."""
    report = ImportReport(outcomes={} if track_outcomes else None)
    rejects = rejects or RejectsWriter(None)
    seen = SeenKeys()
    names = _NameLookups(kind, preset)
    stage = _Stage(kind) if kind.name in STAGED else None
    try:
        batch: Batch = []
        for line, raw in rows:
            batch.append((line, raw))
            if len(batch) >= BATCH_SIZE:
                _import_batch(kind, batch, preset, names, seen, rejects, report, stage)
                _progress(run, report, progress, line)
                batch = []
        if batch:
            _import_batch(kind, batch, preset, names, seen, rejects, report, stage)
            _progress(run, report, progress, batch[-1][0])
        del seen, batch  # the keys of ten million rows take 120 MB: not kept for what follows
        if stage is not None:
            storing()
            if run is not None:
                ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.STORING)
            stored = stage.store()
            report.already_there += report.imported - stored  # stored meanwhile by another
            report.imported = stored
    finally:
        if stage is not None:
            stage.drop()
    _after_import(kind, report)
    return report


def _progress(run, report, progress, line) -> None:
    progress(line)
    if run is not None:
        ImportRun.objects.filter(pk=run.pk).update(
            last_line=line, rows_read=report.rows_read, imported=report.imported,
            already_there=report.already_there, rejected=report.rejected)


def _import_batch(kind: ImportKind, batch: Batch, preset: Preset, names: "_NameLookups",
                  seen: SeenKeys, rejects: RejectsWriter, report: ImportReport,
                  stage: "_Stage | None" = None) -> None:
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
            report.imported += WRITERS.get(kind.name, _write_generic)(
                kind, fresh.drop("at", "line"))
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


def _table_ready(kind: ImportKind, rows: pl.DataFrame) -> tuple[pl.DataFrame, dict]:
    """The rows with their derived columns and defaults filled in, and the database-ready
    constants of the model's other fields."""
    rows = rows.with_columns(DERIVED.get(kind.name, list)())
    constants = {}
    for model_field in kind.model._meta.concrete_fields:
        if model_field.primary_key:
            continue
        name, default = model_field.attname, model_field.get_default()
        if isinstance(default, DatabaseDefault):
            continue
        if name not in rows.columns:
            constants[name] = model_field.get_db_prep_save(default, connection)
        elif default is not None and rows[name].null_count():
            rows = rows.with_columns(pl.col(name).fill_null(default))
    return rows, constants


def _write_generic(kind: ImportKind, rows: pl.DataFrame) -> int:
    """Straight into the table (COPY on PostgreSQL, executemany on SQLite), column by column:
    the ORM's model instances cost more than the database spends storing the rows. The rows
    were checked and their keys found new just before, in this transaction."""
    if not rows.height:
        return 0
    rows, constants = _table_ready(kind, rows)
    frame_insert(kind.model, rows, constants)
    return rows.height


class _Stage:
    """Rows that wait in a temporary table (of this database connection) until the whole
    file is read, then go into their table in one statement: for interactions, whose next
    contact can only be known once every later row has been seen. A kill or a crash before
    then leaves nothing behind — the temporary table goes with the connection — and the
    re-run starts afresh."""

    TABLE = "kliento_import_stage"
    PLACE = "staged_line"

    def __init__(self, kind: ImportKind):
        self.kind, self.columns = kind, None

    def add(self, rows: pl.DataFrame) -> int:
        """Stage checked rows (with their ``line``, kept as their order of arrival)."""
        if not rows.height:
            return 0
        rows, constants = _table_ready(self.kind, rows.rename({"line": self.PLACE}))
        constants = {name: value for name, value in constants.items()
                     if name not in STAGED[self.kind.name].computed}
        if self.columns is None:  # every batch has the same columns: the first one's
            self._create()
            self.columns = [self.kind.model._meta.get_field(name).column
                            for name in [*rows.columns, *constants] if name != self.PLACE]
        frame_insert(self.kind.model, rows, constants, table=self.TABLE, extra=[self.PLACE])
        return rows.height

    def store(self) -> int:
        if self.columns is None:
            return 0
        return STAGED[self.kind.name].store(self.TABLE, self.columns, self.PLACE)

    def _create(self) -> None:
        # The model's column types, no constraints: values are stored exactly as they will
        # be in the table (a type of the same affinity on SQLite, so "0123" stays text).
        quote = connection.ops.quote_name
        columns = [f"{quote(self.PLACE)} bigint"] + [
            f"{quote(field.column)} {field.db_type(connection)}"
            for field in self.kind.model._meta.concrete_fields if not field.primary_key]
        self.drop()  # left by an import that failed earlier on this connection
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE TEMPORARY TABLE {quote(self.TABLE)} ({', '.join(columns)})")

    def drop(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(self.TABLE)}")


@dataclass(frozen=True)
class _StagedKind:
    store: Callable[[str, list[str], str], int]  # (stage, columns, place) -> rows stored
    computed: frozenset[str]  # fields the store computes itself


STAGED = {"interactions": _StagedKind(store=interactions_insert_staged,
                                      computed=frozenset({"next_contact_seconds"}))}


def _write_agents(kind: ImportKind, frame: pl.DataFrame) -> int:
    # An empty cell is an absent value here, as in a row checked on its own.
    rows = [{name: value for name, value in row.items() if value is not None}
            for row in frame.to_dicts()]
    users = get_user_model()
    teams = {name: pk for name, pk in Team.objects.values_list("name", "pk")}
    locations = {name: pk for name, pk in Location.objects.values_list("name", "pk")}
    for values in rows:
        user, _created = users.objects.get_or_create(username=values["username"], defaults={
            "first_name": values["first_name"], "last_name": values.get("last_name", ""),
            "email": values.get("email", "")})
        team = values.get("team")
        if team and team not in teams:
            teams[team] = Team.objects.create(name=team).pk
        location = values.get("location")
        if location and location not in locations:
            locations[location] = Location.objects.create(name=location, kind="store").pk
        Agent.objects.create(user=user, team_id=teams.get(team), hired_on=values["hired_on"],
                             left_on=values.get("left_on"),
                             location_id=locations.get(location))
    return len(rows)


WRITERS = {"agents": _write_agents}
# Columns derived from the imported ones, as the per-object services derive them.
DERIVED = {
    "interactions": interaction_derived_columns,
    "promises": lambda: [local_date_column(pl.col("due_at")).alias("due_on")],
    "survey_responses": lambda: [local_date_column(pl.col("responded_at"))
                                 .alias("responded_on")],
}


def _after_import(kind: ImportKind, report: ImportReport) -> None:
    """The stored rollups of the weeks that got older data — forgotten here (those weeks
    are computed live meanwhile) and stored again by the job worker's next rollup fill."""
    if not report.imported:
        return
    if kind.name in {"interactions", "promises", "survey_responses"} and report.earliest:
        rollups_forget(since=report.earliest)


def line_count(path: Path) -> int | None:
    """Lines in a text file, counted in binary at disk speed, for progress bars."""
    if file_format(path) == "xlsx" or not path.exists():
        return None
    with path.open("rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))


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
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.RUNNING)
    try:
        report = import_file(run.kind, path, preset_name=run.preset, encoding=encoding,
                             delimiter=delimiter, rejects_path=rejects_path, progress=progress,
                             storing=storing, run=run)
    except UnreadableFile as error:
        ImportRun.objects.filter(pk=run.pk).update(
            status=ImportRun.Status.FAILED, failure=str(error), finished_at=timezone.now())
        raise
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRun.Status.DONE_WITH_REJECTS if report.rejected else ImportRun.Status.DONE,
        rows_read=report.rows_read, imported=report.imported,
        already_there=report.already_there, rejected=report.rejected,
        problems=[{"line": p.line, "column": p.column, "value": p.value, "reason": p.reason}
                  for p in report.problems],
        rejects_file=str(rejects_path) if rejects_path and report.rejected else "",
        finished_at=timezone.now())
    return report


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


def servicenow_sla_comparison(path: Path) -> dict[str, float | int]:
    """Kliento's SLA (first response within the channel's target) against ServiceNow's own
    ``made_sla`` for the incidents of an imported event log. They need not agree:
    ServiceNow's SLA is about resolution by priority."""
    theirs = {row["external_id"]: row["made_sla"].upper() == "TRUE"
              for _line, row in PRESETS["servicenow"].rows(read_rows(path))
              if row.get("made_sla")}
    ours = {
        external_id: seconds is not None and seconds <= target
        for external_id, seconds, target in Interaction.objects.filter(
            external_id__in=list(theirs)).values_list(
            "external_id", "first_response_seconds", "channel__first_response_target_seconds")
    }
    both = [key for key in theirs if key in ours]
    return {"incidents": len(both),
            "kliento_met": sum(ours[key] for key in both),
            "servicenow_met": sum(theirs[key] for key in both),
            "agree": sum(ours[key] == theirs[key] for key in both)}
