"""Follow-through on last year's plan: does this year's measures part mention each of its items?

    check:
      kind: followup
      section: measures    # where this year's report says what it did
      share: 0.5           # below this share of items with a trace: weak; none at all: missing

pass            at least `share` of last year's plan items are mentioned in this year's measures
weak            most items have no trace
missing         none has a trace
not_applicable  no last year's report given (--previous), or its plan has no items to follow
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from checker.document import Document
from checker.locate import Locator, find_section
from checker.results import Finding, Status

KIND = "followup"
MEANING = {"pass": "上年安排多数在本年度举措中有交代", "weak": "上年安排多数没有下文", "missing": "上年安排都没有下文",
           "not_applicable": "没有提供上一年度报告，或其安排没有分条"}
PART_KEYS = ("section",)
QUOTED = 3


@dataclass(frozen=True)
class Params:
    """A follow-through rule's parameters, from its `check:` block."""

    section: Locator
    share: float = 0.5


def build_params(raw: Mapping[str, Any], sections: Mapping[str, Locator]) -> Params:
    given = {"share": raw["share"]} if "share" in raw else {}
    return Params(section=sections[raw["section"]], **given)


def check(doc: Document, params: Params) -> Finding:
    if doc.previous is None:
        return Finding(Status.NOT_APPLICABLE, "没有提供上一年度报告（--previous），不核对上年工作安排的落实")
    items = doc.previous.plan_items
    if not items:
        return Finding(Status.NOT_APPLICABLE, "上一年度报告的工作安排没有分条列出，无从逐项核对")
    from checker.followup import follow_up  # only with last year's report

    found = find_section(doc, params.section)
    traces = follow_up(items, found.body if found else "")
    done = sum(t.followed for t in traces)
    share = done / len(traces)
    said = f"上一年度工作安排{len(traces)}项，本年度举措提到{done}项（{share:.0%}）"
    metrics = {"followup": share}
    if share >= params.share:
        return Finding(Status.PASS, said, metrics=metrics)
    untraced = "；".join([f"“{t.item[:30]}”" for t in traces if not t.followed][:QUOTED])
    return Finding(Status.MISSING if done == 0 else Status.WEAK, f"{said}；未见下文的有：{untraced}",
                   metrics=metrics)
