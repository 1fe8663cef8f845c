"""Input checks shared by every measure.

Every public measure turns its raw input into a float64 numpy array through these
helpers, so that bad input fails early with a :class:`ValueError` that says *what* is
wrong and *where* — never a silent NaN further down.

Positions in messages are 0-based indices into the sequence the caller passed
(``position 3`` is ``scores[3]``); matrices are reported as ``row r, column c``.

>>> as_scores([9, 10, 7], label="NPS score", lower=0, upper=10, integer=True)
array([ 9., 10.,  7.])
>>> as_scores([9, 11, 7], label="NPS score", lower=0, upper=10, integer=True)
Traceback (most recent call last):
...
ValueError: NPS score 11 at position 1 is outside 0–10
"""

import numbers
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "FloatArray",
    "as_numeric_array",
    "as_scores",
    "check_confidence",
    "check_integer",
    "check_real",
    "check_same_length",
    "check_score_array",
    "fmt",
    "is_single_number",
]

FloatArray = NDArray[np.float64]


def fmt(x: float) -> str:
    """Format a number for an error message: ``11`` rather than ``11.0``.

    >>> fmt(11.0), fmt(7.5), fmt(float("nan"))
    ('11', '7.5', 'nan')
    """
    x = float(x)
    if x.is_integer():
        return str(int(x))
    return f"{x:g}"


def _where(flat_index: int, shape: tuple[int, ...]) -> str:
    if len(shape) <= 1:
        return f"position {flat_index}"
    row, col = np.unravel_index(flat_index, shape)[:2]
    return f"row {int(row)}, column {int(col)}"


def _is_number(value: Any) -> bool:
    if isinstance(value, bool | np.bool_):
        return False
    return isinstance(value, numbers.Real | Decimal)


def is_single_number(value: Any) -> bool:
    """True for one real number (int, float, Decimal, numpy scalar or 0-d array), not bool.

    >>> is_single_number(7), is_single_number([7]), is_single_number(True)
    (True, False, False)
    """
    if isinstance(value, np.ndarray):
        return value.ndim == 0 and value.dtype.kind in "iuf"
    return _is_number(value)


def as_numeric_array(values: Any, label: str) -> FloatArray:
    """Convert ``values`` to a float64 array of any shape, rejecting non-numbers.

    Accepts lists, tuples, numpy arrays, other iterables and ``Decimal`` elements (as a
    database returns them). Rejects ``None``, strings, booleans, complex numbers,
    mappings, ragged nesting and single numbers (a sequence is expected). Does *not*
    check for NaN or ranges: see :func:`check_score_array`.

    >>> as_numeric_array((1, 2.5), "score")
    array([1. , 2.5])
    >>> as_numeric_array([1, "x"], "score")
    Traceback (most recent call last):
    ...
    ValueError: score at position 1 is not a number: 'x'
    """
    if values is None:
        raise ValueError(f"{label}s are missing (got None)")
    if isinstance(values, str | bytes):
        raise ValueError(f"{label}s must be a sequence of numbers, got the string {values!r:.40}")
    if isinstance(values, Mapping):
        raise ValueError(f"{label}s must be a sequence of numbers, got a mapping")
    if not isinstance(values, np.ndarray) and not hasattr(values, "__len__"):
        if isinstance(values, Iterable):
            values = list(values)
        elif _is_number(values):
            raise ValueError(f"expected a sequence of {label}s, got the single number {values!r}")
        else:
            raise ValueError(f"{label}s must be a sequence of numbers, got {type(values).__name__}")
    try:
        arr = np.asarray(values)
    except (ValueError, TypeError) as exc:
        raise ValueError(
            f"{label}s must be a flat sequence of numbers (or a rectangular table); "
            f"could not read them: {exc}"
        ) from None
    if arr.ndim == 0:
        raise ValueError(f"expected a sequence of {label}s, got the single value {values!r}")
    kind = arr.dtype.kind
    if kind in "iuf":
        return arr.astype(np.float64, copy=False)
    if kind == "b":
        raise ValueError(f"{label}s must be numbers, got booleans (True/False)")
    if kind == "c":
        raise ValueError(f"{label}s must be real numbers, got complex numbers")
    if kind == "O":
        # Only object arrays (e.g. Decimals from a database, or a stray None) take this
        # slower path; plain numeric input never does.
        flat = arr.ravel()
        for i, item in enumerate(flat):
            if not _is_number(item):
                what = "missing (None)" if item is None else f"not a number: {item!r:.40}"
                raise ValueError(f"{label} at {_where(i, arr.shape)} is {what}")
        return flat.astype(np.float64).reshape(arr.shape)
    # Strings, dates, bytes...: numpy has coerced everything to one non-numeric type,
    # so look at the caller's own elements to say which one is to blame.
    if arr.ndim == 1 and isinstance(values, list | tuple):
        for i, item in enumerate(values):
            if not _is_number(item):
                raise ValueError(f"{label} at position {i} is not a number: {item!r:.40}")
    raise ValueError(f"{label}s must be numbers, got values of type {arr.dtype}")


