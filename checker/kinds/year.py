"""Year consistency: a located part (the plan) names the year it should.

    check:
      kind: year
      section: plan
      expect: next                    # report_year + 1; `same` means report_year
      look_in: [heading, first_paragraph]

pass            the expected year is named
weak            no year is named
missing         a different year is named (the message quotes it)
not_applicable  the part is absent, or the report year is unknown

A part without a heading of its own (a closing paragraph 下一步，我局将…) is checked in its first paragraph.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from checker.document import Document
from checker.facts import years_in
from checker.location import place
from checker.locate import Located, Locator, find_section
from checker.match import evidence
from checker.results import Finding, Status

KIND = "year"
MEANING = {"pass": "写明了应有的年份", "weak": "没有写年份", "missing": "写成了别的年份",
           "not_applicable": "报告没有这一部分，或无法判断报告年度"}
PART_KEYS = ("section",)


@dataclass(frozen=True)
class Params:
    """A year consistency rule's parameters, from its `check:` block."""

    section: Locator
    expect: str = "next"
    look_in: tuple[str, ...] = ("heading", "first_paragraph")


def build_params(raw: Mapping[str, Any], sections: Mapping[str, Locator]) -> Params:
    given: dict[str, Any] = {"expect": raw["expect"]} if "expect" in raw else {}
    if "look_in" in raw:
        given["look_in"] = tuple(raw["look_in"])
    return Params(section=sections[raw["section"]], **given)


def check(doc: Document, params: Params) -> Finding:
    if doc.report_year is None:
        return Finding(Status.NOT_APPLICABLE, "标题、开头和落款都没有写明年份，无法判断报告年度，请用 --year 指定后再核对")
    found = find_section(doc, params.section)
    if found is None:
        return Finding(Status.NOT_APPLICABLE, "报告没有这一部分，年份无从核对")
    wanted = doc.report_year + (1 if params.expect == "next" else 0)
    places = _places(found, params.look_in) if not found.is_inline else [(found.lines[0].norm[found.offset:],
                                                                          found.lines[0])]
    for text, line in places:
        years = years_in(text)
        if wanted in years:
            return Finding(Status.PASS, f"写明了{wanted}年", (evidence(line, focus=f"{wanted}"),))
        if years:
            return Finding(Status.MISSING, f"写的是{years[0]}年，应为{wanted}年（报告年度{doc.report_year}年）",
                           (evidence(line, focus=str(years[0])),))
    if found.is_inline:
        return Finding(Status.WEAK, f"{place(doc, found.lines[0])}“{found.opener or found.body[:12]}”这一段没有写明{wanted}年",
                       (evidence(found.lines[0], focus=found.body[:20]),))
    return Finding(Status.WEAK, f"“{found.title}”部分的标题和开头都没有写明{wanted}年", (evidence(found.lines[0]),))


def _places(found: Located, look_in: tuple[str, ...]):
    """(text, line) pairs in the order the year is looked for."""
    lines = found.lines
    if "heading" in look_in:
        yield found.title, lines[0]
    if "first_paragraph" in look_in:
        first = [lines[0]] if len(lines) == 1 else lines[1:2]
        rest = lines[0].norm[len(found.title):] if len(lines) else ""
        if rest:
            yield rest, lines[0]
        for line in first:
            yield line.norm, line
    if "body" in look_in:
        for line in lines[1:]:
            yield line.norm, line
