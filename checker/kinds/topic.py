"""Required topic anywhere in the report: named parts, each with synonyms, optionally with figures.

    check:
      kind: topic
      mention: [三项制度]            # the name alone is weak
      parts:                         # each part must be there; its phrases are synonyms
        - {name: 行政执法公示, phrases: [执法公示, 双公示]}
        - {name: 执法全过程记录, phrases: [全过程记录, 执法记录仪]}
        - {name: 法制审核, phrases: [法制审核], figures: true, required: true}
        - {name: 决策事项数, counts: [重大行政决策, 决策]}   # a count of these: 列入《…》等6项, 作出决策5项
        - {name: 报备及时率, phrases: [报备率], counts: [报备率, 按时报备], totals: true}   # 均按时报备 = 100%
      min_parts: 2                   # default: all parts
      figures: each                  # none | any | each: a figure in the sentence of the part
      section: plan                  # optional: look only inside this located part
      ignore_sections: [plan, shortcomings]   # the year's work is not reported here
      weak_in: [shortcomings]        # ...but a mention there with figures is weak, not missing
      anchor: measures               # the part a comment on a misplaced mention points to
      none_stated: [{regex: '未(制定|出台)[^。]{0,8}规范性文件'}]   # none this year: answered
      not_applicable: [不设行政执法机构]                           # the duty does not apply

A part's own `figures: true|false` overrides the rule's `figures` for that part; `required: true`
makes the part necessary for a pass whatever `min_parts` says. A part with `counts` needs a figure
that counts one of those subjects (checker.figures binds each figure to the nearest subject in its
clause), not just any number in the sentence; without `phrases` it is there only where such a
count is; `totals: true` lets 均/全部 stand for its figure. A sub-part whose heading names a part
(（一）深入学习贯彻习近平法治思想) brings its body to that part, so figures given under it count.

pass            enough parts are there, every required part among them (with figures where asked),
                or the report states there was none this year (`none_stated`)
weak            only the name, only some parts, a required part absent, parts without figures, or
                the topic only in a skipped part that gives figures (the message names what is there)
missing         none of it in the year's work (the message says where it was mentioned, if anywhere)
not_applicable  `section` is given and the report has no such part, or the report states the duty
                does not apply (`not_applicable`)
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Iterable, Mapping

from checker.document import Document
from checker.figures import TOTAL, bind
from checker.kinds.common import Group, names
from checker.kinds.scope import mentioned_elsewhere, statement, year_sentences
from checker.locate import Locator, find_section, line_sentences, lines_outside
from checker.match import (Phrase, Sentence, compile_phrases, evidence, find_lines, has_figure,
                           sentences_matching)
from checker.outline import Section
from checker.results import Finding, Status
from checker.scan import Joined, indices_matching
from checker.text import Line

KIND = "topic"
MEANING = {"pass": "写明了各项具体内容（需要时附有数字），或写明本年度没有此类事项",
           "weak": "只写了名称、只写了部分内容，或没有数字", "missing": "本年度工作中没有这方面内容（只在下一年度安排或存在的不足中提到也算）",
           "not_applicable": "报告写明这一要求对本单位不适用，或没有限定的那一部分"}
PART_KEYS = ("section", "anchor", "ignore_sections", "weak_in")


@dataclass(frozen=True)
class Part(Group):
    """A named part of a topic: its synonyms and the subjects its figures must count."""

    counts: tuple[Phrase, ...] = ()  # subjects a figure of this part must count
    totals: bool = False  # 均/全部 bound to one of them stands for a figure


@dataclass(frozen=True)
class Params:
    """Every parameter and its default, in one place."""

    parts: tuple[Part, ...]
    mention: tuple[Phrase, ...] = ()
    min_parts: int | None = None
    figures: str = "none"
    section: Locator | None = None
    ignore_sections: tuple[Locator, ...] = ()
    weak_in: tuple[Locator, ...] = ()
    anchor: Locator | None = None
    none_stated: tuple[Phrase, ...] = ()
    not_applicable: tuple[Phrase, ...] = ()


def build_params(raw: Mapping[str, Any], sections: Mapping[str, Locator]) -> Params:
    given: dict[str, Any] = {"parts": tuple(_part(item) for item in raw["parts"])}
    for key in ("mention", "none_stated", "not_applicable"):
        if key in raw:
            given[key] = compile_phrases(raw[key])
    for key in ("ignore_sections", "weak_in"):
        if key in raw:
            given[key] = tuple(sections[name] for name in raw[key])
    for key in ("section", "anchor"):
        if raw.get(key):
            given[key] = sections[raw[key]]
    for key in ("min_parts", "figures"):
        if key in raw:
            given[key] = raw[key]
    assert set(given) <= {f.name for f in fields(Params)}
    return Params(**given)


def _part(item: Mapping[str, Any]) -> Part:
    counts = compile_phrases(item.get("counts", ()))
    return Part(item["name"], compile_phrases(item["phrases"]) if "phrases" in item else (), item.get("figures"),
                item.get("required", False), counts, item.get("totals", False))


def check(doc: Document, params: Params) -> Finding:
    lines = doc.lines
    where = "报告中"
    if params.section is not None:
        located = find_section(doc, params.section)
        if located is None:
            return Finding(Status.NOT_APPLICABLE, "报告没有单列这一部分，其中的具体内容无从核对")
        lines = located.lines
        where = f"“{located.title}”部分" if located.title else "该部分"
    lines = lines_outside(doc, lines, params.ignore_sections)
    answered = statement(doc, lines, params.none_stated, params.not_applicable)
    if answered is not None:
        return answered
    all_sentences = year_sentences(doc, lines, params.ignore_sections)
    # Keyed by id(part): hashing a Part hashes all its phrases, some microseconds a time.
    counted = _counted(all_sentences, params.parts)
    found = {id(part): _sentences_of(doc, part, all_sentences, lines, counted[id(part)]) for part in params.parts}
    present = [part for part in params.parts if found[id(part)]]
    figured = {id(part): _figured(part, found[id(part)], counted[id(part)]) for part in present}
    needed = params.min_parts or len(params.parts)
    proof = _proofs([(found[id(p)], figured[id(p)] if _needs_figure(p, params) or params.figures == "any" else None)
                     for p in present[:3]])
    if not present:
        return _absent(doc, params, lines, where)
    absent = [p for p in params.parts if p not in present]
    unfigured = [p for p in present if _needs_figure(p, params) and not figured[id(p)]]
    if params.figures == "any" and not any(figured[id(p)] for p in present):
        unfigured = present
    lacking = [p for p in absent if p.required]
    shown = _names_with_counts(present, counted)
    if len(present) < needed:
        return Finding(Status.WEAK, f"已写{shown}，缺少{names(absent)}", proof)
    if lacking:
        others = [p for p in absent if not p.required]
        tail = f"（另未写：{names(others)}）" if others else ""
        return Finding(Status.WEAK, f"已写{shown}，但缺少必须写明的{names(lacking)}{tail}", proof)
    if unfigured:
        return Finding(Status.WEAK, f"已写{shown}，但{names(unfigured)}没有具体数字", proof)
    tail = f"（未写：{names(absent)}）" if absent else ""
    return Finding(Status.PASS, f"已写明{shown}{tail}", proof)


def _absent(doc: Document, params: Params, lines: tuple[Line, ...], where: str) -> Finding:
    """No part is there: the name alone is weak; a mention only in a skipped part is not the year's work."""
    hits = find_lines(lines, params.mention) if params.mention else []
    if hits:
        return Finding(Status.WEAK, f"仅提到“{hits[0][1].group(0)}”，未写明{names(params.parts)}的具体落实情况",
                       tuple(evidence(line, m) for line, m in hits[:2]))
    phrases = params.mention + tuple(p for part in params.parts for p in part.phrases + part.counts)
    elsewhere = mentioned_elsewhere(doc, phrases, params.ignore_sections, params.weak_in, params.anchor)
    return elsewhere or Finding(Status.MISSING, f"{where}没有{names(params.parts)}的内容")


