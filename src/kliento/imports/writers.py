"""Where an import's rows end up: the checked ones in their table — straight in, or for
interactions through a stage that waits for the whole file — and the refused ones in a CSV
with an ``error`` column, as they came, to be fixed and imported again."""

import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models.expressions import DatabaseDefault

from kliento.audit_trail.context import current_actor, current_source
from kliento.customers.models import CONSENT_FIELDS, ConsentChange, Customer
from kliento.database.bulk_insert import frame_insert
from kliento.imports.checking import Problem
from kliento.imports.kinds import ImportKind
from kliento.interactions.services import interaction_derived_columns, interactions_insert_staged
from kliento.orders.services import order_derived_columns
from kliento.organisation.calendar import local_date_column
from kliento.organisation.models import Agent, Location, Team
from kliento.ui.spreadsheet_cells import formula_neutralised


class RejectsWriter:
    """The refused rows as they came, plus an ``error`` column: fix and import again."""

    def __init__(self, path: Path | None):
        self.path, self._handle, self._writer = path, None, None

    def write(self, raw: dict[str, str], problems: list[Problem]) -> None:
        if self.path is None:
            return
        if self._writer is None:
            # A refused row may hold a lone surrogate (from JSON): written as an escape.
            self._handle = self.path.open("w", encoding="utf-8-sig", newline="",
                                          errors="backslashreplace")
            columns = [name for name in raw if name != "__error__"] + ["error"]
            self._writer = csv.DictWriter(self._handle, fieldnames=columns,
                                          extrasaction="ignore")
            # The file's own column names and cells are whatever the sender typed: opened in
            # a spreadsheet they are shown, never run.
            self._writer.writerow({name: formula_neutralised(name) for name in columns})
        row = raw | {"error": "; ".join(f"{p.column}: {p.reason}" for p in problems)}
        self._writer.writerow({name: formula_neutralised(value) for name, value in row.items()})

    def close(self) -> None:
        if self._handle:
            self._handle.close()


def rows_write(kind: ImportKind, rows: pl.DataFrame) -> int:
    """Write checked rows whose keys were found new just before, in this transaction;
    returns how many were written."""
    return WRITERS.get(kind.name, _write_generic)(kind, rows)


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


class Stage:
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


def _write_customers(kind: ImportKind, frame: pl.DataFrame) -> int:
    """The customers, and for each consent given in the file its record in the consent
    history (through the import, by whoever started it)."""
    written = _write_generic(kind, frame)
    consent_columns = [(purpose, name) for purpose, name in CONSENT_FIELDS.items()
                       if name in frame.columns]
    if not consent_columns or not frame.height:
        return written
    ids = dict(Customer.objects.filter(external_id__in=frame["external_id"].to_list())
               .values_list("external_id", "pk"))
    source, actor = current_source(), current_actor()
    ConsentChange.objects.bulk_create(
        ConsentChange(customer_id=ids[row["external_id"]], purpose=purpose, granted=True,
                      source=source, changed_by=actor)
        for row in frame.select("external_id", *(name for _p, name in consent_columns)
                                ).iter_rows(named=True)
        for purpose, name in consent_columns if row[name])
    return written


WRITERS = {"agents": _write_agents, "customers": _write_customers}

# Columns derived from the imported ones, as the per-object services derive them.
DERIVED = {
    "interactions": interaction_derived_columns,
    "promises": lambda: [local_date_column(pl.col("due_at")).alias("due_on")],
    "survey_responses": lambda: [local_date_column(pl.col("responded_at"))
                                 .alias("responded_on")],
    "orders": order_derived_columns,
}
