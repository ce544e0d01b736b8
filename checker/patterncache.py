"""Compiled regular expressions kept in the user's cache folder, so a run need not compile them again.

Python's re compiles in Python: the patterns of the code and the phrases of a rule set took about a
quarter of a one-file check to compile. What re's compiler makes of a pattern is a list of integers for
the regex engine; that list is what is kept (as machine words, in base64). Its form is the interpreter's own, so an entry is named by
the exact interpreter (sys.version and the engine's MAGIC) and the package version, and a pattern is
written only when its rebuilt form equals what re.compile made. The engine's own checks of such a list
do not catch every damaged one, so entries are used only as the rule data is (checker.rulecache: this
user's folder and file, nobody else can write them, the data's checksum holds).

preload() puts the kept patterns into re's own cache, so re.compile finds them there; the patterns it
does not find are compiled as usual, and at exit they are kept for the next run. Anything unexpected
(another interpreter, a re module without these internals, an entry that does not build) and the
patterns are simply compiled, as without the cache.
"""
from __future__ import annotations

import atexit
import binascii
import hashlib
import os
import re
import sys
from array import array
from typing import Any

from checker import __version__, rulecache

MAX_PATTERNS = 1000  # a run compiles about 400 (re itself keeps 512)
# Rewriting the entry costs what compiling a few dozen patterns does, and some of the standard library's
# patterns differ from run to run (tokenize builds one from a set): a few new patterns are not written.
MIN_NEW = 8

_kept: dict[tuple[str, int], list] | None = None  # the entries read by preload(), by source and flags


def _engine() -> Any:
    """re's compiler and engine, when they have the internals used here; else None."""
    try:
        import _sre
        from re import _compiler, _parser
    except ImportError:  # Python 3.10 names them differently: no cache there
        return None
    if not (isinstance(getattr(re, "_cache", None), dict) and callable(getattr(_compiler, "_code", None))
            and callable(getattr(_parser, "parse", None)) and hasattr(_sre, "MAGIC")
            and array("I").itemsize == getattr(_sre, "CODESIZE", 0)):
        return None
    return _sre, _compiler, _parser


def _path(sre) -> str | None:
    where = rulecache.folder()
    if where is None:
        return None
    return os.path.join(where, f"patterns-{__version__}-{_interpreter(sre)[:32]}.json")


def _interpreter(sre) -> str:
    return hashlib.sha256(f"{sys.version}|{sys.implementation.cache_tag}|{sre.MAGIC}|{sre.CODESIZE}".encode()).hexdigest()


def preload() -> None:
    """Put the patterns kept by earlier runs into re's cache; once per process."""
    global _kept
    if _kept is not None:
        return
    _kept = {}
    engine = _engine()
    path = _path(engine[0]) if engine else None
    if path is None:
        return
    found = rulecache.read_entry(path, _interpreter(engine[0]))
    entries = found.get("patterns") if found else None
    for entry in entries if isinstance(entries, list) else ():
        built = _build(engine[0], entry)
        if built is not None:
            key = (str, entry[0], entry[1])
            re._cache.setdefault(key, built)  # type: ignore[attr-defined]
            _kept[(entry[0], entry[1])] = entry
    atexit.register(_keep, path)


def _build(sre, entry: Any) -> re.Pattern[str] | None:
    """The pattern an entry describes, or None when it is not a well-formed entry."""
    try:
        source, flags, final, packed, groups, groupindex, indexgroup = entry
        if not (isinstance(source, str) and type(flags) is int and type(final) is int and type(groups) is int
                and isinstance(packed, str)
                and isinstance(groupindex, dict) and isinstance(indexgroup, list)
                and len(indexgroup) == groups + 1
                and all(type(i) is int and 0 < i <= groups and indexgroup[i] == name
                        for name, i in groupindex.items())):
            return None
        code = array("I", binascii.a2b_base64(packed, strict_mode=True)).tolist()
        return sre.compile(source, final, code, groups, groupindex, tuple(indexgroup))
    except Exception:  # noqa: BLE001 - any entry the engine refuses is compiled as usual instead
        return None


def describe(source: str, flags: int) -> list | None:
    """The entry for a pattern, as re's compiler makes it; None when it cannot be kept (bytes, debug)."""
    engine = _engine()
    if engine is None or not isinstance(source, str) or flags & re.DEBUG or not _utf8(source):
        return None
    sre, compiler, parser = engine
    parsed = parser.parse(source, flags)
    # The code as machine words in base64: read back in a fraction of the time a list of numbers takes.
    packed = binascii.b2a_base64(array("I", compiler._code(parsed, flags)).tobytes(), newline=False).decode("ascii")
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    entry = [source, flags, flags | parsed.state.flags, packed, parsed.state.groups - 1, groupindex, indexgroup]
    built = _build(sre, entry)
    # Kept only when rebuilding it gives what re.compile gives (patterns compare by their code).
    return entry if built is not None and built == re.compile(source, flags) else None


def _utf8(source: str) -> bool:
    """Whether a pattern can be kept as it is: one written with a lone surrogate (re's own JSON patterns)
    would make the whole entry escaped, which takes longer to read than that pattern takes to compile."""
    try:
        source.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _keep(path: str) -> None:
    """At exit: keep the patterns this run compiled that the entry lacks (best effort)."""
    try:
        kept = dict(_kept or {})
        current = [(key[1], key[2]) for key in list(re._cache)  # type: ignore[attr-defined]
                   if len(key) == 3 and key[0] is str and type(key[2]) is int]
        new = [key for key in current if key not in kept and _utf8(key[0])]
        where = os.path.dirname(path)
        # Describing costs about as much as compiling: not for a folder the entry could not be written to.
        if len(new) < MIN_NEW or not rulecache.writable(where):
            return
        if len(kept) + len(new) > MAX_PATTERNS:
            kept = {key: kept[key] for key in current if key in kept}
        added = 0
        for key in new[:MAX_PATTERNS - len(kept)]:
            entry = describe(*key)
            if entry is not None:
                kept[key] = entry
                added += 1
        if added >= MIN_NEW:
            rulecache.write_entry(where, path, _interpreter(_engine()[0]), {"patterns": list(kept.values())})
    except (Exception, KeyboardInterrupt):  # noqa: BLE001 - a cache not written is no cache, never a failed run
        pass
