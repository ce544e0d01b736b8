"""Facts about a report inferred from its text: title, issuer, kind, report year, signature date."""
from __future__ import annotations

import datetime
import re
from typing import Mapping

from checker.numbers import chinese_to_int
from checker.text import Line

GOVERNMENT = "government"
DEPARTMENT = "department"

_YEAR = re.compile(r"(20\d{2}|二[〇零]\d?[〇零一二三四五六七八九]{2,3})\s*年")
_DATE = re.compile(r"(20\d{2}|二[〇零][〇零一二三四五六七八九]{2})\s*年\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*"
                   r"([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*日")
_ISO_DATE = re.compile(r"^(20\d{2})[-/.](\d{1,2})[-/.](\d{1,2})$")
_TITLE_WORDS = re.compile(r"报告|情况|工作总结")
# Words that end the name of a body in a title such as "XX市人民政府关于2023年…的报告".
_TITLE_ISSUER = re.compile(r"^(?:关于)?(.{2,40}?)(?:关于|\d{4}年|二[〇零]|[〇零一二三四五六七八九]{4}年)")
_REPORT_INTRO = re.compile(r"现将(.{2,24}?)(?:20\d{2}|二[〇零])")
_OPENING_SUBJECT = re.compile(r"^(?:20\d{2}|二[〇零][〇零一二三四五六七八九]{2})年(?:度|以来)?[,，、]?(.{2,24}?)"
                              r"(?:在|坚持|深入|始终|认真|紧紧|紧密|全面|以|围绕|按照|聚焦|立足|持续|扎实|不断|积极|高度)")
_GENERIC_SUBJECTS = ("我市", "我县", "我区", "我镇", "我局", "我委", "我办", "全市", "全县", "全区", "全镇", "本单位", "我单位")

# A department name ends in one of these; a party committee (中共…委员会, …区委) is not a department.
_DEPARTMENT_END = re.compile(r"(局|厅|办公室|办公厅|办|委员会|委|部|中心|署|院|所|站|队|处|科)$")
_GOVERNMENT_END = re.compile(r"(人民政府|政府|党委|党工委|管委会|管理委员会|镇|乡|街道|街道办事处|区|县|市|旗|州|盟|省|自治区|开发区|新区)$")
_PARTY_COMMITTEE = re.compile(r"^中共|^中国共产党|[市县区镇乡旗州省]委$|[市县区镇乡旗州省]委员会$|党工委$")


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


def _number(token: str) -> int | None:
    return int(token) if token.isdigit() else chinese_to_int(token)


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
        if _looks_like_issuer(line.norm):
            issuer_line = line
            break
    return issuer_line, date_line


def _looks_like_issuer(text: str) -> bool:
    text = re.sub(r"\s+", "", text)
    if not 2 <= len(text) <= 30 or re.search(r"[，。,；;：:！!？?“”]", text):
        return False
    return bool(_DEPARTMENT_END.search(text) or _GOVERNMENT_END.search(text))


def infer_issuer(lines: tuple[Line, ...], title: str, signature: Line | None, meta: Mapping[str, str]) -> str:
    """Who issued the report: signature, stated source, title, or the opening sentence."""
    if signature is not None:
        return signature.norm
    if meta.get("issuer"):
        return meta["issuer"].strip()
    found = _TITLE_ISSUER.match(title) if title else None
    if found and _classify(found.group(1)):
        return found.group(1)
    for line in lines[:4]:
        for pattern in (_REPORT_INTRO, _OPENING_SUBJECT):
            found = pattern.search(line.norm)
            if found and found.group(1) not in _GENERIC_SUBJECTS and _classify(found.group(1)):
                return found.group(1).strip("，,、 ")
    return ""


def _classify(name: str) -> str | None:
    name = re.sub(r"\s+", "", name)
    if not name:
        return None
    if _PARTY_COMMITTEE.search(name):
        return GOVERNMENT
    if _GOVERNMENT_END.search(name) and not re.search(r"政府(办公室|办公厅|办)$", name):
        return GOVERNMENT
    if _DEPARTMENT_END.search(name):
        return DEPARTMENT
    return None


def infer_kind(issuer: str, title: str) -> str:
    """department for 局/委/办/厅/部/中心/办公室…; government for 人民政府/党委/镇/街道/区/县/市…"""
    for name in (issuer, _TITLE_ISSUER.match(title).group(1) if title and _TITLE_ISSUER.match(title) else ""):
        kind = _classify(name)
        if kind:
            return kind
    return GOVERNMENT


def infer_report_year(title: str, lines: tuple[Line, ...], date: datetime.date | None) -> int | None:
    """The year reported on: from the title, else the opening sentences, else the date minus one."""
    title_years = years_in(title)
    if title_years:
        return title_years[0]
    for line in lines[:4]:
        intro = re.search(r"现将.{0,30}?((?:20\d{2}|二[〇零][〇零一二三四五六七八九]{2})\s*年)", line.norm)
        if intro:
            return years_in(intro.group(1))[0]
    for line in lines[:3]:
        years = years_in(line.norm[:40])
        if years:
            return years[0]
    return date.year - 1 if date else None
