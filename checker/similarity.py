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

from checker.arrays import changes, distinct, lookup, ranges, set_prints
from checker.signature import PARTS, Digest, Packed, Quoted, Sentence, Signature, pack

SENTENCE_JACCARD = 0.5
COPIED_SHARE = 0.5
MIN_SHARED = 2
# LSH (checker/minhash.py) proposes parts of Jaccard above about 0.2; a part half copied is well above.
# LSH also proposes pairs that share only template phrases; their estimated Jaccard (about 0.05 for a
# report sharing four slogans) drops them before the sentence check, which costs the most.
JACCARD_FLOOR = 0.15
QUOTES = 3  # the sentences an overlap quotes
DENSE_CELLS = 1 << 21  # pairs of sentences counted in a table (16 MB at most); beyond, by sorting (same counts)


@dataclass(frozen=True)
class Overlap:
    """How much of one part is found in another report's same part."""

    part: str
    share: float  # of this part's sentences, the share found in the other
    shared: tuple[Quoted, ...]  # the first QUOTES of this part's sentences found there (line and quote)
    count: int = 0  # how many of this part's sentences are found there

    @property
    def copied(self) -> bool:
        return _copied(self.share, self.count)


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
    return _sorted(np.frombuffer(packed.grams, np.uint32), sizes)


def _sorted(grams, sizes):
    """prepare() of a part's grams (sentence after sentence) and its sentences' sizes."""
    import numpy as np

    order = np.argsort(grams, kind="stable")
    grams = grams[order]
    starts = np.flatnonzero(changes(grams))
    # int32 sentence numbers: half the memory of int64 for a part that waits in the comparison's cache.
    owners = np.repeat(np.arange(len(sizes), dtype=np.int32), sizes)[order]
    return grams, owners, sizes, grams[starts], np.append(starts, len(grams))


def _join(a, b):
    """Where each distinct gram of a stands among b's distinct grams, and whether it is there."""
    import numpy as np

    distinct_a, distinct_b = a[3], b[3]
    if not len(distinct_a) or not len(distinct_b):
        return np.zeros(len(distinct_a), np.int64), np.zeros(len(distinct_a), bool)
    at = np.minimum(np.searchsorted(distinct_b, distinct_a), len(distinct_b) - 1)
    return at, distinct_b[at] == distinct_a


def _twins(a, b) -> tuple[list[int], list[int]]:
    """One join of the two sorted gram arrays counts the grams every pair of sentences has in common, so no
    pair of sentences without a common gram is ever looked at."""
    import numpy as np

    (_, owners_a, sizes_a, _, runs_a), (_, owners_b, sizes_b, _, runs_b) = a, b
    at, found = _join(a, b)
    common = np.flatnonzero(found)
    if not len(common):
        return [], []
    there = at[common]
    # Every occurrence of a common gram in a against every occurrence of it in b.
    occurrences = runs_a[common + 1] - runs_a[common]
    counts = np.repeat(runs_b[there + 1] - runs_b[there], occurrences)
    in_b = ranges(np.repeat(runs_b[there], occurrences), counts)
    in_a = np.repeat(ranges(runs_a[common], occurrences), counts)
    width = len(sizes_b)
    keys, shared = np.unique(owners_a[in_a].astype(np.int64) * width + owners_b[in_b], return_counts=True)
    first, second = keys // width, keys % width
    close = shared / (sizes_a[first] + sizes_b[second] - shared) >= SENTENCE_JACCARD
    return np.unique(first[close]).tolist(), np.unique(second[close]).tolist()


def _copied(share, count):
    """A part is copied when this share of its sentences, and this many, are found in the other (numbers,
    or numpy arrays of them side by side)."""
    return (share >= COPIED_SHARE) & (count >= MIN_SHARED)


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


def loose(packed: Packed):
    """A part as copied_among() takes it: its grams as they come, sentence after sentence, the sentences'
    sizes, and a fingerprint of each sentence's grams (numpy arrays)."""
    import numpy as np

    grams, sizes = np.frombuffer(packed.grams, np.uint32), np.frombuffer(packed.sizes, np.uint32).astype(np.int64)
    return grams, sizes, set_prints(grams, sizes)


