"""Numeric indicator: a rate (or counts) stated next to the indicator's name, against a target.

    check:
      kind: indicator
      names: [负责人出庭应诉, 出庭应诉率, 出庭率]
      target: 100                     # a rate below this needs a reason
      excuses: [正当事由, 不可抗力, 委托]
      counts: {part: [出庭], whole: [应诉案件, 行政诉讼案件]}   # "应诉45件，负责人出庭45件"
      ignore_sections: [plan]         # a figure in next year's plan is a goal, not a result
      none_stated: [{regex: '未发生[^。]{0,6}行政诉讼'}]   # "there were none" is an answer

pass     a rate at or above target, counts stated, a lower rate with its reason in the sentence,
         or the report states there were no cases
weak     a rate below target without a reason (the figure is quoted), or the name without any figure
missing  the indicator is not named at all
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping

from checker.document import Document
from checker.locate import Locator, lines_outside
from checker.match import Phrase, Sentence, compile_phrases, evidence, find_lines, first_match, sentences
from checker.numbers import chinese_percent
from checker.results import Finding, Status

KIND = "indicator"
_RATE = re.compile(r"(\d+(?:\.\d+)?)\s*%|百分之[〇零一二两三四五六七八九十百点]+")
_COUNT = re.compile(r"(\d+)\s*(?:件|次|起|宗|人次)")


@dataclass(frozen=True)
class Params:
    names: tuple[Phrase, ...]
    target: float = 100.0  # the law sets a duty, not a rate; 100% is what reports state
    excuses: tuple[Phrase, ...] = ()
    part: tuple[Phrase, ...] = ()
    whole: tuple[Phrase, ...] = ()
    ignore_sections: tuple[Locator, ...] = ()
    none_stated: tuple[Phrase, ...] = ()  # "no lawsuits this year" answers the indicator


def build_params(raw: Mapping[str, Any], sections: Mapping[str, Locator]) -> Params:
    counts = raw.get("counts", {})
    return Params(names=compile_phrases(raw["names"]), target=float(raw.get("target", 100)),
                  excuses=compile_phrases(raw.get("excuses", ())), part=compile_phrases(counts.get("part", ())),
                  whole=compile_phrases(counts.get("whole", ())),
                  ignore_sections=tuple(sections[name] for name in raw.get("ignore_sections", ())),
                  none_stated=compile_phrases(raw.get("none_stated", ())))


def check(doc: Document, params: Params) -> Finding:
    lines = lines_outside(doc, doc.lines, params.ignore_sections)
    nil = find_lines(lines, params.none_stated) if params.none_stated else []
    if nil:
        line, match = nil[0]
        return Finding(Status.PASS, f"写明了本年度没有相关案件（“{match.group(0)}”）", (evidence(line, match),))
    named = [s for s in sentences(lines) if first_match(s.text, params.names)]
    if not named:
        return Finding(Status.MISSING, "报告中没有写这一指标")
    low = None
    for sentence in named:
        rate = _rate(sentence, params)
        if rate is None:
            continue
        if rate >= params.target:
            return Finding(Status.PASS, f"写明为{_fmt(rate)}%", (evidence(sentence.line, focus=_focus(sentence)),))
        if first_match(sentence.text, params.excuses):
            return Finding(Status.PASS, f"写明为{_fmt(rate)}%，并说明了未达{_fmt(params.target)}%的原因",
                           (evidence(sentence.line, focus=_focus(sentence)),))
        low = low or (sentence, rate)
    if low is not None:
        sentence, rate = low
        return Finding(Status.WEAK, f"写明为{_fmt(rate)}%，低于{_fmt(params.target)}%，但未说明不能出庭的正当事由或委托出庭情况",
                       (evidence(sentence.line, focus=_focus(sentence)),))
    counted = next((s for s in named if _COUNT.search(s.text)), None)
    if counted is not None:
        return Finding(Status.PASS, "写明了件数", (evidence(counted.line, focus=_focus(counted)),))
    first = named[0]
    return Finding(Status.WEAK, "只提到这一指标，没有件数或比率",
                   (evidence(first.line, focus=first_match(first.text, params.names).group(0)),))


def _rate(sentence: Sentence, params: Params) -> float | None:
    """The rate stated after the indicator's name, or computed from part/whole counts."""
    name = first_match(sentence.text, params.names)
    after = sentence.text[name.start():] if name else sentence.text
    found = _RATE.search(after)
    if found:
        return float(found.group(1)) if found.group(1) else chinese_percent(found.group(0))
    if params.part and params.whole:
        return _rate_from_counts(sentence.text, params)
    return None


def _rate_from_counts(text: str, params: Params) -> float | None:
    def count_after(phrases: tuple[Phrase, ...]) -> int | None:
        hit = first_match(text, phrases)
        found = _COUNT.search(text, hit.end()) if hit else None
        return int(found.group(1)) if found else None

    part, whole = count_after(params.part), count_after(params.whole)
    if part is None or not whole or part > whole:
        return None
    return 100.0 * part / whole


def _focus(sentence: Sentence) -> str:
    """The words to centre the quote on: the rate if there is one, else the sentence."""
    found = _RATE.search(sentence.text)
    return found.group(0) if found else sentence.text[:40]


def _fmt(value: float) -> str:
    return f"{value:g}"
