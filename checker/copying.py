"""Copied parts between the reports of a batch, compared while the batch is still being checked.

The digests come in report by report (supervise.attach builds them in the workers). Every STEP reports
(every 1/STEP of those so far, in a batch of thousands), LSH (checker/minhash.py) proposes the pairs
that a newly arrived part forms with any part before it, and the sentence check (checker/similarity.py)
confirms them, each new part against all its candidates at once; so most of the comparison runs while
the workers are still checking, and pairs() has only the last few reports left to compare. The pairs
found are those of one comparison of the whole batch, in the same order.

Memory stays flat: per report only its MinHashes (about 1 KB), the gram arrays of recently used parts up
to CACHE_BYTES, and the overlaps (share, count, three quotes) of the pairs found copied.
"""
from __future__ import annotations

from collections import OrderedDict
from itertools import groupby
from operator import itemgetter

from checker.signature import PARTS, Digest
from checker.similarity import JACCARD_FLOOR, Overlap, copied_among, loose, overlap_found, same_unit

STEP = 32  # reports between two comparisons: few enough that little is left for the end
CACHE_BYTES = 48 << 20  # the parts kept at hand; one that drops out is read again from where it waits
ENTRY_BYTES = 4 << 10  # a kept part's Python objects (packed part, arrays, keys), measured with tracemalloc


class Copying:
    """Add the batch's digests in batch order (None for a report not compared), then ask for pairs()."""

    def __init__(self, step: int | None = None) -> None:
        self._digests: list[Digest | None] = []
        self._step = step or STEP
        self._numbers: dict[str, list[int]] = {part: [] for part in PARTS}  # reports having the part
        self._minhashes: dict[str, list[bytes]] = {part: [] for part in PARTS}
        self._done: dict[str, int] = {part: 0 for part in PARTS}  # of _numbers[part], those compared
        self._found: dict[str, list[tuple[int, int, Overlap, Overlap]]] = {part: [] for part in PARTS}
        self._kept: OrderedDict[tuple[str, int], tuple] = OrderedDict()
        self._bytes = 0
        self._waiting = 0

    def add(self, found: Digest | None) -> None:
        number = len(self._digests)
        self._digests.append(found)
        if found is None:
            return
        for part, minhash in found.minhashes.items():
            self._numbers[part].append(number)
            self._minhashes[part].append(minhash)
        self._waiting += 1
        # Every STEP reports, or every 1/STEP of those so far in a batch of thousands, where each comparison
        # sorts every report's band values: few comparisons, and little left for pairs().
        if self._waiting >= max(self._step, number // self._step):
            self._compare()

    @property
    def present(self) -> list[int]:
        """The batch positions of the reports compared."""
        return [n for n, found in enumerate(self._digests) if found is not None]

    def pairs(self) -> list[tuple[int, int, Overlap, Overlap]]:
        """Every pair of different units with a copied part: (i, j, i's overlap, j's overlap), part by part
        in PARTS order and by (i, j) within a part."""
        self._compare()
        self._kept.clear()
        self._bytes = 0
        return [pair for part in PARTS for pair in sorted(self._found[part], key=lambda item: item[:2])]

    def _compare(self) -> None:
        """The pairs each part added since the last time forms with those before it: each new part against
        all its candidates at once."""
        import numpy as np

        from checker import minhash

        if not self._waiting:
            return
        self._waiting = 0
        for part in PARTS:
            numbers = self._numbers[part]
            start, self._done[part] = self._done[part], len(numbers)
            first, second = minhash.candidate_arrays(self._minhashes[part], JACCARD_FLOOR, start)
            if not len(first):
                continue
            numbers_array = np.array(numbers, dtype=np.int64)
            order = np.argsort(second, kind="stable")  # by the later report; each one's partners stay in order
            later, earlier = numbers_array[second[order]].tolist(), numbers_array[first[order]].tolist()
            for j, group in groupby(zip(later, earlier), key=itemgetter(0)):
                partners = [i for _, i in group if not same_unit(self._digests[i], self._digests[j])]
                if not partners:
                    continue
                theirs, (packed, arrays, quoted) = [self._part(part, i) for i in partners], self._part(part, j)
                found = copied_among([their_arrays for _, their_arrays, _ in theirs], arrays)
                for i, (their_packed, _, their_quoted), pair in zip(partners, theirs, found):
                    if pair is not None:  # quoted now, while the workers still check: pairs() has little left
                        self._found[part].append((i, j, overlap_found(their_packed, pair[0], part, their_quoted),
                                                  overlap_found(packed, pair[1], part, quoted)))

    def _part(self, part: str, number: int) -> tuple:
        """The part packed, as copied_among() takes it, and its sentences quoted so far; from the cache or
        read again; least recently used out."""
        kept, key = self._kept, (part, number)
        if key in kept:
            kept.move_to_end(key)
            return kept[key]
        packed = self._digests[number].parts[part]
        found = kept[key] = packed, loose(packed), {}
        self._bytes += _size(found)
        while self._bytes > CACHE_BYTES and len(kept) > 2:
            self._bytes -= _size(kept.popitem(last=False)[1])
        return found


def _size(kept: tuple) -> int:
    """What a cached part holds: its arrays (the grams are those of the packed part), lines and quotes
    (the few quoted for overlaps are the pairs' to keep), and the objects around them (ENTRY_BYTES)."""
    packed, arrays, _ = kept
    return sum(array.nbytes for array in arrays) + len(packed.lines) + 2 * len(packed.quotes) + ENTRY_BYTES
