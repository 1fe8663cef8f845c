"""Kliento's staffing core: how many agents an interval needs, and how many contacts will come.

Framework-free (the standard library and numpy; no Django, no other Kliento package — an
import-linter contract checks it), like :mod:`kliento.measure`: every function checks its
arguments (a bad one raises :class:`ValueError` naming it) and returns a frozen dataclass.

* :func:`erlang_c`, :func:`erlang_a`, :func:`required_agents` — queueing (:mod:`.queueing`);
* :func:`forecast_calendar`, :func:`forecast_grid` — contacts per interval, the model chosen
  by rolling-origin backtest (:mod:`.forecasting`); :func:`read_interval_report` — a phone
  system's CSV export, checked (:mod:`.interval_report`); :func:`workload_plan` — a deferred
  channel (e-mail) planned by its work carried within the answer window, and
  :func:`scheduled_heads` — heads with shrinkage, rounded once (:mod:`.workload`).

>>> from kliento.staffing import required_agents
>>> required_agents(calls=100, interval_s=1800, aht_s=180, target_s=20, target_sl=0.8).agents
14
"""

from .forecasting import ForecastResult, forecast_calendar, forecast_grid, mase, wape
from .interval_report import IntervalReport, read_interval_report
from .queueing import (
    ErlangAResult,
    ErlangCResult,
    StaffingPlan,
    StaffingResult,
    erlang_a,
    erlang_b,
    erlang_c,
    offered_load,
    required_agents,
    required_agents_plan,
)
from .workload import WorkloadPlan, scheduled_heads, workload_plan

__all__ = [
    "ErlangAResult",
    "ErlangCResult",
    "ForecastResult",
    "IntervalReport",
    "StaffingPlan",
    "StaffingResult",
    "WorkloadPlan",
    "erlang_a",
    "erlang_b",
    "erlang_c",
    "forecast_calendar",
    "forecast_grid",
    "mase",
    "offered_load",
    "read_interval_report",
    "required_agents",
    "required_agents_plan",
    "scheduled_heads",
    "wape",
    "workload_plan",
]
