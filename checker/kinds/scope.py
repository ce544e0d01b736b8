"""Which text reports the year's work: statements that answer an indicator, and where a mention stands.

Kinds that check an indicator share two readings:
- a statement that nothing happened this year (本年度未制定行政规范性文件) answers it, and one
  that the duty does not apply (本区不设行政执法机构) makes it not applicable;
- a mention only in next year's plan or only among the shortcomings is not work reported for
  the year: missing, or weak where the skipped part itself gives figures.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from checker.document import Document
from checker.labels import numbered_place
from checker.location import place
from checker.locate import Locator, find_section, line_sentences
from checker.match import (Phrase, Sentence, Sentences, evidence, find_lines, has_figure, sentences,
                           sentences_matching)
from checker.outline import Section
from checker.results import Finding, Status
from checker.scan import Joined
from checker.text import Line


def statement(doc: Document, lines: Sequence[Line], none_stated: Sequence[Phrase],
              not_applicable: Sequence[Phrase]) -> Finding | None:
    """The finding a statement gives: none this year (pass) or not applicable, quoting it."""
    for phrases, status, tail in ((not_applicable, Status.NOT_APPLICABLE, "这一要求对本单位不适用"),
                                  (none_stated, Status.PASS, "本年度没有此类事项")):
        hits = find_lines(lines, phrases, _joined(doc, lines)) if phrases else []
        if hits:
            line, match = hits[0]
            return Finding(status, f"报告写明“{_clause(line.norm, match.start(), match.end())}”，{tail}",
                           (evidence(line, match),))
    return None


def _joined(doc: Document, lines: Sequence[Line]) -> Joined:
    """The lines' texts joined to be scanned, once per document (each rule asks its lines for statements)."""
    return doc.memo(("joined lines", id(lines)), lines, lambda: Joined([line.norm for line in lines]))


def year_sentences(doc: Document, lines: Sequence[Line], skipped: Sequence[Locator]) -> list[Sentence]:
    """The sentences of `lines` that report the year: a skipped part written as a closing paragraph with no
    heading (下一步，我局将……) is cut off from the point it opens, even mid-line. Worked out once per document."""
    return doc.memo(("year sentences", id(lines), tuple(map(id, skipped))), lines,  # see locate.lines_outside
                    lambda: Sentences(_before_cuts(doc, lines, _closing_cuts(doc, skipped))))


def _closing_cuts(doc: Document, skipped: Sequence[Locator]) -> dict[int, int]:
    """Line number → where a skipped closing paragraph starts in it (0: the whole line)."""
    cut: dict[int, int] = {}
    for locator in skipped:
        part = find_section(doc, locator)
        if part is None or not part.opener:
            continue  # parts with headings are already outside `lines`; a one-sentence inline part stays
        cut[part.lines[0].number] = part.offset
        cut.update({line.number: 0 for line in part.lines[1:]})
    return cut


def _before_cuts(doc: Document, lines: Sequence[Line], cut: dict[int, int]) -> list[Sentence]:
    result: list[Sentence] = []
    for line in lines:
        if line.number not in cut:
            result += line_sentences(doc, (line,))
        elif cut[line.number] > 0:  # the text before the closing paragraph opens
            result += sentences((replace(line, norm=line.norm[:cut[line.number]]),))
    return result


def mentioned_elsewhere(doc: Document, phrases: Sequence[Phrase], skipped: Sequence[Locator],
                        weak_in: Sequence[Locator], anchor: Locator | None) -> Finding | None:
    """A mention found only inside skipped parts: missing (weak where that part gives figures)."""
    places: list[tuple[int, str]] = []
    shown: list[Sentence] = []
    figured: Sentence | None = None
    for locator in skipped:
        part = find_section(doc, locator)
        if part is None:
            continue
        hits = sentences_matching(_skipped_sentences(doc, part, skipped), phrases)
        if not hits:
            continue
        line = hits[0].line
        label = f"“{part.title}”部分" if part.title else f"“{part.opener}”一段" if part.opener else ""
        at = numbered_place(line.number, line.origin)  # a Word file has no numbers: the part's name says it
        places.append((line.number, f"{label}（{at}）" if label and at else label or place(doc, line)))
        shown.append(hits[0])
        if locator in weak_in and figured is None:
            figured = next((s for s in hits if has_figure(s.text)), None)
    if not places:
        return None
    shown.sort(key=lambda s: s.line.number)
    home = find_section(doc, anchor) if anchor is not None else None
    belongs = f"（应写入“{home.title}”部分）" if home is not None and home.title else ""
    proof = ((evidence(home.lines[0]),) if home is not None else ()) + tuple(
        evidence(s.line, focus=s.text[:40]) for s in ([figured] if figured else shown[:2]))
    where = "和".join(text for _, text in sorted(places))
    if figured is not None:
        return Finding(Status.WEAK, f"仅在{where}提到并给出了数字，本年度工作部分没有报告这一指标{belongs}", proof)
    return Finding(Status.MISSING, f"仅在{where}提到，本年度的工作情况没有报告{belongs}", proof)


def _skipped_sentences(doc: Document, part: Section, skipped: Sequence[Locator]) -> Sentences:
    """A skipped part's sentences: a closing paragraph from where it opens, a part with a heading less any closing
    paragraph inside it. Worked out once per document (every rule whose topic is absent looks there)."""
    def compute() -> Sentences:
        if part.opener:
            first = part.lines[0]
            return sentences((replace(first, norm=first.norm[part.offset:]),) + part.lines[1:])
        return Sentences(_before_cuts(doc, part.lines, _closing_cuts(doc, skipped)))

    return doc.memo(("skipped sentences", id(part), tuple(map(id, skipped))), part, compute)


def _clause(text: str, start: int, end: int) -> str:
    """The clause the match starts in, so the quote reads as the report wrote it."""
    left = max(text.rfind(mark, 0, start) for mark in ",;:。") + 1
    ends = [i for i in (text.find(mark, start) for mark in ",;:。") if i >= 0]
    right = min(ends) if ends else len(text)
    quote = text[left:right]
    return quote if len(quote) <= 40 else text[start:end]
