"""Which keys a file has shown already, in bounded memory.

Ten million external ids as Python strings would take gigabytes; their 64-bit hashes in a
sorted NumPy array take 80 MB, and the lines they were on (32-bit) 40 MB more. A hash
collision (about one in 10¹¹ pairs at that size) would call a row a duplicate wrongly — and
say so in its rejection, so nothing is lost.
"""

import hashlib

import numpy as np

MERGE_EVERY = 50_000


def key_hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little",
                          signed=True)


class SeenKeys:
    def __init__(self) -> None:
        self._sorted = np.empty(0, dtype=np.int64)
        self._recent: dict[int, int] = {}  # hash → line, since the last merge
        self._lines = np.empty(0, dtype=np.int32)

    def first_line(self, key: str) -> int | None:
        """The line where ``key`` appeared before, or None (and remember it for ``line``)."""
        digest = key_hash(key)
        if digest in self._recent:
            return self._recent[digest]
        at = np.searchsorted(self._sorted, digest)
        if at < len(self._sorted) and self._sorted[at] == digest:
            return int(self._lines[at])
        return None

    def add(self, key: str, line: int) -> None:
        self._recent[key_hash(key)] = line
        if len(self._recent) >= MERGE_EVERY:
            self._merge()

    def _merge(self) -> None:
        """Insert the recent keys into the sorted arrays: one new array each, no re-sort of
        the whole (which would briefly need several copies of ten million keys)."""
        hashes = np.fromiter(self._recent.keys(), dtype=np.int64, count=len(self._recent))
        lines = np.fromiter(self._recent.values(), dtype=np.int32, count=len(self._recent))
        order = np.argsort(hashes)
        hashes, lines = hashes[order], lines[order]
        at = np.searchsorted(self._sorted, hashes)
        self._sorted = np.insert(self._sorted, at, hashes)
        self._lines = np.insert(self._lines, at, lines)
        self._recent.clear()
