"""Facts about a report inferred from its text: title, issuer, kind, report year, signature date."""
from __future__ import annotations

import datetime
import re
from typing import Mapping

from checker import report_kind
from checker.labels import numbered_place
from checker.numbers import chinese_to_int
from checker.text import Line

GOVERNMENT = report_kind.GOVERNMENT
DEPARTMENT = report_kind.DEPARTMENT

_YEAR = re.compile(r"(20\d{2}|二[〇零]\d?[〇零一二三四五六七八九]{2,3})\s*年")
_DATE = re.compile(r"(20\d{2}|二[〇零][〇零一二三四五六七八九]{2})\s*年\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*"
                   r"([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*日")
_ISO_DATE = re.compile(r"^(20\d{2})[-/.](\d{1,2})[-/.](\d{1,2})$")
# A line that is a date and nothing else, as a 落款 date is written (2024年2月28日, 二〇二四年二月二十八日, 2024-02-28).
_DATE_ONLY = re.compile(r"^(20\d{2}|二[〇零][〇零一二三四五六七八九]{2})\s*年.{1,6}日$|^20\d{2}[-/.]\d{1,2}[-/.]\d{1,2}$")
_TITLE_WORDS = re.compile(r"报告|情况|工作总结")
# Words that end the name of a body in a title such as "XX市人民政府关于2023年…的报告".
_TITLE_ISSUER = re.compile(r"^(?:关于)?(.{2,40}?)(?:关于|\d{4}年|二[〇零]|[〇零一二三四五六七八九]{4}年)")
# A year inside a quoted title or brackets (《…规划（2021—2025年）》) is not the year reported on.
_NOT_THE_REPORT_YEAR = re.compile(r"《[^》]*》|[（(][^）)]*[）)]|\d{4}\s*[-—–~至到]\s*\d{4}\s*年")
_INTRO_YEAR = re.compile(r"现将.{0,30}?((?:20\d{2}|二[〇零][〇零一二三四五六七八九]{2})\s*年)")


def parse_date(text: str) -> datetime.date | None:
    """A date written 2024年1月31日, 二〇二四年一月三十一日 or 2024-01-31."""
    found = _DATE.search(text)
    if found:
        parts = [_number(found.group(i)) for i in (1, 2, 3)]
    else:
        iso = _ISO_DATE.match(text.strip())
        if not iso:
            return None
        parts = [int(iso.group(i)) for i in (1, 2, 3)]
    try:
        return datetime.date(*parts)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def is_date_line(text: str) -> bool:
    """Whether a line, spaces aside, is a date alone (the date line of a 落款)."""
    return bool(_DATE_ONLY.match(re.sub(r"\s+", "", text)))


def _number(token: str) -> int | None:
    return int(token) if token.isdecimal() else chinese_to_int(token)


def years_in(text: str) -> list[int]:
    """Every year named in a text (2024年, 二〇二四年)."""
    years = []
    for token in _YEAR.findall(text):
        value = _number(token)
        if value and 2000 <= value <= 2099:
            years.append(value)
    return years


def find_title(lines: tuple[Line, ...], meta: Mapping[str, str]) -> tuple[str, Line | None]:
    """The report's title: a short first line that names a report, else what the format states."""
    for line in lines[:3]:
        norm = line.norm
        if len(norm) <= 60 and _TITLE_WORDS.search(norm) and not norm.endswith(("。", "：", ":")) \
                and not re.match(r"^[一二三四五六七八九十]+、|^[(（]", norm):
            return norm, line
    return meta.get("title", "").strip(), None


def find_signature(lines: tuple[Line, ...], tail: int = 6) -> tuple[Line | None, Line | None]:
    """The issuer line and the date line of the closing signature (落款), if present."""
    window = lines[-tail:]
    date_line = next((line for line in reversed(window) if len(line.norm) <= 20 and parse_date(line.norm)), None)
    issuer_line = None
    for line in reversed(window):
        if line is date_line:
            continue
        if looks_like_issuer(line.norm):
            issuer_line = line
            break
    return issuer_line, date_line


def looks_like_issuer(text: str) -> bool:
    """A short line that names a body (某某县人民政府, 某某局): the issuer line of a 落款."""
    text = re.sub(r"\s+", "", text)
    if not 2 <= len(text) <= 30 or re.search(r"[，。,；;：:！!？?“”]", text):
        return False
    return report_kind.classify(text) is not None


def title_issuer(title: str) -> str:
    """The body named at the start of a title, if it is one."""
    found = _TITLE_ISSUER.match(title) if title else None
    return found.group(1) if found and report_kind.classify(found.group(1)) else ""


def infer_issuer(lines: tuple[Line, ...], title: str, signature: Line | None, meta: Mapping[str, str]) -> str:
    """Who issued the report: signature, stated source, title, or the opening sentence."""
    if signature is not None:
        return signature.norm
    if meta.get("issuer"):
        return meta["issuer"].strip()
    return title_issuer(title) or report_kind.opening_subject(lines)


def infer_kind(lines: tuple[Line, ...], title: str, signature: Line | None,
               meta: Mapping[str, str]) -> report_kind.KindDecision:
    """department or government, from every statement of the issuer and the body's own words, with the reason."""
    names = [("标题中的发文主体", title_issuer(title)),
             ("落款单位", signature.norm if signature is not None else ""),
             ("网页注明的来源", meta.get("issuer", "").strip()),
             ("开头所写的主体", report_kind.opening_subject(lines))]
    return report_kind.decide([(where, name) for where, name in names if name], lines)


def infer_report_year(title: str, lines: tuple[Line, ...], date: datetime.date | None,
                      date_source: str = "落款日期", skip: tuple[Line, ...] = ()) -> tuple[int | None, str]:
    """The year reported on, with the reason: the title, the opening sentences, else the date minus one."""
    title_years = years_in(_NOT_THE_REPORT_YEAR.sub("", title))
    if title_years:
        return title_years[0], f"标题写明{title_years[0]}年"
    opening = [line for line in lines[:4] if line not in skip]
    for line in opening:
        intro = _INTRO_YEAR.search(_NOT_THE_REPORT_YEAR.sub("", line.norm))
        if intro:
            year = years_in(intro.group(1))[0]
            return year, f"开头写明“现将……{year}年……”{_at(line)}"
    for line in opening[:3]:
        years = years_in(_NOT_THE_REPORT_YEAR.sub("", line.norm)[:40])
        if years:
            return years[0], f"开头写明{years[0]}年{_at(line)}"
    if date:
        return date.year - 1, f"标题和开头没有年份，按{date_source}{date.year}年{date.month}月{date.day}日的上一年"
    return None, "标题、开头和落款都没有写明年份，无法判断报告年度，请用 --year 指定"


def _at(line: Line) -> str:
    """（第3行） where the reader has numbered lines or pages; nothing for a Word paragraph."""
    place = numbered_place(line.number, line.origin)
    return f"（{place}）" if place else ""
