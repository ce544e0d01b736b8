"""Deadline: the report is dated (or published) before a day of the year after the report year.

    check:
      kind: deadline
      month: 4
      day: 1                          # before 1 April of report_year + 1
      use: date                       # date: the 落款日期; published: the page's 发布时间 or --published

pass            the date is before the deadline
weak            the date is on or after the deadline (the message says by how many days)
not_applicable  the date or the report year is unknown
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, Mapping

from checker.document import Document
from checker.locate import Locator
from checker.match import evidence
from checker.results import Finding, Status

KIND = "deadline"
MEANING = {"pass": "日期早于时限", "weak": "日期晚于时限", "not_applicable": "没有日期或无法判断报告年度，无法核对"}
PART_KEYS: tuple[str, ...] = ()


@dataclass(frozen=True)
class Params:
    """A deadline rule's parameters, from its `check:` block."""

    month: int
    day: int
    use: str = "date"


def build_params(raw: Mapping[str, Any], sections: Mapping[str, Locator]) -> Params:
    return Params(month=raw["month"], day=raw["day"], **({"use": raw["use"]} if "use" in raw else {}))


def check(doc: Document, params: Params) -> Finding:
    when = doc.date if params.use == "date" else doc.published
    what = "落款日期" if params.use == "date" else "公开日期"
    if doc.report_year is None:
        return Finding(Status.NOT_APPLICABLE, "标题、开头和落款都没有写明年份，无法判断报告年度，请用 --year 指定")
    if when is None:
        hint = "报告没有落款日期" if params.use == "date" else "未提供公开日期（可用 --published 指定）"
        return Finding(Status.NOT_APPLICABLE, f"{hint}，无法核对时限")
    deadline = datetime.date(doc.report_year + 1, params.month, params.day)
    proof = (evidence(doc.signed_on),) if params.use == "date" and doc.signed_on is not None else ()
    stated = f"{when.year}年{when.month}月{when.day}日"
    if when < deadline:
        return Finding(Status.PASS, f"{what}为{stated}，早于{deadline.year}年{params.month}月{params.day}日", proof)
    late = (when - deadline).days + 1
    return Finding(Status.WEAK, f"{what}为{stated}，已超过{deadline.year}年{params.month}月{params.day}日之前的时限"
                                f"（晚{late}天）", proof)
