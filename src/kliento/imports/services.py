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

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models.expressions import DatabaseDefault
from django.utils import timezone

from kliento.analytics.rollups import rollups_forget
from kliento.customers.models import Customer
from kliento.database.bulk_insert import bulk_insert
from kliento.imports.fields import CellError, is_missing
from kliento.imports.kinds import KINDS, ImportKind
from kliento.imports.models import ColumnMapping, ImportRun
from kliento.imports.presets import PRESETS, Preset, preset_named
from kliento.imports.readers import UnreadableFile, file_format, read_rows
from kliento.imports.seen import SeenKeys
from kliento.interactions.models import Interaction
from kliento.interactions.services import interaction_fill_derived, next_contacts_refresh
from kliento.organisation.calendar import local_date
from kliento.organisation.models import Agent, Location, Team
from kliento.promises.models import Promise
from kliento.surveys.models import SurveyResponse

BATCH_SIZE = 2000
PROBLEMS_KEPT = 200


@dataclass(frozen=True)
class Problem:
    line: int
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        shown = f" {self.value!r}" if self.value else ""
        return f"line {self.line}, {self.column}{shown}: {self.reason}"


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
                             run=run)
    finally:
        rejects.close()
    return report


def import_rows(kind: ImportKind, rows: Iterator[tuple[int, dict[str, str]]], *,
                preset: Preset, rejects: RejectsWriter | None = None,
                progress: Callable[[int], None] = lambda line: None,
                run: ImportRun | None = None, track_outcomes: bool = False) -> ImportReport:
    report = ImportReport(outcomes={} if track_outcomes else None)
    rejects = rejects or RejectsWriter(None)
    seen = SeenKeys()
    names = _NameLookups(kind, preset)
    batch: list[tuple[int, dict[str, str]]] = []
    for line, raw in rows:
        batch.append((line, raw))
        if len(batch) >= BATCH_SIZE:
            _import_batch(kind, batch, preset, names, seen, rejects, report)
            _progress(run, report, progress, line)
            batch = []
    if batch:
        _import_batch(kind, batch, preset, names, seen, rejects, report)
        _progress(run, report, progress, batch[-1][0])
    _after_import(kind, report)
    return report


def _progress(run, report, progress, line) -> None:
    progress(line)
    if run is not None:
        ImportRun.objects.filter(pk=run.pk).update(
            last_line=line, rows_read=report.rows_read, imported=report.imported,
            already_there=report.already_there, rejected=report.rejected)


def _import_batch(kind, batch, preset, names, seen, rejects, report) -> None:
    checked: list[tuple[int, dict[str, str], dict]] = []
    refused: dict[int, tuple[dict[str, str], list[Problem]]] = {}

    def refuse(line, raw, problem):
        refused.setdefault(line, (raw, []))[1].append(problem)

    for line, raw in batch:
        report.rows_read += 1
        if "__error__" in raw:
            refuse(line, raw, Problem(line, "row", "", raw["__error__"]))
            continue
        values, problems = _check_row(kind, line, raw)
        key = values.get(kind.key)
        if key is not None:
            if (earlier := seen.first_line(key)) is not None:
                problems.append(Problem(line, kind.key, key,
                                        f"duplicate id: also on line {earlier}"))
            else:
                seen.add(key, line)
        if problems:
            for problem in problems:
                refuse(line, raw, problem)
        else:
            checked.append((line, raw, values))

    checked = _resolve_references(kind, preset, checked, refuse)
    checked = names.resolve(checked, refuse)
    existing = _existing_keys(kind, [values[kind.key] for _l, _r, values in checked])
    fresh = [(line, raw, values) for line, raw, values in checked
             if values[kind.key] not in existing]
    report.already_there += len(checked) - len(fresh)
    if report.outcomes is not None:
        report.outcomes |= {line: "exists" for line, _raw, _values in checked}
        report.outcomes |= {line: "created" for line, _raw, _values in fresh}
        report.outcomes |= {line: "rejected" for line in refused}
    with transaction.atomic():
        report.imported += WRITERS.get(kind.name, _write_generic)(kind, [v for _l, _r, v in fresh])
    for _line, _raw, values in fresh:
        moment = values.get("opened_at") or values.get("responded_at") or values.get("due_at")
        if moment is not None:
            day = local_date(moment)
            report.earliest = min(report.earliest or day, day)
    for line in sorted(refused):
        raw, problems = refused[line]
        rejects.write(raw, problems)
        report.rejected += 1
        if report.outcomes is not None:  # an API batch: every problem goes back to the caller
            report.problems.extend(problems)
        else:
            room = PROBLEMS_KEPT - len(report.problems)
            report.problems.extend(problems[:max(room, 0)])


