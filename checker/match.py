"""Matching on normalised Chinese text: phrases, sentences, figures and evidence quotes."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable, Sequence

from checker.figures import numeric
from checker.results import Evidence
from checker.scan import Joined, indices_matching
from checker.text import Line, normalise

_SENTENCE_END = re.compile(r"(?<=[。；;！!？?])")
EXCERPT = 60  # characters of context quoted in evidence


_COMPILED: dict[tuple[str, int], re.Pattern[str]] = {}  # source and flags → the one compiled pattern


def compiled(source: str, flags: int = 0) -> re.Pattern[str]:
    """The compiled pattern, shared by every phrase and rule set in the process (re's own cache holds 512)."""
    key = (source, flags)
    pattern = _COMPILED.get(key)
    if pattern is None:
        pattern = _COMPILED[key] = re.compile(source, flags)
    return pattern


@dataclass(frozen=True)
class Phrase:
    """A literal phrase (matched on normalised text) or a regular expression.

    Compiled on first use: a one-file check touches only part of the ~400 patterns a rule set holds, and
    compiling them all took about a quarter of a second."""

    label: str
    source: str  # the regular expression (for a literal, its escaped normalised text)
    literal: bool = False

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return compiled(self.source)

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text)


def compile_phrase(item: str | dict) -> Phrase:
    """'出庭应诉' is a literal; {'regex': '出庭(应诉)?率'} a regular expression (rule files are checked to
    compile when they are read, see checker.patterns)."""
    if isinstance(item, dict):
        return Phrase(label=item.get("label", item["regex"]), source=item["regex"])
    return Phrase(label=item, source=re.escape(normalise(item)), literal=True)


def compile_phrases(items: Iterable[str | dict]) -> tuple[Phrase, ...]:
    return tuple(compile_phrase(item) for item in items)


def first_match(text: str, phrases: Sequence[Phrase]) -> re.Match[str] | None:
    for phrase in phrases:
        found = phrase.search(text)
        if found:
            return found
    return None


def find_lines(lines: Iterable[Line], phrases: Sequence[Phrase], joined: Joined | None = None) -> list[tuple[Line, re.Match[str]]]:
    """Lines that contain any of the phrases, with the first match in each (`joined`: the lines' texts joined,
    when the caller keeps them)."""
    lines = lines if isinstance(lines, (tuple, list)) else tuple(lines)
    hits = []
    texts = joined.texts if joined is not None else [line.norm for line in lines]
    for index in indices_matching(texts, phrases, joined):
        line = lines[index]
        hits.append((line, first_match(line.norm, phrases)))
    return hits


@dataclass(frozen=True)
class Sentence:
    """A normalised sentence and the line it stands on."""

    text: str  # normalised
    line: Line


class Sentences(tuple):
    """A run of sentences that can be scanned for many phrases in one pass (see checker.scan)."""

    _joined: Joined | None = None

    def joined(self) -> Joined:
        if self._joined is None:
            self._joined = Joined([sentence.text for sentence in self])
        return self._joined


def sentences(lines: Iterable[Line]) -> Sentences:
    """Sentences (split on 。；！？), each knowing the line it stands in."""
    result = []
    split = _SENTENCE_END.split
    for line in lines:
        for piece in split(line.norm):
            if piece.strip():
                result.append(Sentence(piece, line))
    return Sentences(result)


def sentences_matching(found: Sequence[Sentence], phrases: Sequence[Phrase]) -> list[Sentence]:
    """The sentences in which any of the phrases occurs, in order."""
    return [found[i] for i in sentence_indices(found, phrases)]


def sentence_indices(found: Sequence[Sentence], phrases: Sequence[Phrase]) -> list[int]:
    """Where in `found` the sentences in which any of the phrases occurs stand, in order."""
    if isinstance(found, Sentences):
        joined = found.joined()
        return indices_matching(joined.texts, phrases, joined)
    return indices_matching([s.text for s in found], phrases)


def figures(text: str) -> list[str]:
    """The counts, rates and amounts a text states (see checker.figures)."""
    return [figure.text for figure in numeric(text)]


def has_figure(text: str) -> bool:
    return bool(figures(text))


def excerpt(text: str, start: int = 0, end: int | None = None) -> str:
    """A quote of at most EXCERPT characters around text[start:end]."""
    end = len(text) if end is None else end
    if len(text) <= EXCERPT:
        return text
    centre = (start + end) // 2
    left = max(0, min(centre - EXCERPT // 2, len(text) - EXCERPT))
    quote = text[left:left + EXCERPT]
    return ("…" if left > 0 else "") + quote + ("…" if left + EXCERPT < len(text) else "")


def evidence(line: Line, found: re.Match[str] | None = None, focus: str | None = None) -> Evidence:
    """Evidence quoting the original line around a match in its normalised text (or around `focus`)."""
    if found is not None:
        start, end = found.start(), found.end()
    elif focus and focus in line.norm:
        start = line.norm.index(focus)
        end = start + len(focus)
    else:
        return Evidence(line=line.number, text=excerpt(line.text.strip()), origin=line.origin)
    span = line.original_span(start, end) if end > 0 else None
    if span is None:
        return Evidence(line=line.number, text=excerpt(line.text.strip()), origin=line.origin)
    text_start, text_end = span
    return Evidence(line=line.number, text=excerpt(line.text, text_start, text_end).strip(), origin=line.origin)
