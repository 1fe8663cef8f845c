"""Staffing a deferred channel (e-mail, back office) by workload, and rounding heads.

A contact whose answer may wait longer than one planning interval need not be answered in
the interval it came in: its work can be done any time within its answer window. Queueing
models (Erlang C/A) assume the opposite, and on a channel with a few contacts an hour they
ask for an agent in every open interval. The standard workforce-management method for such
work is to plan the *workload*:

* each interval's work is ``contacts · handle time`` (seconds);
* it is carried over its answer window, the ``⌊target / interval⌋`` intervals from the one it
  came in (so all of it is done by the target, however late in its interval it came), spread
  evenly over those of them that are open (``open_mask``; all of them when none is open);
* the agents busy on it per interval are that carried work ``/ interval / max_occupancy``,
  and the agents to schedule ``agents / (1 − shrinkage)``: fractions of an agent, as an agent
  on a deferred channel works it between other tasks.

The week is treated as circular: what comes late on Sunday is carried into Monday morning,
which stands for the same carry-over from the week before.

>>> plan = workload_plan([2, 0, 0, 0], interval_s=1800, aht_s=360, target_s=3600)
>>> plan.window, plan.agents.tolist()
(2, [0.2, 0.2, 0.0, 0.0])
"""

import math
from dataclasses import dataclass

import numpy as np

from .queueing import _check_number, _check_share

__all__ = ["WorkloadPlan", "scheduled_heads", "workload_plan"]


@dataclass(frozen=True, slots=True)
class WorkloadPlan:
    """Per interval (numpy arrays): ``work_s`` the handling seconds that arrive, ``carried_s``
    the seconds done there once carried over the answer window, ``agents`` busy on it (at the
    occupancy cap) and ``scheduled`` with shrinkage, both fractional; ``window`` in intervals;
    ``uncovered_s`` the seconds of work whose whole answer window is closed."""

    work_s: np.ndarray
    carried_s: np.ndarray
    agents: np.ndarray
    scheduled: np.ndarray
    window: int
    uncovered_s: float


def workload_plan(calls, interval_s: float, aht_s, target_s: float, max_occupancy: float = 1.0,
                  shrinkage: float = 0.0, open_mask=None) -> WorkloadPlan:
    """Plan ``calls`` per interval (a sequence, read as circular) whose answers may wait up to
    ``target_s`` seconds, each handled in ``aht_s`` seconds (one value, or one per interval).

    >>> p = workload_plan([10, 0, 0, 0], 1800, 360, 7200, max_occupancy=0.8, shrinkage=0.2,
    ...                   open_mask=[False, True, True, False])
    >>> p.carried_s.tolist(), p.scheduled.round(4).tolist(), p.uncovered_s
    ([0.0, 1800.0, 1800.0, 0.0], [0.0, 1.5625, 1.5625, 0.0], 0.0)
    >>> workload_plan([0, 0, 1, 0], 1800, 360, 3600, open_mask=[1, 0, 0, 0]).uncovered_s
    360.0
    >>> workload_plan([1], 1800, 360, 600)
    Traceback (most recent call last):
    ...
    ValueError: target_s must be at least interval_s (1800.0), got 600.0: plan it by queueing
    """
    calls = np.asarray(calls, dtype=float)
    if calls.ndim != 1 or (calls < 0).any() or not np.isfinite(calls).all():
        raise ValueError("calls must be a sequence of finite numbers ≥ 0")
    interval_s = _check_number("interval_s", interval_s, positive=True)
    target_s = _check_number("target_s", target_s, positive=True)
    if target_s < interval_s:
        raise ValueError(f"target_s must be at least interval_s ({interval_s}), got {target_s}: "
                         "plan it by queueing")
    aht = np.broadcast_to(np.asarray(aht_s, dtype=float), calls.shape)
    if not (aht > 0).all() or not np.isfinite(aht).all():
        raise ValueError("aht_s must be positive")
    max_occupancy = _check_share("max_occupancy", max_occupancy, low_open=True, high_open=False)
    shrinkage = _check_share("shrinkage", shrinkage, low_open=False, high_open=True)
    size = calls.size
    is_open = (np.ones(size, dtype=bool) if open_mask is None
               else np.asarray(open_mask, dtype=bool).reshape(size))
    window = max(1, min(size, math.floor(target_s / interval_s + 1e-9)))
    work = calls * aht
    carried = np.zeros(size)
    uncovered = 0.0
    for start in np.flatnonzero(work > 0):  # at most one per interval of the week
        span = (start + np.arange(window)) % size
        where = span[is_open[span]]
        if where.size == 0:  # nobody works this window: the need stays where it is due
            where = span
            uncovered += float(work[start])
        np.add.at(carried, where, work[start] / where.size)
    agents = carried / interval_s / max_occupancy
    return WorkloadPlan(work, carried, agents, agents / (1.0 - shrinkage), window, uncovered)


def scheduled_heads(agents, shrinkage: float) -> np.ndarray:
    """Heads to roster per interval for whole ``agents`` on a live queue: ``agents / (1 −
    shrinkage)`` rounded to the nearest whole head, never fewer than ``agents``. Shrinkage is
    an average over the week (breaks fall in the quieter intervals), so rounding it up in every
    interval would count it twice: 1 agent at 30 % shrinkage is 1.43 heads, rounded to 1, not 2.

    >>> scheduled_heads([0, 1, 2, 14, 15], 0.3).tolist()
    [0, 1, 3, 20, 21]
    """
    shrinkage = _check_share("shrinkage", shrinkage, low_open=False, high_open=True)
    agents = np.asarray(agents)
    heads = np.floor(agents / (1.0 - shrinkage) + 0.5 + 1e-9).astype(np.int64)
    return np.maximum(heads, agents.astype(np.int64))
