"""One pass for many phrases over many texts: the phrases as one alternation, searched over the texts joined.

A rule's phrases are synonyms; asking of each sentence "does any phrase occur?" one phrase at a time
costs (sentences x phrases) Python calls. Here the phrases become one pattern and the sentences one
string, so the regular-expression engine walks the text once and Python sees only the hits, which are
then confirmed text by text, so the answers are exactly those of the per-text search.
"""
from __future__ import annotations

import bisect
import re
from itertools import accumulate
from dataclasses import dataclass
from typing import Iterator, Protocol, Sequence

from checker.leading import led
from checker.required import required_words
from checker.text import normalise

try:
    from re import _constants as _sre, _parser as _parse  # Python 3.11+
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _parse  # type: ignore[no-redef]

_SEPARATOR = "\n"  # no line or sentence contains one
# With the alternation compiled MULTILINE, ^ and $ match at each joined text's ends, as they do on
# the text alone; \b and \B see the separator as they see a text's edge. \A, \Z, back references
# and lookarounds that could see the separator give other answers on the joined text, so phrases with
# them are searched text by text.
_STRING_EDGES = {_sre.AT_BEGINNING_STRING, _sre.AT_END_STRING}
# As plain numbers: arithmetic on re.RegexFlag members goes through enum, which cost ~1.5 ms of a check.
_FLAG_LETTERS = {re.IGNORECASE.value: "i", re.VERBOSE.value: "x"}
_JOINABLE_FLAGS = re.UNICODE.value | re.IGNORECASE.value | re.VERBOSE.value
# Every contextual construct is written so: \A, \Z, \1 … \99, (?P=name), (?(1)…) and the lookarounds.
_MAY_BE_CONTEXTUAL = re.compile(r"\\[AZ1-9]|\(\?(?:P=|[(=!]|<[=!])")
_GLOBAL_FLAGS = re.compile(r"^\(\?[aiLmsux]+\)")
_combined: dict[tuple[tuple[str, int], ...], "Alternation"] = {}  # phrases' sources → their alternation


class HasPattern(Protocol):
    label: str  # for a literal: its words, which normalised are what it finds
    source: str  # the regular expression
    literal: bool  # an escaped literal: never contextual, no flags, so it joins without being compiled alone
    pattern: re.Pattern[str]


# Characters an alternation searches before it is rewritten: about where the rewrite (parsing the patterns, some
# 0.3 ms) costs what it saves (some 30 ns a character searched).
_LEAD_AFTER = 10_000


@dataclass(eq=False)
class Alternation:
    """A list of phrases made ready to search many texts in one pass."""

    joined: re.Pattern[str] | None  # the phrases that can be searched over joined texts, as one pattern
    alone: tuple[re.Pattern[str], ...]  # the others, searched text by text
    # Literal phrases, found with str.find over the joined texts: compiling them into the alternation
    # cost more than a one-file check spends searching with it.
    literals: tuple[str, ...] = ()
    # The other phrases as given, each with its branch of `joined` (None: searched alone), for the rewrite.
    pieces: tuple[tuple[re.Pattern[str], str | None], ...] = ()
    group: int = 0  # the group of `joined` that holds a match
    # Phrases searched only in the texts that hold one of their words (checker.required), with those words.
    anchored: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = ()
    searched: int = 0  # characters searched so far in this process
    rewritten: "Alternation | None" = None

    def searching(self, size: int) -> "Alternation":
        """The alternation to search `size` characters with: this one, or once it has searched enough to
        repay working it out (a batch does within a few reports; a one-file check mostly does not), the
        same phrases rewritten so that what cannot match is skipped in C: a phrase every match of which
        holds one of some words is searched only in the texts holding one (checker.required), and `joined`
        opens with the characters its matches begin with (checker.leading)."""
        if self.rewritten is not None:
            return self.rewritten
        self.searched += size
        if self.searched < _LEAD_AFTER:
            return self
        self.rewritten = _rewrite(self)
        return self.rewritten


def _rewrite(plan: Alternation) -> Alternation:
    anchored, pieces, alone = [], [], []
    for pattern, piece in plan.pieces:
        words = required_words(pattern)
        if words and not any(_SEPARATOR in word for word in words):
            anchored.append((words, pattern))
        elif piece is None:
            alone.append(pattern)
        else:
            pieces.append(piece)
    # a part of phrases that compiled together compiles together
    joined, group = led(re.compile("|".join(pieces), re.MULTILINE)) if pieces else (None, 0)
    result = Alternation(joined, tuple(alone), plan.literals, plan.pieces, group, tuple(anchored))
    result.rewritten = result
    return result


def alternation(phrases: Sequence[HasPattern]) -> Alternation:
    """The phrases' patterns as one alternation (and those that cannot join it).

    Compiled once per list of phrases and process."""
    key = tuple(phrase.source for phrase in phrases)
    result = _combined.get(key)
    if result is None:
        result = _combined[key] = _split(phrases)
    return result


def _split(phrases: Sequence[HasPattern]) -> Alternation:
    pieces, literals = [], []
    for phrase in phrases:
        text = normalise(phrase.label) if phrase.literal else ""
        if text and _SEPARATOR not in text:
            literals.append(text)
            continue
        pieces.append((phrase.pattern, _piece(phrase.pattern)))
    joinable = [piece for _, piece in pieces if piece is not None]
    alone = tuple(pattern for pattern, piece in pieces if piece is None)
    joined = None
    if joinable:
        try:
            joined = re.compile("|".join(joinable), re.MULTILINE)
        except re.error:  # e.g. the same group name in two phrases
            pieces = [(pattern, None) for pattern, _ in pieces]
            alone = tuple(pattern for pattern, _ in pieces)
    return Alternation(joined, alone, tuple(literals), tuple(pieces))


