"""Kliento's staffing core: how many agents an interval needs, and how many contacts will come.

Framework-free (the standard library and numpy; no Django, no other Kliento package — an
import-linter contract checks it), like :mod:`kliento.measure`: every function checks its
arguments (a bad one raises :class:`ValueError` naming it) and returns a frozen dataclass.

* :func:`erlang_c`, :func:`erlang_a`, :func:`required_agents` — queueing (:mod:`.queueing`);
* :func:`forecast_arrivals`, :func:`backtest` — arrivals per interval (:mod:`.forecasting`).

>>> from kliento.staffing import required_agents
>>> required_agents(calls=100, interval_s=1800, aht_s=180, target_s=20, target_sl=0.8).agents
14
"""

from .queueing import (
    ErlangAResult,
    ErlangCResult,
    StaffingResult,
    erlang_a,
    erlang_b,
    erlang_c,
    offered_load,
    required_agents,
)

__all__ = [
    "ErlangAResult",
    "ErlangCResult",
    "StaffingResult",
    "erlang_a",
    "erlang_b",
    "erlang_c",
    "offered_load",
    "required_agents",
]
