"""Near-duplicate parts between reports: MinHash/LSH finds candidate pairs, sentence shingles confirm them.

A sentence of one report is shared with another when some sentence there has a 4-gram Jaccard of at
least SENTENCE_JACCARD (one or two words changed, figures changed: still the same sentence). A part is
copied when at least COPIED_SHARE of its sentences, and at least MIN_SHARED of them, are shared.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import chain
from typing import Iterable, Sequence

from checker.signature import PARTS, Sentence, Signature

SENTENCE_JACCARD = 0.5
COPIED_SHARE = 0.5
MIN_SHARED = 2
NUM_PERM = 64
LSH_THRESHOLD = 0.2  # a part half copied has a whole-part Jaccard well above this; LSH only proposes
# LSH also proposes pairs that share only template phrases; their estimated Jaccard (about 0.05 for a
# report sharing four slogans) drops them before the sentence check, which costs the most.
JACCARD_FLOOR = 0.15
QUOTES = 3


@dataclass(frozen=True)
class Overlap:
    """How much of one part is found in another report's same part."""

    part: str
    share: float  # of this part's sentences, the share found in the other
    shared: tuple[Sentence, ...]  # this part's sentences found there

    @property
    def copied(self) -> bool:
        return self.share >= COPIED_SHARE and len(self.shared) >= MIN_SHARED


def overlap(mine: Sequence[Sentence], theirs: Sequence[Sentence], part: str) -> Overlap:
    """Which of my sentences have a near twin among theirs."""
    if not mine or not theirs:
        return Overlap(part, 0.0, ())
    index: dict[int, list[int]] = {}
    their_sets = [s.shingle_set() for s in theirs]
    for number, grams in enumerate(their_sets):
        for gram in grams:
            index.setdefault(gram, []).append(number)
    shared = []
    for sentence in mine:
        grams = sentence.shingle_set()
        common: dict[int, int] = {}
        for gram in grams:
            for number in index.get(gram, ()):
                common[number] = common.get(number, 0) + 1
        if any(n / (len(grams) + len(their_sets[k]) - n) >= SENTENCE_JACCARD for k, n in common.items()):
            shared.append(sentence)
    return Overlap(part, len(shared) / len(mine), tuple(shared))


def compare(mine: Signature, theirs: Signature, parts: Iterable[str] = PARTS) -> list[Overlap]:
    """Each part of mine against the same part of theirs."""
    return [overlap(mine.parts.get(p, ()), theirs.parts.get(p, ()), p) for p in parts]


def _minhash(sentences: Sequence[Sentence], template):
    from array import array

    # The shingles are already 32-bit hashes: MinHash only permutes them. A copy of one empty digest
    # shares its permutations instead of drawing them again for every report.
    grams = set(chain.from_iterable(array("I", s.shingles) for s in sentences))
    digest = template.copy()
    digest.update_batch(list(grams))
    return digest


def candidate_pairs(signatures: Sequence[Signature], part: str) -> set[tuple[int, int]]:
    """Pairs (i < j) whose part may share much; MinHash LSH keeps this near linear in the batch size."""
    from datasketch import MinHash, MinHashLSH

    template = MinHash(num_perm=NUM_PERM, hashfunc=int)
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    digests = {}
    for number, signature in enumerate(signatures):
        sentences = signature.parts.get(part, ())
        if len(sentences) >= MIN_SHARED:
            digests[number] = _minhash(sentences, template)
            lsh.insert(number, digests[number])
    pairs = set()
    for number, digest in digests.items():
        for other in lsh.query(digest):
            if other != number and digest.jaccard(digests[other]) >= JACCARD_FLOOR:
                pairs.add((min(number, other), max(number, other)))
    return pairs


def same_unit(a: Signature, b: Signature) -> bool:
    """Two reports of one unit (a draft and its final, say) are not copying from each other."""
    return bool(a.issuer) and a.issuer == b.issuer


def copied_pairs(signatures: Sequence[Signature]) -> list[tuple[int, int, Overlap, Overlap]]:
    """Every pair of different units with a copied part: (i, j, i's overlap, j's overlap)."""
    found = []
    for part in PARTS:
        for i, j in sorted(candidate_pairs(signatures, part)):
            a, b = signatures[i], signatures[j]
            if same_unit(a, b):
                continue
            mine, theirs = overlap(a.parts[part], b.parts[part], part), overlap(b.parts[part], a.parts[part], part)
            if mine.copied or theirs.copied:
                found.append((i, j, mine, theirs))
    return found
