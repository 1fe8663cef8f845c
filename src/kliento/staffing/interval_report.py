"""Reading a contact-centre interval report (CSV), as phone systems export it, into the
days × intervals grid the forecast learns from — refusing what would mislead it.

Columns: ``interval_start`` (ISO 8601, with or without a UTC offset) and ``offered``; ``handled``
and ``aht_s`` are optional. Refused with a message saying where: a missing column, a count that
is not a whole number ≥ 0, duplicate or unsorted intervals, a step that is not 15, 30 or 60
minutes, a hole inside a day (phone systems write a row with 0 for a quiet interval, so a
missing row is lost data), a whole day missing, and timestamps whose offsets do not belong to
the expected time zone. Intervals before a day's first row and after its last are closed hours
(zero): exports often leave the night out.

>>> report = read_interval_report([
...     "interval_start,offered",
...     "2026-03-02T07:00:00+02:00,4",
...     "2026-03-02T07:30:00+02:00,6",
... ])
>>> report.interval_minutes, report.grid.shape, report.grid[0, 14:16].tolist()
(30, (1, 48), [4.0, 6.0])
"""

import csv
import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np

__all__ = ["IntervalReport", "read_interval_report", "write_forecast"]

ALLOWED_MINUTES = (15, 30, 60)


@dataclass(frozen=True, slots=True)
class IntervalReport:
    """An interval report as a grid: ``grid`` (days × intervals of the day, contacts offered,
    local wall-clock), ``first_day`` the local date of row 0, ``interval_minutes``, ``zone``
    (the time zone or fixed offset of the timestamps, ``None`` when they had none), and the
    handled-time column per row when the report had one (``aht_s``, seconds, NaN if missing)."""

    grid: np.ndarray
    first_day: date
    interval_minutes: int
    zone: tzinfo | None
    aht_s: np.ndarray


def _zone(name: str | None) -> tzinfo | None:
    if name is None:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"time_zone {name!r} is not a known time zone") from None


