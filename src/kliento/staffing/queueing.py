"""Queueing formulas for staffing a contact centre: Erlang C, Erlang A, required agents.

Plain Python floats, no framework. Every function checks its arguments (a bad one raises
:class:`ValueError` naming it) and returns a frozen dataclass whose fields carry their units.

Methods and sources:

* **Erlang C** (M/M/N, callers wait forever). The offered load is ``A = calls · aht / interval``
  erlangs. The Erlang B blocking probability comes from the recursion
  ``B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1))`` — no factorials, no powers, stable from one
  to many thousands of agents — and the probability of waiting from
  ``C = N·B / (N − A·(1 − B))``. Then ``SL(t) = 1 − C·exp(−(N − A)·t / aht)`` and
  ``ASA = C·aht / (N − A)`` (Cooper 1981, *Introduction to Queueing Theory*, §3.4; the worked
  example of Call Centre Helper, "Erlang C formula — made simple with an easy worked example").
* **Erlang A** (M/M/N+M, Palm's queue with exponential patience of mean ``patience_s``):
  the formulas of Mandelbaum & Zeltyn, "The Palm/Erlang-A queue, with applications to call
  centers" (2007), written with ``x = N·patience/aht``, ``y = λ·patience`` and
  ``𝒜(x, y) = x·e^y·γ(x, y) / y^x = Σₖ Πⱼ₌₁ᵏ y/(x + j)``, summed in log space so that
  neither a large ``x`` nor an overloaded queue overflows:
  ``P(wait) = 𝒜·E / (1 + (𝒜 − 1)·E)`` with ``E`` Erlang B,
  ``P(abandon | wait) = 1/(ρ𝒜) + 1 − 1/ρ`` with ``ρ = λ·aht/N``, ``ASA = P(abandon)·patience``
  (Little's law on the queue), and the share of all arrivals answered within ``t``:
  ``1 − P(wait) + P(wait)·[γ(x+1, y) − γ(x+1, y·e^(−t/patience))] / (y·γ(x, y))``.
* **Required agents**: the smallest stable ``N`` (the search starts at ``⌊A⌋ + 1``) whose
  service level reaches the target and whose occupancy ``A/N`` does not exceed the maximum;
  the agents to schedule are ``N / (1 − shrinkage)`` rounded to the nearest whole head, never
  fewer than ``N`` (:func:`~kliento.staffing.workload.scheduled_heads`): ``N`` is already a
  whole number, and rounding shrinkage up once more in every interval counted it twice.

The Call Centre Helper example (100 calls in 30 minutes, 180 s handling, 14 agents, 20 s):

>>> r = erlang_c(calls=100, interval_s=1800, aht_s=180, agents=14, target_s=20)
>>> round(r.wait_probability, 7), round(r.service_level, 5), round(r.asa_s, 4)
(0.1741319, 0.88835, 7.8359)
"""

import math
from dataclasses import dataclass

import numpy as np

__all__ = [
    "ErlangAResult",
    "ErlangCResult",
    "StaffingPlan",
    "StaffingResult",
    "erlang_a",
    "erlang_b",
    "erlang_c",
    "offered_load",
    "required_agents",
    "required_agents_plan",
]


@dataclass(frozen=True, slots=True)
class ErlangCResult:
    """Erlang C metrics of one interval staffed with ``agents``.

    ``load`` in erlangs; ``wait_probability`` and ``service_level`` are shares 0…1 of the
    calls (``service_level`` = answered within the target); ``asa_s`` the average speed of
    answer in seconds; ``occupancy`` the share of agent time busy, 0…1. An unstable queue
    (``agents ≤ load``) has ``wait_probability`` 1, ``service_level`` 0, ``asa_s`` infinite
    and ``occupancy`` 1.
    """

    agents: int
    load: float
    wait_probability: float
    service_level: float
    asa_s: float
    occupancy: float


@dataclass(frozen=True, slots=True)
class ErlangAResult:
    """Erlang A (with abandonment) metrics of one interval staffed with ``agents``.

    As :class:`ErlangCResult`, plus ``abandon_probability`` (share of all arrivals who hang
    up before an answer). ``service_level`` is the share of *all* arrivals answered within
    the target, ``None`` when no target was given; ``asa_s`` the mean wait of all arrivals
    (answered or not); ``occupancy`` counts only the calls that are answered.
    """

    agents: int
    load: float
    wait_probability: float
    abandon_probability: float
    service_level: float | None
    asa_s: float
    occupancy: float


