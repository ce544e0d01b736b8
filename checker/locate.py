"""Named section locators: find a report's part by its heading, or by a sentence when it has none."""
from __future__ import annotations

from dataclasses import dataclass

from checker.document import Document
from checker.match import Phrase, first_match
from checker.outline import Section
from checker.text import Line


@dataclass(frozen=True)
class Locator:
    name: str
    headings: tuple[Phrase, ...]
    exclude: tuple[Phrase, ...] = ()
    top_level: bool = False  # only the report's highest-level parts (一、二、三、) qualify
    inline: tuple[Phrase, ...] = ()  # a body sentence that stands in for a missing heading
    fallback_first: bool = False  # no heading matches: take the first top-level part not excluded
    sub_headings: tuple[Phrase, ...] = ()  # stricter patterns for parts below the top level (default: headings)


@dataclass(frozen=True)
class Located:
    lines: tuple[Line, ...]  # the lines of the part, heading line first when there is one
    heading: Line | None
    title: str
    body: str  # normalised text under the heading
    is_inline: bool = False  # found by a sentence, not by a heading of its own


def _matches(patterns: tuple[Phrase, ...], locator: Locator, title: str) -> bool:
    return bool(first_match(title, patterns)) and not first_match(title, locator.exclude)


def find_section(doc: Document, locator: Locator) -> Located | None:
    """The first part whose heading matches; top-level parts are preferred, then deeper ones."""
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
    return _find_inline(doc, locator) if locator.inline else None


def _find_inline(doc: Document, locator: Locator) -> Located | None:
    for line in doc.lines:
        if first_match(line.norm, locator.inline):
            return Located(lines=(line,), heading=None, title="", body=line.norm, is_inline=True)
    return None


def lines_outside(doc: Document, lines: tuple[Line, ...], locators: tuple[Locator, ...]) -> tuple[Line, ...]:
    """The lines not inside any of the located parts (e.g. figures in next year's plan are goals, not results)."""
    inside = {line.number for locator in locators if (part := find_section(doc, locator)) and not part.is_inline
              for line in part.lines}
    return tuple(line for line in lines if line.number not in inside)
