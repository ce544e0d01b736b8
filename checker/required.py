"""The words one of which every match of a pattern contains, so that only texts holding one need searching.

`(规范性文件|文件)[^。；]{0,30}备案` matches only where 备案 stands; `(法律顾问|公职律师)…` only where one of
法律顾问、公职律师 does. Python's str.find looks for a word far faster than the regular-expression engine
walks a text (which, for a pattern opening with a class, tests every character against it), so a list of
sentences is searched for the word first and the pattern runs only on the sentences that hold it. The
answers are the pattern's own on each text: a text without any of the words has no match.
"""
from __future__ import annotations

import re

try:
    from re import _constants as _sre, _parser as _parse  # Python 3.11+
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _parse  # type: ignore[no-redef]

_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT} | ({_sre.POSSESSIVE_REPEAT} if hasattr(_sre, "POSSESSIVE_REPEAT") else set())
MIN_CHARS = 2  # a single character is too common in a report to leave much unsearched


def required_words(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Words one of which every match of the pattern contains (the longest such set found, each word at
    least MIN_CHARS long); None when none can be named."""
    if pattern.flags & (re.IGNORECASE | re.LOCALE):
        return None
    try:
        parsed = _parse.parse(pattern.pattern, pattern.flags)
    except (re.error, RecursionError):
        return None
    try:
        words = _sequence(list(parsed), parsed.state.flags)
    except RecursionError:
        return None
    return words if words and min(map(len, words)) >= MIN_CHARS else None


def _better(one: tuple[str, ...] | None, other: tuple[str, ...] | None) -> tuple[str, ...] | None:
    """The set whose shortest word is longer (fewer words on a tie): the fewer texts it leaves to search."""
    if one is None or other is None:
        return one if other is None else other
    return max(one, other, key=lambda words: (min(map(len, words)), -len(words)))


def _sequence(items: list, flags: int) -> tuple[str, ...] | None:
    best, run = None, ""
    for op, arg in items:
        if op is _sre.LITERAL and not flags & re.IGNORECASE:
            run += chr(arg)
            continue
        if run:
            best, run = _better(best, (run,)), ""
        best = _better(best, _element(op, arg, flags))
    return _better(best, (run,)) if run else best


def _element(op, arg, flags: int) -> tuple[str, ...] | None:
    if op is _sre.SUBPATTERN:
        _group, add, remove, pattern = arg
        return _sequence(list(pattern), (flags | add) & ~remove)
    if op is _sre.BRANCH:
        words: list[str] = []
        for branch in arg[1]:
            found = _sequence(list(branch), flags)
            if found is None:  # a branch without a word: the branches together require none
                return None
            words.extend(w for w in found if w not in words)
        return tuple(words)
    if op in _REPEATS and arg[0] >= 1:
        return _sequence(list(arg[2]), flags)
    if getattr(_sre, "ATOMIC_GROUP", None) is op:
        return _sequence(list(arg), flags)
    return None  # a class, any character, a lookaround, an anchor, a back reference: no word of its own
