"""Where in the report's outline a line stands: the headings above it. The engine stamps them on every quote
(with the page of a paged format), and checks name a line through place(); checker.labels words it."""
from __future__ import annotations

from typing import Mapping

from checker.document import Document
from checker.labels import line_place, page_of
from checker.outline import Heading
from checker.results import Evidence
from checker.text import Line

TITLE_CHARS = 16  # a heading in a path is cut to this many characters
_FULL_WIDTH = str.maketrans("()", "（）")  # markers are matched half-width; a report writes them full-width


def heading_paths(doc: Document) -> Mapping[int, tuple[Heading, ...]]:
    """For each line number, the headings of the parts the line is in, outermost first (a bare heading line's own
    heading left out: its quote says it; a run-in heading's line is the part's first paragraph)."""
    return doc.memo(("heading-paths",), doc.sections, lambda: _paths(doc))


def _paths(doc: Document) -> dict[int, tuple[Heading, ...]]:
    paths: dict[int, tuple[Heading, ...]] = {}

    def visit(section, above: tuple[Heading, ...]) -> None:
        inside = above + (section.heading,)
        for line in section.lines:
            paths[line.number] = inside
        if not section.heading.rest:
            paths[section.heading.line.number] = above
        for child in section.children:
            visit(child, inside)

    for section in doc.sections:
        visit(section, ())
    return paths


def label(heading: Heading) -> str:
    """一、主要举措和成效: a heading as written (full-width brackets), its words cut to TITLE_CHARS."""
    title = heading.title if len(heading.title) <= TITLE_CHARS else heading.title[:TITLE_CHARS] + "…"
    return heading.marker.translate(_FULL_WIDTH) + title


Places = Mapping[int, tuple[str, tuple[str, ...]]]  # line number → (origin, heading path in words)


def locate(doc: Document, evidence: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
    """The evidence with the headings above each quote, its page, and its line's origin where a check left it out."""
    return stamp(evidence, places(doc)) if evidence else evidence


def places(doc: Document) -> Places:
    """Every line's origin and heading path: what stamp() needs, small enough to travel with a report to the
    batch stage (copying between units is found there, after the document is gone)."""
    def build() -> dict[int, tuple[str, tuple[str, ...]]]:
        paths = heading_paths(doc)
        return {line.number: (line.origin, tuple(label(h) for h in paths.get(line.number, ()))) for line in doc.lines}

    return doc.memo(("places",), doc.lines, build)


def stamp(evidence: tuple[Evidence, ...], known: Places) -> tuple[Evidence, ...]:
    """Evidence with origin, page and heading path from `known` (a check may have quoted by line number alone)."""
    located = []
    for item in evidence:
        origin, path = known.get(item.line, ("", ()))
        origin = item.origin or origin
        # built directly: dataclasses.replace re-reads the fields on every call, several times the cost
        located.append(Evidence(line=item.line, text=item.text, origin=origin, heading_path=path, page=page_of(origin)))
    return tuple(located)


def place(doc: Document, line: Line) -> str:
    """A line named in a check's message, in words its reader can use (see labels.line_place)."""
    if not line.origin or page_of(line.origin) is not None:
        return line_place(line.number, line.origin, ())
    own = _headings(doc).get(line.number)
    path = tuple(label(h) for h in heading_paths(doc).get(line.number, ()))
    bare = own is not None and not own.rest  # a heading line alone is named by its words
    return line_place(line.number, line.origin, path, heading=label(own) if bare else "")


def _headings(doc: Document) -> dict[int, Heading]:
    return doc.memo(("headings",), doc.sections, lambda: {s.heading.line.number: s.heading for s in doc.walk()})
