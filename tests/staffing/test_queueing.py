"""Erlang C, Erlang A and required agents: published numbers, an exact-rational reference,
an independent birth–death reference for Erlang A, and the properties a planner relies on."""

import itertools
import math
from decimal import Decimal, getcontext
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.linalg import expm

from kliento.staffing import erlang_a, erlang_b, erlang_c, required_agents, required_agents_plan


def exact_erlang_c(calls: int, interval_s: int, aht_s: int, agents: int, target_s: int):
    """P(wait), service level and ASA from the textbook definition
    ``C = (A^N/N! · N/(N−A)) / (Σₖ<N A^k/k! + A^N/N! · N/(N−A))`` in exact rationals (integer
    arithmetic over a common denominator), the exponential in 50-digit decimals."""
    load = Fraction(calls * aht_s, interval_s)
    p, q = load.numerator, load.denominator
    # term_k · q^N · N! = p^k q^(N−k) N!/k!, all integers
    terms = []
    falling = 1  # N!/k!, built from k = N downwards
    for k in range(agents, -1, -1):
        terms.append(p**k * q ** (agents - k) * falling)
        falling *= k if k else 1
    terms.reverse()
    head = sum(terms[:agents])
    top = Fraction(terms[agents]) * agents / (agents - load)
    wait = top / (head + top)
    getcontext().prec = 50
    wait_d = Decimal(wait.numerator) / Decimal(wait.denominator)
    exponent = -(agents - load) * target_s / aht_s
    exponent_d = Decimal(exponent.numerator) / Decimal(exponent.denominator)
    service_level = 1 - wait_d * exponent_d.exp()
    asa = wait * aht_s / (agents - load)
    return float(wait_d), float(service_level), float(Decimal(asa.numerator) / asa.denominator)


def test_call_centre_helper_example():
    r = erlang_c(calls=100, interval_s=1800, aht_s=180, agents=14, target_s=20)
    assert r.load == 10.0
    # The published figures, to the digits they are published with …
    assert round(r.wait_probability, 7) == 0.1741319
    assert round(r.service_level, 5) == 0.88835
    assert round(r.asa_s, 4) == 7.8359
    # … and the exact values to 1e-9.
    wait, service_level, asa = exact_erlang_c(100, 1800, 180, 14, 20)
    assert abs(r.wait_probability - wait) < 1e-9
    assert abs(r.service_level - service_level) < 1e-9
    assert abs(r.asa_s - asa) < 1e-9


@pytest.mark.parametrize(
    "calls, interval_s, aht_s, agents, target_s",
    [
        (1, 900, 300, 1, 20),
        (7, 900, 240, 3, 30),
        (55, 1800, 263, 10, 15),
        (333, 3600, 417, 44, 60),
        (1234, 1800, 200, 150, 20),
        (20, 900, 45, 2, 0),
    ],
)
def test_erlang_c_matches_exact_rationals(calls, interval_s, aht_s, agents, target_s):
    r = erlang_c(calls, interval_s, aht_s, agents, target_s)
    wait, service_level, asa = exact_erlang_c(calls, interval_s, aht_s, agents, target_s)
    assert abs(r.wait_probability - wait) < 1e-12
    assert abs(r.service_level - service_level) < 1e-12
    assert math.isclose(r.asa_s, asa, rel_tol=1e-11, abs_tol=1e-12)


def test_stable_at_five_thousand_agents():
    """Factorials of 5,000 overflow a float: the recursion must not need them."""
    r = erlang_c(calls=49_000, interval_s=1800, aht_s=180, agents=5000, target_s=20)
    wait, service_level, asa = exact_erlang_c(49_000, 1800, 180, 5000, 20)
    assert abs(r.wait_probability - wait) < 1e-9
    assert abs(r.service_level - service_level) < 1e-9
    assert math.isclose(r.asa_s, asa, rel_tol=1e-9)
    staffing = required_agents(49_000, 1800, 180, target_s=20, target_sl=0.8)
    assert 4900 < staffing.agents <= 5000
    a = erlang_a(49_000, 1800, 180, patience_s=300, agents=5000, target_s=20)
    assert 0 < a.abandon_probability < a.wait_probability < 1
    assert 0 < a.service_level < 1


