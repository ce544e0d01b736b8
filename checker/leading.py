"""The characters a pattern's match can begin with, as a lookahead that lets the search skip the rest.

Python's re engine tries a pattern at every position unless the pattern opens with a literal or a
character class. Rule patterns mostly open with a group, an alternation of groups or a lookbehind,
so a search over a report tried every branch at every character. A lookahead of the characters any
match must begin with (`(?=[规文报备])`) lets most positions fail at the first test; it changes no
answer, because a position whose character is not in the class could not begin a match anyway.
"""
from __future__ import annotations

import re

try:
    from re import _constants as _sre, _parser as _parse  # Python 3.11+
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _parse  # type: ignore[no-redef]

_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT} | ({_sre.POSSESSIVE_REPEAT} if hasattr(_sre, "POSSESSIVE_REPEAT") else set())
_ZERO_WIDTH = {_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT}
_CATEGORIES = {_sre.CATEGORY_DIGIT: r"\d", _sre.CATEGORY_SPACE: r"\s", _sre.CATEGORY_WORD: r"\w"}


class _Open(Exception):
    """A match could begin with almost any character (or with none): no lookahead helps."""


def lookahead(sources: list[tuple[str, int]]) -> str:
    """`(?=[…])` for the patterns (source and flags) searched as one alternation; "" when none helps."""
    plain: set[str] = set()
    folded: set[str] = set()  # under IGNORECASE: the class is matched with the same flag
    try:
        for source, flags in sources:
            if flags & (re.LOCALE | re.VERBOSE):
                raise _Open
            parsed = _parse.parse(source, flags)
            if _first(list(parsed), parsed.state.flags, plain, folded):
                raise _Open  # it can match the empty string
    except (_Open, re.error, RecursionError):
        return ""
    branches = [f"[{''.join(sorted(plain))}]"] if plain else []
    if folded:
        branches.append(f"(?i:[{''.join(sorted(folded))}])")
    return f"(?={'|'.join(branches)})" if branches else ""


def _first(items: list, flags: int, plain: set[str], folded: set[str]) -> bool:
    """Add the characters a match of this sequence can begin with; True when it can match nothing at all."""
    for op, arg in items:
        if not _element(op, arg, flags, plain, folded):
            return False
    return True


def _element(op, arg, flags: int, plain: set[str], folded: set[str]) -> bool:
    """Add the element's first characters; True when it can match the empty string (zero-width or optional)."""
    into = folded if flags & re.IGNORECASE else plain
    if op is _sre.LITERAL:
        into.add(_char(arg))
        return False
    if op is _sre.IN:
        for item_op, value in arg:
            if item_op is _sre.LITERAL:
                into.add(_char(value))
            elif item_op is _sre.RANGE:
                into.add(f"{_char(value[0])}-{_char(value[1])}")
            elif item_op is _sre.CATEGORY and value in _CATEGORIES:
                into.add(_CATEGORIES[value])
            else:  # a negated class, \D, \S, \W: almost anything
                raise _Open
        return False
    if op is _sre.BRANCH:
        empty = False
        for branch in arg[1]:
            empty |= _first(list(branch), flags, plain, folded)
        return empty
    if op is _sre.SUBPATTERN:
        _group, add, remove, pattern = arg
        return _first(list(pattern), (flags | add) & ~remove, plain, folded)
    if op in _REPEATS:
        low, _high, pattern = arg
        return _first(list(pattern), flags, plain, folded) or low == 0
    if op in _ZERO_WIDTH:
        return True
    if getattr(_sre, "ATOMIC_GROUP", None) is op:
        return _first(list(arg), flags, plain, folded)
    raise _Open  # any character, a back reference, a conditional group


def _char(code: int) -> str:
    """A character written so that it means itself inside a class."""
    return f"\\U{code:08x}" if code > 0xFFFF else f"\\u{code:04x}"
