"""Spectral clustering of unit-length rows, and the number of clusters it chooses."""

import numpy as np
from sklearn.metrics import adjusted_rand_score

from kliento.topics.clustering import cluster


def separated_groups(sizes: list[int], dimensions: int = 40, seed: int = 3):
    """Groups around orthogonal directions with noise: the truth is known by construction."""
    rng = np.random.default_rng(seed)
    truth = np.repeat(np.arange(len(sizes)), sizes)
    vectors = np.eye(dimensions)[truth] + rng.normal(0, 0.12, (len(truth), dimensions))
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True), truth


def test_the_number_of_clusters_found_is_the_number_of_separated_groups():
    # Unequal sizes on purpose: a rule that favours equal clusters would split the big
    # one. (At RESOLUTION 3 a group of 120 among 520 rows is split in two: finer topics
    # are the price of the resolution chosen on banking77.)
    vectors, truth = separated_groups([80, 60, 40, 40, 30, 30, 25, 25, 20, 20, 20, 20])
    result = cluster(vectors)
    assert result.chosen_automatically
    assert result.count == 12
    assert adjusted_rand_score(truth, result.labels) == 1.0


def test_a_given_number_of_clusters_is_kept():
    vectors, truth = separated_groups([60] * 6)
    result = cluster(vectors, count=6)
    assert not result.chosen_automatically and result.count == 6
    assert adjusted_rand_score(truth, result.labels) == 1.0


def test_labels_are_numbered_densely_from_zero():
    vectors, _truth = separated_groups([50] * 8)
    labels = cluster(vectors, count=8).labels
    assert sorted(set(labels.tolist())) == list(range(8))