def birth_death_erlang_a(calls, interval_s, aht_s, patience_s, agents, target_s):
    """Erlang A from its Markov chain, truncated where the states' probabilities vanish:
    P(wait) = P(all busy), P(abandon) = θ·E[queue]/λ, and the share answered within the target
    from the absorbing chain of a tagged caller (j callers ahead → answered or abandoned)."""
    lam, mu, theta = calls / interval_s, 1 / aht_s, 1 / patience_s
    size = agents + 400
    weights = np.zeros(size)
    weights[0] = 1.0
    for n in range(1, size):
        weights[n] = weights[n - 1] * lam / (min(n, agents) * mu + max(n - agents, 0) * theta)
    probs = weights / weights.sum()
    wait = probs[agents:].sum()
    queue = np.arange(size) - agents
    abandon = theta * (probs[agents:] * queue[agents:]).sum() / lam
    # tagged caller: states 0..K callers ahead, K+1 = answered, K+2 = abandoned
    ahead = size - agents
    gen = np.zeros((ahead + 2, ahead + 2))
    for j in range(ahead):
        forward = agents * mu + j * theta
        gen[j, j - 1 if j else ahead] = forward
        gen[j, ahead + 1] = theta
        gen[j, j] = -(forward + theta)
    answered_by_target = expm(gen * target_s)[:ahead, ahead]
    service_level = probs[:agents].sum() + (probs[agents:] * answered_by_target).sum()
    return wait, abandon, service_level


@pytest.mark.parametrize(
    "calls, interval_s, aht_s, patience_s, agents, target_s",
    [
        (100, 1800, 180, 120, 10, 20),
        (100, 1800, 180, 60, 8, 30),
        (40, 900, 300, 200, 12, 15),
        (150, 1800, 240, 90, 25, 20),
    ],
)
def test_erlang_a_matches_its_markov_chain(calls, interval_s, aht_s, patience_s, agents, target_s):
    r = erlang_a(calls, interval_s, aht_s, patience_s, agents, target_s)
    wait, abandon, service_level = birth_death_erlang_a(
        calls, interval_s, aht_s, patience_s, agents, target_s
    )
    assert abs(r.wait_probability - wait) < 1e-9
    assert abs(r.abandon_probability - abandon) < 1e-9
    assert abs(r.service_level - service_level) < 1e-8
    assert math.isclose(r.asa_s, r.abandon_probability * patience_s)


def test_erlang_a_tends_to_erlang_c_as_patience_grows():
    c = erlang_c(100, 1800, 180, 14, 20)
    gaps = []
    for patience_s in (1e2, 1e4, 1e6, 1e8):
        a = erlang_a(100, 1800, 180, patience_s, 14, 20)
        gaps.append(
            abs(a.service_level - c.service_level) + abs(a.wait_probability - c.wait_probability)
        )
    assert gaps == sorted(gaps, reverse=True)
    assert gaps[-1] < 1e-6


loads = st.tuples(
    st.integers(min_value=1, max_value=3000),  # calls
    st.sampled_from([900, 1800, 3600]),  # interval_s
    st.integers(min_value=10, max_value=1200),  # aht_s
    st.integers(min_value=0, max_value=120),  # target_s
)


@settings(max_examples=150, deadline=None)
@given(loads)
def test_more_agents_never_serve_worse(case):
    calls, interval_s, aht_s, target_s = case
    load = calls * aht_s / interval_s
    first = math.floor(load) + 1
    results = [erlang_c(calls, interval_s, aht_s, n, target_s) for n in range(first, first + 15)]
    for fewer, more in itertools.pairwise(results):
        assert more.service_level >= fewer.service_level
        assert more.wait_probability <= fewer.wait_probability
        assert more.asa_s <= fewer.asa_s
        assert 0 <= more.wait_probability <= 1 and 0 <= more.service_level <= 1


