"""Near-duplicate parts between reports: MinHash/LSH finds candidate pairs, sentence shingles confirm them.

The digests come from the workers (signature.digest): the parent runs LSH over their MinHashes and
the sentence check over the packed sentences of candidate pairs only.

A sentence of one report is shared with another when some sentence there has a 4-gram Jaccard of at
least SENTENCE_JACCARD (one or two words changed, figures changed: still the same sentence). A part is
copied when at least COPIED_SHARE of its sentences, and at least MIN_SHARED of them, are shared.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from checker.signature import PARTS, Digest, Packed, Quoted, Sentence, Signature, pack

SENTENCE_JACCARD = 0.5
COPIED_SHARE = 0.5
MIN_SHARED = 2
# LSH (checker/minhash.py) proposes parts of Jaccard above about 0.2; a part half copied is well above.
# LSH also proposes pairs that share only template phrases; their estimated Jaccard (about 0.05 for a
# report sharing four slogans) drops them before the sentence check, which costs the most.
JACCARD_FLOOR = 0.15
QUOTES = 3  # the sentences an overlap quotes


@dataclass(frozen=True)
class Overlap:
    """How much of one part is found in another report's same part."""

    part: str
    share: float  # of this part's sentences, the share found in the other
    shared: tuple[Quoted, ...]  # the first QUOTES of this part's sentences found there (line and quote)
    count: int = 0  # how many of this part's sentences are found there

    @property
    def copied(self) -> bool:
        return self.share >= COPIED_SHARE and self.count >= MIN_SHARED


def overlap(mine: Sequence[Sentence], theirs: Sequence[Sentence], part: str) -> Overlap:
    """Which of my sentences have a near twin among theirs."""
    return overlaps(pack(mine), pack(theirs), part)[0]


def overlaps(mine: Packed, theirs: Packed, part: str, sorted_mine=None, sorted_theirs=None) -> tuple[Overlap, Overlap]:
    """My sentences with a near twin among theirs, and theirs with one among mine (the relation is symmetric).

    sorted_mine, sorted_theirs: the parts' gram arrays as _sort() gives them, when already at hand.
    """
    if not len(mine) or not len(theirs):
        return Overlap(part, 0.0, ()), Overlap(part, 0.0, ())
    found_mine, found_theirs = _twins(sorted_mine or _sort(mine), sorted_theirs or _sort(theirs))
    return (Overlap(part, len(found_mine) / len(mine), mine.quoted(found_mine[:QUOTES]), len(found_mine)),
            Overlap(part, len(found_theirs) / len(theirs), theirs.quoted(found_theirs[:QUOTES]), len(found_theirs)))


def twins(a: Packed, b: Packed) -> tuple[list[int], list[int]]:
    """The sentences of a with a twin in b (4-gram Jaccard >= SENTENCE_JACCARD) and those of b with one in a."""
    return _twins(_sort(a), _sort(b))


def _sort(packed: Packed):
    """A part's grams sorted, each with its sentence, and the sentences' sizes (numpy arrays)."""
    import numpy as np

    sizes = np.frombuffer(packed.sizes, np.uint32).astype(np.int64)
    grams = np.frombuffer(packed.grams, np.uint32)
    order = np.argsort(grams, kind="stable")
    # int32 sentence numbers: half the memory of int64 for a part that waits in the comparison's cache.
    return grams[order], np.repeat(np.arange(len(sizes), dtype=np.int32), sizes)[order], sizes


def _twins(a, b) -> tuple[list[int], list[int]]:
    """One join of the two sorted gram arrays counts the grams every pair of sentences has in common, so no
    pair of sentences without a common gram is ever looked at."""
    import numpy as np

    (grams_a, owners_a, sizes_a), (grams_b, owners_b, sizes_b) = a, b
    low, high = np.searchsorted(grams_b, grams_a, "left"), np.searchsorted(grams_b, grams_a, "right")
    counts = high - low
    hit = np.flatnonzero(counts)
    if not len(hit):
        return [], []
    counts, low = counts[hit], low[hit]
    # Each gram of a against each of its equal grams in b: positions low[k] .. low[k] + counts[k] - 1.
    in_a = np.repeat(hit, counts)
    in_b = np.repeat(low - (np.cumsum(counts) - counts), counts) + np.arange(int(counts.sum()))
    width = len(sizes_b)
    keys, common = np.unique(owners_a[in_a].astype(np.int64) * width + owners_b[in_b], return_counts=True)
    first, second = keys // width, keys % width
    close = common / (sizes_a[first] + sizes_b[second] - common) >= SENTENCE_JACCARD
    return np.unique(first[close]).tolist(), np.unique(second[close]).tolist()