def _check_row(kind: ImportKind, line: int, raw: dict[str, str]) -> tuple[dict, list[Problem]]:
    values, problems = {}, []
    for column in kind.columns:
        text = (raw.get(column.name) or "").strip()
        if is_missing(text):
            if column.required:
                problems.append(Problem(line, column.name, "", "required, but empty"
                                        if column.name in raw else "required column missing"))
            continue
        try:
            values[column.name] = column.parse(text) if column.parse else text
        except CellError as error:
            problems.append(Problem(line, column.name, text, str(error)))
    if not problems:
        try:
            values = kind.prepare(values)
        except ValueError as error:
            column, reason = error.args[0]
            problems.append(Problem(line, column, str(raw.get(column, "")), reason))
    return values, problems


def _resolve_references(kind, preset, checked, refuse):
    """Foreign records named by key, one query per reference per batch; a missing customer
    is an error — unless the preset's source knows customers only by these rows."""
    for reference in kind.references:
        wanted = {values[reference.column] for _l, _r, values in checked
                  if reference.column in values}
        found = dict(reference.model.objects.filter(**{f"{reference.key}__in": wanted})
                     .values_list(reference.key, "pk"))
        missing = wanted - set(found)
        if missing and reference.model is Customer and "customers" in preset.creates:
            Customer.objects.bulk_create(
                [Customer(external_id=key, full_name=key) for key in sorted(missing)],
                ignore_conflicts=True)
            found |= dict(Customer.objects.filter(external_id__in=missing)
                          .values_list("external_id", "pk"))
        kept = []
        for line, raw, values in checked:
            key = values.pop(reference.column, None)
            if key is None:
                kept.append((line, raw, values))
            elif key in found:
                values[reference.attribute] = found[key]
                kept.append((line, raw, values))
            else:
                what = reference.model._meta.verbose_name
                refuse(line, raw, Problem(line, reference.column, key,
                                          f"no {what} with this id (import it first)"))
        checked = kept
    return checked


class _NameLookups:
    """Teams, locations, touchpoints and agents by name: small tables, loaded once."""

    def __init__(self, kind: ImportKind, preset: Preset):
        self.kind, self.preset = kind, preset
        self.tables = {lookup.column: dict(lookup.model.objects.values_list(lookup.key, "pk"))
                       for lookup in kind.lookups}

    def resolve(self, checked, refuse):
        kept = []
        for line, raw, values in checked:
            ok = True
            for lookup in self.kind.lookups:
                name = values.pop(lookup.column, None)
                if name is None:
                    continue
                table = self.tables[lookup.column]
                if name not in table:
                    created = self._create(lookup.model, name)
                    if created is None:
                        what = lookup.model._meta.verbose_name
                        refuse(line, raw, Problem(line, lookup.column, name, f"unknown {what}"))
                        ok = False
                        continue
                    table[name] = created
                values[lookup.attribute] = table[name]
            if ok:
                kept.append((line, raw, values))
        return kept

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
    if not keys:
        return set()
    if kind.name == "agents":
        return set(Agent.objects.filter(user__username__in=keys)
                   .values_list("user__username", flat=True))
    return set(kind.model.objects.filter(**{f"{kind.key}__in": keys})
               .values_list(kind.key, flat=True))


def _write_generic(kind: ImportKind, rows: list[dict]) -> int:
    """Straight into the table (COPY on PostgreSQL, executemany on SQLite): the ORM's
    bulk_create spends more time composing SQL than the database spends storing rows. The
    rows were checked and their keys found new just before, in this transaction."""
    if not rows:
        return 0
    finish = FINISHERS.get(kind.name, lambda instance: instance)
    instances = [finish(kind.model(**values)) for values in rows]
    fields = [f for f in kind.model._meta.concrete_fields if not f.primary_key
              and not isinstance(getattr(instances[0], f.attname), DatabaseDefault)]
    bulk_insert(kind.model, [f.name for f in fields], (
        [f.get_db_prep_save(getattr(instance, f.attname), connection) for f in fields]
        for instance in instances))
    return len(instances)


def _write_agents(kind: ImportKind, rows: list[dict]) -> int:
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


def _finish_promise(promise: Promise) -> Promise:
    promise.due_on = local_date(promise.due_at)
    return promise


def _finish_response(response: SurveyResponse) -> SurveyResponse:
    response.responded_on = local_date(response.responded_at)
    return response


WRITERS = {"agents": _write_agents}
FINISHERS = {"interactions": interaction_fill_derived, "promises": _finish_promise,
             "survey_responses": _finish_response}


def _after_import(kind: ImportKind, report: ImportReport) -> None:
    """Derived data that spans rows: repeat contacts, and the stored rollups of the weeks
    that got older data — forgotten here (those weeks are computed live meanwhile) and
    stored again by the job worker's next rollup fill."""
    if not report.imported:
        return
    if kind.name == "interactions":
        next_contacts_refresh()
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
                       progress: Callable[[int], None] = lambda line: None) -> ImportReport | None:
    """Run an import and record its outcome on ``run`` (the page shows it)."""
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.RUNNING)
    try:
        report = import_file(run.kind, path, preset_name=run.preset, encoding=encoding,
                             delimiter=delimiter, rejects_path=rejects_path, progress=progress,
                             run=run)
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
