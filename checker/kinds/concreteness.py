"""Concreteness of a part: the share of its sentences that carry a figure, a date, a named document or case.

    check:
      kind: concreteness
      section: measures
      min_share: 0.25        # below this share the part is weak: slogans, not results
      min_sentences: 5       # a shorter part is judged by the section rules, not here

pass            at least min_share of the part's sentences are concrete
weak            fewer: the part is mostly slogans (空话套话)
not_applicable  the report has no such part, or it is too short to judge
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping

from checker.document import Document
from checker.locate import Locator, find_section
from checker.match import evidence, has_figure
from checker.results import Finding, Status
from checker.signature import part_sentences

KIND = "concreteness"
MEANING = {"pass": "举措部分有足够的句子写明数字、日期、文件或案例", "weak": "举措部分多为原则性表述",
           "not_applicable": "没有单列这一部分，或篇幅太短"}
PART_KEYS = ("section",)
# A date (2023年5月, 5月12日, 第三季度), a named document (《…》) or a named case (“…”案, 某某诉某某案).
DATE = re.compile(r"\d{4}年\d{1,2}月|\d{1,2}月\d{1,2}日|\d{1,2}月(?:份|底|初|中旬|上旬|下旬)|[一二三四]季度|上半年|下半年")
DOCUMENT = re.compile(r"《[^》]{2,60}》")
CASE = re.compile(r"[”」][^，。；]{0,4}案|诉[^，。；]{1,20}案")


def concrete(sentence: str) -> bool:
    return bool(has_figure(sentence) or DATE.search(sentence) or DOCUMENT.search(sentence) or CASE.search(sentence))


@dataclass(frozen=True)
class Params:
    """A concreteness rule's parameters, from its `check:` block."""

    section: Locator
    min_share: float = 0.25
    min_sentences: int = 5


def build_params(raw: Mapping[str, Any], sections: Mapping[str, Locator]) -> Params:
    given = {key: raw[key] for key in ("min_share", "min_sentences") if key in raw}
    return Params(section=sections[raw["section"]], **given)


def check(doc: Document, params: Params) -> Finding:
    found = find_section(doc, params.section)
    if found is None or found.is_inline:
        return Finding(Status.NOT_APPLICABLE, "报告没有单列这一部分，无从计算具体程度")
    pieces = part_sentences(doc, found.lines)
    if len(pieces) < params.min_sentences:
        return Finding(Status.NOT_APPLICABLE, f"这一部分只有{len(pieces)}句，篇幅太短，不计算具体程度")
    hits = [concrete(text) for _, text in pieces]
    share = sum(hits) / len(pieces)
    metrics = {"concreteness": share}
    if share >= params.min_share:
        return Finding(Status.PASS, f"{len(pieces)}句中{sum(hits)}句有数字、日期、文件或案例（{share:.0%}）",
                       metrics=metrics)
    vague = [line for (line, _), hit in zip(pieces, hits) if not hit]
    return Finding(Status.WEAK, f"{len(pieces)}句中只有{sum(hits)}句有数字、日期、文件或案例（{share:.0%}，"
                                f"低于{params.min_share:.0%}），多为原则性表述",
                   tuple(evidence(line) for line in dict.fromkeys(vague[:2])), metrics=metrics)
