"""``kliento staffing forecast HISTORY.csv --days 7 --out FORECAST.csv``: a planner's forecast of
contacts per interval from a phone system's interval report, with the backtest beside it."""

import contextlib
import sys
from datetime import date

import numpy as np
from django.core.management.base import BaseCommand, CommandError

from kliento.staffing.forecasting import forecast_calendar
from kliento.staffing.interval_report import read_interval_report, write_forecast
from kliento.workforce.services import RosterRefused, roster_import


def _closure(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--closure {text!r} is not a date (YYYY-MM-DD)") from None


def _regroup(grid: np.ndarray, from_minutes: int, to_minutes: int) -> np.ndarray:
    """Sum 15-minute intervals into 30 or 60 (never split: that would invent a pattern)."""
    if to_minutes == from_minutes:
        return grid
    if to_minutes < from_minutes or to_minutes % from_minutes:
        raise CommandError(
            f"--interval {to_minutes}: the report has {from_minutes}-minute intervals, "
            "which can be added up into longer ones but not split"
        )
    factor = to_minutes // from_minutes
    return grid.reshape(grid.shape[0], -1, factor).sum(axis=2)


class Command(BaseCommand):
    help = ("Staffing tools for planners. 'forecast': contacts per interval from an interval "
            "report; 'roster-import': shifts and the roster from a CSV file.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        forecast = sub.add_parser("forecast", help="forecast contacts per interval")
        forecast.add_argument("history", help="interval report CSV: interval_start,offered[,…]")
        forecast.add_argument("--days", type=int, default=7, help="days to forecast (default 7)")
        forecast.add_argument(
            "--interval",
            type=int,
            choices=(15, 30, 60),
            help="minutes per interval (default: the report's)",
        )
        forecast.add_argument("--out", help="where to write the forecast CSV (default: stdout)")
        forecast.add_argument(
            "--time-zone", help="the zone the report must be in, e.g. Europe/Vilnius"
        )
        forecast.add_argument("--country", help="public holidays to respect: lt, lv, pl, …")
        forecast.add_argument(
            "--closure",
            action="append",
            default=[],
            type=_closure,
            help="a date the centre is or was closed (repeatable)",
        )
        roster = sub.add_parser("roster-import", help="import a roster CSV")
        roster.add_argument("roster", help="CSV: day,agent,channel,shift[,starts_at,ends_at]")

    def handle(self, *args, action, **options):
        if action == "roster-import":
            return self._roster_import(options["roster"])
        return self._forecast(**options)

    def _roster_import(self, path: str) -> None:
        try:
            with open(path, newline="", encoding="utf-8-sig") as lines:
                imported = roster_import(lines)
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}") from None
        except RosterRefused as refused:
            raise CommandError(f"{path}: nothing imported:\n" + "\n".join(refused.errors)) from None
        self.stdout.write(f"{imported.entries} roster entries, "
                          f"{imported.shifts_created} new shifts")

    def _forecast(self, *, history, days, interval, out, time_zone, country, closure, **options):
        try:
            with open(history, newline="", encoding="utf-8-sig") as lines:
                report = read_interval_report(lines, time_zone=time_zone)
            grid = _regroup(
                report.grid, report.interval_minutes, interval or report.interval_minutes
            )
            result = forecast_calendar(
                grid,
                first_day=report.first_day,
                horizon_days=days,
                country=country,
                closures=closure,
            )
        except OSError as error:
            raise CommandError(f"cannot read {history}: {error.strerror}") from None
        except ValueError as error:
            raise CommandError(f"{history}: {error}") from None
        with contextlib.ExitStack() as stack:
            target = (
                stack.enter_context(open(out, "w", newline="", encoding="utf-8"))
                if out
                else sys.stdout
            )
            write_forecast(
                target,
                report.first_day,
                grid.shape[0],
                result.offered,
                result.low,
                result.high,
                interval_minutes=interval or report.interval_minutes,
                zone=report.zone,
            )
        scores = ", ".join(
            f"{name} {score:.3f}"
            for name, score in sorted(result.scores.items(), key=lambda x: x[1])
        )
        self.stderr.write(
            f"model {result.model}: backtest WAPE {result.backtest_wape:.3f}, "
            f"MASE {result.backtest_mase:.2f} (candidates: {scores})"
        )
