"""Random assignment of customers to an experiment's arms, reproducible from a seed.

The counts per arm are fixed first from the shares by the largest-remainder method (so a
50/25/25 split of 1,001 customers is 500/250/251 or so, never a chance 530/230/241), then a
NumPy ``Generator(PCG64(seed))`` shuffles the customers, ordered by id, and deals them out
in that order. The same ids, shares and seed always give the same assignment.

>>> assign([5, 3, 1, 4, 2, 6], [50, 50], seed=7) == assign([1, 2, 3, 4, 5, 6], [50, 50], seed=7)
True
>>> sorted(arm_counts(1001, [50, 25, 25]))
[250, 250, 501]
"""

from collections.abc import Sequence

import numpy as np


def arm_counts(n: int, shares: Sequence[float]) -> list[int]:
    """How many of ``n`` customers each arm gets: shares (any positive scale, e.g. percent)
    normalised, floors first, the remaining customers to the largest remainders (ties to the
    earlier arm)."""
    if n < 0:
        raise ValueError("n must not be negative")
    if not shares or any(share < 0 for share in shares) or sum(shares) <= 0:
        raise ValueError("shares must be non-negative with a positive sum")
    exact = np.asarray(shares, dtype=float) / float(sum(shares)) * n
    counts = np.floor(exact).astype(int)
    remainder = exact - counts
    order = sorted(range(len(shares)), key=lambda index: (-remainder[index], index))
    for index in order[: n - int(counts.sum())]:
        counts[index] += 1
    return [int(count) for count in counts]


def assign(customer_ids: Sequence[int], shares: Sequence[float], seed: int) -> dict[int, int]:
    """Customer id → arm index (the position in ``shares``)."""
    ids = np.array(sorted(set(customer_ids)), dtype=np.int64)
    shuffled = np.random.Generator(np.random.PCG64(seed)).permutation(ids)
    arms = np.repeat(np.arange(len(shares)), arm_counts(len(ids), shares))
    return {int(customer): int(arm) for customer, arm in zip(shuffled, arms, strict=True)}