@dataclass(frozen=True, slots=True)
class StaffingResult:
    """Agents one interval needs: ``agents`` on the phones (the smallest number meeting every
    target), ``scheduled`` on the roster once shrinkage is allowed for, and the Erlang C
    metrics at ``agents`` (units as in :class:`ErlangCResult`)."""

    agents: int
    scheduled: int
    load: float
    wait_probability: float
    service_level: float
    asa_s: float
    occupancy: float


def _check_number(name: str, value, *, positive: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name} must be a number, got {value!r}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value!r}")
    if positive and value <= 0:
        raise ValueError(f"{name} must be positive, got {value!r}")
    if value < 0:
        raise ValueError(f"{name} must not be negative, got {value!r}")
    return value


def _check_agents(agents) -> int:
    if isinstance(agents, bool) or not isinstance(agents, int) or agents < 0:
        raise ValueError(f"agents must be a whole number ≥ 0, got {agents!r}")
    return agents


def _check_share(name: str, value, *, low_open: bool, high_open: bool) -> float:
    value = _check_number(name, value)
    if (value <= 0 if low_open else value < 0) or (value >= 1 if high_open else value > 1):
        low, high = "(0" if low_open else "[0", "1)" if high_open else "1]"
        raise ValueError(f"{name} must be a share in {low}, {high}, got {value!r}")
    return value


def offered_load(calls: float, interval_s: float, aht_s: float) -> float:
    """Offered load in erlangs: ``calls · aht_s / interval_s`` (validated).

    >>> offered_load(100, 1800, 180)
    10.0
    """
    calls = _check_number("calls", calls)
    interval_s = _check_number("interval_s", interval_s, positive=True)
    aht_s = _check_number("aht_s", aht_s, positive=True)
    return calls * aht_s / interval_s


def erlang_b(load: float, agents: int) -> float:
    """Erlang B blocking probability by the recursion ``B(n) = A·B(n−1) / (n + A·B(n−1))``.

    >>> round(erlang_b(10.0, 14), 6)
    0.056819
    """
    load = _check_number("load", load)
    agents = _check_agents(agents)
    blocking = 1.0
    for n in range(1, agents + 1):
        blocking = load * blocking / (n + load * blocking)
    return blocking


def _erlang_c_from_blocking(load: float, agents: int, blocking: float) -> float:
    return agents * blocking / (agents - load * (1.0 - blocking))


def _erlang_c_metrics(load, agents, blocking, aht_s, target_s):
    if load == 0:
        return 0.0, 1.0, 0.0, 0.0
    if agents <= load:
        return 1.0, 0.0, math.inf, 1.0
    wait = _erlang_c_from_blocking(load, agents, blocking)
    service_level = 1.0 - wait * math.exp(-(agents - load) * target_s / aht_s)
    return wait, service_level, wait * aht_s / (agents - load), load / agents


def erlang_c(
    calls: float, interval_s: float, aht_s: float, agents: int, target_s: float
) -> ErlangCResult:
    """Erlang C: what ``agents`` achieve for ``calls`` arriving in ``interval_s`` seconds, each
    handled in ``aht_s`` seconds on average, against an answer target of ``target_s`` seconds.

    >>> r = erlang_c(calls=100, interval_s=1800, aht_s=180, agents=14, target_s=20)
    >>> r.load, round(r.occupancy, 4)
    (10.0, 0.7143)
    >>> erlang_c(100, 1800, 180, 10, 20).service_level  # 10 agents for 10 erlangs: unstable
    0.0
    >>> erlang_c(100, 1800, 0, 14, 20)
    Traceback (most recent call last):
    ...
    ValueError: aht_s must be positive, got 0.0
    """
    load = offered_load(calls, interval_s, aht_s)
    agents = _check_agents(agents)
    target_s = _check_number("target_s", target_s)
    blocking = erlang_b(load, agents)
    wait, service_level, asa_s, occupancy = _erlang_c_metrics(
        load, agents, blocking, aht_s, target_s
    )
    return ErlangCResult(agents, load, wait, service_level, asa_s, occupancy)


def _log_sum_exp_series(x: float, y: float) -> float:
    """``log 𝒜(x, y) = log Σₖ Πⱼ₌₁ᵏ y/(x + j)``: the terms rise while ``x + j < y`` and then
    fall faster than geometrically, so sum until they are 40 e-folds below the largest."""
    log_terms_max = 0.0
    log_term = 0.0
    total = 1.0  # Σ exp(log_term − log_terms_max), starting with the k = 0 term
    log_y = math.log(y) if y > 0 else -math.inf
    j = 0
    while True:
        j += 1
        log_term += log_y - math.log(x + j)
        if log_term > log_terms_max:
            total = total * math.exp(log_terms_max - log_term) + 1.0
            log_terms_max = log_term
        else:
            total += math.exp(log_term - log_terms_max)
            if x + j > y and log_term < log_terms_max - 40.0:
                break
    return log_terms_max + math.log(total)


