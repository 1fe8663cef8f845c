"""``kliento staffing forecast``: a planner's CSV in, a forecast CSV out, clear refusals."""

import csv
from datetime import datetime, timedelta

import numpy as np
import pytest
from django.core.management import CommandError, call_command


def write_history(path, days=21, rows_per_day=range(14, 48)):
    rng = np.random.default_rng(2)
    start = datetime(2026, 2, 2)  # a Monday
    with open(path, "w") as out:
        out.write("interval_start,offered,handled,aht_s\n")
        for day in range(days):
            for slot in rows_per_day:
                when = start + timedelta(days=day, minutes=30 * slot)
                out.write(f"{when.isoformat()}+02:00,{rng.poisson(20)},0,180\n")


def test_forecast_writes_every_interval_of_the_days_after_the_history(tmp_path):
    write_history(tmp_path / "history.csv")
    call_command(
        "staffing",
        "forecast",
        str(tmp_path / "history.csv"),
        "--days",
        "7",
        "--out",
        str(tmp_path / "forecast.csv"),
        "--country",
        "lt",
    )
    with open(tmp_path / "forecast.csv") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["interval_start", "offered", "low", "high"]
    assert len(rows) == 7 * 48
    assert rows[0]["interval_start"] == "2026-02-23T00:00:00+02:00"
    assert rows[-1]["interval_start"] == "2026-03-01T23:30:00+02:00"
    open_hours = [float(r["offered"]) for r in rows if r["interval_start"][11:13] >= "07"]
    assert 15 < np.mean(open_hours) < 25
    assert all(float(r["low"]) <= float(r["offered"]) <= float(r["high"]) for r in rows)


def test_hourly_forecast_adds_up_half_hours(tmp_path):
    write_history(tmp_path / "history.csv")
    call_command(
        "staffing",
        "forecast",
        str(tmp_path / "history.csv"),
        "--days",
        "1",
        "--interval",
        "60",
        "--out",
        str(tmp_path / "forecast.csv"),
    )
    with open(tmp_path / "forecast.csv") as f:
        assert sum(1 for _ in f) == 1 + 24


def test_a_gap_is_refused_and_nothing_is_written(tmp_path):
    write_history(tmp_path / "history.csv", rows_per_day=[*range(14, 20), *range(21, 48)])
    with pytest.raises(CommandError, match=r"gap: 1 interval.* first at 10:00"):
        call_command(
            "staffing",
            "forecast",
            str(tmp_path / "history.csv"),
            "--out",
            str(tmp_path / "forecast.csv"),
        )
    assert not (tmp_path / "forecast.csv").exists()


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("staffing", "forecast", str(tmp_path / "nope.csv"))
