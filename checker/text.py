"""Lines of a report as a reader delivered them, and the normalised copy rules match on."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Iterable, Mapping

# Full-width ASCII → half-width, ideographic space → space. Not NFKC: NFKC turns ①② into 12
# and … into ..., which would corrupt figures and evidence.
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20
_WIDTH.update({ord("﹪"): "%", ord("—"): "—", 0xA0: 0x20, 0x200B: None, 0xFEFF: None})
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
# Spaces between two CJK characters, or a CJK character and a digit/%, carry no meaning in
# Chinese text; PDF and OFD extraction and hand-typed reports scatter them.
_SPACE_IN_SENTENCE = re.compile(rf"(?<=[{_CJK}0-9%（）()、，。：；])[ \t]+(?=[{_CJK}0-9%（）()、，。：；])")
_DIGIT_SPACES = re.compile(r"(?<=\d) +(?=\d)")
# Traditional characters that appear in reports republished from Hong Kong / Taiwan mirrors.
_TRAD = str.maketrans("國縣鎮區政務報告職責負責應訴審核錄執法記處決議會員門規範範圍關於體現實發展經濟為",
                      "国县镇区政务报告职责负责应诉审核录执法记处决议会员门规范范围关于体现实发展经济为")


_ZERO_WIDTH = re.compile("[\u200b\ufeff]")
# str.translate with a mapping costs about 0.15 µs a character on Chinese text, where few characters
# change: only the characters found by these classes are replaced, and a line without any is kept as it is.
_WIDTH_CHARS = {chr(code): "" if to is None else to if isinstance(to, str) else chr(to) for code, to in _WIDTH.items()
                if to != chr(code)}
_WIDE = re.compile("[" + "".join(f"\\u{ord(char):04x}" for char in sorted(_WIDTH_CHARS)) + "]")
_COMMON_WIDE = tuple((char, _WIDTH_CHARS[char]) for char in "，（）；：")  # most of them, replaced in one pass each
_TRAD_CHARS = {chr(code): chr(to) for code, to in _TRAD.items()}
_TRADITIONAL = re.compile("[" + "".join(sorted(_TRAD_CHARS)) + "]")


def _mapped(text: str) -> str:
    """text.translate(_WIDTH).translate(_TRAD), replacing only the characters that change."""
    if _WIDE.search(text):
        for wide, narrow in _COMMON_WIDE:
            text = text.replace(wide, narrow)
        if _WIDE.search(text):
            text = _WIDE.sub(lambda found: _WIDTH_CHARS[found.group()], text)
    if _TRADITIONAL.search(text):
        text = _TRADITIONAL.sub(lambda found: _TRAD_CHARS[found.group()], text)
    return text


def normalise(text: str) -> str:
    """The matching form of a line: half-width ASCII, simplified, no spaces inside sentences."""
    norm = _mapped(text)
    norm = norm.replace("\t", " ").strip()
    if " " in norm:
        norm = _SPACE_IN_SENTENCE.sub("", norm)
        norm = _DIGIT_SPACES.sub("", norm)
    return norm


Shifts = tuple[tuple[int, int], ...]


def normalise_mapped(text: str) -> tuple[str, Shifts]:
    """normalise(text) and where its characters came from, as a few breakpoints, not one entry a character.

    Normalisation maps characters one to one or drops runs of them, so the map is a list of
    (index in the normalised text, characters dropped before it) pairs, one after each dropped run.
    """
    removed: list[tuple[int, int]] = []  # dropped runs, in the coordinates of `text`
    if "\u200b" in text or "\ufeff" in text:
        removed = [m.span() for m in _ZERO_WIDTH.finditer(text)]
    norm = _mapped(text).replace("\t", " ")
    shifts = _shifts(removed)
    stripped = norm.strip()
    if len(stripped) != len(norm):
        lead = len(norm) - len(norm.lstrip())
        shifts = _drop(removed, shifts, [(0, lead), (lead + len(stripped), len(norm))])
        norm = stripped
    for pattern in (_SPACE_IN_SENTENCE, _DIGIT_SPACES) if " " in norm else ():
        spans = [m.span() for m in pattern.finditer(norm)]
        if spans:
            norm = _without(norm, spans)
            shifts = _drop(removed, shifts, spans)
    return norm, shifts


def original_index(shifts: Shifts, index: int) -> int:
    """Where character `index` of the normalised text stands in the original."""
    dropped = 0
    if shifts:
        found = bisect.bisect_right(shifts, (index, _MAX))
        dropped = shifts[found - 1][1] if found else 0
    return index + dropped


_MAX = 1 << 62


def _shifts(removed: list[tuple[int, int]]) -> Shifts:
    result = []
    dropped = 0
    for start, end in removed:
        dropped += end - start
        result.append((end - dropped, dropped))
    return tuple(result)


def _drop(removed: list[tuple[int, int]], shifts: Shifts, spans: list[tuple[int, int]]) -> Shifts:
    """Record runs dropped from the current text (given in its coordinates) in original coordinates."""
    for start, end in spans:
        if end > start:
            removed.append((original_index(shifts, start), original_index(shifts, end - 1) + 1))
    removed.sort()
    merged: list[tuple[int, int]] = []
    for start, end in removed:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    removed[:] = merged
    return _shifts(merged)


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    pieces = []
    last = 0
    for start, end in spans:
        pieces.append(text[last:start])
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def normalise_char(ch: str) -> str:
    """One character as normalise() maps it (empty when dropped)."""
    return ch.translate(_WIDTH).translate(_TRAD).replace("\t", " ")


@dataclass(frozen=True, slots=True)
class Line:
    """One line or paragraph of a report."""

    number: int  # 1-based; what evidence cites (line in a .txt, paragraph in a .docx, line in a .pdf)
    text: str  # original text, quoted in evidence
    norm: str  # normalised text, what rules match against
    origin: str = ""  # where a person finds it: "第3页", "第12段"; empty for plain text
    shifts: Shifts | None = None  # from normalise_mapped(text); None: not recorded (computed when needed)

    def original_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Where norm[start:end] stands in text; None when norm is not text's normalised form."""
        shifts = self.shifts
        if shifts is None or len(self.norm) != len(self.text) - (shifts[-1][1] if shifts else 0):
            norm, shifts = normalise_mapped(self.text)
            if norm != self.norm:  # a line cut or edited after reading (dataclasses.replace)
                return _walked_span(self, start, end)
        return original_index(shifts, start), original_index(shifts, end - 1) + 1