def erlang_a(
    calls: float,
    interval_s: float,
    aht_s: float,
    patience_s: float,
    agents: int,
    target_s: float | None = None,
) -> ErlangAResult:
    """Erlang A: Erlang C where callers hang up after an exponential patience of mean
    ``patience_s`` seconds. With patience much longer than the wait it tends to Erlang C.

    >>> r = erlang_a(calls=100, interval_s=1800, aht_s=180, patience_s=120, agents=10, target_s=20)
    >>> round(r.wait_probability, 4), round(r.abandon_probability, 4), round(r.service_level, 4)
    (0.4969, 0.1375, 0.6399)
    >>> erlang_a(100, 1800, 180, 0, 10)
    Traceback (most recent call last):
    ...
    ValueError: patience_s must be positive, got 0.0
    """
    load = offered_load(calls, interval_s, aht_s)
    patience_s = _check_number("patience_s", patience_s, positive=True)
    agents = _check_agents(agents)
    if target_s is not None:
        target_s = _check_number("target_s", target_s)
    if load == 0:
        return ErlangAResult(agents, 0.0, 0.0, 0.0, None if target_s is None else 1.0, 0.0, 0.0)
    if agents == 0:
        return ErlangAResult(0, load, 1.0, 1.0, None if target_s is None else 0.0, patience_s, 1.0)
    x = agents * patience_s / aht_s
    y = calls / interval_s * patience_s
    rho = load / agents
    log_a = _log_sum_exp_series(x, y)
    blocking = erlang_b(load, agents)
    # P(wait) = 𝒜E / (1 + (𝒜 − 1)E) = 1 / (1 + (1 − E)/(𝒜E)), kept finite when 𝒜 is huge.
    if blocking >= 1.0:
        wait = 1.0
    elif blocking == 0.0:  # far more agents than load: Erlang B underflows, nobody waits
        wait = 0.0
    else:
        wait = 1.0 / (1.0 + math.exp(math.log1p(-blocking) - log_a - math.log(blocking)))
    abandon_if_wait = 1.0 - (1.0 - math.exp(-log_a)) / rho
    abandon_if_wait = min(max(abandon_if_wait, 0.0), 1.0)
    abandon = wait * abandon_if_wait
    service_level = None
    if target_s is not None:
        # [γ(x+1, y) − γ(x+1, z)] / (y·γ(x, y)) with z = y·e^(−t/patience), in log space.
        log_a1_y = _log_sum_exp_series(x + 1, y)
        served_if_wait = x / (x + 1) * math.exp(log_a1_y - log_a)
        shrink = target_s / patience_s
        z = y * math.exp(-shrink)
        log_late = -(x + 1) * shrink + y - z + _log_sum_exp_series(x + 1, z) - log_a1_y
        answered_in_time_if_wait = served_if_wait * (1.0 - math.exp(min(log_late, 0.0)))
        service_level = 1.0 - wait + wait * answered_in_time_if_wait
    occupancy = min(load * (1.0 - abandon) / agents, 1.0)
    return ErlangAResult(
        agents, load, wait, abandon, service_level, abandon * patience_s, occupancy
    )