def _piece(pattern: re.Pattern[str]) -> str | None:
    """The pattern as a branch of the alternation, its own flags scoped to it; None if it must stay alone."""
    if pattern.flags & ~_JOINABLE_FLAGS:
        return None
    letters = "".join(letter for flag, letter in _FLAG_LETTERS.items() if pattern.flags & flag)
    if _contextual(pattern.pattern, pattern.flags):
        return None
    source = _GLOBAL_FLAGS.sub("", pattern.pattern)
    return f"(?{letters}:{source})" if letters else f"(?:{source})"


def _contextual(source: str, flags: int) -> bool:
    # A pattern written without any contextual construct, compiled without re.VERBOSE (so it parses alike
    # without its flags), needs no parsing: most rule phrases; parsing them took ~10 ms of a one-file check.
    if not flags & re.VERBOSE.value and not _MAY_BE_CONTEXTUAL.search(source):
        return False
    return _parsed_contextual(source)


def _parsed_contextual(source: str) -> bool:
    try:
        parsed = _parse.parse(source)
    except re.error:
        return True
    return _walk(parsed, _contextual_op)


def _contextual_op(op, arg) -> bool:
    if op is _sre.AT:
        return arg in _STRING_EDGES
    if op in (_sre.GROUPREF, _sre.GROUPREF_EXISTS):
        return True
    if op in (_sre.ASSERT, _sre.ASSERT_NOT):
        return _walk(arg[1], _newline_op)
    return False


def _newline_op(op, arg) -> bool:
    """Whether this element could match the separator."""
    if op is _sre.LITERAL:
        return arg == ord(_SEPARATOR)
    if op is _sre.NOT_LITERAL:
        return arg != ord(_SEPARATOR)
    if op is _sre.IN:
        return any(item_op in (_sre.NEGATE, _sre.CATEGORY) or (item_op is _sre.LITERAL and value == 10)
                   or (item_op is _sre.RANGE and value[0] <= 10 <= value[1]) for item_op, value in arg)
    return _contextual_op(op, arg)


def _walk(items, test) -> bool:
    for op, arg in items:
        if test(op, arg):
            return True
        for value in arg if isinstance(arg, (tuple, list)) else (arg,):
            if isinstance(value, _parse.SubPattern) and _walk(value, test):
                return True
            if isinstance(value, (tuple, list)) and any(isinstance(v, _parse.SubPattern) and _walk(v, test)
                                                        for v in value):
                return True
    return False


class Joined:
    """Texts joined into one string, with where each begins."""

    __slots__ = ("texts", "text", "starts")

    def __init__(self, texts: Sequence[str]):
        self.texts = texts
        self.text = _SEPARATOR.join(texts)
        # each text begins one separator after the previous one ends; summed in C, not a Python loop
        starts = list(accumulate(map((1).__add__, map(len, texts)), initial=0))
        starts.pop()
        self.starts = starts

    def hits(self, pattern: re.Pattern[str], group: int = 0) -> Iterator[int]:
        """Indices of the texts in which `pattern` matches, in order (pattern must be context-free; its
        match is `group`)."""
        texts, starts, text = self.texts, self.starts, self.text
        if not texts:
            return
        position = 0
        while True:
            found = pattern.search(text, position)
            if found is None:
                return
            index = bisect.bisect_right(starts, found.start()) - 1
            end = starts[index] + len(texts[index])
            # a match that runs past its text's end came from the joining; ask that text alone
            if found.end(group) <= end or pattern.search(texts[index]):
                yield index
            position = end + 1
            if position >= len(text):
                return


    def literal_hits(self, literals: Sequence[str]) -> set[int]:
        """Indices of the texts that contain any of the literals (none holds the separator)."""
        text, starts, found = self.text, self.starts, set()
        for literal in literals:
            position = text.find(literal)
            while position >= 0:
                index = bisect.bisect_right(starts, position) - 1
                found.add(index)
                # the rest of this text cannot add anything: go on from the next text
                position = text.find(literal, starts[index + 1]) if index + 1 < len(starts) else -1
        return found


def indices_matching(texts: Sequence[str], phrases: Sequence[HasPattern], joined: Joined | None = None) -> list[int]:
    """Indices of the texts in which any of the phrases matches, in order."""
    plan = alternation(phrases)
    if not texts:
        return []
    joined = joined or Joined(texts)
    if plan.pieces:
        plan = plan.searching(len(joined.text))
    found = list(joined.hits(plan.joined, plan.group)) if plan.joined is not None else []
    if not (plan.alone or plan.literals or plan.anchored):
        return found
    hit = set(found).union(joined.literal_hits(plan.literals))
    if plan.alone:
        for index, text in enumerate(texts):
            if index not in hit and any(pattern.search(text) for pattern in plan.alone):
                hit.add(index)
    holding: dict[tuple[str, ...], set[int]] = {}  # phrases of a list often share their words
    for words, pattern in plan.anchored:
        if words not in holding:
            holding[words] = joined.literal_hits(words)
        for index in holding[words] - hit:
            if pattern.search(texts[index]):
                hit.add(index)
    return sorted(hit)
