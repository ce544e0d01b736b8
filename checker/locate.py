"""Named section locators: find a report's part by its heading, or by a sentence when it has none."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from checker.document import Document
from checker.match import Phrase, Sentence, Sentences, first_match, sentences
from checker.outline import Section
from checker.text import Line


@dataclass(frozen=True)
class Locator:
    """How to find a named part of a report: its headings, and what stands in for one."""

    name: str
    headings: tuple[Phrase, ...]
    exclude: tuple[Phrase, ...] = ()
    top_level: bool = False  # only the report's highest-level parts (一、二、三、) qualify
    inline: tuple[Phrase, ...] = ()  # a body sentence that stands in for a missing heading
    fallback_first: bool = False  # no heading matches: take the first top-level part not excluded
    sub_headings: tuple[Phrase, ...] = ()  # stricter patterns for parts below the top level (default: headings)
    # In a report without numbered headings, a paragraph that opens with one of these (在依法决策方面，…)
    # starts the part; it runs to the next paragraph opening another part, or to the signature.
    openers: tuple[Phrase, ...] = ()
    # In any report, a paragraph after the last heading that opens with one of these (下一步，我局将…)
    # is the part, written as a closing paragraph with no heading of its own.
    closing: tuple[Phrase, ...] = ()
    stops: tuple[Phrase, ...] = ()  # the other parts' openers; the rule set fills them in


@dataclass(frozen=True)
class Located:
    """A named part as found in one report."""

    lines: tuple[Line, ...]  # the lines of the part, heading line first when there is one
    heading: Line | None
    title: str
    body: str  # normalised text under the heading
    is_inline: bool = False  # found by a sentence or an opening phrase, not by a heading of its own
    opener: str = ""  # the opening words of the paragraph it was found by, if found so
    offset: int = 0  # where in its first line the part begins (a closing paragraph may start mid-line)


def _matches(patterns: tuple[Phrase, ...], locator: Locator, title: str) -> bool:
    return bool(first_match(title, patterns)) and not first_match(title, locator.exclude)


def find_section(doc: Document, locator: Locator) -> Located | None:
    """The first part whose heading matches; top-level parts are preferred, then deeper ones.

    Located once per document and locator: several rules ask for the same part."""
    return doc.memo(("part", id(locator)), locator, lambda: _find_section(doc, locator))


def _find_section(doc: Document, locator: Locator) -> Located | None:
    candidates: list[tuple[Section, tuple[Phrase, ...]]] = [(s, locator.headings) for s in doc.sections]
    if not locator.top_level:
        deeper = locator.sub_headings or locator.headings
        roots = {id(root) for root in doc.sections}
        candidates += [(s, deeper) for s in doc.walk() if id(s) not in roots]
    for section, patterns in candidates:
        if _matches(patterns, locator, section.title):
            return Located(lines=section.lines, heading=section.heading.line, title=section.title,
                           body=section.body_text)
    if locator.fallback_first and doc.sections and not first_match(doc.sections[0].title, locator.exclude):
        first = doc.sections[0]
        return Located(lines=first.lines, heading=first.heading.line, title=first.title, body=first.body_text)
    if locator.openers and not doc.sections:
        opened = _find_by_opener(doc, locator, locator.openers, 0)
        if opened is not None:
            return opened
    if locator.closing:
        last_heading = max((section.heading.line.number for section in doc.walk()), default=0)
        opened = _find_by_opener(doc, locator, locator.closing, last_heading, sentences=True)
        if opened is not None:
            return opened
    return _find_inline(doc, locator) if locator.inline else None


_CLOSING = re.compile(r"^(特此报告|专此报告|以上报告)")
_OPENER_QUOTE_MIN, _OPENER_QUOTE_MAX = 8, 26  # an opener is quoted to its first clause, and never at length
_SENTENCE_START = re.compile(r"(?<=[。；！？!?;])")


def _opening(text: str, phrases: tuple[Phrase, ...], sentences: bool = False) -> tuple[int, re.Match[str]] | None:
    """(offset, match) of the phrase a paragraph opens with, or with `sentences` any of its sentences."""
    starts = [0] + ([m.start() for m in _SENTENCE_START.finditer(text) if m.start() < len(text)] if sentences else [])
    for offset in starts:
        for phrase in phrases:
            found = phrase.pattern.match(text[offset:])
            if found:
                return offset, found
    return None


def _as_written(line: Line, start: int, end: int) -> str:
    """Characters start..end of a line's normalised text, as the report writes them."""
    span = line.original_span(start, end) if end > start else None
    quote = line.text[span[0]:span[1]] if span else line.norm[start:end]
    quote = quote.strip().rstrip("，,。：:")
    comma = next((i for i, ch in enumerate(quote) if ch in "，," and i >= _OPENER_QUOTE_MIN), None)
    if comma is not None:
        quote = quote[:comma]
    return quote if len(quote) <= _OPENER_QUOTE_MAX else quote[:_OPENER_QUOTE_MAX] + "…"