def _counted(all_sentences: list[Sentence], parts: Iterable[Part]) -> dict[int, list[tuple[Sentence, str]]]:
    """For each part (by id) with `counts`, the sentences with a figure counting its subjects, and that figure."""
    parts = tuple(parts)
    subjects = {part.name: [p.pattern for p in part.counts] for part in parts if part.counts}
    result: dict[int, list[tuple[Sentence, str]]] = {id(part): [] for part in parts}
    if not subjects:
        return result
    by_name = {part.name: part for part in parts if part.counts}
    # a part listed twice alike shares the figures of the one its name finds
    alike = {name: [id(other) for other in parts if other.name == name and other == part]
             for name, part in by_name.items()}
    every = tuple(phrase for part in parts for phrase in part.counts)
    for sentence in sentences_matching(all_sentences, every):
        for item in bind(sentence.text, subjects):
            part = by_name[item.role]
            for key in alike[item.role]:
                if item.figure.kind != TOTAL:
                    result[key].append((sentence, item.figure.text))
                elif part.totals:
                    result[key].append((sentence, ""))  # counts for the part, but is no figure to quote
    return result


def _sentences_of(doc: Document, part: Part, all_sentences: list[Sentence], lines: tuple[Line, ...],
                  counted: list[tuple[Sentence, str]]) -> list[Sentence]:
    """The part's sentences: where its phrases are, where its counts are, and the body of a sub-part it heads."""
    mine = sentences_matching(all_sentences, part.phrases)
    seen = {(s.line.number, s.text) for s in mine}

    def add(found: Iterable[Sentence]) -> None:
        for sentence in found:
            if (sentence.line.number, sentence.text) not in seen:
                seen.add((sentence.line.number, sentence.text))
                mine.append(sentence)

    add(s for s, _ in counted)
    if part.phrases and mine:
        kept = doc.memo(("line numbers", id(lines)), lines, lambda: frozenset(line.number for line in lines))
        every, titles = _titled(doc)
        for index in indices_matching(titles.texts, part.phrases, titles):
            section = every[index]
            if section.heading.line.number in kept:
                add(line_sentences(doc, (line for line in section.lines[1:] if line.number in kept)))
    return mine