def _walked_span(line: Line, start: int, end: int) -> tuple[int, int] | None:
    """For a norm that is not the whole line's normalised text: align it to the text character by character."""
    positions: list[int] = []
    index = 0
    for ch in line.norm:
        while index < len(line.text) and normalise_char(line.text[index]) != ch:
            index += 1
        if index == len(line.text):
            return None
        positions.append(index)
        index += 1
    return positions[start], positions[end - 1] + 1


@dataclass(frozen=True)
class Text:
    """What a reader returns: the report's non-empty lines, in reading order."""

    path: str
    lines: tuple[Line, ...]
    format: str = "txt"
    meta: Mapping[str, str] = field(default_factory=dict)  # title/issuer/date a format states outside the body


_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_unicode(text: str) -> str:
    """Text that encodes as UTF-8: surrogate pairs (UTF-16 halves from PDF or RTF) joined into one
    character, lone surrogates replaced by U+FFFD."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def make_line(number: int, text: str, origin: str = "") -> Line:
    text = valid_unicode(text).replace("\r", "").rstrip()
    norm, shifts = normalise_mapped(text)
    return Line(number=number, text=text, norm=norm, origin=origin, shifts=shifts)


def make_text(path: str, items: Iterable[tuple[int, str, str]], fmt: str,
              meta: Mapping[str, str] | None = None) -> Text:
    """Build a Text from (number, text, origin) items, dropping lines with nothing to read."""
    lines = tuple(line for line in (make_line(n, t, o) for n, t, o in items) if line.norm)
    return Text(path=path, lines=lines, format=fmt, meta={k: valid_unicode(v) for k, v in (meta or {}).items()})


# C0 controls except tab and newline, DEL, and C1 controls: a terminal obeys them (ESC]0; retitles
# the window, ESC[2J clears the screen), so text from a report or a file name never reaches one raw.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Text safe to print on a terminal: each control character shown as \\xNN, tab and newline kept."""
    return _CONTROL.sub(lambda found: "\\x%02x" % ord(found.group()), text)