def _find_by_opener(doc: Document, locator: Locator, openers: tuple[Phrase, ...], after: int,
                    sentences: bool = False) -> Located | None:
    """The first paragraph after line `after` that opens with one of `openers` (with `sentences`, a sentence
    within it may open so), and the paragraphs it leads."""
    headings = {section.heading.line.number for section in doc.walk()}
    closing = {line.number for line in (doc.signed_by, doc.signed_on) if line is not None}
    lines = doc.lines
    for start, line in enumerate(lines):
        found = _opening(line.norm, openers, sentences) if line.number > after and line.number not in closing else None
        if not found:
            continue
        offset, match = found
        end = start + 1
        while end < len(lines):
            following = lines[end]
            if following.number in headings or following.number in closing or _CLOSING.match(following.norm) \
                    or (_opening(following.norm, locator.stops) and not _opening(following.norm, openers)):
                break
            end += 1
        part = lines[start:end]
        body = line.norm[offset:] + "".join(l.norm for l in part[1:])
        return Located(lines=part, heading=None, title="", body=body, is_inline=True,
                       opener=_as_written(line, offset, offset + match.end()), offset=offset)
    return None


def _find_inline(doc: Document, locator: Locator) -> Located | None:
    for line in doc.lines:
        if first_match(line.norm, locator.inline):
            return Located(lines=(line,), heading=None, title="", body=line.norm, is_inline=True)
    return None


def lines_outside(doc: Document, lines: tuple[Line, ...], locators: tuple[Locator, ...]) -> tuple[Line, ...]:
    """The lines not inside any of the located parts (e.g. figures in next year's plan are goals, not results).

    The same lines and locators give the same tuple, so what is worked out from it can be shared too."""
    if not locators:
        return lines
    # Locators by id: hashing one hashes all its phrases (about 14 µs); the rule set holds them for the run.
    return doc.memo(("outside", id(lines), tuple(map(id, locators))), lines,
                    lambda: _lines_outside(doc, lines, locators))


def sentences_in(doc: Document, lines: tuple[Line, ...]) -> Sentences:
    """The sentences of these lines (doc.lines, a located part's, lines_outside's), split once per document."""
    return doc.memo(("sentences", id(lines)), lines, lambda: sentences(lines))


def line_sentences(doc: Document, lines: Iterable[Line]) -> list[Sentence]:
    """sentences(lines), each line split once per document: the rules' sets of lines overlap (the whole report,
    the year's work, one part)."""
    split = doc.memo(("sentences by line",), doc.lines, dict)
    found: list[Sentence] = []
    for line in lines:
        kept = split.get(line.number)
        if kept is None or kept[0] is not line:  # a line cut short is another line of the same number
            kept = split[line.number] = (line, sentences((line,)))
        found += kept[1]
    return found


def _lines_outside(doc: Document, lines: tuple[Line, ...], locators: tuple[Locator, ...]) -> tuple[Line, ...]:
    inside = {line.number for locator in locators if (part := find_section(doc, locator)) and not part.is_inline
              for line in part.lines}
    return tuple(line for line in lines if line.number not in inside)
