"""Checking a batch of rows: column by column for the common case, row by row for the rest.

Every column of the batch is read at once (``CellParser.column``). A row whose cells all
read that way, with nothing required missing and nothing its kind's ``prepare`` might refuse
(``ImportKind.screen``), is accepted as it is. Every other row is checked on its own by
:func:`check_row`, which either accepts a rarer spelling or names the column, the value
and the reason — so the column-wise path only has to be right where it accepts.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import polars as pl

from kliento.imports.fields import CellError, is_missing, present
from kliento.imports.kinds import ImportKind
from kliento.imports.seen import NONE, SeenKeys

Batch = list[tuple[int, dict[str, str]]]


@dataclass(frozen=True)
class Problem:
    line: int
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        shown = f" {self.value!r}" if self.value else ""
        return f"line {self.line}, {self.column}{shown}: {self.reason}"


NUL_REASON = "contains a NUL character: binary data, not text"
SURROGATE_REASON = "contains a lone surrogate (half of a character), not text"


def shown(text: str) -> str:
    """``text`` as it can be shown and stored anywhere (PostgreSQL takes neither NUL nor
    a lone surrogate): those written as escapes."""
    return text.replace("\x00", "\\x00").encode("utf-8", "backslashreplace").decode("utf-8")


def _not_text(text: str) -> str | None:
    """Why ``text`` cannot be stored as text, if it cannot."""
    if "\x00" in text:
        return NUL_REASON
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return SURROGATE_REASON
    return None


@dataclass
class CheckedBatch:
    # "at" (the row's place in the batch), "line", and each column's value, typed.
    accepted: pl.DataFrame
    refused: dict[int, list[Problem]]  # by place in the batch


def check_row(kind: ImportKind, line: int, raw: dict[str, str]) -> tuple[dict, list[Problem]]:
    values, problems = {}, []
    for column in kind.columns:
        text = (raw.get(column.name) or "").strip()
        if reason := _not_text(text):
            problems.append(Problem(line, column.name, shown(text), reason))
            continue
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


def check_batch(kind: ImportKind, batch: Batch, seen: SeenKeys) -> CheckedBatch:
    names = [column.name for column in kind.columns]
    try:
        texts = pl.from_dicts([raw for _line, raw in batch],
                              schema=dict.fromkeys(names, pl.String), strict=False)
        broken = [("__error__" in raw) for _line, raw in batch]
    except UnicodeEncodeError:  # a lone surrogate (from JSON): those rows are checked alone
        texts = pl.from_dicts([{name: shown(raw.get(name) or "") for name in names}
                               for _line, raw in batch],
                              schema=dict.fromkeys(names, pl.String), strict=False)
        broken = [("__error__" in raw) or any(_not_text(raw.get(name) or "") for name in names)
                  for _line, raw in batch]
    texts = texts.select(present(pl.col(name)) for name in names).with_columns(
        at=np.arange(len(batch), dtype=np.int64),
        line=np.fromiter((line for line, _raw in batch), dtype=np.int64, count=len(batch)),
        broken=pl.Series(broken, dtype=pl.Boolean))
    read = texts.select(
        "at", "line", "broken",
        *[pl.col(name).alias(f"text:{name}") for name in names],
        *[(column.parse.column(pl.col(column.name)) if column.parse else pl.col(column.name))
          .alias(column.name) for column in kind.columns])
    read = read.with_columns(doubtful=pl.any_horizontal(
        pl.col("broken"),
        *[pl.col(column.name).is_null() for column in kind.columns if column.required],
        *[pl.col(f"text:{name}").is_not_null() & pl.col(name).is_null() for name in names],
        *[pl.col(f"text:{name}").str.contains("\x00", literal=True).fill_null(False)
          for name in names],
        kind.screen().fill_null(False),
    )).drop("broken", *(f"text:{name}" for name in names))
    read = read.with_columns(pl.col(name).fill_null(pl.lit(value, dtype=read.schema[name]))
                             for name, value in kind.fills.items())

    refused: dict[int, list[Problem]] = {}
    by_hand: dict[int, dict] = {}  # rows checked one by one: their values
    keys = read[kind.key].to_list()
    for at in read["at"].filter(read["doubtful"]).to_list():
        line, raw = batch[at]
        if "__error__" in raw:
            refused[at] = [Problem(line, "row", "", raw["__error__"])]
            keys[at] = None
            continue
        values, problems = check_row(kind, line, raw)
        keys[at] = values.get(kind.key)
        if problems:
            refused[at] = problems
        else:
            by_hand[at] = values

    lines = read["line"].to_numpy()
    earlier = seen.earlier_lines(pl.Series(keys, dtype=pl.String), lines)
    for at in np.flatnonzero(earlier != NONE).tolist():
        refused.setdefault(at, []).append(Problem(
            int(lines[at]), kind.key, keys[at], f"duplicate id: also on line {earlier[at]}"))
        by_hand.pop(at, None)

    accepted = read.filter(~pl.col("doubtful") & ~pl.col("at").is_in(list(refused))) \
        .drop("doubtful")
    if by_hand:
        accepted = pl.concat([accepted, pl.DataFrame(
            [{"at": at, "line": batch[at][0],
              **{name: _utc(values.get(name)) for name in names}}
             for at, values in by_hand.items()], schema=accepted.schema)]).sort("at")
    return CheckedBatch(accepted=accepted, refused=refused)


def _utc(value):
    return value.astimezone(UTC) if isinstance(value, datetime) else value
