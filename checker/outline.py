"""The heading grammar of these reports (一、 （一） 1. （1）) and the section tree it gives."""
from __future__ import annotations

import re
from dataclasses import dataclass

from checker.numbers import chinese_to_int
from checker.text import Line

_CN = "一二三四五六七八九十百零〇两"
# (style, regex) in outline rank order; a heading's level is its style's rank, and its parent
# is the nearest earlier heading of a higher rank.
STYLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("part", re.compile(rf"^第([{_CN}]+|\d+)部分[、.:：\s]*")),
    ("cn", re.compile(rf"^([{_CN}]+)[、.．]\s*")),
    ("paren_cn", re.compile(rf"^[(（]([{_CN}]+)[)）]\s*")),
    ("arabic", re.compile(r"^(\d{1,2})(?:[、．]|\.(?!\d))\s*")),
    ("paren_arabic", re.compile(r"^[(（](\d{1,2})[)）]\s*")),
    ("circled", re.compile(r"^([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*")),
)
LEVEL = {style: rank for rank, (style, _) in enumerate(STYLES)}
# 一是…二是… inside a paragraph: items of a list, not headings.
_INLINE_ITEM = re.compile(rf"(?:^|[。；;，,：:\s])([{_CN}]+)是(?=[^的])")
_TITLE_END = re.compile(r"[。；;!！?？]")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# A heading-looking line longer than this with no sentence end is a paragraph that happens to
# start with a number, e.g. "1、" lists inside prose still count; 200 chars of prose do not.
_MAX_BARE_HEADING = 80
_OPENERS = frozenset("第" + _CN + "(（" + _CIRCLED)


@dataclass(frozen=True)
class Heading:
    """A numbered heading line: its level, number and words."""

    line: Line
    style: str
    level: int
    ordinal: int | None
    marker: str  # as written: "一、", "（四）"
    title: str  # the heading's words, up to the first sentence end
    rest: str  # what follows the title on the same line (run-in heading)


@dataclass(frozen=True)
class Section:
    """A heading with its lines and the parts below it."""

    heading: Heading
    lines: tuple[Line, ...]  # the heading line and every line up to the next heading of its level or higher
    children: tuple["Section", ...]

    @property
    def title(self) -> str:
        return self.heading.title

    @property
    def level(self) -> int:
        return self.heading.level

    @property
    def body_text(self) -> str:
        """The words under the heading: its run-in rest and all following lines."""
        return "".join([self.heading.rest] + [line.norm for line in self.lines[1:]])

    @property
    def body_lines(self) -> tuple[Line, ...]:
        return self.lines if self.heading.rest else self.lines[1:]

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def parse_heading(line: Line) -> Heading | None:
    """The heading a line starts with, if any."""
    norm = line.norm
    # every style opens with 第, a numeral, a bracket or a circled number: most lines are ruled out by their
    # first character without running the six patterns (isdecimal is what \d matches)
    first = norm[:1]
    if first not in _OPENERS and not first.isdecimal():
        return None
    for style, pattern in STYLES:
        found = pattern.match(norm)
        if not found:
            continue
        after = norm[found.end():]
        if not after or after[0] in "是个项年月日%":  # 一是, 十个, 2023年 are not headings
            return None
        end = _TITLE_END.search(after)
        title, rest = (after[: end.start()], after[end.end():]) if end else (after, "")
        if not end and len(after) > _MAX_BARE_HEADING:
            return None
        return Heading(line=line, style=style, level=LEVEL[style], ordinal=_ordinal(found.group(1)),
                       marker=norm[: found.end()].strip(), title=title.strip(), rest=rest.strip())
    return None


def _ordinal(token: str) -> int | None:
    # isdecimal, not isdigit: ① is a digit to Python but not a decimal, and int() takes only decimals
    if token.isdecimal():
        return int(token)
    if token in _CIRCLED:
        return _CIRCLED.index(token) + 1
    return chinese_to_int(token)


def parse_outline(lines: tuple[Line, ...]) -> tuple[Section, ...]:
    """Build the section tree from the lines; lines before the first heading belong to no section."""
    headings = [(index, heading) for index, line in enumerate(lines) if (heading := parse_heading(line))]
    return _build(lines, headings, 0, len(headings))


def _build(lines: tuple[Line, ...], headings: list[tuple[int, Heading]], start: int, stop: int) -> tuple[Section, ...]:
    sections = []
    position = start
    while position < stop:
        index, heading = headings[position]
        end = position + 1
        while end < stop and headings[end][1].level > heading.level:
            end += 1
        last_line = headings[end][0] if end < len(headings) else len(lines)
        children = _build(lines, headings, position + 1, end)
        sections.append(Section(heading=heading, lines=lines[index:last_line], children=children))
        position = end
    return tuple(sections)


def inline_items(text: str) -> list[int]:
    """The ordinals of 一是、二是 … items in a paragraph, in order."""
    return [n for token in _INLINE_ITEM.findall(text) if (n := chinese_to_int(token)) is not None]
