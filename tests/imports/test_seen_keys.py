import numpy as np
import polars as pl

from kliento.imports import seen
from kliento.imports.seen import SeenKeys


def test_keys_are_remembered_with_their_first_line_across_batches_and_merges(monkeypatch):
    monkeypatch.setattr(seen, "MERGE_EVERY", 7)  # merge often, in uneven chunks
    monkeypatch.setattr(seen, "CHUNK_KEYS", 30)
    keys = SeenKeys()
    rng = np.random.default_rng(3)
    order = rng.permutation(200)
    for start in range(0, 200, 13):
        chunk = order[start:start + 13]
        lines = np.arange(start, start + len(chunk)) + 2
        earlier = keys.earlier_lines(pl.Series([f"C-{n}" for n in chunk]), lines)
        assert earlier.tolist() == [seen.NONE] * len(chunk)
    again = keys.earlier_lines(pl.Series([f"C-{n}" for n in order] + ["C-200"]),
                               np.arange(300, 501))
    assert again.tolist() == [*range(2, 202), seen.NONE]
    assert len(keys._chunks) > 3 and all(len(chunk) <= 30 for chunk in keys._chunks)
    for chunk in [*keys._chunks, keys._recent]:
        assert np.all(np.diff(chunk.hashes) > 0)  # still sorted after every insert


def test_a_key_repeated_within_a_batch_points_at_its_first_line_and_nulls_never_clash():
    keys = SeenKeys()
    earlier = keys.earlier_lines(pl.Series(["A", "B", "A", None, None, "A"]),
                                 np.array([0, 1, 2, 3, 4, 5]))  # the API counts from 0
    none = seen.NONE
    assert earlier.tolist() == [none, none, 0, none, none, 0]
    assert keys.earlier_lines(pl.Series(["B", "C"]), np.array([6, 7])).tolist() == [1, none]