def required_agents(
    calls: float,
    interval_s: float,
    aht_s: float,
    target_s: float,
    target_sl: float,
    max_occupancy: float = 1.0,
    shrinkage: float = 0.0,
) -> StaffingResult:
    """The fewest agents that answer ``target_sl`` of the calls within ``target_s`` seconds
    without their occupancy exceeding ``max_occupancy`` (Erlang C); ``scheduled`` adds the
    ``shrinkage`` (breaks, training, absence) as ``agents / (1 − shrinkage)`` rounded to the
    nearest head, never fewer than ``agents``.
    No calls need no agents.

    >>> r = required_agents(100, 1800, 180, target_s=20, target_sl=0.8)
    >>> r.agents, round(r.service_level, 4)
    (14, 0.8884)
    >>> required_agents(100, 1800, 180, 20, 0.8, max_occupancy=0.7, shrinkage=0.3).scheduled
    21
    >>> required_agents(100, 1800, 180, 20, 1.2)
    Traceback (most recent call last):
    ...
    ValueError: target_sl must be a share in (0, 1), got 1.2
    """
    load = offered_load(calls, interval_s, aht_s)
    target_s = _check_number("target_s", target_s)
    target_sl = _check_share("target_sl", target_sl, low_open=True, high_open=True)
    max_occupancy = _check_share("max_occupancy", max_occupancy, low_open=True, high_open=False)
    shrinkage = _check_share("shrinkage", shrinkage, low_open=False, high_open=True)
    if load == 0:
        return StaffingResult(0, 0, 0.0, 0.0, 1.0, 0.0, 0.0)
    agents = math.floor(load) + 1
    # Erlang B up to the first candidate, then one recursion step per further candidate.
    blocking = 1.0
    for n in range(1, agents + 1):
        blocking = load * blocking / (n + load * blocking)
    while True:
        wait, service_level, asa_s, occupancy = _erlang_c_metrics(
            load, agents, blocking, aht_s, target_s
        )
        if service_level >= target_sl and occupancy <= max_occupancy:
            break
        agents += 1
        blocking = load * blocking / (agents + load * blocking)
    scheduled = max(agents, math.floor(agents / (1.0 - shrinkage) + 0.5 + 1e-9))
    return StaffingResult(agents, scheduled, load, wait, service_level, asa_s, occupancy)


@dataclass(frozen=True, slots=True)
class StaffingPlan:
    """:class:`StaffingResult` for many intervals at once: each field is a numpy array with one
    value per interval, in the same units."""

    agents: np.ndarray
    scheduled: np.ndarray
    load: np.ndarray
    wait_probability: np.ndarray
    service_level: np.ndarray
    asa_s: np.ndarray
    occupancy: np.ndarray


def required_agents_plan(
    calls,
    interval_s: float,
    aht_s,
    target_s: float,
    target_sl: float,
    max_occupancy: float = 1.0,
    shrinkage: float = 0.0,
) -> StaffingPlan:
    """:func:`required_agents` for every interval of a plan at once (``calls`` and ``aht_s``
    arrays or numbers), the Erlang B recursion stepped for all intervals together — the same
    answers, at a fraction of the cost of one call per interval.

    >>> plan = required_agents_plan([0, 100, 186], 1800, [180, 180, 90], 20, 0.8)
    >>> plan.agents.tolist()
    [0, 14, 12]
    """
    calls = np.asarray(calls, dtype=float)
    aht = np.broadcast_to(np.asarray(aht_s, dtype=float), calls.shape)
    if calls.ndim != 1:
        raise ValueError("calls must be a list of contacts per interval")
    if not np.isfinite(calls).all() or (calls < 0).any():
        raise ValueError("calls must be finite and not negative")
    if not np.isfinite(aht).all() or (aht <= 0).any():
        raise ValueError("aht_s must be positive")
    interval_s = _check_number("interval_s", interval_s, positive=True)
    target_s = _check_number("target_s", target_s)
    target_sl = _check_share("target_sl", target_sl, low_open=True, high_open=True)
    max_occupancy = _check_share("max_occupancy", max_occupancy, low_open=True, high_open=False)
    shrinkage = _check_share("shrinkage", shrinkage, low_open=False, high_open=True)
    load = calls * aht / interval_s
    size = calls.shape[0]
    agents = np.where(load > 0, np.floor(load) + 1, 0).astype(np.int64)
    wait = np.zeros(size)
    service_level = np.ones(size)
    asa = np.zeros(size)
    occupancy = np.zeros(size)
    blocking = np.ones(size)
    pending = load > 0
    n = 0
    while pending.any():
        n += 1
        # Step the recursion for every interval still searching; test those at their candidate.
        blocking = np.where(pending, load * blocking / (n + load * blocking), blocking)
        testing = pending & (agents == n)
        if testing.any():
            a, lo, b, h = agents[testing], load[testing], blocking[testing], aht[testing]
            c = a * b / (a - lo * (1.0 - b))
            sl = 1.0 - c * np.exp(-(a - lo) * target_s / h)
            occ = lo / a
            done = (sl >= target_sl) & (occ <= max_occupancy)
            index = np.flatnonzero(testing)
            finished = index[done]
            wait[finished] = c[done]
            service_level[finished] = sl[done]
            asa[finished] = c[done] * h[done] / (a[done] - lo[done])
            occupancy[finished] = occ[done]
            pending[finished] = False
            agents[index[~done]] += 1
    scheduled = np.maximum(np.floor(agents / (1.0 - shrinkage) + 0.5 + 1e-9).astype(np.int64),
                           agents)
    return StaffingPlan(agents, scheduled, load, wait, service_level, asa, occupancy)
