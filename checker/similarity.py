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


def overlaps(mine: Packed, theirs: Packed, part: str) -> tuple[Overlap, Overlap]:
    """My sentences with a near twin among theirs, and theirs with one among mine (the relation is symmetric)."""
    if not len(mine) or not len(theirs):
        return Overlap(part, 0.0, ()), Overlap(part, 0.0, ())
    found_mine, found_theirs = _twins(prepare(mine), prepare(theirs))
    return (Overlap(part, len(found_mine) / len(mine), mine.quoted(found_mine[:QUOTES]), len(found_mine)),
            Overlap(part, len(found_theirs) / len(theirs), theirs.quoted(found_theirs[:QUOTES]), len(found_theirs)))


def twins(a: Packed, b: Packed) -> tuple[list[int], list[int]]:
    """The sentences of a with a twin in b (4-gram Jaccard >= SENTENCE_JACCARD) and those of b with one in a."""
    return _twins(prepare(a), prepare(b))


def prepare(packed: Packed):
    """A part's grams sorted, each with its sentence, and the sentences' sizes (numpy arrays); then the
    distinct grams and where each one's run starts among the sorted grams (one more: where the last ends)."""
    import numpy as np

    sizes = np.frombuffer(packed.sizes, np.uint32).astype(np.int64)
    grams = np.frombuffer(packed.grams, np.uint32)
    order = np.argsort(grams, kind="stable")
    grams = grams[order]
    starts = np.flatnonzero(np.r_[True, grams[1:] != grams[:-1]]) if len(grams) else np.zeros(0, np.int64)
    # int32 sentence numbers: half the memory of int64 for a part that waits in the comparison's cache.
    owners = np.repeat(np.arange(len(sizes), dtype=np.int32), sizes)[order]
    return grams, owners, sizes, grams[starts], np.r_[starts, len(grams)]


def _join(a, b):
    """Where each distinct gram of a stands among b's distinct grams, and whether it is there."""
    import numpy as np

    distinct_a, distinct_b = a[3], b[3]
    if not len(distinct_a) or not len(distinct_b):
        return np.zeros(len(distinct_a), np.int64), np.zeros(len(distinct_a), bool)
    at = np.minimum(np.searchsorted(distinct_b, distinct_a), len(distinct_b) - 1)
    return at, distinct_b[at] == distinct_a


def _ranges(starts, lengths):
    """starts[k] .. starts[k] + lengths[k] - 1 for every k, one after the other."""
    import numpy as np

    return np.repeat(starts - (np.cumsum(lengths) - lengths), lengths) + np.arange(int(lengths.sum()))


def _twins(a, b, joined=None) -> tuple[list[int], list[int]]:
    """One join of the two sorted gram arrays counts the grams every pair of sentences has in common, so no
    pair of sentences without a common gram is ever looked at. joined: _join(a, b) when already at hand."""
    import numpy as np

    (_, owners_a, sizes_a, _, runs_a), (_, owners_b, sizes_b, _, runs_b) = a, b
    at, found = joined if joined is not None else _join(a, b)
    common = np.flatnonzero(found)
    if not len(common):
        return [], []
    there = at[common]
    # Every occurrence of a common gram in a against every occurrence of it in b.
    occurrences = runs_a[common + 1] - runs_a[common]
    counts = np.repeat(runs_b[there + 1] - runs_b[there], occurrences)
    in_b = _ranges(np.repeat(runs_b[there], occurrences), counts)
    in_a = np.repeat(_ranges(runs_a[common], occurrences), counts)
    width = len(sizes_b)
    keys, shared = np.unique(owners_a[in_a].astype(np.int64) * width + owners_b[in_b], return_counts=True)
    first, second = keys // width, keys % width
    close = shared / (sizes_a[first] + sizes_b[second] - shared) >= SENTENCE_JACCARD
    return np.unique(first[close]).tolist(), np.unique(second[close]).tolist()


def _enough(count: int, total: int) -> bool:
    """Overlap.copied for `count` of `total` sentences found."""
    return total > 0 and count / total >= COPIED_SHARE and count >= MIN_SHARED


def _may_copy(a, b, joined=None) -> bool:
    """False when neither part can be copied from the other, by a bound far cheaper than the sentence check.

    A sentence with a twin shares at least half its grams with that twin (Jaccard >= 1/2 needs it), so at
    least half its grams are found somewhere in the other part: counting such sentences bounds the twins."""
    import numpy as np

    at, found = joined if joined is not None else _join(a, b)
    in_b = np.zeros(len(b[3]), bool)
    in_b[at[found]] = True
    for (_, owners, sizes, _, runs), present in ((a, found), (b, in_b)):
        # A gram's presence spread over its occurrences, then counted per sentence.
        grams_found = np.bincount(owners[np.repeat(present, np.diff(runs))], minlength=len(sizes))
        if _enough(int(np.count_nonzero(2 * grams_found >= sizes)), len(sizes)):
            return True
    return False


def compare(mine: Signature, theirs: Signature, parts: Iterable[str] = PARTS) -> list[Overlap]:
    """Each part of mine against the same part of theirs."""
    return [overlap(mine.parts.get(p, ()), theirs.parts.get(p, ()), p) for p in parts]


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
    """The sentences of two parts (as prepare() gives them) with a twin in the other, when either part is
    copied; None when neither is."""
    joined = _join(mine, theirs)
    if not _may_copy(mine, theirs, joined):
        return None
    found_mine, found_theirs = _twins(mine, theirs, joined)
    if _enough(len(found_mine), len(mine[2])) or _enough(len(found_theirs), len(theirs[2])):
        return found_mine, found_theirs
    return None


def quoted(packed: Packed, founds: Sequence[list[int]], part: str) -> list[Overlap]:
    """The overlaps of a part with several others, given the sentences `found` with a twin in each; the
    part's quotes are split once for all."""
    from array import array

    lines, quotes = array("I", packed.lines), packed.quotes.split("\n")
    return [Overlap(part, len(found) / len(packed), tuple(Quoted(lines[n], quotes[n]) for n in found[:QUOTES]),
                    len(found)) for found in founds]
