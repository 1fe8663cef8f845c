import numpy as np

from kliento.imports import seen
from kliento.imports.seen import SeenKeys


def test_keys_are_remembered_with_their_line_across_merges(monkeypatch):
    monkeypatch.setattr(seen, "MERGE_EVERY", 7)  # merge often, in uneven chunks
    keys = SeenKeys()
    rng = np.random.default_rng(3)
    order = rng.permutation(200)
    for line, n in enumerate(order, start=2):
        assert keys.first_line(f"C-{n}") is None
        keys.add(f"C-{n}", line)
    for line, n in enumerate(order, start=2):
        assert keys.first_line(f"C-{n}") == line
    assert keys.first_line("C-200") is None
    assert np.all(np.diff(keys._sorted) > 0)  # still sorted after every insert
