"""Which keys a file has shown already, in bounded memory.

Ten million external ids as Python strings would take gigabytes; their 64-bit hashes in a
sorted NumPy array take 80 MB, and the lines they were on (32-bit) 40 MB more. A hash
collision (about one in 10¹¹ pairs at that size) would call a row a duplicate wrongly — and
say so in its rejection, so nothing is lost.

Keys arrive a batch at a time. New ones go into a small sorted array first, which joins a
list of sorted chunks now and then. No chunk grows past CHUNK_KEYS: growing one means
copying it, and copying all ten million keys would briefly need twice their memory.
"""

import numpy as np
import polars as pl

MERGE_EVERY = 250_000
CHUNK_KEYS = 2_000_000
NONE = -1  # "not seen before" (lines start at 0 for the API's items)


class _SortedKeys:
    def __init__(self) -> None:
        self.hashes = np.empty(0, dtype=np.int64)
        self.lines = np.empty(0, dtype=np.int32)

    def lookup(self, hashes: np.ndarray) -> np.ndarray:
        """The stored line of each hash, NONE where it is not stored."""
        if not len(self.hashes):
            return np.full(len(hashes), NONE, dtype=np.int32)
        at = np.searchsorted(self.hashes, hashes).clip(max=len(self.hashes) - 1)
        return np.where(self.hashes[at] == hashes, self.lines[at], NONE).astype(np.int32)

    def insert(self, hashes: np.ndarray, lines: np.ndarray) -> None:
        """Insert new (not stored) hashes: one new array each, no re-sort of the whole."""
        order = np.argsort(hashes)
        hashes, lines = hashes[order], lines[order]
        at = np.searchsorted(self.hashes, hashes)
        self.hashes = np.insert(self.hashes, at, hashes)
        self.lines = np.insert(self.lines, at, lines)

    def __len__(self) -> int:
        return len(self.hashes)


class SeenKeys:
    def __init__(self) -> None:
        self._chunks: list[_SortedKeys] = []
        self._recent = _SortedKeys()

    def earlier_lines(self, keys: pl.Series, lines: np.ndarray) -> np.ndarray:
        """For each key (in file order), the line where it appeared before — in an earlier
        batch or earlier in this one — or NONE; null keys are never duplicates. Remembers the
        keys shown for the first time."""
        lines = np.asarray(lines, dtype=np.int32)
        hashes = keys.hash(seed=7).cast(pl.Int64, wrap_numerical=True).to_numpy()
        known = ~keys.is_null().to_numpy()
        earlier = np.full(len(lines), NONE, dtype=np.int32)
        stored = self._recent.lookup(hashes[known])
        for chunk in self._chunks:
            stored = np.where(stored != NONE, stored, chunk.lookup(hashes[known]))
        first_in_batch = (pl.DataFrame({"hash": hashes[known], "line": lines[known]})
                          .select(pl.col("line").first().over("hash"))["line"].to_numpy())
        earlier[known] = np.where(stored != NONE, stored,
                                  np.where(first_in_batch != lines[known], first_in_batch, NONE))
        new = known.copy()
        new[known] = earlier[known] == NONE
        self._recent.insert(hashes[new], lines[new])
        if len(self._recent) >= MERGE_EVERY:
            self._keep_recent()
        return earlier

    def _keep_recent(self) -> None:
        if self._chunks and len(self._chunks[-1]) + len(self._recent) <= CHUNK_KEYS:
            self._chunks[-1].insert(self._recent.hashes, self._recent.lines)
        else:
            self._chunks.append(self._recent)
        self._recent = _SortedKeys()
