"""Driver analysis: how much each predictor contributes to explaining an outcome.

Relative weights after Johnson (2000), "A heuristic method for estimating the relative
weight of predictor variables in multiple regression", *Multivariate Behavioral
Research* 35(1), 1–19 — the method of the R package ``rwa``. Unlike regression
coefficients, relative weights stay meaningful when the drivers are correlated with
one another (as factor scores of one survey always are), and they add up to R².

>>> X = [[1, 2], [2, 1], [3, 4], [4, 3], [5, 6]]
>>> round(relative_weights(X, [1, 2, 3, 4, 6]).r_squared, 4)
0.982
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .validation import FloatArray, as_numeric_array, as_scores

__all__ = ["RelativeWeights", "correlations_from_moments", "relative_weights",
           "relative_weights_from_correlations"]

# Smallest eigenvalue of the predictor correlation matrix, relative to the largest,
# below which predictors count as collinear (the weights would be numerical noise).
_COLLINEAR = 1e-10


@dataclass(frozen=True, slots=True)
class RelativeWeights:
    """Johnson's relative weights of k predictors.

    Units: ``raw`` are shares of variance explained (fractions of the outcome's
    variance, 0..1) that sum to ``r_squared``; ``rescaled`` are percentages of the
    explained variance that sum to 100; ``r_squared`` is the fraction of variance of
    the outcome explained by a linear regression on all predictors; ``n`` is the number
    of observations; ``names`` are the predictor names in column order, or ``None``.
    """

    raw: tuple[float, ...]
    rescaled: tuple[float, ...]
    r_squared: float
    n: int
    names: tuple[str, ...] | None


def _predictors(X: Any, names: Sequence[str] | None) -> tuple[FloatArray, tuple[str, ...] | None]:
    if isinstance(X, Mapping):
        if names is not None:
            raise ValueError("give names either as the keys of X or as names=, not both")
        if not X:
            raise ValueError("no predictors given: X is an empty mapping")
        keys = tuple(str(k) for k in X)
        columns = [as_scores(X[k], label=f"predictor {k!r} value") for k in X]
        for key, column in zip(keys[1:], columns[1:], strict=True):
            if column.shape[0] != columns[0].shape[0]:
                raise ValueError(
                    f"predictor {key!r} has {column.shape[0]} values but {keys[0]!r} has "
                    f"{columns[0].shape[0]}; columns must be paired per observation"
                )
        return np.column_stack(columns), keys
    matrix = as_numeric_array(X, "predictor value")
    if matrix.ndim == 1:
        matrix = matrix.reshape(-1, 1)
    if matrix.ndim != 2:
        raise ValueError(f"X must be an n×k array, got an array of shape {tuple(matrix.shape)}")
    if matrix.shape[1] == 0:
        raise ValueError("no predictors given: X has no columns")
    bad = ~np.isfinite(matrix)
    if bad.any():
        row, col = (int(i) for i in np.argwhere(bad)[0])
        what = "NaN (missing?)" if np.isnan(matrix[row, col]) else "infinite"
        raise ValueError(f"predictor value at row {row}, column {col} is {what}")
    if names is not None:
        if isinstance(names, str) or len(names) != matrix.shape[1]:
            raise ValueError(
                f"names must give one name per column of X ({matrix.shape[1]}), got {names!r}"
            )
        names = tuple(str(x) for x in names)
        if len(set(names)) != len(names):
            raise ValueError(f"names must be unique, got {names!r}")
    return matrix, names


def relative_weights(X: Any, y: Any, *, names: Sequence[str] | None = None) -> RelativeWeights:
    """Johnson's (2000) relative weights of the columns of ``X`` in predicting ``y``.

    ``X`` is an ``n × k`` array (or a mapping name → column, whose keys become
    ``names``), ``y`` has length ``n``. The method: with ``R_xx`` the predictors'
    correlation matrix and ``r_xy`` their correlations with ``y``, take the symmetric
    square root ``Λ = Q Δ^½ Qᵀ`` of ``R_xx = Q Δ Qᵀ`` (``Λ`` holds the correlations
    between the predictors and their closest orthogonal counterparts ``Z``), regress
    ``y`` on ``Z`` (``β = Λ⁻¹ r_xy``) and apportion each ``β_j²`` back to the predictors
    by ``Λ_ij²``: ``raw_i = Σ_j Λ_ij² β_j²``. ``Σ raw = Σ β² = R²``.

    Needs at least ``k + 2`` observations, no constant column, a non-constant ``y``,
    predictors that are not perfectly collinear, and ``R² > 0``.

    >>> w = relative_weights({"reliability": [9, 7, 8, 4, 6, 9],
    ...                       "empathy": [6, 7, 5, 6, 8, 7]}, [9, 7, 8, 3, 7, 9])
    >>> w.names
    ('reliability', 'empathy')
    >>> [round(x, 1) for x in w.rescaled]
    [98.1, 1.9]
    >>> round(sum(w.raw), 6) == round(w.r_squared, 6)
    True
    """
    matrix, names = _predictors(X, names)
    outcome = as_scores(y, label="outcome value")
    n, k = matrix.shape
    if outcome.shape[0] != n:
        raise ValueError(f"X has {n} rows but y has {outcome.shape[0]} values; they must be paired")
    if n < k + 2:
        raise ValueError(f"need at least {k + 2} observations for {k} predictors, got {n}")
    label = names or tuple(f"column {j}" for j in range(k))
    spread = matrix.std(axis=0)
    if (spread == 0).any():
        j = int(np.flatnonzero(spread == 0)[0])
        raise ValueError(f"predictor {label[j]} is constant; it cannot explain anything")
    if outcome.std() == 0:
        raise ValueError("y is constant; there is no variance to explain")
    corr = np.corrcoef(np.column_stack([matrix, outcome]), rowvar=False)
    return relative_weights_from_correlations(corr, n, names=names)


def relative_weights_from_correlations(corr: Any, n: int, *,
                                       names: Sequence[str] | None = None) -> RelativeWeights:
    """:func:`relative_weights` from the ``(k + 1) × (k + 1)`` correlation matrix of the
    predictors and, last, the outcome — e.g. built from sums and sums of products a database
    computed (:func:`correlations_from_moments`), without the rows themselves.

    >>> x, y = [[9, 6], [7, 7], [8, 5], [4, 6], [6, 8], [9, 7]], [9, 7, 8, 3, 7, 9]
    >>> corr = np.corrcoef(np.column_stack([x, y]), rowvar=False)
    >>> [round(w, 1) for w in relative_weights_from_correlations(corr, 6).rescaled]
    [98.1, 1.9]
    """
    corr = np.asarray(corr, dtype=float)
    k = corr.shape[0] - 1
    if n < k + 2:
        raise ValueError(f"need at least {k + 2} observations for {k} predictors, got {n}")
    r_xx = corr[:k, :k]
    r_xy = corr[:k, k]
    eigenvalues, eigenvectors = np.linalg.eigh(r_xx)
    if eigenvalues.min() <= _COLLINEAR * eigenvalues.max():
        raise ValueError(
            "predictors are perfectly collinear (one is a linear combination of the "
            "others); drop or merge the redundant ones"
        )
    lam = (eigenvectors * np.sqrt(eigenvalues)) @ eigenvectors.T
    beta = np.linalg.solve(lam, r_xy)
    raw = (lam * lam) @ (beta * beta)
    r_squared = float(beta @ beta)
    if r_squared <= 1e-15:
        raise ValueError("y is uncorrelated with every predictor (R² = 0); weights are undefined")
    rescaled = 100.0 * raw / raw.sum()
    return RelativeWeights(
        raw=tuple(float(x) for x in raw),
        rescaled=tuple(float(x) for x in rescaled),
        r_squared=r_squared,
        n=int(n),
        names=names,
    )


def correlations_from_moments(n: int, sums: Any, cross: Any) -> FloatArray:
    """The correlation matrix of ``m`` variables from their count ``n``, sums ``Σx_i`` and
    sums of products ``Σx_i·x_j`` (an ``m × m`` matrix) — what SQL ``SUM`` aggregates give.
    A constant variable raises (its correlation is undefined).

    >>> rows = np.array([[1.0, 2.0], [2.0, 4.5], [3.0, 5.5]])
    >>> bool(np.allclose(correlations_from_moments(3, rows.sum(0), rows.T @ rows),
    ...                  np.corrcoef(rows, rowvar=False)))
    True
    """
    sums = np.asarray(sums, dtype=float)
    covariance = np.asarray(cross, dtype=float) - np.outer(sums, sums) / n
    spread = np.sqrt(np.clip(np.diag(covariance), 0, None))
    if (spread <= 1e-12 * max(1.0, float(np.abs(sums).max()))).any():
        j = int(np.flatnonzero(spread <= 1e-12 * max(1.0, float(np.abs(sums).max())))[0])
        raise ValueError(f"variable {j} is constant; it cannot explain anything")
    return covariance / np.outer(spread, spread)
