"""Small numpy building blocks over integer arrays, for the batch comparison (LSH and the sentence check)."""
from __future__ import annotations

TABLE_LOAD = 16  # slots of lookup()'s table per known value (few share a slot) ...
TABLE_FLOOR = 10  # ... and at least 2**TABLE_FLOOR


def ranges(starts, lengths):
    """starts[k] .. starts[k] + lengths[k] - 1 for every k, one after the other."""
    import numpy as np

    return np.repeat(starts - (np.cumsum(lengths) - lengths), lengths) + np.arange(int(lengths.sum()))


def changes(*columns):
    """A mask of the rows (the columns read side by side, each sorted or grouped) that differ from the
    row before; the first row always does."""
    import numpy as np

    mask = np.ones(len(columns[0]), bool)
    if len(mask) > 1:
        mask[1:] = columns[0][1:] != columns[0][:-1]
        for column in columns[1:]:
            mask[1:] |= column[1:] != column[:-1]
    return mask


def distinct(values):
    """np.unique(values), by a sort and a look at neighbours: many times faster for small integer arrays."""
    import numpy as np

    values = np.sort(values)
    return values[changes(values)]


def lookup(known, values):
    """Where `values` are found among `known` (sorted, unique uint32 hashes, at least one): the index of
    each value found there, and its position among the values.

    A table addressed by a hash's low bits (hashes, so evenly spread) finds most in one step each, where a
    binary search takes a dozen; the values in a slot that several known hashes share are searched for."""
    import numpy as np

    size = 1 << max(TABLE_FLOOR, (len(known) * TABLE_LOAD).bit_length())
    mask = np.uint32(size - 1)
    slots = known & mask
    table = np.full(size, len(known), np.int32)  # an empty slot points past the end ...
    table[slots] = np.arange(len(known), dtype=np.int32)
    # ... to a value no value of an empty slot can equal: its low bits are those of an occupied slot.
    ends = np.append(known, known[0] ^ np.uint32(1 << 31))
    index = table[values & mask]
    hit = ends[index] == values
    lost = np.flatnonzero(table[slots] != np.arange(len(known)))  # a slot holds only one of the hashes sharing it
    if len(lost):
        clash = np.zeros(size, bool)
        clash[slots[lost]] = True
        again = np.flatnonzero(~hit)
        again = again[clash[values[again] & mask]]
        at = np.minimum(np.searchsorted(known, values[again]), len(known) - 1)
        hit[again[known[at] == values[again]]] = True
        index[again] = at
    found = np.flatnonzero(hit)
    return index[found], found


def set_prints(values, sizes):
    """A 64-bit fingerprint of each set of uint32 `values`, the sets given one after the other with their
    `sizes` (each set's values distinct): two equal sets have equal prints, two different ones almost never.

    The sum of a 64-bit mix of each value, so the order within a set does not matter; an empty set is 0."""
    import numpy as np

    mixed = values.astype(np.uint64)
    # MurmurHash3's 64-bit finalizer: every bit of a value moves every bit of its mix (uint64 wraps).
    mixed ^= mixed >> np.uint64(33)
    mixed *= np.uint64(0xFF51AFD7ED558CCD)
    mixed ^= mixed >> np.uint64(33)
    mixed *= np.uint64(0xC4CEB9FE1A85EC53)
    mixed ^= mixed >> np.uint64(33)
    prints = np.zeros(len(sizes), np.uint64)
    filled = np.flatnonzero(sizes)
    if len(filled):
        prints[filled] = np.add.reduceat(mixed, (np.cumsum(sizes) - sizes)[filled])
    return prints
