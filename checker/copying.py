"""Copied parts between the reports of a batch, compared while the batch is still being checked.

The digests come in report by report (supervise.attach builds them in the workers). Every STEP reports
(every 1/STEP of those so far, in a batch of thousands), LSH (checker/minhash.py) proposes the pairs
that a newly arrived part forms with any part before it, and the sentence check (checker/similarity.py)
confirms them; so most of the comparison runs while the workers are still checking, and pairs() has
only the last few reports left to compare. The pairs found
are those of one comparison of the whole batch, in the same order.

Memory stays flat: per report only its MinHashes (about 1 KB), the sorted gram arrays of recently used
parts up to CACHE_BYTES, and the sentence numbers of the pairs found copied; quotes are read at the end.
"""
from __future__ import annotations

from collections import OrderedDict

from checker.signature import PARTS, Digest
from checker.similarity import JACCARD_FLOOR, Overlap, copied, prepare, quoted, same_unit

STEP = 32  # reports between two comparisons: few enough that little is left for the end
CACHE_BYTES = 48 << 20  # the sorted parts kept at hand; one that drops out is read again from where it waits


class Copying:
    """Add the batch's digests in batch order (None for a report not compared), then ask for pairs()."""

    def __init__(self, step: int | None = None) -> None:
        self._digests: list[Digest | None] = []
        self._step = step or STEP
        self._numbers: dict[str, list[int]] = {part: [] for part in PARTS}  # reports having the part
        self._minhashes: dict[str, list[bytes]] = {part: [] for part in PARTS}
        self._done: dict[str, int] = {part: 0 for part in PARTS}  # of _numbers[part], those compared
        self._found: dict[str, list[tuple[int, int, list[int], list[int]]]] = {part: [] for part in PARTS}
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
        result = []
        for part in PARTS:
            found = sorted(self._found[part], key=lambda item: item[:2])
            # Quotes only for what is reported, each part read once more (where it waits, in batch order).
            wanted: dict[int, list[tuple[int, int]]] = {}
            for k, (i, j, _, _) in enumerate(found):
                wanted.setdefault(i, []).append((k, 2))
                wanted.setdefault(j, []).append((k, 3))
            overlaps: dict[tuple[int, int], Overlap] = {}
            for number in sorted(wanted):
                places = wanted[number]
                made = quoted(self._digests[number].parts[part], [found[k][side] for k, side in places], part)
                overlaps.update(zip(places, made))
            result += [(i, j, overlaps[k, 2], overlaps[k, 3]) for k, (i, j, _, _) in enumerate(found)]
        return result

    def _compare(self) -> None:
        """The pairs each part added since the last time forms with those before it."""
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
            # By the earlier report, so the parts read again are read in the order they wait on disk.
            for i, j in zip(numbers_array[first].tolist(), numbers_array[second].tolist()):
                if same_unit(self._digests[i], self._digests[j]):
                    continue
                found = copied(self._prepared(part, i), self._prepared(part, j))
                if found is not None:
                    self._found[part].append((i, j, *found))

    def _prepared(self, part: str, number: int) -> tuple:
        """The part's sorted gram arrays, from the cache or read and sorted again; least recently used out."""
        kept, key = self._kept, (part, number)
        if key in kept:
            kept.move_to_end(key)
            return kept[key]
        found = kept[key] = prepare(self._digests[number].parts[part])
        self._bytes += sum(array.nbytes for array in found)
        while self._bytes > CACHE_BYTES and len(kept) > 2:
            self._bytes -= sum(array.nbytes for array in kept.popitem(last=False)[1])
        return found
