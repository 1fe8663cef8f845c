"""Mergeable distributions: a log-binned histogram (the DDSketch idea) whose percentiles are
within a stated relative error of the exact ones, and which adds up across weeks, groups and
machines in any order — so the percentiles of any period can come from stored pieces.

A positive value ``v`` falls in bin ``k = ceil(log(v) / log(γ))`` with
``γ = (1 + α) / (1 − α)``; the bin's representative ``2 γ^k / (γ + 1)`` is within ``α`` of
every value in it. Zeros have a bin of their own and are exact. A percentile interpolates
linearly between the representatives of the two closest ranks, as PostgreSQL's
``percentile_cont`` and NumPy's default interpolate between the exact values, so the estimate
is within ``α`` (relative) of the exact interpolated percentile.

>>> sketch = LogHistogram.of([1, 2, 3, 4, 100])
>>> abs(sketch.quantile(0.5) - 3) <= 3 * DEFAULT_RELATIVE_ACCURACY  # exact: 3
True
>>> both = sketch.merge(LogHistogram.of([5, 6]))
>>> both.count, abs(both.quantile(0.5) - 4) <= 4 * DEFAULT_RELATIVE_ACCURACY
(7, True)
"""

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

DEFAULT_RELATIVE_ACCURACY = 0.01  # α: every percentile within 1 % of the exact one


def gamma_for(relative_accuracy: float) -> float:
    if not 0 < relative_accuracy < 1:
        raise ValueError(f"relative accuracy must be within (0, 1), got {relative_accuracy}")
    return (1 + relative_accuracy) / (1 - relative_accuracy)


def bin_of(value: float, relative_accuracy: float = DEFAULT_RELATIVE_ACCURACY) -> int:
    """The bin of a positive value (the databases compute the same with ``CEIL(LN(v) / …)``).

    >>> bin_of(1.0), bin_of(100.0)
    (0, 231)
    """
    if value <= 0:
        raise ValueError(f"only positive values have a bin, got {value}")
    return math.ceil(math.log(value) / math.log(gamma_for(relative_accuracy)))


@dataclass
class LogHistogram:
    """Counts per bin (``bins``: bin → count) plus ``zeros``. Values must be ≥ 0 (durations,
    amounts); ``relative_accuracy`` is α, the bound on every percentile's relative error."""

    bins: dict[int, int] = field(default_factory=dict)
    zeros: int = 0
    relative_accuracy: float = DEFAULT_RELATIVE_ACCURACY

    @classmethod
    def of(cls, values: Iterable[float],
           relative_accuracy: float = DEFAULT_RELATIVE_ACCURACY) -> "LogHistogram":
        sketch = cls(relative_accuracy=relative_accuracy)
        for value in values:
            sketch.add(value)
        return sketch

    @property
    def count(self) -> int:
        return self.zeros + sum(self.bins.values())

    def add(self, value: float, count: int = 1) -> None:
        if value < 0:
            raise ValueError(f"a log histogram holds values ≥ 0, got {value}")
        if value == 0:
            self.zeros += count
            return
        key = bin_of(value, self.relative_accuracy)
        self.bins[key] = self.bins.get(key, 0) + count

    def merge(self, other: "LogHistogram") -> "LogHistogram":
        """A new histogram holding both; commutative and associative (counts add)."""
        if other.relative_accuracy != self.relative_accuracy:
            raise ValueError("only histograms of the same relative accuracy merge")
        bins = dict(self.bins)
        for key, count in other.bins.items():
            bins[key] = bins.get(key, 0) + count
        return LogHistogram(bins, self.zeros + other.zeros, self.relative_accuracy)

    def representative(self, key: int) -> float:
        gamma = gamma_for(self.relative_accuracy)
        return 2 * gamma ** key / (gamma + 1)

    def _value_at_rank(self, rank: int, ordered: list[tuple[int, int]]) -> float:
        if rank < self.zeros:
            return 0.0
        seen = self.zeros
        for key, count in ordered:
            seen += count
            if rank < seen:
                return self.representative(key)
        raise IndexError(rank)

    def quantile(self, fraction: float) -> float | None:
        """The ``fraction`` percentile (0..1), ``None`` when empty; linear interpolation
        between the closest ranks, like ``percentile_cont``."""
        if not 0 <= fraction <= 1:
            raise ValueError(f"percentile fraction must be within 0..1, got {fraction}")
        n = self.count
        if n == 0:
            return None
        ordered = sorted(self.bins.items())
        rank = fraction * (n - 1)
        low_rank = math.floor(rank)
        low = self._value_at_rank(low_rank, ordered)
        if low_rank + 1 >= n:
            return low
        high = self._value_at_rank(low_rank + 1, ordered)
        return low + (rank - low_rank) * (high - low)

    def as_dict(self) -> dict:
        """A JSON-ready form (bin keys as text, as JSON objects need)."""
        return {"a": self.relative_accuracy, "z": self.zeros,
                "b": {str(key): count for key, count in self.bins.items()}}

    @classmethod
    def from_dict(cls, stored: Mapping) -> "LogHistogram":
        return cls({int(key): count for key, count in stored["b"].items()}, stored["z"],
                   stored["a"])
