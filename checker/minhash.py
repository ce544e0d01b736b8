"""MinHash digests and LSH banding with numpy: which parts of a batch may share much, in near linear time.

The digest is datasketch's "affine32" MinHash (its scheme since 2.0) over 32-bit shingle hashes: each
hash is pre-mixed by the MurmurHash3 finalizer, then NUM_PERM affine maps a*h+b mod 2**32 (a odd, drawn
from RandomState(SEED)) keep their minimum. LSH banding proposes two digests when all ROWS values of any
of BANDS bands agree, as datasketch's MinHashLSH(threshold=0.2, num_perm=64) does (it picks 28 bands of
2 rows). The same digests and the same bands give the same candidates, without importing datasketch and
scipy in every batch and without a Python object per digest. numpy is imported only when a batch is compared.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from checker.arrays import changes, distinct

NUM_PERM = 64
SEED = 1
_SLICE = 16384
BANDS, ROWS = 28, 2  # datasketch's optimum for threshold 0.2 and 64 permutations (tests compare them)


@lru_cache(maxsize=1)
def _permutations():
    import numpy as np

    generator = np.random.RandomState(SEED)
    a = generator.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def _fmix32(values):
    import numpy as np

    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


def digest(hashes: bytes) -> bytes:
    """The MinHash of a set of 32-bit hashes (native uint32 bytes; repeats change nothing): NUM_PERM uint32."""
    import numpy as np

    values = np.frombuffer(hashes, dtype=np.uint32)
    if not len(values):
        return np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32).tobytes()
    a, b = _permutations()
    mixed = _fmix32(values)
    found = None
    # One row per permutation, added to in place and reduced along the row: ten times faster than the
    # (values, permutations) layout. uint32 arithmetic wraps, which is the mod 2**32. In slices, so a
    # part of a very long report needs a few MB, not 256 bytes a shingle.
    for start in range(0, len(mixed), _SLICE):
        permuted = np.multiply.outer(a, mixed[start:start + _SLICE])
        permuted += b[:, None]
        least = permuted.min(axis=1)
        found = least if found is None else np.minimum(found, least)
    return found.tobytes()


def candidates(digests: Sequence[bytes], floor: float = 0.0) -> list[tuple[int, int]]:
    """Pairs (i < j), sorted, whose digests agree on some band and estimate a Jaccard of at least `floor`."""
    first, second = candidate_arrays(digests, floor)
    return list(zip(first.tolist(), second.tolist()))


def candidate_arrays(digests: Sequence[bytes], floor: float = 0.0, start: int = 0):
    """candidates() as two int64 arrays, first and second; with `start`, only the pairs whose second is
    at least `start` (the digests added since the last call, when a batch is compared as it comes in).

    Band by band, each band's pairs are checked against the floor and merged into the pairs found so
    far, so memory follows the pairs kept, not the sum over the bands of every bucket's pairs."""
    import numpy as np

    none = np.zeros(0, dtype=np.int64)
    count = len(digests)
    if count < 2 or start >= count:
        return none, none
    matrix = np.frombuffer(b"".join(digests), dtype=np.uint32).reshape(count, NUM_PERM)
    kept = none  # pairs as keys i * count + j, sorted and unique
    for band in range(BANDS):
        # The band's values as one 64-bit key per digest; equal keys are one bucket. The stable sort
        # keeps a bucket's members in batch order, so each member's partners are the ones before it.
        keys = np.ascontiguousarray(matrix[:, band * ROWS:(band + 1) * ROWS]).view(np.uint64).ravel()
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
        bucket = np.maximum.accumulate(np.where(changes(ordered), np.arange(count), 0))
        late = np.flatnonzero(order >= start)  # sorted positions of the members new since the last call
        before = late - bucket[late]  # how many members come before each in its bucket
        late, before = late[before > 0], before[before > 0]
        if not len(late):
            continue
        total = int(before.sum())
        # Member at sorted position p pairs with positions bucket[p] .. p - 1.
        seconds = np.repeat(order[late], before)
        firsts = order[np.repeat(bucket[late], before) + np.arange(total) - np.repeat(np.cumsum(before) - before, before)]
        found = distinct(firsts.astype(np.int64) * count + seconds)
        if len(kept):  # not those an earlier band found
            found = found[kept[np.minimum(np.searchsorted(kept, found), len(kept) - 1)] != found]
        if floor > 0 and len(found):
            found = found[_agreement(matrix, found // count, found % count) >= floor]
        kept = np.sort(np.concatenate([kept, found]), kind="stable")  # two sorted runs: merged
    return kept // count, kept % count


def _agreement(matrix, first, second):
    """The share of MinHash values two digests agree on (their estimated Jaccard), pair by pair, in slices
    so a band with a million pairs needs a few MB."""
    import numpy as np

    found = np.empty(len(first))
    for start in range(0, len(first), _SLICE):
        end = start + _SLICE
        found[start:end] = np.count_nonzero(matrix[first[start:end]] == matrix[second[start:end]], axis=1) / NUM_PERM
    return found
