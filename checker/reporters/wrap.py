"""Line breaking for Chinese text in a terminal: by display width, never inside a number, date, rule id or ……,
and never with 。，、 at the start of a line or “（ at its end (the rules a Chinese typesetter follows)."""
from __future__ import annotations

import re
import unicodedata

# Units that stay whole: dates, places (第12行), figures with their unit signs, rule ids and paths, ellipses.
_UNIT = re.compile(
    r"\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{2}-\d{2}|第\d+[行页段]"
    r"|[A-Za-z0-9][A-Za-z0-9_.:/\\%‰+\-]*"
    r"|…+|—+|\s+|."
)
_NO_START = set("。，、；：！？）》」』】〕”’…%‰·.,;:!?)]}")
_NO_END = set("（《「『【〔“‘([{")


def width(text: str) -> int:
    """Display width in terminal cells: wide and full-width characters take two, combining marks none."""
    total = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return total


def _units(text: str) -> list[str]:
    """Pieces that may be separated by a line break, with punctuation bound to its neighbour."""
    units: list[str] = []
    glue_next = False
    for piece in _UNIT.findall(text):
        if units and (glue_next or piece[0] in _NO_START):
            units[-1] += piece
        else:
            units.append(piece)
        glue_next = piece[-1] in _NO_END
    return units


def wrap(text: str, columns: int, indent: str = "", first: str = "") -> list[str]:
    """Lines of at most `columns` cells: `first` opens the first line, `indent` the others."""
    lines: list[str] = []
    current, used = first, width(first)
    for unit in _units(text):
        size = width(unit)
        if used + size > columns and current.strip() and current not in (first, indent):
            lines.append(current.rstrip())
            unit = unit.lstrip()
            current, used = indent, width(indent)
            size = width(unit)
        while used + size > columns and size > 1:  # a unit wider than a whole line: cut it by cells
            cut = _fit(unit, columns - used)
            if not cut:
                break
            lines.append((current + cut).rstrip())
            unit = unit[len(cut):]
            current, used, size = indent, width(indent), width(unit)
        current += unit
        used += size
    if current.strip():
        lines.append(current.rstrip())
    return lines or [first.rstrip()]


def middle(text: str, cells: int) -> str:
    """The middle of the text in about `cells` cells, cut between whole units, … where cut (evidence windows
    are centred on what matched, so the middle is what matters)."""
    if width(text) <= cells:
        return text
    units = _units(text.strip("…"))
    left, right = 0, len(units)
    total = sum(width(u) for u in units)
    while total > cells - 2 and right - left > 1:
        if width("".join(units[:left])) <= width("".join(units[right:])):
            total -= width(units[left])
            left += 1
        else:
            right -= 1
            total -= width(units[right])
    return "…" + "".join(units[left:right]).strip() + "…"


def _fit(text: str, cells: int) -> str:
    used = 0
    for index, ch in enumerate(text):
        used += width(ch)
        if used > cells:
            return text[:index]
    return text


def shorten(text: str, cells: int) -> str:
    """The text cut to `cells` cells between whole units, ending in … when cut."""
    if width(text) <= cells:
        return text
    kept, used = "", 0
    for unit in _units(text):
        if used + width(unit) > cells - 1:
            break
        kept += unit
        used += width(unit)
    return (kept or _fit(text, cells - 1)).rstrip("…") + "…"