@settings(max_examples=150, deadline=None)
@given(
    loads,
    st.floats(min_value=0.5, max_value=0.97),
    st.floats(min_value=0.5, max_value=1.0),
    st.floats(min_value=0.0, max_value=0.5),
)
def test_required_agents_is_the_smallest_that_meets_both_targets(case, target_sl, max_occ, shrink):
    calls, interval_s, aht_s, target_s = case
    r = required_agents(calls, interval_s, aht_s, target_s, target_sl, max_occ, shrink)
    at_n = erlang_c(calls, interval_s, aht_s, r.agents, target_s)
    assert at_n.service_level >= target_sl and at_n.occupancy <= max_occ
    assert r.service_level == at_n.service_level
    below = erlang_c(calls, interval_s, aht_s, r.agents - 1, target_s)
    assert below.service_level < target_sl or below.occupancy > max_occ
    # the fewest rostered agents who, after shrinkage, still leave r.agents on the phones
    # Shrinkage rounded once, to the nearest head, never below the agents on the queue.
    assert r.scheduled == max(r.agents, math.floor(r.agents / (1 - shrink) + 0.5 + 1e-9))
    assert abs(r.scheduled - r.agents / (1 - shrink)) <= 0.5 + 1e-9 or r.scheduled == r.agents


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=1, max_value=400),
    st.integers(min_value=30, max_value=600),
    st.integers(min_value=10, max_value=900),
)
def test_erlang_a_waits_less_with_more_agents(calls, aht_s, patience_s):
    load = calls * aht_s / 1800
    results = [
        erlang_a(calls, 1800, aht_s, patience_s, n, 20)
        for n in range(max(1, math.floor(load) - 3), math.floor(load) + 8)
    ]
    for fewer, more in itertools.pairwise(results):
        assert more.wait_probability <= fewer.wait_probability + 1e-12
        assert more.abandon_probability <= fewer.abandon_probability + 1e-12
        assert more.service_level >= fewer.service_level - 1e-12


def test_search_starting_above_floor_plus_one_would_overstaff():
    """A non-integer load: the search starts at ⌊A⌋ + 1, not ⌈A⌉ + 1, so a load of 9.3 erlangs
    can be met by 10 agents when the targets allow it."""
    r = required_agents(calls=186, interval_s=1800, aht_s=90, target_s=60, target_sl=0.2)
    assert r.load == pytest.approx(9.3)
    assert r.agents == 10


def test_no_calls_need_no_agents():
    assert required_agents(0, 1800, 180, 20, 0.8).agents == 0
    quiet = erlang_c(0, 1800, 180, 0, 20)
    assert (quiet.wait_probability, quiet.service_level, quiet.asa_s) == (0.0, 1.0, 0.0)


@pytest.mark.parametrize(
    "call, argument",
    [
        (lambda: erlang_c(100, 1800, 0, 14, 20), "aht_s"),
        (lambda: erlang_c(100, 1800, -5, 14, 20), "aht_s"),
        (lambda: erlang_c(-1, 1800, 180, 14, 20), "calls"),
        (lambda: erlang_c(100, 0, 180, 14, 20), "interval_s"),
        (lambda: erlang_c(100, 1800, 180, 2.5, 20), "agents"),
        (lambda: erlang_c(100, 1800, 180, 14, -1), "target_s"),
        (lambda: erlang_c(100, 1800, float("nan"), 14, 20), "aht_s"),
        (lambda: erlang_a(100, 1800, 180, 0, 14), "patience_s"),
        (lambda: required_agents(100, 1800, 180, 20, 1.2), "target_sl"),
        (lambda: required_agents(100, 1800, 180, 20, 1.0), "target_sl"),
        (lambda: required_agents(100, 1800, 180, 20, 0.8, max_occupancy=0), "max_occupancy"),
        (lambda: required_agents(100, 1800, 180, 20, 0.8, shrinkage=1.0), "shrinkage"),
        (lambda: erlang_b(10.0, -1), "agents"),
    ],
)
def test_bad_input_names_the_argument(call, argument):
    with pytest.raises(ValueError, match=rf"^{argument} "):
        call()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(min_value=0, max_value=2000), min_size=1, max_size=40),
    st.integers(min_value=10, max_value=900),
    st.integers(min_value=0, max_value=120),
    st.floats(min_value=0.5, max_value=0.97),
    st.floats(min_value=0.5, max_value=1.0),
    st.floats(min_value=0.0, max_value=0.5),
)
def test_a_whole_plan_at_once_gives_the_same_answers(calls, aht_s, target_s, sl, occ, shrink):
    plan = required_agents_plan(calls, 900, aht_s, target_s, sl, occ, shrink)
    for i, c in enumerate(calls):
        one = required_agents(c, 900, aht_s, target_s, sl, occ, shrink)
        assert (plan.agents[i], plan.scheduled[i]) == (one.agents, one.scheduled)
        assert plan.service_level[i] == pytest.approx(one.service_level, abs=1e-12)
        assert plan.occupancy[i] == pytest.approx(one.occupancy, abs=1e-12)


def test_a_plan_refuses_negative_calls_and_zero_handling_time():
    with pytest.raises(ValueError, match=r"^calls "):
        required_agents_plan([1, -1], 900, 180, 20, 0.8)
    with pytest.raises(ValueError, match=r"^aht_s "):
        required_agents_plan([1, 2], 900, [180, 0], 20, 0.8)