def _enough(count: int, total: int) -> bool:
    """Overlap.copied for `count` of `total` sentences found."""
    return total > 0 and count / total >= COPIED_SHARE and count >= MIN_SHARED


def _may_copy(a, b) -> bool:
    """False when neither part can be copied from the other, by a bound far cheaper than the sentence check.

    A sentence with a twin shares at least half its grams with that twin (Jaccard >= 1/2 needs it), so at
    least half its grams are found somewhere in the other part: counting such sentences bounds the twins."""
    import numpy as np

    (grams_a, owners_a, sizes_a), (grams_b, owners_b, sizes_b) = a, b
    if not len(grams_a) or not len(grams_b):
        return False
    for (mine, owners, sizes), theirs in ((a, grams_b), (b, grams_a)):
        at = np.minimum(np.searchsorted(theirs, mine), len(theirs) - 1)
        found = np.bincount(owners[theirs[at] == mine], minlength=len(sizes))
        if _enough(int(np.count_nonzero(2 * found >= sizes)), len(sizes)):
            return True
    return False

def compare(mine: Signature, theirs: Signature, parts: Iterable[str] = PARTS) -> list[Overlap]:
    """Each part of mine against the same part of theirs."""
    return [overlap(mine.parts.get(p, ()), theirs.parts.get(p, ()), p) for p in parts]


def candidate_pairs(digests: Sequence[Digest | None], part: str) -> list[tuple[int, int]]:
    """Pairs (i < j), sorted, whose part may share much; MinHash LSH keeps this near linear in the batch size."""
    first, second = _candidates(digests, part)
    return list(zip(first.tolist(), second.tolist()))


def _candidates(digests: Sequence[Digest | None], part: str):
    """candidate_pairs as two numpy arrays (no Python object per pair: a batch of thousands has millions)."""
    import numpy as np

    from checker import minhash

    numbers = np.array([n for n, d in enumerate(digests) if d is not None and part in d.minhashes], dtype=np.int64)
    first, second = minhash.candidate_arrays([digests[n].minhashes[part] for n in numbers.tolist()], JACCARD_FLOOR)
    return numbers[first], numbers[second]


def same_unit(a: Signature | Digest, b: Signature | Digest) -> bool:
    """Two reports of one unit (a draft and its final, say) are not copying from each other."""
    return bool(a.issuer) and a.issuer == b.issuer


def copied_pairs(digests: Sequence[Digest | None]) -> list[tuple[int, int, Overlap, Overlap]]:
    """Every pair of different units with a copied part: (i, j, i's overlap, j's overlap), part by part in
    PARTS order and by (i, j) within a part."""
    from checker.copying import Copying

    copying = Copying()
    for found in digests:
        copying.add(found)
    return copying.pairs()


def copied(mine, theirs) -> tuple[list[int], list[int]] | None:
    """The sentences of two parts (as _sort() gives them) with a twin in the other, when either part is
    copied; None when neither is."""
    if not _may_copy(mine, theirs):
        return None
    found_mine, found_theirs = _twins(mine, theirs)
    if _enough(len(found_mine), len(mine[2])) or _enough(len(found_theirs), len(theirs[2])):
        return found_mine, found_theirs
    return None


def quoted(packed: Packed, found: list[int], part: str) -> Overlap:
    """The overlap of a part whose sentences `found` have a twin in the other report's part."""
    return Overlap(part, len(found) / len(packed), packed.quoted(found[:QUOTES]), len(found))
