"""The five SERVQUAL factors of service quality and how their scores are read.

Parasuraman, Zeithaml & Berry (1988), "SERVQUAL: a multiple-item scale for measuring
consumer perceptions of service quality", *Journal of Retailing* 64(1): tangibles,
reliability (keeping the promise), responsiveness, assurance (competence and
courtesy) and empathy (access and understanding).

Factor scores arrive either as a mapping ``factor → score(s)`` or as an ``n × 5``
array whose columns follow :data:`FACTORS`. Scores are on 1–10 (real numbers allowed).

>>> FACTORS
('tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy')
>>> factor_matrix({f: [8, 9] for f in FACTORS}).shape
(2, 5)
"""

from collections.abc import Mapping
from typing import Any

import numpy as np

from .validation import (
    FloatArray,
    as_numeric_array,
    as_scores,
    check_score_array,
    fmt,
    is_single_number,
)

__all__ = ["FACTORS", "SCORE_MAX", "SCORE_MIN", "factor_matrix"]

FACTORS: tuple[str, ...] = ("tangibles", "reliability", "responsiveness", "assurance", "empathy")
"""The SERVQUAL factors, in the column order used for ``n × 5`` arrays."""

SCORE_MIN = 1.0
SCORE_MAX = 10.0


def factor_matrix(factors: Any, *, label: str = "") -> FloatArray:
    """Read factor scores into an ``n × 5`` float array (columns in :data:`FACTORS` order).

    ``factors`` is a mapping with exactly the five factor names as keys — each value a
    single score (then ``n = 1``) or a sequence of per-response scores, all of the same
    length — or an ``n × 5`` array. ``label`` (e.g. ``"perception"``) prefixes error
    messages so the caller can tell which input was wrong.

    >>> factor_matrix({f: 7 for f in FACTORS}).tolist()
    [[7.0, 7.0, 7.0, 7.0, 7.0]]
    >>> factor_matrix([[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]])[:, 1].tolist()
    [2.0, 7.0]
    >>> factor_matrix({"reliability": 7})
    Traceback (most recent call last):
    ...
    ValueError: factors are missing tangibles, responsiveness, assurance, empathy
    """
    prefix = f"{label} " if label else ""
    if isinstance(factors, Mapping):
        return _from_mapping(factors, prefix)
    arr = as_numeric_array(factors, f"{prefix}factor score")
    if arr.ndim != 2 or arr.shape[1] != len(FACTORS):
        raise ValueError(
            f"{prefix}factors must be a mapping with keys {', '.join(FACTORS)} or an n×5 "
            f"array in that column order, got an array of shape {tuple(arr.shape)}"
        )
    if arr.shape[0] == 0:
        raise ValueError(f"no {prefix}factor scores given: need at least one response")
    for j, name in enumerate(FACTORS):
        check_score_array(
            arr[:, j], label=f"{prefix}{name} score", lower=SCORE_MIN, upper=SCORE_MAX
        )
    return arr


def _from_mapping(factors: Mapping[Any, Any], prefix: str) -> FloatArray:
    missing = [f for f in FACTORS if f not in factors]
    unknown = [repr(k) for k in factors if k not in FACTORS]
    if unknown:
        raise ValueError(
            f"{prefix}factors have unknown keys {', '.join(unknown)}; expected {', '.join(FACTORS)}"
        )
    if missing:
        raise ValueError(f"{prefix}factors are missing {', '.join(missing)}")
    single = [f for f in FACTORS if is_single_number(factors[f])]
    if single and len(single) != len(FACTORS):
        seq = next(f for f in FACTORS if f not in single)
        raise ValueError(
            f"{prefix}factors must be all single scores or all sequences of per-response "
            f"scores; {single[0]} is a single score but {seq} is not"
        )
    if single:
        row = np.array([float(factors[f]) for f in FACTORS], dtype=np.float64)
        for name, score in zip(FACTORS, row, strict=True):
            if not np.isfinite(score):
                raise ValueError(f"{prefix}{name} score is {fmt(score)}, not a real score")
            if not SCORE_MIN <= score <= SCORE_MAX:
                raise ValueError(
                    f"{prefix}{name} score {fmt(score)} is outside "
                    f"{fmt(SCORE_MIN)}–{fmt(SCORE_MAX)}"
                )
        return row.reshape(1, -1)
    columns = [
        as_scores(factors[f], label=f"{prefix}{f} score", lower=SCORE_MIN, upper=SCORE_MAX)
        for f in FACTORS
    ]
    first = columns[0]
    for name, column in zip(FACTORS[1:], columns[1:], strict=True):
        if column.shape[0] != first.shape[0]:
            raise ValueError(
                f"{prefix}{name} has {column.shape[0]} scores but {prefix}{FACTORS[0]} has "
                f"{first.shape[0]}; factor scores must be paired per response"
            )
    return np.column_stack(columns)
