"""The document model: content lines, outline, and the facts a report states about itself."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, Callable, Hashable, Iterator, TypeVar

from checker import boilerplate, facts
from checker.outline import Section, parse_outline
from checker.text import Line, Text

T = TypeVar("T")


@dataclass(frozen=True)
class Overrides:
    """Facts the user states on the command line, which win over inference."""

    report_year: int | None = None
    kind: str | None = None
    published: datetime.date | None = None


@dataclass(frozen=True)
class Document:
    """A report as the rules see it: its lines and outline, and what is known about it."""

    path: str
    lines: tuple[Line, ...]  # content, web chrome removed
    sections: tuple[Section, ...]
    title: str
    issuer: str
    kind: str
    report_year: int | None
    date: datetime.date | None  # 落款日期
    published: datetime.date | None = None  # from the page's 发布时间 or --published
    chrome: tuple[Line, ...] = ()  # lines dropped as web chrome, kept for the suspicious-text rule
    format: str = "txt"
    signed_by: Line | None = None  # the issuer line of the 落款
    signed_on: Line | None = None  # the date line of the 落款
    kind_reason: str = ""  # why the report is read as a government's or a department's, in words
    year_reason: str = ""  # where the report year comes from, or why there is none
    previous: Any = None  # last year's report of the same unit as a signature.Signature (with --previous)
    peers: tuple[Any, ...] = ()  # other units' signatures to compare with (library use and tests)
    # what rules work out about this document once and share (located parts, sentences); see memo()
    cache: dict = field(default_factory=dict, compare=False, repr=False)

    def memo(self, key: Hashable, keep: object, compute: Callable[[], T]) -> T:
        """compute() once per document and key. `keep` is the object the key names by identity (a
        tuple of lines, a locator): holding it in the cache stops its id from being reused."""
        found = self.cache.get(key)
        if found is not None and found[0] is keep:
            return found[1]
        value = compute()
        self.cache[key] = (keep, value)
        return value

    def walk(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    @property
    def next_year(self) -> int | None:
        return self.report_year + 1 if self.report_year else None


def build_document(text: Text, overrides: Overrides = Overrides()) -> Document:
    """Parse Text into a Document, inferring what the user did not state."""
    lines, chrome = boilerplate.split_chrome(text.lines)
    title, _ = facts.find_title(lines, text.meta)
    issuer_line, date_line = facts.find_signature(lines)
    date = facts.parse_date(date_line.norm) if date_line else None
    issuer = facts.infer_issuer(lines, title, issuer_line, text.meta)
    published = overrides.published or _published(text, chrome)
    if overrides.kind:
        kind, kind_reason = overrides.kind, "命令行 --kind 指定"
    else:
        decision = facts.infer_kind(lines, title, issuer_line, text.meta)
        kind, kind_reason = decision.kind, decision.reason
    if overrides.report_year:
        report_year, year_reason = overrides.report_year, "命令行 --year 指定"
    else:
        dated = date or _meta_date(text)
        report_year, year_reason = facts.infer_report_year(
            title, lines, dated, "落款日期" if date else "文件注明的日期",
            skip=tuple(line for line in (issuer_line, date_line) if line is not None))
    return Document(
        path=text.path,
        lines=lines,
        sections=parse_outline(lines),
        title=title,
        issuer=issuer,
        kind=kind,
        report_year=report_year,
        date=date,
        published=published,
        chrome=chrome,
        format=text.format,
        signed_by=issuer_line,
        signed_on=date_line,
        kind_reason=kind_reason,
        year_reason=year_reason,
    )


def _meta_date(text: Text) -> datetime.date | None:
    return facts.parse_date(text.meta["date"]) if text.meta.get("date") else None


def _published(text: Text, chrome: tuple[Line, ...]) -> datetime.date | None:
    stated = boilerplate.published_date(chrome)
    if stated:
        try:
            return datetime.date(*stated)
        except ValueError:
            return None
    return _meta_date(text)
