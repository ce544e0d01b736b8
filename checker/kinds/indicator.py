"""Numeric indicator: a rate, or the counts it comes from, stated for the year against a target.

    check:
      kind: indicator
      names: [负责人出庭, 出庭应诉率, 出庭率]          # what names the indicator
      target: 100                                     # a lower rate needs a reason
      counts:                                         # what the counts count (subject phrases)
        part: [出庭, 实际出庭]                        # the ones done: 负责人出庭应诉14件, 均由负责人出庭
        whole: [应诉案件, 行政诉讼案件, 应出庭]       # all of them: 行政诉讼案件15件, 应出庭15件
      excuses: [正当事由, 委托, {regex: '未出庭的[^。]{0,8}中'}]   # a shortfall with its reason
      none_stated: [{regex: '未发生[^。]{0,6}行政诉讼'}]          # none this year: answered
      not_applicable: [不设行政执法机构]                         # the duty does not apply
      ignore_sections: [plan, shortcomings]           # goals and problems are not the year's work
      weak_in: [shortcomings]                         # ...but figures given there are a weak report
      anchor: measures                                # the part a comment on a misplaced mention points to

Counts are read with the shared figure extractor (checker.figures): a count belongs to the
subject phrase nearest to it in its clause, and 均/全部 after a whole count make the part equal
to it (案件3件，均由负责人出庭 → 3 of 3).

pass            a rate (stated, or computed from part and whole) at or above target; a lower rate
                whose reason is given in its sentence or the rest of its paragraph; or a statement
                that there were none this year
weak            a rate below target without a reason; a stated rate that the counts contradict;
                counts without a total or rate; the name without any figure; or the name only in a
                skipped part that gives figures
missing         the indicator is not named in the year's work (the message says where it was named)
not_applicable  the report states the duty does not apply to it
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Mapping

from checker.document import Document
from checker.figures import COUNT, RATE, Bound, bind, fmt
from checker.kinds.scope import mentioned_elsewhere, statement, year_sentences
from checker.locate import Locator, lines_outside
from checker.match import Phrase, Sentence, compile_phrases, evidence, first_match, sentence_indices
from checker.results import Finding, Status

KIND = "indicator"
MEANING = {"pass": "写明了比率或件数且达标，或说明了未达标的原因，或写明本年度没有此类案件",
           "weak": "只提到指标而无数字，只有件数而无总数或比率，低于目标且未说明原因，或比率与件数不一致",
           "missing": "本年度工作中没有这一指标（只在下一年度安排或存在的不足中提到也算）",
           "not_applicable": "报告写明这一要求对本单位不适用"}
PART_KEYS = ("anchor", "ignore_sections", "weak_in")
_AGREE = 0.5  # percentage points within which a stated rate and its counts agree (rounding)


@dataclass(frozen=True)
class Params:
    """Every parameter and its default, in one place."""

    names: tuple[Phrase, ...]
    target: float = 100.0  # the law sets a duty, not a rate; 100% is what reports state
    excuses: tuple[Phrase, ...] = ()
    part: tuple[Phrase, ...] = ()
    whole: tuple[Phrase, ...] = ()
    none_stated: tuple[Phrase, ...] = ()
    not_applicable: tuple[Phrase, ...] = ()
    ignore_sections: tuple[Locator, ...] = ()
    weak_in: tuple[Locator, ...] = ()
    anchor: Locator | None = None


def build_params(raw: Mapping[str, Any], sections: Mapping[str, Locator]) -> Params:
    given: dict[str, Any] = {"names": compile_phrases(raw["names"])}
    counts = raw.get("counts", {})
    for key in ("part", "whole"):
        if key in counts:
            given[key] = compile_phrases(counts[key])
    for key in ("excuses", "none_stated", "not_applicable"):
        if key in raw:
            given[key] = compile_phrases(raw[key])
    for key in ("ignore_sections", "weak_in"):
        if key in raw:
            given[key] = tuple(sections[name] for name in raw[key])
    if "target" in raw:
        given["target"] = float(raw["target"])
    if "anchor" in raw:
        given["anchor"] = sections[raw["anchor"]]
    assert set(given) <= {f.name for f in fields(Params)}
    return Params(**given)


@dataclass(frozen=True)
class Reading:
    """What one sentence states about the indicator."""

    sentence: Sentence
    stated: Bound | None = None  # a rate written out
    part: Bound | None = None
    whole: Bound | None = None
    all_done: bool = False  # 均/全部 after the whole count

    @property
    def computed(self) -> float | None:
        if self.whole is None or not self.whole.figure.value:
            return None
        if self.all_done and self.part is None:
            return 100.0
        if self.part is None or self.part.figure.unit != self.whole.figure.unit:
            return None
        done, total = self.part.figure.value or 0, self.whole.figure.value
        return 100.0 * done / total if done <= total else None


def check(doc: Document, params: Params) -> Finding:
    lines = lines_outside(doc, doc.lines, params.ignore_sections)
    answered = statement(doc, lines, params.none_stated, params.not_applicable)
    if answered is not None:
        return answered
    year = year_sentences(doc, lines, params.ignore_sections)
    names = sentence_indices(year, params.names)
    named = [year[i] for i in names]
    # "应出庭15件，实际出庭14件" gives the rate without naming the indicator in full
    counted = set(sentence_indices(year, params.whole)).intersection(sentence_indices(year, params.part))
    named += [year[i] for i in sorted(counted.difference(names)) if _read(year[i], params).computed is not None]
    if not named:
        elsewhere = mentioned_elsewhere(doc, params.names, params.ignore_sections, params.weak_in, params.anchor)
        return elsewhere or Finding(Status.MISSING, "报告中没有写这一指标")
    readings = [_read(s, params) for s in named]
    gaps: list[Finding] = []
    for reading in readings:
        finding = _judge(reading, params)
        if finding is not None and finding.status is Status.PASS:
            return finding
        if finding is not None:
            gaps.append(finding)
    if gaps:
        return gaps[0]
    counted = next((r for r in readings if r.part or r.whole), None)
    if counted is not None:
        bound = counted.part or counted.whole
        return Finding(Status.WEAK, f"写明了“{_quote(counted.sentence.text, bound)}”，但没有总数或比率，看不出是否全部做到",
                       (evidence(counted.sentence.line, focus=bound.figure.text),))
    first = named[0]
    name = first_match(first.text, params.names).group(0)
    return Finding(Status.WEAK, f"只提到“{name}”，没有件数或比率", (evidence(first.line, focus=name),))


def _read(sentence: Sentence, params: Params) -> Reading:
    subjects = {"part": [p.pattern for p in params.names + params.part],
                "whole": [p.pattern for p in params.whole]}
    stated = part = whole = None
    all_done = False
    for item in bind(sentence.text, subjects):
        kind = item.figure.kind
        if kind == RATE and item.role == "part":
            stated = stated or item
        elif kind == COUNT and item.role == "part":
            part = part or item
        elif kind == COUNT and item.role == "whole":
            whole = whole or item
        elif item.figure.is_total and item.role == "part" and whole is not None:
            all_done = True
    return Reading(sentence, stated, part, whole, all_done)


def _judge(reading: Reading, params: Params) -> Finding | None:
    """The finding one sentence supports, or None when it states no rate."""
    computed = reading.computed
    stated = reading.stated.figure.value if reading.stated else None
    proof = (evidence(reading.sentence.line, focus=_focus(reading)),)
    counts = _counts(reading)
    if stated is not None and computed is not None and abs(stated - computed) > _AGREE:
        return Finding(Status.WEAK, f"写明比率为{fmt(stated)}%，但按所列件数（{counts}）计算为{fmt(computed)}%，"
                       "两者不一致，请核对", proof)
    rate = stated if stated is not None else computed
    if rate is None:
        return None
    said = f"写明为{fmt(rate)}%" if stated is not None else f"按所列件数（{counts}）计算为{fmt(rate)}%"
    if rate >= params.target:
        return Finding(Status.PASS, said, proof)
    reason = _excuse(reading.sentence, params)
    if reason:
        return Finding(Status.PASS, f"{said}，并说明了未达{fmt(params.target)}%的原因（“{reason}”）", proof)
    return Finding(Status.WEAK, f"{said}，低于{fmt(params.target)}%，未说明原因", proof)


def _counts(reading: Reading) -> str:
    """"15件中14件", or "3件全部" when 均/全部 stands for the part."""
    if reading.whole is None:
        return ""
    if reading.part is None:
        return f"{reading.whole.figure.text}全部"
    return f"{reading.whole.figure.text}中{reading.part.figure.text}"


def _excuse(sentence: Sentence, params: Params) -> str | None:
    """A reason for the shortfall in the sentence or in the rest of its paragraph."""
    text = sentence.line.norm
    rest = text[text.find(sentence.text):] if sentence.text in text else sentence.text
    found = first_match(rest, params.excuses) if params.excuses else None
    return found.group(0) if found else None


def _quote(text: str, bound: Bound) -> str:
    start = min(bound.subject_start, bound.figure.start)
    end = max(bound.subject_start + len(bound.subject), bound.figure.end)
    return text[start:end] if end - start <= 24 else f"{bound.subject}……{bound.figure.text}"


def _focus(reading: Reading) -> str:
    bound = reading.stated or reading.part or reading.whole
    return bound.figure.text if bound else reading.sentence.text[:40]
