"""Shortcomings or causes repeated from last year's report of the same unit (问题年年有、原因年年同).

    check:
      kind: repeated
      section: shortcomings   # the part compared with last year's; its cause sentences are compared apart
      share: 0.5              # this share of the shortcomings' or the causes' sentences found last year: weak

pass            the shortcomings and causes differ from last year's
weak            most of the shortcomings or causes repeat last year's
not_applicable  no last year's report given (--previous), or no shortcomings part this year
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from checker.document import Document
from checker.labels import PART_LABEL
from checker.locate import Locator
from checker.results import Evidence, Finding, Status
from checker.signature import build_signature

KIND = "repeated"
MEANING = {"pass": "不足和原因与上一年度报告不同", "weak": "一半以上的不足或原因与上一年度报告相同",
           "not_applicable": "没有提供上一年度报告，或本年度没有不足部分"}
PART_KEYS = ("section",)
COMPARED = ("shortcomings", "causes")


@dataclass(frozen=True)
class Params:
    """A repeated-text rule's parameters, from its `check:` block."""

    section: Locator
    share: float = 0.5


def build_params(raw: Mapping[str, Any], sections: Mapping[str, Locator]) -> Params:
    given = {"share": raw["share"]} if "share" in raw else {}
    return Params(section=sections[raw["section"]], **given)


def check(doc: Document, params: Params) -> Finding:
    if doc.previous is None:
        return Finding(Status.NOT_APPLICABLE, "没有提供上一年度报告（--previous），不比对")
    from checker.similarity import MIN_SHARED, overlap  # only with last year's report

    mine = build_signature(doc, {"shortcomings": params.section})
    overlaps = [overlap(mine.parts[p], doc.previous.parts.get(p, ()), p) for p in COMPARED if mine.parts[p]]
    if not overlaps:
        return Finding(Status.NOT_APPLICABLE, "本年度报告没有可比对的不足或原因")
    repeated = [o for o in overlaps if o.share >= params.share and o.count >= MIN_SHARED]
    said = "；".join(f"{PART_LABEL[o.part]}{o.share:.0%}与上一年度相同" for o in overlaps)
    if not repeated:
        return Finding(Status.PASS, f"与上一年度报告比对：{said}")
    shared = [s for o in repeated for s in o.shared]
    return Finding(Status.WEAK, f"与上一年度报告（{doc.previous.path}）比对：{said}，问题和原因照搬上年",
                   tuple(Evidence(s.line, s.quote) for s in shared[:3]))
