"""Kliento's measurement core: customer-experience metrics with honest intervals.

Framework-free (numpy and scipy only). Every function takes raw per-response scores,
checks them (bad input raises :class:`ValueError` saying what and where) and returns a
frozen dataclass whose docstring states its units.

* :func:`nps`, :func:`csat`, :func:`ces`, :func:`kv_index` — single-sample scores
  (:mod:`.scores`), and the bands they count: :data:`PROMOTER_FROM`,
  :data:`DETRACTOR_UP_TO`, :data:`CSAT_TOP_BOX` and the CSAT answers either side;
* :func:`service_grade` — the weighted 10-point SERVQUAL grade (:mod:`.service_grade`),
  :func:`servqual_gaps` — perception − expectation per factor (:mod:`.servqual`);
* :func:`relative_weights` — Johnson's driver weights (:mod:`.drivers`);
* :func:`compare` — did it really change between two periods or groups
  (:mod:`.comparison`).

>>> from kliento.measure import nps
>>> r = nps([10, 9, 7, 3])
>>> r.value, r.n
(25.0, 4)
"""

from .comparison import METRICS, Comparison, compare
from .drivers import RelativeWeights, relative_weights
from .factors import FACTORS
from .scores import (
    CSAT_DISSATISFIED_UP_TO,
    CSAT_SATISFIED_FROM,
    CSAT_SCALE,
    CSAT_TOP_BOX,
    DETRACTOR_UP_TO,
    PROMOTER_FROM,
    CesResult,
    CsatResult,
    KvResult,
    NpsResult,
    ces,
    csat,
    kv_index,
    nps,
)
from .service_grade import DEFAULT_WEIGHTS, ServiceGrade, grade_verdict, service_grade
from .servqual import Gap, ServqualGaps, servqual_gaps

__all__ = [
    "CSAT_DISSATISFIED_UP_TO",
    "CSAT_SATISFIED_FROM",
    "CSAT_SCALE",
    "CSAT_TOP_BOX",
    "DEFAULT_WEIGHTS",
    "DETRACTOR_UP_TO",
    "FACTORS",
    "METRICS",
    "PROMOTER_FROM",
    "CesResult",
    "Comparison",
    "CsatResult",
    "Gap",
    "KvResult",
    "NpsResult",
    "RelativeWeights",
    "ServiceGrade",
    "ServqualGaps",
    "ces",
    "compare",
    "csat",
    "grade_verdict",
    "kv_index",
    "nps",
    "relative_weights",
    "service_grade",
    "servqual_gaps",
]
