"""Which topic of the previous mining is which cluster of the new one: matched by shared
members, so that a topic keeps its number, its name and its FAQ entry when topics are mined
again.

Overlap is the Jaccard index of the two member sets, counted only over the texts both runs
saw (texts that left the mining window would otherwise shrink every overlap); clusters and
old topics are paired one to one by the Hungarian method
(:func:`scipy.optimize.linear_sum_assignment`) maximising total overlap, and a pair sharing
less than :data:`MIN_OVERLAP` is no match.

>>> match_topics({1: 7, 2: 7, 3: 8, 4: 8, 5: 9}, [0, 0, 1, 1, 1])
{0: 7, 1: 8}
"""

from collections.abc import Mapping, Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment

MIN_OVERLAP = 0.3


def match_topics(previous: Mapping[int, int], clusters: Sequence[int],
                 min_overlap: float = MIN_OVERLAP, members: Sequence[int] | None = None
                 ) -> dict[int, int]:
    """``previous``: member id → old topic id; ``clusters``: the new cluster of each member
    (negative: none), for the member ids ``members`` (default 1…n). Returns new cluster →
    old topic id for the pairs kept."""
    ids = list(members) if members is not None else list(range(1, len(clusters) + 1))
    new = np.asarray(clusters)
    old_topics = sorted({previous[i] for i in ids if i in previous})
    new_clusters = sorted({int(c) for c in new if c >= 0})
    if not old_topics or not new_clusters:
        return {}
    old_index = {topic: row for row, topic in enumerate(old_topics)}
    new_index = {cluster: column for column, cluster in enumerate(new_clusters)}
    shared = np.zeros((len(old_topics), len(new_clusters)))
    old_sizes = np.zeros(len(old_topics))
    new_sizes = np.zeros(len(new_clusters))
    for member, cluster in zip(ids, new.tolist(), strict=True):
        if cluster >= 0:
            new_sizes[new_index[cluster]] += 1
        if member in previous:
            old_sizes[old_index[previous[member]]] += 1
            if cluster >= 0:
                shared[old_index[previous[member]], new_index[cluster]] += 1
    union = old_sizes[:, None] + new_sizes[None, :] - shared
    jaccard = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
    rows, columns = linear_sum_assignment(jaccard, maximize=True)
    return {new_clusters[c]: old_topics[r] for r, c in zip(rows, columns, strict=True)
            if jaccard[r, c] >= min_overlap}
