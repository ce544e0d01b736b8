"""Lines of a report as a reader delivered them, and the normalised copy rules match on."""
from __future__ import annotations

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


def normalise(text: str) -> str:
    """The matching form of a line: half-width ASCII, simplified, no spaces inside sentences."""
    norm = text.translate(_WIDTH).translate(_TRAD)
    norm = norm.replace("\t", " ").strip()
    norm = _SPACE_IN_SENTENCE.sub("", norm)
    norm = _DIGIT_SPACES.sub("", norm)
    return norm


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
    return Line(number=number, text=text, norm=normalise(text), origin=origin)


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
