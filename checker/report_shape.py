"""Whether a file is one annual report on building rule-of-law government at all, judged from its text.

A note, a meeting notice, a list of tasks, a table of contents, another subject's work summary, or
several reports pasted into one file would otherwise be scored rule by rule as a very poor report and
ranked among the real ones. The signals, each read from the text: the vocabulary of these reports
(法治、依法行政、行政执法 …) in the title and the body; the length; how many statutory parts the rule
set's locators find; the marks of other document types (通知's 会议时间/参会人员, a 目录 with page
numbers, bare list items); and report titles or sign-offs (落款) that repeat within the file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping, Sequence

from checker import facts
from checker.document import Document
from checker.labels import PART_LABEL
from checker.locate import Locator, find_section
from checker.results import NotAReport
from checker.text import Line

# The parts every annual report has (督察规定's contents); the rule set's locators find them.
STATUTORY_PARTS = ("measures", "shortcomings", "first-responsible", "plan")
# Below this many characters of body text, nothing is an annual report (the shortest real ones run to
# a few thousand; our shortest sample with every part is about 400).
MIN_CHARS = 200
# Below this length a text must show at least two of the statutory parts to be read as a report.
SHORT_CHARS = 600
# A report speaks of rule of law throughout (real ones: 20–45 mentions per thousand characters); a
# title on another subject and fewer than this many per thousand make it a report on something else.
MIN_TOPIC_DENSITY = 8.0
MIN_TOPIC_HITS = 3

# Words of rule-of-law government itself; general legal words (法律法规) appear in any work summary.
_TOPIC = re.compile(r"法治|依法|法制|普法|行政执法|执法监督|行政复议|行政诉讼|出庭应诉|法律顾问|合法性审查|合法性审核"
                    r"|规范性文件|行政决策")
_TITLE_TOPIC = re.compile(r"法治|依法行政|依法治|法制")
# A report's title: a short line naming a report or summary (……法治政府建设情况的报告, ……工作总结).
_REPORT_TITLE = re.compile(r"(报告|总结)$|(报告|总结)[（(][^）)]*[）)]$")
_NOT_TITLE = re.compile(r"[。；;，,：:]$|^(现将|特此|专此|以上)|如下")
_HEADING_START = re.compile(r"^([一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[、.．])")
_TOP_HEADING = re.compile(r"^一[、.．]")
_ATTACHMENT = re.compile(r"^附(件|表)")
# The marks of a notice: its title, and the fields of a meeting notice.
_NOTICE_TITLE = re.compile(r"(通知|通告|公告|邀请函|请示|批复|函)$")
_NOTICE_FIELD = re.compile(r"会议时间|会议地点|参会人员|参加人员|参会对象|会议议程|报到时间|报到地点|联系人|联系电话|回执")
# A table of contents: a 目录 heading, entries ending in a page number after leaders.
_CONTENTS_HEAD = re.compile(r"^目\s*录$")
_CONTENTS_ENTRY = re.compile(r"(\.{3,}|…{2,}|·{3,}|-{4,}|_{4,}|\s)\s*\d{1,3}$")
_LIST_ITEM = re.compile(r"^(\d{1,3}[、.．)）]|[(（]\d{1,3}[)）]|[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）]"
                        r"|[-•·●○■□◆※*]|[①②③④⑤⑥⑦⑧⑨⑩])")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Shape:
    """What the detection measured, for its reasons and for calibration."""

    chars: int  # body characters, spaces left out (title and 落款 not counted)
    topic_hits: int
    parts: tuple[str, ...]  # the statutory parts found
    titles: tuple[Line, ...]  # lines that read as a report's title
    signoffs: tuple[Line, ...]  # date lines of a 落款 before the end that another report follows

    @property
    def density(self) -> float:
        return 1000 * self.topic_hits / self.chars if self.chars else 0.0


def assess(doc: Document, sections: Mapping[str, Locator]) -> NotAReport | None:
    """None for a report; else what the file is instead, in words a clerk understands."""
    shape = measure(doc, sections)
    for judge in (_concatenated, _contents, _notice, _item_list, _too_short, _other_topic):
        found = judge(doc, shape)
        if found is not None:
            return found
    return None


def measure(doc: Document, sections: Mapping[str, Locator]) -> Shape:
    ends = {line.number for line in (doc.signed_by, doc.signed_on) if line is not None}
    body = [line for line in doc.lines if line.number not in ends and line.norm != doc.title]
    chars = sum(len(_SPACES.sub("", line.norm)) for line in body)
    hits = sum(len(_TOPIC.findall(line.norm)) for line in doc.lines)
    parts = tuple(name for name in STATUTORY_PARTS if name in sections and find_section(doc, sections[name]))
    return Shape(chars=chars, topic_hits=hits, parts=parts, titles=_titles(doc.lines),
                 signoffs=_inner_signoffs(doc.lines))


def _titles(lines: Sequence[Line]) -> tuple[Line, ...]:
    return tuple(line for line in lines if _is_report_title(line.norm))


def _is_report_title(text: str) -> bool:
    return (len(text) <= 60 and bool(_REPORT_TITLE.search(text)) and bool(_TITLE_TOPIC.search(text))
            and not _NOT_TITLE.search(text) and not _HEADING_START.match(text))


def _inner_signoffs(lines: Sequence[Line]) -> tuple[Line, ...]:
    """Date lines of a 落款 (a body's name, then the date) that a new report follows: its own 一、 heading."""
    last_top = max((i for i, line in enumerate(lines) if _TOP_HEADING.match(line.norm)), default=-1)
    found = []
    for index in range(1, min(len(lines) - 2, last_top)):
        line = lines[index]
        if not facts.is_date_line(line.norm) or not facts.looks_like_issuer(lines[index - 1].norm):
            continue
        if _ATTACHMENT.match(lines[index + 1].norm):
            continue  # an attachment after the 落款 belongs to the report
        found.append(line)
    return tuple(found)


def _chars_after(lines: Sequence[Line], start: Line) -> int:
    return sum(len(_SPACES.sub("", line.norm)) for line in lines if line.number > start.number)


def _quote(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _concatenated(doc: Document, shape: Shape) -> NotAReport | None:
    titles = shape.titles
    # Two report titles count when the first report ends (a 落款 date) before the second begins.
    dated = [line for line in doc.lines if facts.is_date_line(line.norm)]
    repeated = (len(titles) >= 2 and any(titles[0].number < d.number < titles[-1].number for d in dated)
                and _chars_after(doc.lines, titles[-1]) >= MIN_CHARS)  # not a "related reports" link at the end
    if not repeated and not shape.signoffs:
        return None
    if repeated:
        named = "、".join(f"第{t.number}行“{_quote(t.norm)}”" for t in titles[:3])
        count = len(titles)
        what = f"文件中有{count}个报告标题（{named}）"
    else:
        count = len(shape.signoffs) + 1
        named = "、".join(f"第{d.number}行" for d in shape.signoffs[:3])
        what = f"文件中间有落款日期（{named}），其后又是一份从“一、”开始的报告"
    issuers = _issuers(doc, shape)
    whose = f"，分属{'、'.join(issuers)}" if len(issuers) > 1 else ""
    return NotAReport("concatenated", f"{what}{whose}：这是{count}份报告合在一个文件里，不能当作一份报告评分；"
                                      "请把每份报告拆成单独的文件后再检查")


def _issuers(doc: Document, shape: Shape) -> list[str]:
    """The bodies named in the report titles and 落款 of the file, in order, each once (at most a few shown)."""
    names: dict[str, None] = {}
    for line in shape.titles:
        name = facts.title_issuer(line.norm)
        if name:
            names[name] = None
    ends = {line.number for line in shape.signoffs} | ({doc.signed_on.number} if doc.signed_on else set())
    for index, line in enumerate(doc.lines):
        if line.number in ends and index and facts.looks_like_issuer(doc.lines[index - 1].norm):
            names[doc.lines[index - 1].norm] = None
    return list(names)[:4]


def _contents(doc: Document, shape: Shape) -> NotAReport | None:
    # An entry ends in a digit (\d is a decimal digit): other lines are not searched, which took the pattern
    # through every character of the report.
    entries = [line for line in doc.lines if line.norm[-1:].isdecimal() and _CONTENTS_ENTRY.search(line.norm)
               and len(line.norm) <= 80 and not line.norm.endswith("。")]
    has_head = any(_CONTENTS_HEAD.match(line.norm) for line in doc.lines[:5])
    if len(entries) < 3 and not (has_head and len(entries) >= 1):
        return None
    listed = {line.number for line in entries}
    prose = sum(len(_SPACES.sub("", line.norm)) for line in doc.lines
                if line.number not in listed and not _HEADING_START.match(line.norm) and "。" in line.norm)
    if prose >= MIN_CHARS:
        return None  # a report that opens with its own table of contents
    return NotAReport("contents", f"文件只有目录（{len(entries)}个带页码的条目），没有各部分的正文；"
                                  "请检查完整的报告全文")


def _notice(doc: Document, shape: Shape) -> NotAReport | None:
    # A notice's title names no report, so the document model may not have taken it for the title.
    heading = doc.title or (doc.lines[0].norm if doc.lines and len(doc.lines[0].norm) <= 60 else "")
    title_says = bool(heading and _NOTICE_TITLE.search(heading))
    fields = {m.group(0) for line in doc.lines for m in _NOTICE_FIELD.finditer(line.norm)}
    if not (title_says or len(fields) >= 3) or len(shape.parts) >= 3:
        return None
    what = f"标题“{_quote(heading)}”" if title_says else f"文中有{'、'.join(sorted(fields)[:4])}"
    return NotAReport("notice", f"{what}，这是一份通知或公文；"
                                "请检查报告本身（应包括主要举措和成效、存在的不足、下一年度安排等部分）")


def _item_list(doc: Document, shape: Shape) -> NotAReport | None:
    ends = {line.number for line in (doc.signed_by, doc.signed_on) if line is not None}
    body = [line for line in doc.lines if line.number not in ends and line.norm != doc.title]
    items = [line for line in body if _LIST_ITEM.match(line.norm) and "。" not in line.norm and len(line.norm) <= 50]
    sentences = sum(line.norm.count("。") for line in body)
    if len(items) < 5 or len(items) < 0.7 * len(body) or sentences > 2:
        return None
    return NotAReport("list", f"文件是{len(items)}条简短条目的清单，几乎没有成句的叙述；"
                              "请检查逐项写明举措、成效、不足和安排的报告全文")


def _too_short(doc: Document, shape: Shape) -> NotAReport | None:
    if shape.chars >= SHORT_CHARS or (shape.chars >= MIN_CHARS and len(shape.parts) >= 2):
        return None
    return NotAReport("too_short", f"正文只有{shape.chars}字，{_parts(shape)}，篇幅远不够一份年度报告"
                                   "（应分部分写明主要举措和成效、存在的不足和原因、第一责任人履职情况、下一年度安排）；"
                                   "请检查是否只是说明、便函或报告的片段")


def _parts(shape: Shape) -> str:
    if not shape.parts:
        return "找不到任何法定部分"
    if len(shape.parts) == len(STATUTORY_PARTS):
        return "各部分都只有寥寥数语"
    return "只找到" + "、".join(PART_LABEL.get(name, name) for name in shape.parts)


def _other_topic(doc: Document, shape: Shape) -> NotAReport | None:
    if doc.title and _TITLE_TOPIC.search(doc.title):
        return None
    if shape.topic_hits >= MIN_TOPIC_HITS and shape.density >= MIN_TOPIC_DENSITY:
        return None
    subject = f"标题“{_quote(doc.title)}”不是法治政府建设方面的，" if doc.title else ""
    return NotAReport("other_topic", f"{subject}全文{shape.chars}字中与法治政府建设有关的用语只有{shape.topic_hits}处，"
                                     "这是其他工作的报告或总结；请检查是否选错了文件")
