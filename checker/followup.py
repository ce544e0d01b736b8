"""Follow-through on last year's plan: its items, and whether this year's measures mention each.

An item is the words of one 一是/二是 clause, one numbered sub-heading or numbered line of the plan.
Its trace is looked for by its key words: the item's 4-character pieces left after the verbs and
slogans every plan uses (加强、推进、深入、进一步 …) are removed; an item is followed up when this
year's measures contain at least TRACED_SHARE of them, or MIN_PIECES of them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from checker.outline import inline_items, parse_heading
from checker.text import Line

TRACED_SHARE = 0.4
MIN_PIECES = 5
PIECE = 4
ITEM_CHARS = 40  # an item's key words come from its first clause; the rest is elaboration
# Words any plan item may use, which say nothing of what it is about.
_GENERIC = re.compile(
    "进一步|持续|不断|深入|全面|切实|大力|着力|扎实|认真|积极|继续|坚持|加强|加大|加快|强化|深化|推进|推动|推行|"
    "完善|健全|提升|提高|落实|抓好|做好|抓实|开展|加以|围绕|聚焦|重点|工作|建设|水平|能力|力度|机制|体系|"
    "法治政府|依法行政|法治|全力|努力|确保|坚决|全县|全市|全区|全镇|全省|我县|我市|我区|我镇|我局|本单位|"
    "年度|明年|下一步|今年|一是|二是|三是|四是|五是|六是|七是|八是|九是|十是"
)
_NOISE = re.compile(r"[^\w]|_|\d", re.U)
_ITEM_SPLIT = re.compile(r"(?:^|[。；;，,：:\s])(?=[一二三四五六七八九十]+是)")
_NUMBERED_LINE = re.compile(r"^\s*(?:\d{1,2}[、.．]|[(（]\d{1,2}[)）]|[(（][一二三四五六七八九十]+[)）])")


@dataclass(frozen=True)
class Trace:
    """One item of last year's plan, and whether this year's measures mention it."""

    item: str
    followed: bool


def plan_items(lines: Sequence[Line]) -> tuple[str, ...]:
    """The items of a plan part (its heading line first): sub-headings, numbered lines, or 一是/二是 clauses."""
    items: list[str] = []
    for line in lines[1:]:
        heading = parse_heading(line)
        if heading:
            items.append(heading.title + heading.rest)
        elif _NUMBERED_LINE.match(line.norm):
            items.append(_NUMBERED_LINE.sub("", line.norm))
        elif len(inline_items(line.norm)) >= 2:
            items.extend(piece.split("是", 1)[1] for piece in _ITEM_SPLIT.split(line.norm)
                         if re.match("[一二三四五六七八九十]+是", piece))
    return tuple(item.strip()[:120] for item in items if len(key_pieces(item)) >= 1)


def key_pieces(item: str) -> set[str]:
    """The 4-character pieces of an item's first clause, generic words removed."""
    core = _GENERIC.sub("|", _NOISE.sub("", item[:ITEM_CHARS]))
    return {chunk[i:i + PIECE] for chunk in core.split("|") if len(chunk) >= PIECE
            for i in range(len(chunk) - PIECE + 1)}


def traced(item: str, measures: str) -> bool:
    pieces = key_pieces(item)
    hits = sum(1 for piece in pieces if piece in measures)
    return bool(pieces) and (hits >= MIN_PIECES or hits / len(pieces) >= TRACED_SHARE)


def follow_up(items: Sequence[str], measures: str) -> list[Trace]:
    """Each item of last year's plan and whether this year's measures text mentions it."""
    text = _NOISE.sub("", measures)
    return [Trace(item, traced(item, text)) for item in items]
