"""Figures a sentence states (counts, rates, totals) and the subject each one counts.

One extractor for every check kind. It works on normalised text (half-width digits and
punctuation) and keeps offsets, so a caller can quote or bind what it found:

    extract("列入《某规划》《某方案》等6项事项,已作出决策5项,均履行法定程序")
        → 6项 (count), 5项 (count), 均 (total)
    bind(text, {"decisions": [决策]}) → each figure with the subject phrase it belongs to

A count belongs to the nearest subject phrase within its clause, not to the nearest number in
the sentence; a clause that names nothing of its own ("共3件", "列入《…》等6项") continues the
subject of the clause before it.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping, Sequence

from checker.numbers import chinese_percent, chinese_to_int

COUNT, RATE, TOTAL = "count", "rate", "total"

# Units reports count in; longer first so 件次 wins over 件.
UNITS = ("件次", "人次", "家次", "小时", "件", "项", "次", "条", "个", "场", "名", "人", "份", "家", "起", "宗",
         "期", "篇", "部", "批", "户", "单", "套", "本", "类", "所", "支", "处", "册", "轮", "天", "日", "元")
# Units a Chinese numeral may carry; 人/日/天/元 after 一二三 are mostly words, not counts.
CHINESE_UNITS = ("件次", "人次", "件", "项", "次", "场", "名", "条", "个", "份", "家", "起", "宗", "期", "篇", "批",
                 "轮")
_UNIT = "|".join(UNITS)
_CN_UNIT = "|".join(CHINESE_UNITS)
_CN_DIGITS = "〇零一二两三四五六七八九十百千万"
_ARABIC = re.compile(rf"(?<![\d.])(\d+(?:\.\d+)?)(万|亿)?[余多]?({_UNIT}|%)")
_CHINESE = re.compile(rf"(?<![{_CN_DIGITS}第\d.])([〇零一二两三四五六七八九十][{_CN_DIGITS}]*)[余多]?({_CN_UNIT})")
_PERCENT_WORDS = re.compile(r"百分之[〇零一二两三四五六七八九十百点]+")
# 均 and 全部 say "all of them": 均由负责人出庭应诉, 全部依法审结. Not 平均, 人均, 均衡, 全部门.
_TOTAL = re.compile(r"(?<![平人户年日月])均(?![衡等值匀])|全部(?!门)|全数")
# Numbers that name rather than count: short quoted names (“两个维护”), ordinals (第三次),
# titles of documents (《…2024年…》), dates (3月15日) and fixed slogans written without quotes.
_NAMING = re.compile(r"[“\"‘「『][^”\"’」』]{1,10}[”\"’」』]|第[\d一二三四五六七八九十百千零〇两]+|《[^》]{0,60}》"
                     r"|\d{1,2}月\d{1,2}日"
                     r"|三项制度|两个维护|两个确立|四个意识|四个自信|一件事|一次办|一次性|一个窗口|两个责任")
_LONE_ONE_END = re.compile(r"[,;:。!?、)]|$")
_CLAUSE = re.compile(r"[^,;:。!?]+")
# A clause whose words before its first figure are this short (once titles and numbers are
# masked) names nothing of its own: 共3件, 列入《…》等6项, 受理112件.
_CONTINUATION_HEAD = 4
_JOINED = re.compile(r"\s*(并且|并|且|同时)")
_NOT_A_NAME = re.compile(r"[\s\d.]|等")  # masked names, numbers and 等 say nothing of a clause's own
_FORWARD_GAP = 2  # characters between a count and a subject written after it (3件行政规范性文件)


@dataclass(frozen=True)
class Figure:
    """A figure as written in a sentence: a count, a rate or a total word, and where it stands."""

    text: str  # as written in the normalised text: "6项", "100%", "均"
    value: float | None  # None for a total word
    unit: str  # "项", "%", "" for a total word
    kind: str  # COUNT, RATE or TOTAL
    start: int
    end: int

    @property
    def is_total(self) -> bool:
        """均/全部, or a rate of 100 %: all of the counted things."""
        return self.kind == TOTAL or (self.kind == RATE and self.value is not None and self.value >= 100)


@dataclass(frozen=True)
class Bound:
    """A figure with the subject it counts."""

    figure: Figure
    role: str  # the key of the subject group it counts
    subject: str  # the subject phrase as written
    subject_start: int


@lru_cache(maxsize=1024)
def mask_names(text: str) -> str:
    """The text with naming numbers blanked out, offsets unchanged."""
    return _NAMING.sub(lambda m: " " * len(m.group(0)), text)


def extract(text: str) -> list[Figure]:
    """Every count, rate and total in the text, in order."""
    return list(_extract(text))


@lru_cache(maxsize=1024)  # every indicator rule reads the same sentences again
def _extract(text: str) -> tuple[Figure, ...]:
    masked = mask_names(text)
    found: list[Figure] = []
    for m in _ARABIC.finditer(masked):
        number, big, unit = m.group(1), m.group(2), m.group(3)
        value = float(number) * {None: 1, "万": 10_000, "亿": 100_000_000}[big]
        found.append(Figure(m.group(0), value, unit, RATE if unit == "%" else COUNT, m.start(), m.end()))
    for m in _CHINESE.finditer(masked):
        token, unit = m.group(1), m.group(2)
        if token == "一" and not _LONE_ONE_END.match(masked, m.end()):
            continue  # 一项重要, 一次会议: an article, not a count
        value = chinese_to_int(token)
        if value is None:
            continue
        found.append(Figure(m.group(0), float(value), unit, COUNT, m.start(), m.end()))
    for m in _PERCENT_WORDS.finditer(masked):
        value = chinese_percent(m.group(0))
        if value is not None:
            found.append(Figure(m.group(0), value, "%", RATE, m.start(), m.end()))
    for m in _TOTAL.finditer(masked):
        found.append(Figure(m.group(0), None, "", TOTAL, m.start(), m.end()))
    kept: list[Figure] = []
    for figure in sorted(found, key=lambda f: (f.start, -f.end)):
        if not kept or figure.start >= kept[-1].end:
            kept.append(figure)
    return tuple(kept)


def numeric(text: str) -> list[Figure]:
    """The counts and rates (not the total words) a text states."""
    return [f for f in _extract(text) if f.kind != TOTAL]


def bind(text: str, subjects: Mapping[str, Sequence[re.Pattern[str]]]) -> list[Bound]:
    """The figures of a sentence that count one of the subjects, each with its subject.

    Within a clause a count goes to the nearest subject before it ("行政诉讼案件3件"), or to one
    right after it ("3件行政规范性文件"); a total word goes to every subject after it in its clause
    ("均经合法性审核并按时报备") and on into a following clause that opens with 并/且/同时 and
    states no figure of its own, or else to the one before it.
    A clause with no subject and a short head before its first figure continues the previous
    clause's last subject (a total word does not: 均履行法定程序 says how, not how many).
    """
    figures = _extract(text)
    if not figures:  # nothing to bind (most sentences that name a subject give no figure)
        return []
    masked = mask_names(text)
    matches = _subject_matches(masked, subjects)
    result: list[Bound] = []
    carried: tuple[str, str, int] | None = None
    total: Figure | None = None  # a 均 that reaches on into a clause opening with 并/且/同时
    match_starts = [s[2] for s in matches]
    figure_starts = [f.start for f in figures]
    for clause in _CLAUSE.finditer(masked):
        inside = matches[bisect_left(match_starts, clause.start()):bisect_left(match_starts, clause.end())]
        own = figures[bisect_left(figure_starts, clause.start()):bisect_left(figure_starts, clause.end())]
        if total is not None and not own and _JOINED.match(masked, clause.start()):
            result += [Bound(total, s[0], s[1], s[2]) for s in inside]
        else:
            total = None
        # the clause names nothing before its first figure: it goes on with the clause before
        continues = bool(own) and carried is not None and _continues(masked, clause.start(), own[0])
        starts = [s[2] for s in inside]
        ends = [s[2] + len(s[1]) for s in inside]  # kept subjects do not overlap: ends are sorted too
        for index, figure in enumerate(own):
            first_after = bisect_left(starts, figure.end)
            last_before = bisect_right(ends, figure.start) - 1
            if figure.kind == TOTAL:
                total = figure
                # 均经合法性审核并按时报备: all of them, for everything the clause says up to its next figure
                limit = own[index + 1].start if index + 1 < len(own) else clause.end()
                after = inside[first_after:bisect_left(starts, limit)]
                before = inside[last_before:last_before + 1] if last_before >= 0 else []
                result += [Bound(figure, s[0], s[1], s[2]) for s in (after or before)]
                continue
            prev = inside[last_before] if last_before >= 0 else None
            nxt = inside[first_after] if first_after < len(inside) else None
            subject = _nearest(figure, prev, nxt)
            if subject is None and continues:
                subject = carried
            if subject is not None:
                result.append(Bound(figure, subject[0], subject[1], subject[2]))
        if inside:
            carried = inside[-1]
    return result


def _subject_matches(text: str, subjects: Mapping[str, Sequence[re.Pattern[str]]]) -> list[tuple[str, str, int]]:
    """(role, phrase, start) for every subject phrase, a longer match hiding any it overlaps."""
    spans = []
    for role, patterns in subjects.items():
        for pattern in patterns:
            spans += [(m.start(), m.end(), role, m.group(0)) for m in pattern.finditer(text) if m.end() > m.start()]
    kept: list[tuple[int, int, str, str]] = []
    for cluster in _overlapping(sorted(spans)):
        chosen: list[tuple[int, int, str, str]] = []
        for span in sorted(cluster, key=lambda s: (-(s[1] - s[0]), s[0])):
            if all(span[1] <= k[0] or span[0] >= k[1] for k in chosen):
                chosen.append(span)
        kept += chosen
    return [(role, phrase, start) for start, _, role, phrase in sorted(kept)]


def _overlapping(spans: list[tuple[int, int, str, str]]) -> list[list[tuple[int, int, str, str]]]:
    """Spans (sorted by start) in runs that overlap one another; only within a run can one hide another."""
    runs: list[list[tuple[int, int, str, str]]] = []
    end = -1
    for span in spans:
        if span[0] < end:
            runs[-1].append(span)
            end = max(end, span[1])
        else:
            runs.append([span])
            end = span[1]
    return runs


def _nearest(figure: Figure, prev: tuple[str, str, int] | None,
             nxt: tuple[str, str, int] | None) -> tuple[str, str, int] | None:
    """The subject before a count, or the one right behind it when that one is closer."""
    # A subject after its count stands right behind it: 3件行政规范性文件, 6项重大行政决策.
    if nxt is not None and nxt[2] - figure.end <= _FORWARD_GAP and (
            prev is None or figure.start - (prev[2] + len(prev[1])) > _FORWARD_GAP):
        return nxt
    return prev


def _continues(masked: str, clause_start: int, figure: Figure) -> bool:
    head = _NOT_A_NAME.sub("", masked[clause_start:figure.start])
    return len(head) <= _CONTINUATION_HEAD and "率" not in head


def fmt(value: float) -> str:
    """12.0 → "12", 93.33 → "93.3"."""
    return f"{round(value, 1):g}"
