"""Chinese numerals: 二〇二三, 十二, 一百零五, 百分之九十八."""
from __future__ import annotations

import re

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000}
_PERCENT = re.compile(r"百分之([〇零一二两三四五六七八九十百点]+)")


def chinese_to_int(token: str) -> int | None:
    """二〇二三 → 2023 (digit by digit), 一百零五 → 105; None if not a Chinese numeral."""
    if not token or any(ch not in _DIGITS and ch not in _UNITS and ch not in _BIG for ch in token):
        return None
    if not any(ch in _UNITS or ch in _BIG for ch in token):
        return int("".join(str(_DIGITS[ch]) for ch in token))
    total = section = digit = 0
    for ch in token:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            section += (digit or 1) * _UNITS[ch]
            digit = 0
        else:
            total += (section + digit) * _BIG[ch]
            section = digit = 0
    return total + section + digit


def chinese_percent(text: str) -> float | None:
    """百分之九十八 → 98.0, 百分之百 → 100.0."""
    found = _PERCENT.search(text)
    if not found:
        return None
    token = found.group(1)
    whole, _, frac = token.partition("点")
    value = chinese_to_int(whole) if whole != "百" else 100
    if value is None:
        return None
    if frac:
        digits = chinese_to_int(frac)
        return float(f"{value}.{digits}") if digits is not None else float(value)
    return float(value)


def int_to_chinese(value: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (heading ordinals)."""
    digits = "零一二三四五六七八九"
    if value < 10:
        return digits[value]
    if value < 20:
        return "十" + (digits[value - 10] if value > 10 else "")
    if value < 100:
        tens, ones = divmod(value, 10)
        return digits[tens] + "十" + (digits[ones] if ones else "")
    return str(value)
