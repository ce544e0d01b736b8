"""Required topic anywhere in the report: named parts, each with synonyms, optionally with figures.

    check:
      kind: topic
      mention: [三项制度]            # the name alone is weak
      parts:                         # each part must be there; its phrases are synonyms
        - {name: 行政执法公示, phrases: [执法公示, 双公示]}
        - {name: 执法全过程记录, phrases: [全过程记录, 执法记录仪]}
        - {name: 法制审核, phrases: [法制审核], figures: true, required: true}
      min_parts: 2                   # default: all parts
      figures: each                  # none | any | each: a figure in the sentence of the part
      section: plan                  # optional: look only inside this located part
      ignore_sections: [plan]        # optional: parts are not looked for here (a plan states goals, not
                                     # results); a `mention` there still makes the topic weak
      none_stated: [{regex: '未(制定|出台)[^。]{0,8}规范性文件'}]   # "there was none this year" is an answer

A part's own `figures: true|false` overrides the rule's `figures` for that part; `required: true`
makes the part necessary for a pass whatever `min_parts` says.

pass            enough parts are there, every required part among them (with figures where asked),
                or the report states there was none this year (`none_stated`)
weak            only the name, only some parts, a required part absent, or parts without figures
                (the message names which parts are there and which are not)
missing         none of it
not_applicable  `section` is given and the report has no such part (a section rule reports that)
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from checker.document import Document
from checker.kinds.common import Group, build_groups, names, sentences_with, with_figure
from checker.locate import Locator, find_section, lines_outside
from checker.match import Phrase, Sentence, compile_phrases, evidence, find_lines, sentences
from checker.results import Finding, Status

KIND = "topic"


@dataclass(frozen=True)
class Params:
    parts: tuple[Group, ...]
    mention: tuple[Phrase, ...] = ()
    min_parts: int | None = None
    figures: str = "none"
    section: Locator | None = None
    ignore_sections: tuple[Locator, ...] = ()
    none_stated: tuple[Phrase, ...] = ()


def build_params(raw: Mapping[str, Any], sections: Mapping[str, Locator]) -> Params:
    return Params(parts=build_groups(raw["parts"]), mention=compile_phrases(raw.get("mention", ())),
                  min_parts=raw.get("min_parts"), figures=raw.get("figures", "none"),
                  section=sections[raw["section"]] if raw.get("section") else None,
                  ignore_sections=tuple(sections[name] for name in raw.get("ignore_sections", ())),
                  none_stated=compile_phrases(raw.get("none_stated", ())))


def check(doc: Document, params: Params) -> Finding:
    lines = doc.lines
    where = "报告中"
    if params.section is not None:
        located = find_section(doc, params.section)
        if located is None:
            return Finding(Status.NOT_APPLICABLE, "报告没有单列这一部分，其中的具体内容无从核对")
        lines = located.lines
        where = f"“{located.title}”部分" if located.title else "该部分"
    scope = lines  # a mention anywhere in scope, even in a skipped part, makes the topic weak, not missing
    lines = lines_outside(doc, lines, params.ignore_sections)
    nil = find_lines(lines, params.none_stated) if params.none_stated else []
    if nil:
        line, match = nil[0]
        return Finding(Status.PASS, f"写明了本年度没有此类事项（“{match.group(0)}”）", (evidence(line, match),))
    all_sentences = sentences(lines)
    found = {part: sentences_with(all_sentences, part) for part in params.parts}
    present = [part for part in params.parts if found[part]]
    needed = params.min_parts or len(params.parts)
    proof = tuple(_proof(found[p], _needs_figure(p, params) or params.figures == "any") for p in present[:3])
    if not present:
        hits = find_lines(scope, params.mention) if params.mention else []
        if hits:
            return Finding(Status.WEAK, f"仅提到“{hits[0][1].group(0)}”，未写明{names(params.parts)}的具体落实情况",
                           tuple(evidence(line, m) for line, m in hits[:2]))
        return Finding(Status.MISSING, f"{where}没有{names(params.parts)}的内容")
    absent = [p for p in params.parts if p not in present]
    unfigured = [p for p in present if _needs_figure(p, params) and not with_figure(found[p])]
    if params.figures == "any" and not any(with_figure(found[p]) for p in present):
        unfigured = present
    lacking = [p for p in absent if p.required]
    if len(present) < needed:
        return Finding(Status.WEAK, f"已写{names(present)}，缺少{names(absent)}", proof)
    if lacking:
        others = [p for p in absent if not p.required]
        tail = f"（另未写：{names(others)}）" if others else ""
        return Finding(Status.WEAK, f"已写{names(present)}，但缺少必须写明的{names(lacking)}{tail}", proof)
    if unfigured:
        return Finding(Status.WEAK, f"已写{names(present)}，但{names(unfigured)}没有具体数字", proof)
    tail = f"（未写：{names(absent)}）" if absent else ""
    return Finding(Status.PASS, f"已写明{names(present)}{tail}", proof)


def _proof(found: list[Sentence], figured: bool):
    """Evidence for a part: its sentence with a figure when figures count, else its first sentence."""
    sentence = (with_figure(found) if figured else None) or found[0]
    return evidence(sentence.line, focus=sentence.text[:40])


def _needs_figure(part: Group, params: Params) -> bool:
    return part.figures if part.figures is not None else params.figures == "each"
