"""Heading numbering: at each level, siblings run 一、二、三… with no duplicate and no gap.

    check:
      kind: numbering
      levels: [1, 2, 3, 4]            # 1 一、  2 （一）  3 1.  4 （1）  (0 第一部分, 5 ①)
      paragraph_parts: [measures, plan]   # parts a report without headings may open with a topic phrase

pass            every run of sibling headings is in order
weak            a number is repeated, skipped or out of order (the message names each), or there are no
                headings and no structure at all
not_applicable  no headings, but the report is written as paragraphs that open with their topic
                (在依法决策方面，… 2025年，我乡将…): at least two of `paragraph_parts` found so
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from checker.document import Document
from checker.location import place
from checker.locate import Locator, find_section
from checker.match import evidence
from checker.numbers import int_to_chinese
from checker.outline import Section
from checker.results import Evidence, Finding, Status

KIND = "numbering"
MEANING = {"pass": "各级标题序号连续", "weak": "序号重复、跳号或颠倒，或全文没有任何结构",
           "not_applicable": "报告没有序号标题，按段落开头的主题语分部分"}
PART_KEYS = ("paragraph_parts",)
LEVEL_NAMES = {0: "部分标题", 1: "一级标题", 2: "二级标题", 3: "三级标题", 4: "四级标题", 5: "五级标题"}


_PARAGRAPH_PARTS_NEEDED = 2  # one topic paragraph is a paragraph; two or more are a structure


@dataclass(frozen=True)
class Params:
    """A heading numbering rule's parameters, from its `check:` block."""

    levels: tuple[int, ...] = (0, 1, 2, 3, 4)
    paragraph_parts: tuple[Locator, ...] = ()


def build_params(raw: Mapping[str, Any], sections: Mapping[str, Locator]) -> Params:
    given: dict[str, Any] = {}
    if "levels" in raw:
        given["levels"] = tuple(raw["levels"])
    if "paragraph_parts" in raw:
        given["paragraph_parts"] = tuple(sections[name] for name in raw["paragraph_parts"])
    return Params(**given)


def check(doc: Document, params: Params) -> Finding:
    if not doc.sections:
        opened = [part for locator in params.paragraph_parts
                  if (part := find_section(doc, locator)) is not None and part.opener]
        if len(opened) >= _PARAGRAPH_PARTS_NEEDED:
            where = "、".join(f"{place(doc, part.lines[0])}“{part.opener}”" for part in opened[:4])
            return Finding(Status.NOT_APPLICABLE, f"报告按段落开头的主题语分部分（{where}），没有使用序号标题，序号无从核对",
                           tuple(evidence(part.lines[0]) for part in opened[:2]))
        return Finding(Status.WEAK, "报告没有使用“一、”“（一）”等分级标题，结构不清")
    problems: list[str] = []
    proof: list[Evidence] = []
    for siblings in _sibling_runs(doc.sections):
        if siblings[0].level not in params.levels:
            continue
        for message, section in _faults(doc, siblings):
            problems.append(message)
            proof.append(evidence(section.heading.line))
    if not problems:
        return Finding(Status.PASS, "各级标题序号连续，无重复或跳号")
    return Finding(Status.WEAK, "标题序号有误：" + "；".join(problems[:6]), tuple(proof[:6]))


def _sibling_runs(sections: Iterable[Section]) -> Iterable[list[Section]]:
    """Groups of headings that share a parent and a numbering style."""
    by_style: dict[str, list[Section]] = {}
    for section in sections:
        by_style.setdefault(section.heading.style, []).append(section)
        yield from _sibling_runs(section.children)
    yield from by_style.values()


def _faults(doc: Document, siblings: list[Section]) -> Iterable[tuple[str, Section]]:
    level_name = LEVEL_NAMES.get(siblings[0].level, "标题")
    expected = 1
    for section in siblings:
        number, line = section.heading.ordinal, place(doc, section.heading.line)
        if number is None:
            continue
        marker = marker_for(section.heading.style, number)
        if number == expected - 1:
            yield f"{level_name}“{marker}”重复出现（{line}）", section
        elif number > expected:
            skipped = "、".join(f"“{marker_for(section.heading.style, n)}”" for n in range(expected, number))
            yield f"{level_name}“{marker}”之前缺少{skipped}（{line}）", section
        elif number < expected - 1:
            yield f"{level_name}“{marker}”顺序颠倒（{line}）", section
        expected = max(expected, number + 1)


def marker_for(style: str, number: int) -> str:
    """How a heading of this style writes this number."""
    cn = int_to_chinese(number)
    return {"part": f"第{cn}部分", "cn": f"{cn}、", "paren_cn": f"（{cn}）", "arabic": f"{number}.",
            "paren_arabic": f"（{number}）"}.get(style, str(number))