def check_score_array(
    arr: FloatArray,
    *,
    label: str,
    lower: float | None = None,
    upper: float | None = None,
    integer: bool = False,
) -> FloatArray:
    """Check a 1-D float array: non-empty, finite, whole if ``integer``, within bounds.

    >>> check_score_array(np.array([1.0, 7.5]), label="CES score", lower=1, upper=7,
    ...                   integer=True)
    Traceback (most recent call last):
    ...
    ValueError: CES score 7.5 at position 1 is not a whole number; CES scores are integers 1–7
    """
    if arr.ndim != 1:
        raise ValueError(
            f"{label}s must be a flat sequence, got an array of shape {tuple(arr.shape)}"
        )
    if arr.size == 0:
        raise ValueError(f"no {label}s given: need at least one")
    bad = ~np.isfinite(arr)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        what = "NaN (missing?)" if np.isnan(arr[i]) else "infinite"
        raise ValueError(f"{label} at position {i} is {what}{_more(bad)}")
    span = ""
    if lower is not None and upper is not None:
        span = f"{fmt(lower)}–{fmt(upper)}"
    if integer:
        bad = arr != np.floor(arr)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            rule = f"; {label}s are integers {span}" if span else ""
            raise ValueError(
                f"{label} {fmt(arr[i])} at position {i} is not a whole number{rule}{_more(bad)}"
            )
    if lower is not None or upper is not None:
        lo = -np.inf if lower is None else lower
        hi = np.inf if upper is None else upper
        bad = (arr < lo) | (arr > hi)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            rule = span or (f"at least {fmt(lo)}" if upper is None else f"at most {fmt(hi)}")
            raise ValueError(f"{label} {fmt(arr[i])} at position {i} is outside {rule}{_more(bad)}")
    return arr


def _more(bad: NDArray[np.bool_]) -> str:
    count = int(np.count_nonzero(bad))
    return f" ({count} such values in all)" if count > 1 else ""


def as_scores(
    values: Any,
    *,
    label: str,
    lower: float | None = None,
    upper: float | None = None,
    integer: bool = False,
) -> FloatArray:
    """Read a flat sequence of scores and check it (see :func:`check_score_array`).

    >>> as_scores([], label="CSAT score")
    Traceback (most recent call last):
    ...
    ValueError: no CSAT scores given: need at least one
    """
    arr = as_numeric_array(values, label)
    return check_score_array(arr, label=label, lower=lower, upper=upper, integer=integer)


def check_same_length(a: FloatArray, b: FloatArray, label_a: str, label_b: str) -> None:
    """Paired inputs must have one value per response on both sides.

    >>> check_same_length(np.ones(3), np.ones(2), "experience", "expectation")
    Traceback (most recent call last):
    ...
    ValueError: experience has 3 scores but expectation has 2; they must be paired per response
    """
    if a.shape[0] != b.shape[0]:
        raise ValueError(
            f"{label_a} has {a.shape[0]} scores but {label_b} has {b.shape[0]}; "
            "they must be paired per response"
        )


def check_confidence(confidence: Any) -> float:
    """The confidence level must be a number strictly between 0 and 1.

    >>> check_confidence(0.9)
    0.9
    >>> check_confidence(95)
    Traceback (most recent call last):
    ...
    ValueError: confidence must be strictly between 0 and 1, got 95 (did you mean 0.95?)
    """
    if not _is_number(confidence):
        raise ValueError(f"confidence must be a number between 0 and 1, got {confidence!r}")
    c = float(confidence)
    if not 0.0 < c < 1.0:
        hint = f" (did you mean {c / 100:g}?)" if 1.0 < c < 100.0 else ""
        raise ValueError(f"confidence must be strictly between 0 and 1, got {fmt(c)}{hint}")
    return c


def check_integer(name: str, value: Any, minimum: int, maximum: int | None = None) -> int:
    """A whole-number parameter such as ``scale`` or ``top_box``.

    >>> check_integer("scale", 5, 2)
    5
    >>> check_integer("scale", 1, 2)
    Traceback (most recent call last):
    ...
    ValueError: scale must be at least 2, got 1
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be a whole number, got {value!r}")
    v = int(value)
    if v < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {v}")
    if maximum is not None and v > maximum:
        raise ValueError(f"{name} must be at most {maximum}, got {v}")
    return v


def check_real(
    name: str, value: Any, minimum: float, maximum: float, *, include_maximum: bool = True
) -> float:
    """A real-valued parameter such as ``tolerance``: finite and within bounds.

    >>> check_real("tolerance", 0.1, 0.0, 1.0, include_maximum=False)
    0.1
    >>> check_real("tolerance", -0.1, 0.0, 1.0)
    Traceback (most recent call last):
    ...
    ValueError: tolerance must be between 0 and 1, got -0.1
    """
    if not _is_number(value):
        raise ValueError(f"{name} must be a number, got {value!r}")
    v = float(value)
    too_high = v > maximum if include_maximum else v >= maximum
    if not np.isfinite(v) or v < minimum or too_high:
        end = "" if include_maximum else " (exclusive)"
        raise ValueError(
            f"{name} must be between {fmt(minimum)} and {fmt(maximum)}{end}, got {fmt(v)}"
        )
    return v
