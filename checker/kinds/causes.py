"""Causes within a section: the shortcomings part analyses why, not only what.

    check:
      kind: causes
      section: shortcomings
      markers: [原因, 究其原因, 根源, 主要是由于, {regex: '受[^。]{1,20}(影响|局限|制约)'}]
      weak_markers: [导致, 造成]         # consequence words: a hint of analysis, not an analysis
      heading_claims: [原因]             # a heading that promises causes

pass            the body states causes
weak            only consequence words, or the heading promises causes the body does not give
missing         problems are listed with no cause at all
not_applicable  the report has no shortcomings part
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from checker.document import Document
from checker.location import place
from checker.locate import Locator, find_section
from checker.match import Phrase, compile_phrases, evidence, find_lines, first_match
from checker.results import Finding, Status

KIND = "causes"
# What each status means for this kind, in the words `explain` shows; also the statuses it can give.
MEANING = {"pass": "分析了原因", "weak": "只有后果表述，或标题写了原因而正文未分析", "missing": "只列问题没有原因",
           "not_applicable": "报告没有存在的不足部分"}
PART_KEYS = ("section",)  # parameters that name a located part (`sections:`)


@dataclass(frozen=True)
class Params:
    """A causes rule's parameters, from its `check:` block."""

    section: Locator
    markers: tuple[Phrase, ...]
    weak_markers: tuple[Phrase, ...] = ()
    heading_claims: tuple[Phrase, ...] = ()


def build_params(raw: Mapping[str, Any], sections: Mapping[str, Locator]) -> Params:
    given = {key: compile_phrases(raw[key]) for key in ("weak_markers", "heading_claims") if key in raw}
    return Params(section=sections[raw["section"]], markers=compile_phrases(raw["markers"]), **given)


def check(doc: Document, params: Params) -> Finding:
    found = find_section(doc, params.section)
    if found is None:
        return Finding(Status.NOT_APPLICABLE, "报告没有写存在的不足，原因分析无从谈起")
    body_lines = found.lines if found.is_inline else found.lines[1:]
    places = [(line, line.norm) for line in body_lines]
    if found.heading is not None:  # a run-in heading's own words may analyse causes too
        head = found.lines[0].norm
        places.insert(0, (found.lines[0], head[head.find(found.title) + len(found.title):]))
    for line, text in places:
        match = first_match(text, params.markers)
        if match:
            return Finding(Status.PASS, f"{place(doc, line)}分析了原因（“{match.group(0)}”）",
                           (evidence(line, focus=match.group(0)),))
    soft = find_lines(body_lines, params.weak_markers) if params.weak_markers else []
    if soft:
        line, match = soft[0]
        return Finding(Status.WEAK, f"只有“{match.group(0)}”一类后果表述，没有分析问题产生的原因",
                       tuple(evidence(l, m) for l, m in soft[:2]))
    if found.heading is not None and first_match(found.title, params.heading_claims):
        return Finding(Status.WEAK, f"标题“{found.title}”写了原因，但正文只列问题，没有分析原因",
                       (evidence(found.lines[0]),))
    return Finding(Status.MISSING, "只列了问题，没有分析问题产生的原因", (evidence(found.lines[0]),))
