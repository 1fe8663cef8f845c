"""Fair comparison of people: empirical-Bayes shrinkage and rank intervals.

Framework-free (NumPy and SciPy only). A leaderboard that ranks raw scores puts whoever had
three lucky answers on top; these functions pull each person's score towards the group's by
as much as their small sample deserves, and say how sure the resulting order is.

* :func:`shrink_rates` — beta-binomial shrinkage of success rates, the prior fitted to the
  group by the method of moments (:mod:`.shrinkage`);
* :func:`shrink_means` — normal–normal shrinkage of means, the between-person variance
  estimated by the method of moments (:mod:`.shrinkage`);
* :func:`correlation` — Pearson's r with a Fisher-z interval, e.g. a team's eNPS against its
  customers' NPS across teams and quarters (:mod:`.association`);
* :func:`rank_intervals` — each person's rank with an interval, by simulation from the
  posterior with a fixed seed (:mod:`.ranks`).

Three answers, all good, against 285 good of 300, among colleagues at 50–67 %: the three are
pulled most of the way to the group, and the 300 stay on top.

>>> from kliento.ranking import rank_intervals, shrink_rates
>>> r = shrink_rates([3, 285, 200, 150, 180], [3, 300, 300, 300, 300])
>>> [round(v, 3) for v in r.estimate]
[0.847, 0.947, 0.668, 0.504, 0.602]
>>> rank_intervals(r).rank
(2, 1, 3, 5, 4)
"""

from .association import Correlation, correlation
from .ranks import RankIntervals, rank_intervals
from .shrinkage import Shrunk, shrink_means, shrink_rates, shrunk_subset

__all__ = ["Correlation", "RankIntervals", "Shrunk", "correlation", "rank_intervals",
           "shrink_means", "shrink_rates", "shrunk_subset"]