def copied_among(theirs: Sequence[tuple], mine: tuple) -> list[tuple[list[int], list[int]] | None]:
    """For each of `theirs` against `mine` (parts as loose() gives them): the sentences of that part and of
    mine with a twin in the other, when either part is copied; None when neither is.

    One pass for all of them. A sentence found in several of theirs (a copied sentence often is) is
    looked at once: their distinct sentences' grams are looked up among my distinct grams together, and
    the grams every pair of sentences has in common are counted at once."""
    import numpy as np

    grams_a, sizes_a, _ = mine
    found: list[tuple[list[int], list[int]] | None] = [None] * len(theirs)
    if not theirs or not len(grams_a):
        return found
    _, owners_a, _, distinct_a, runs_a = _sorted(grams_a, sizes_a)

    counts = np.array([len(sizes) for _, sizes, _ in theirs], dtype=np.int64)
    offsets = np.cumsum(counts) - counts  # where each part's sentences start among all of theirs
    sizes_b = np.concatenate([sizes for _, sizes, _ in theirs])
    prints_b = np.concatenate([prints for _, _, prints in theirs])
    # Their sentences grouped by their grams (same print, same size): each group is looked at once.
    by_print = np.argsort(prints_b)  # equal prints of different sizes (never seen) just make more groups
    heads = np.flatnonzero(changes(prints_b[by_print], sizes_b[by_print]))
    members = np.diff(np.append(heads, len(by_print)))
    sizes_g = sizes_b[by_print[heads]]
    grams_b = np.concatenate([grams for grams, _, _ in theirs])
    grams_g = grams_b[ranges((np.cumsum(sizes_b) - sizes_b)[by_print[heads]], sizes_g)]
    at, hit = lookup(distinct_a, grams_g)
    if not len(hit):
        return found
    # Every occurrence of a common gram in a group against every occurrence of it in mine.
    occurrences = runs_a[at + 1] - runs_a[at]
    width = len(heads)
    keys = owners_a[ranges(runs_a[at], occurrences)].astype(np.int64) * width + \
        np.repeat(np.repeat(np.arange(width), sizes_g)[hit], occurrences)
    if len(sizes_a) * width <= DENSE_CELLS:  # a table of every pair of sentences: no sort
        shared = np.bincount(keys, minlength=len(sizes_a) * width)
        keys = np.flatnonzero(shared)
        shared = shared[keys]
    else:
        keys, shared = np.unique(keys, return_counts=True)
    first, group = keys // width, keys % width
    close = shared / (sizes_a[first] + sizes_g[group] - shared) >= SENTENCE_JACCARD
    first, group = first[close], group[close]
    if not len(first):
        return found
    # Each group's twins are those of every sentence in it.
    second = by_print[ranges(heads[group], members[group])]
    first = np.repeat(first, members[group])
    # Sentence pairs by their part: mine per part (sorted, each once), theirs by their own numbers.
    part_of = np.searchsorted(offsets, second, side="right") - 1
    mine_keys = distinct(part_of * len(sizes_a) + first)
    mine_parts, mine_sentences = mine_keys // len(sizes_a), mine_keys % len(sizes_a)
    theirs_keys = distinct(second)
    theirs_parts = np.searchsorted(offsets, theirs_keys, side="right") - 1
    found_mine = np.bincount(mine_parts, minlength=len(theirs))
    found_theirs = np.bincount(theirs_parts, minlength=len(theirs))
    copied = _copied(found_mine / len(sizes_a), found_mine) | \
        _copied(np.divide(found_theirs, counts, out=np.zeros(len(counts)), where=counts > 0), found_theirs)
    mine_bounds = np.searchsorted(mine_parts, np.arange(len(theirs) + 1)).tolist()
    theirs_bounds = np.searchsorted(theirs_parts, np.arange(len(theirs) + 1)).tolist()
    mine_sentences, theirs_sentences = mine_sentences.tolist(), (theirs_keys - offsets[theirs_parts]).tolist()
    for k in np.flatnonzero(copied).tolist():
        found[k] = (theirs_sentences[theirs_bounds[k]:theirs_bounds[k + 1]],
                    mine_sentences[mine_bounds[k]:mine_bounds[k + 1]])
    return found


def overlap_found(packed: Packed, found: list[int], part: str, quoted: dict[int, Quoted] | None = None) -> Overlap:
    """The overlap of a part whose sentences `found` (numbers, ascending) have a twin in another's part.
    quoted: the part's sentences quoted so far, by number, shared by its overlaps with several others."""
    numbers = found[:QUOTES]
    if quoted is None:
        return Overlap(part, len(found) / len(packed), packed.quoted(numbers), len(found))
    missing = [n for n in numbers if n not in quoted]
    if missing:
        quoted.update(zip(missing, packed.quoted(missing)))
    return Overlap(part, len(found) / len(packed), tuple(quoted[n] for n in numbers), len(found))
