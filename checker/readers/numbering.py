"""Word auto-numbering (numbering.xml) rendered as the labels Word shows: 一、 （一） 1. ①."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_VAL = f"{{{W}}}val"
_DIGITS = "〇一二三四五六七八九"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
# Word keeps start values and counters within 0..32767; a file may state anything.
MAX_COUNTER = 32767


def _w(element: Any, path: str) -> Any:
    return element.find(path.replace("w:", f"{{{W}}}")) if element is not None else None


def _val(element: Any, path: str, default: str | None = None) -> str | None:
    found = _w(element, path)
    return found.get(_VAL, default) if found is not None else default


def chinese(n: int, digits: str = _DIGITS, units: str = "十百千") -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (numbers below 10,000)."""
    if n <= 0 or n >= 10000:
        return "".join(digits[int(d)] for d in str(max(n, 0)))
    parts, zero = [], False
    for power, digit in zip((3, 2, 1, 0), f"{n:04d}"):
        d = int(digit)
        if d == 0:
            zero = bool(parts)
            continue
        if zero:
            parts.append("零" if digits == _DIGITS else digits[0])  # 〇 is a digit; inside a number it reads 零
            zero = False
        parts.append(("" if d == 1 and power == 1 and not parts else digits[d])
                     + (units[power - 1] if power else ""))
    return "".join(parts)


def _letters(n: int) -> str:
    # Word repeats the letter: A..Z, AA..ZZ, AAA..
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""


def _roman(n: int) -> str:
    out = []
    for value, sign in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out.append(sign * count)
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """One counter in a Word numFmt (clamped to Word's range, so no label grows without bound)."""
    n = min(max(n, 0), MAX_COUNTER)
    if fmt in ("chineseCounting", "japaneseCounting", "taiwaneseCounting"):
        return chinese(n) if n < 100 else "".join(_DIGITS[int(d)] for d in str(n))
    if fmt in ("chineseCountingThousand", "taiwaneseCountingThousand", "japaneseDigitalTenThousand"):
        return chinese(n)
    if fmt in ("ideographDigital", "taiwaneseDigital"):
        return "".join(_DIGITS[int(d)] for d in str(n))
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return chinese(n, _LEGAL, "拾佰仟")
    if fmt in ("ideographTraditional", "ideographZodiac"):
        return _STEMS[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(n).translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("bullet", "none"):
        return ""
    return str(n)  # decimal and formats we do not know: Arabic digits are the safe reading


@dataclass(frozen=True)
class Level:
    """One level of a Word list's numbering definition."""

    start: int
    fmt: str
    text: str
    style: str | None
    legal: bool = False  # w:isLgl: every level in the label is shown in Arabic digits (1.1, not 一.1)


class Numbering:
    """Counters for one document walk; label(p) must be called once per paragraph, in order."""

    def __init__(self, numbering: Any, styles: Any) -> None:
        self._levels: dict[str, dict[int, Level]] = {}  # numId → ilvl → Level
        self._counters: dict[str, dict[int, int]] = {}
        self._style_num: dict[str, tuple[str | None, str | None]] = {}  # styleId → (numId, ilvl)
        self._based_on: dict[str, str] = {}
        if styles is not None:
            self._load_styles(styles)
        if numbering is not None:
            self._load_numbering(numbering)

    def _load_styles(self, styles: Any) -> None:
        for style in styles.iter(f"{{{W}}}style"):
            style_id = style.get(f"{{{W}}}styleId")
            if not style_id:
                continue
            num_pr = _w(style, "w:pPr/w:numPr")
            if num_pr is not None:
                self._style_num[style_id] = (_val(num_pr, "w:numId"), _val(num_pr, "w:ilvl"))
            based = _val(style, "w:basedOn")
            if based:
                self._based_on[style_id] = based

    def _load_numbering(self, numbering: Any) -> None:
        abstract: dict[str, dict[int, Level]] = {}
        for item in numbering.iter(f"{{{W}}}abstractNum"):
            abstract[item.get(f"{{{W}}}abstractNumId", "")] = {
                _int(lvl.get(f"{{{W}}}ilvl"), 0): _level(lvl) for lvl in item.iter(f"{{{W}}}lvl")}
        for num in numbering.iter(f"{{{W}}}num"):
            levels = dict(abstract.get(_val(num, "w:abstractNumId") or "", {}))
            for override in num.iter(f"{{{W}}}lvlOverride"):
                ilvl = _int(override.get(f"{{{W}}}ilvl"), 0)
                lvl = _w(override, "w:lvl")
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
                start = _val(override, "w:startOverride")
                if start is not None and ilvl in levels:
                    old = levels[ilvl]
                    levels[ilvl] = Level(_int(start, old.start), old.fmt, old.text, old.style, old.legal)
            self._levels[num.get(f"{{{W}}}numId", "")] = levels

    def _num_pr(self, paragraph: Any) -> tuple[str | None, int]:
        num_pr = _w(paragraph, "w:pPr/w:numPr")
        num_id, ilvl = (_val(num_pr, "w:numId"), _val(num_pr, "w:ilvl")) if num_pr is not None else (None, None)
        style_id = _val(paragraph, "w:pPr/w:pStyle")
        seen = set()
        while num_id is None and style_id and style_id not in seen:  # numbering inherited from the style
            seen.add(style_id)
            num_id, style_ilvl = self._style_num.get(style_id, (None, None))
            ilvl = ilvl or style_ilvl or self._level_of_style(num_id, style_id)
            style_id = self._based_on.get(style_id)
        return num_id, _int(ilvl, 0)

    def _level_of_style(self, num_id: str | None, style_id: str) -> str | None:
        for ilvl, level in self._levels.get(num_id or "", {}).items():
            if level.style == style_id:
                return str(ilvl)
        return None

    def label(self, paragraph: Any) -> str:
        """The rendered label of this paragraph ('' if it is not numbered)."""
        num_id, ilvl = self._num_pr(paragraph)
        levels = self._levels.get(num_id or "")
        if not levels or ilvl not in levels or num_id == "0":
            return ""
        counters = self._counters.setdefault(num_id, {})
        counters[ilvl] = min(counters[ilvl] + 1, MAX_COUNTER) if ilvl in counters else levels[ilvl].start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # a higher level restarts the ones below it
        text = levels[ilvl].text
        for k in range(9, 0, -1):  # %10 does not exist; go down so %1 does not eat %1x
            if f"%{k}" in text:
                level = levels.get(k - 1)
                value = counters.get(k - 1, level.start if level else 1)
                fmt = level.fmt if level and not levels[ilvl].legal else "decimal"
                text = text.replace(f"%{k}", format_number(value, fmt))
        return "" if levels[ilvl].fmt in ("bullet", "none") else text


def _level(lvl: Any) -> Level:
    # Word writes w:start; when absent we take 1, which is what a reader of the report sees.
    return Level(start=_int(_val(lvl, "w:start"), 1), fmt=_val(lvl, "w:numFmt") or "decimal",
                 text=_val(lvl, "w:lvlText") or "", style=_val(lvl, "w:pStyle"),
                 legal=_w(lvl, "w:isLgl") is not None and _val(lvl, "w:isLgl", "true") not in ("0", "false", "off"))


def _int(value: str | None, default: int) -> int:
    if value is None or len(value) > 12:  # int() of a 5,000-digit string is slow and means nothing here
        return default
    try:
        return min(max(int(value), 0), MAX_COUNTER)
    except ValueError:
        return default
