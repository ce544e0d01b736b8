"""A pattern rewritten so that the search skips, in C, every position where no match can begin.

Python's re engine skips ahead quickly only when a pattern opens with a literal or a character class;
otherwise it runs the whole pattern at every position. Rule patterns mostly open with a group, an
alternation of groups or a lookbehind, so a search over a report ran every branch at every character.
Every match begins with one of a known set of characters (规、文、报、备 for `(规范性文件|文件)…|(报备|备案)…`),
so the pattern can be written to open with that class:

    [规文报备](?<=(?=(P))[\\s\\S])

The class is matched first (the engine's fast scan); the lookbehind steps back over that one character
and asks whether P matches from there; group 1 is P's match. A position whose character is not in the
class could not begin a match of P, so the answers are P's own, start and end alike.
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
# Characters other than a letter's two cases that re's IGNORECASE matches with an ASCII letter.
_ASCII_FOLDS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


class _Open(Exception):
    """A match could begin with almost any character (or with none): nothing to skip."""


def led(pattern: re.Pattern[str]) -> tuple[re.Pattern[str], int]:
    """The pattern opening with the class of characters its matches begin with, and the group that holds
    its match (0: the pattern as given, when no class can be named)."""
    found = _openings(pattern.pattern, pattern.flags)
    if found is None:
        return pattern, 0
    plain, folded = found
    unfolded = _unfold(folded)
    if unfolded is None:  # a cased letter beyond ASCII: matched ignoring case by the lookahead itself
        ahead = [f"[{''.join(sorted(plain))}]"] if plain else []
        ahead.append(f"(?i:[{''.join(sorted(folded))}])")
        return re.compile(f"(?={'|'.join(ahead)})(?:{pattern.pattern})", pattern.flags), 0
    opening = "".join(sorted(plain | unfolded))
    try:
        return re.compile(f"[{opening}](?<=(?=({pattern.pattern}))[\\s\\S])", pattern.flags), 1
    except re.error:  # pragma: no cover - a pattern re accepts alone but not inside a lookbehind
        return pattern, 0


def _openings(source: str, flags: int) -> tuple[set[str], set[str]] | None:
    """The class items (as written in a class) a match can begin with: matched as they are, and matched
    ignoring case; None when a match can be empty or begin with almost anything."""
    plain: set[str] = set()
    folded: set[str] = set()
    try:
        if flags & (re.LOCALE | re.VERBOSE):
            raise _Open
        parsed = _parse.parse(source, flags)
        if _first(list(parsed), parsed.state.flags, plain, folded):
            raise _Open  # it can match the empty string
    except (_Open, re.error, RecursionError):
        return None
    return (plain, folded) if plain or folded else None


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
                plain.add(_CATEGORIES[value])  # digits, spaces and word characters have no case to ignore
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


def _unfold(folded: set[str]) -> set[str] | None:
    """Class items matching, case by case, whatever the items match ignoring case; None beyond ASCII letters."""
    found: set[str] = set()
    for item in folded:
        low, _, high = item.partition("-")
        first, last = _code(low), _code(high) if high else _code(low)
        if last - first > 256:
            return None
        for code in range(first, last + 1):
            char = chr(code)
            if char.lower() == char == char.upper():
                found.add(_char(code))  # no case (Chinese characters, digits, marks)
            elif char.isascii() and char.isalpha():
                found.update(_char(ord(c)) for c in {char.lower(), char.upper()} | set(_ASCII_FOLDS.get(char.lower(), "")))
            else:
                return None
    return found


def _char(code: int) -> str:
    """A character written so that it means itself inside a class."""
    return f"\\U{code:08x}" if code > 0xFFFF else f"\\u{code:04x}"


def _code(written: str) -> int:
    return int(written[2:], 16)
