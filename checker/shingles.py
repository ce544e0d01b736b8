"""The CRC-32 of every character 4-gram of many texts at once, with numpy.

A report's parts have some thousands of 4-grams; hashing them one `zlib.crc32` call at a time took
more of a batch's time than any rule. CRC-32 is linear: a message's CRC is a constant for its length
XOR one table value per byte, chosen by the byte and by how many bytes follow it. So the grams of
all the texts are hashed together, one table look-up per byte position, and each text's hashes are
sorted and made unique in one sort. The values are zlib's: `zlib.crc32(gram.encode("utf-8"))`.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Sequence

SHINGLE = 4
_WIDTH = 4 * SHINGLE  # the most UTF-8 bytes a gram can have
_BATCH = 1 << 15  # characters hashed together: a very long part needs a few MB, not its length in arrays


@lru_cache(maxsize=1)
def _tables():
    """(ENDS, LENGTHS): ENDS[d][b] is what byte b adds to the CRC with d bytes after it, LENGTHS[n] the
    CRC of n bytes that all add nothing (zeros), so a gram's CRC is LENGTHS[n] ^ ENDS[…][…] ^ …"""
    import numpy as np

    table = np.arange(256, dtype=np.uint32)
    for _ in range(8):
        table = np.where(table & 1, (table >> np.uint32(1)) ^ np.uint32(0xEDB88320), table >> np.uint32(1))
    ends = np.zeros((_WIDTH, 256), dtype=np.uint32)
    ends[0] = table
    for distance in range(1, _WIDTH):
        before = ends[distance - 1]
        ends[distance] = table[before & np.uint32(0xFF)] ^ (before >> np.uint32(8))
    lengths = np.zeros(_WIDTH + 1, dtype=np.uint32)
    register = 0xFFFFFFFF
    for count in range(_WIDTH + 1):
        lengths[count] = register ^ 0xFFFFFFFF
        register = int(table[register & 0xFF]) ^ (register >> 8)
    return ends, lengths


def hashed(cores: Sequence[str]) -> list[bytes]:
    """For each text, the CRC-32s of its 4-grams (a text shorter than 4 characters is one gram), sorted
    and unique, as native uint32 bytes (array('I'))."""
    found: list[bytes] = []
    start = 0
    while start < len(cores):
        end, size = start + 1, len(cores[start])
        while end < len(cores) and size + len(cores[end]) <= _BATCH:
            size += len(cores[end])
            end += 1
        found.extend(_hashed(cores[start:end]))
        start = end
    return found


def _hashed(cores: Sequence[str]) -> list[bytes]:
    import numpy as np

    joined = "".join(cores)
    points = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    offsets = np.zeros(len(points) + 1, dtype=np.int64)  # where each character's UTF-8 bytes begin
    np.cumsum(1 + (points >= 0x80) + (points >= 0x800) + (points >= 0x10000), out=offsets[1:])
    data = np.frombuffer(joined.encode("utf-8") + b"\0", dtype=np.uint8)  # the \0 adds nothing to a CRC
    nothing = len(data) - 1

    lengths = np.fromiter((len(core) for core in cores), dtype=np.int64, count=len(cores))
    firsts = np.zeros(len(cores), dtype=np.int64)  # where each text begins in the joined string
    np.cumsum(lengths[:-1], out=firsts[1:])
    counts = np.maximum(lengths - (SHINGLE - 1), 1)  # grams per text
    owner = np.repeat(np.arange(len(cores)), counts)
    within = np.arange(len(owner)) - np.repeat(np.cumsum(counts) - counts, counts)
    begin = firsts[owner] + within
    end = offsets[firsts[owner] + np.minimum(within + SHINGLE, lengths[owner])]
    size = end - offsets[begin]

    ends, empty = _tables()
    crc = empty[size]
    for distance in range(int(size.max(initial=0))):
        crc ^= ends[distance][data[np.where(size > distance, end - 1 - distance, nothing)]]

    keys = np.sort((owner.astype(np.uint64) << np.uint64(32)) | crc.astype(np.uint64))
    keys = keys[np.r_[True, keys[1:] != keys[:-1]]]
    bounds = np.searchsorted(keys >> np.uint64(32), np.arange(len(cores) + 1, dtype=np.uint64)).tolist()
    values = (keys & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    return [values[bounds[i]:bounds[i + 1]].tobytes() for i in range(len(cores))]