def read_interval_report(
    lines, *, time_zone: str | None = None, interval_minutes: int | None = None
) -> IntervalReport:
    """Read the report from ``lines`` (an open file or a list of lines). ``time_zone`` (e.g.
    ``"Europe/Vilnius"``) is the zone the timestamps must be in; without it they are taken as
    they are. ``interval_minutes`` is inferred from the rows when not given.

    >>> read_interval_report(["interval_start,offered", "2026-03-02T07:30,1", "2026-03-02T07:00,0"])
    Traceback (most recent call last):
    ...
    ValueError: line 3: interval 2026-03-02T07:00 comes before the line above it (rows must be ...)
    """
    if interval_minutes is not None and interval_minutes not in ALLOWED_MINUTES:
        raise ValueError(f"interval_minutes must be 15, 30 or 60, got {interval_minutes!r}")
    zone = _zone(time_zone)
    reader = csv.DictReader(lines)
    columns = [c.strip() for c in reader.fieldnames or []]
    for needed in ("interval_start", "offered"):
        if needed not in columns:
            raise ValueError(f"the report has no {needed!r} column (columns: {', '.join(columns)})")
    starts: list[datetime] = []
    offered: list[float] = []
    aht: list[float] = []
    offsets = set()
    for line_number, raw in enumerate(reader, start=2):
        row = {k.strip(): (v or "").strip() for k, v in raw.items() if k}
        text = row["interval_start"]
        try:
            start = datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(
                f"line {line_number}: interval_start {text!r} is not a date and time"
            ) from None
        if start.tzinfo is not None:
            offsets.add(start.utcoffset())
            if zone is not None:
                local = start.astimezone(zone)
                if local.utcoffset() != start.utcoffset():
                    raise ValueError(
                        f"line {line_number}: {text} is not in {time_zone} (which is "
                        f"UTC{local.strftime('%z')} then): convert the report to {time_zone}"
                    )
        if starts and (start.tzinfo is None) != (starts[0].tzinfo is None):
            raise ValueError(f"line {line_number}: some timestamps have a UTC offset and some not")
        try:
            count = float(row["offered"])
        except ValueError:
            count = math.nan
        if not (count >= 0 and count == int(count)):
            raise ValueError(
                f"line {line_number}: offered {row['offered']!r} is not a whole number ≥ 0"
            )
        if starts:
            if start == starts[-1]:
                raise ValueError(f"line {line_number}: interval {text} appears twice")
            if start < starts[-1]:
                raise ValueError(
                    f"line {line_number}: interval {text} comes before the line above it "
                    "(rows must be sorted)"
                )
        starts.append(start)
        offered.append(count)
        try:
            aht.append(float(row.get("aht_s") or "nan"))
        except ValueError:
            raise ValueError(
                f"line {line_number}: aht_s {row['aht_s']!r} is not a number"
            ) from None
    if not starts:
        raise ValueError("the report has no intervals")
    if zone is None and len(offsets) > 1:
        # Two offsets are a daylight-saving change only when a zone says so.
        raise ValueError(
            "the report's timestamps have several UTC offsets "
            f"({', '.join(sorted(str(o) for o in offsets))}): name its time zone"
        )
    if zone is None and offsets:
        zone = timezone(offsets.pop())

    local = [s.astimezone(zone).replace(tzinfo=None) if s.tzinfo else s for s in starts]
    # The step: the smallest distance between two rows in absolute time.
    absolute = [s.timestamp() if s.tzinfo else s.replace(tzinfo=UTC).timestamp() for s in starts]
    steps = np.diff(absolute) / 60 if len(absolute) > 1 else np.array([interval_minutes or 30])
    step = interval_minutes or int(steps.min())
    if step not in ALLOWED_MINUTES:
        raise ValueError(
            f"the report's intervals are {step} minutes apart: they must be 15, 30 or 60"
        )
    for when in local:
        if (when.hour * 60 + when.minute) % step or when.second or when.microsecond:
            raise ValueError(
                f"interval {when.isoformat()} does not start on a {step}-minute boundary"
            )

    per_day = 24 * 60 // step
    first_day, last_day = local[0].date(), local[-1].date()
    days = (last_day - first_day).days + 1
    grid = np.zeros((days, per_day))
    seen = np.zeros((days, per_day), dtype=bool)
    aht_grid = np.full((days, per_day), np.nan)
    for when, count, handled in zip(local, offered, aht, strict=True):
        day = (when.date() - first_day).days
        slot = (when.hour * 60 + when.minute) // step
        grid[day, slot] += count  # the repeated hour of an autumn clock change adds up
        seen[day, slot] = True
        aht_grid[day, slot] = handled
    for day in range(days):
        observed = np.flatnonzero(seen[day])
        when = first_day + timedelta(days=day)
        if observed.size == 0:
            raise ValueError(
                f"the report has no intervals on {when.isoformat()}: a whole day is missing "
                "(write it with 0 offered if the centre was closed)"
            )
        holes = np.flatnonzero(~seen[day, observed[0] : observed[-1] + 1]) + observed[0]
        holes = [h for h in holes if _exists(when, int(h) * step, zone)]
        if holes:
            first = datetime.combine(when, datetime.min.time()) + timedelta(
                minutes=int(holes[0]) * step
            )
            raise ValueError(
                f"the report has a gap: {len(holes)} interval(s) missing on {when.isoformat()}, "
                f"the first at {first.strftime('%H:%M')} (a quiet interval is a row with 0 offered)"
            )
    return IntervalReport(grid, first_day, step, zone, aht_grid)


def _exists(day: date, minutes: int, zone) -> bool:
    """False for the wall-clock hour a spring clock change skips (it has no row to miss)."""
    if not isinstance(zone, ZoneInfo):
        return True
    wall = datetime.combine(day, datetime.min.time()) + timedelta(minutes=minutes)
    aware = wall.replace(tzinfo=zone)
    return aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == wall


def write_forecast(
    out, report_first_day: date, start_day: int, offered, low, high, *, interval_minutes: int, zone
):
    """Write ``interval_start,offered,low,high`` for every interval of the forecast days, the
    timestamps in the report's zone (with their offset) or naive when the report's were."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["interval_start", "offered", "low", "high"])
    per_day = offered.shape[1]
    for day in range(offered.shape[0]):
        midnight = datetime.combine(
            report_first_day + timedelta(days=start_day + day), datetime.min.time()
        )
        for slot in range(per_day):
            when = midnight + timedelta(minutes=slot * interval_minutes)
            if zone is not None:
                when = when.replace(tzinfo=zone)
            writer.writerow(
                [
                    when.isoformat(),
                    f"{offered[day, slot]:.2f}",
                    f"{low[day, slot]:.2f}",
                    f"{high[day, slot]:.2f}",
                ]
            )