def _titled(doc: Document) -> tuple[tuple[Section, ...], Joined]:
    """Every part and sub-part, and their titles joined to be scanned once for a part's phrases."""
    def titled():
        every = tuple(doc.walk())
        return every, Joined([section.title for section in every])

    return doc.memo(("titled sections",), doc.sections, titled)


def _figured(part: Part, found: list[Sentence], counted: list[tuple[Sentence, str]]) -> Sentence | None:
    if part.counts:
        return counted[0][0] if counted else None
    return next((s for s in found if has_figure(s.text)), None)


def _names_with_counts(present: list[Part], counted: dict[int, list[tuple[Sentence, str]]]) -> str:
    """"决策事项数（6项、5项）、公众参与": the figures of the sentence a counted part was read from."""
    shown = []
    for part in present:
        first = counted[id(part)][0][0] if counted[id(part)] else None
        figures = list(dict.fromkeys(text for sentence, text in counted[id(part)] if sentence is first and text))[:3]
        shown.append(f"{part.name}（{'、'.join(figures)}）" if figures else part.name)
    return "、".join(shown)


def _proofs(parts: list[tuple[list[Sentence], Sentence | None]]) -> tuple:
    """Evidence for each part: its sentence with a figure when figures count, else its first sentence; a sentence
    another part already quotes gives way to the part's next one, or is not quoted again."""
    used: set[tuple[int, str]] = set()
    proof = []
    for found, figured in parts:
        candidates = ([figured] if figured else []) + found
        sentence = next((s for s in candidates if (s.line.number, s.text) not in used), None)
        if sentence is None:
            continue
        used.add((sentence.line.number, sentence.text))
        proof.append(evidence(sentence.line, focus=sentence.text[:40]))
    return tuple(proof)


def _needs_figure(part: Part, params: Params) -> bool:
    return part.figures if part.figures is not None else params.figures == "each"
