"""Which rule set a report belongs to (党委和政府 or 政府部门), decided from all it says about its issuer.

The evidence, strongest first: the issuer's name (title, signature, the page's stated source, the
opening sentence); then how the body refers to itself (我局、局党组 … against 我县、本镇 …); then an
addressee line to a party committee and government (中共某某县委、县人民政府：). Every decision
carries its reason in words, shown to the user.

A zone body that governs towns (某某片区管理局, 某某开发区管委会, 某某新区) reports as local government.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping, Sequence

from checker.text import Line

GOVERNMENT = "government"
DEPARTMENT = "department"

# A department name ends in one of these; a party committee (中共…委员会, …区委) is not a department.
_DEPARTMENT_END = re.compile(r"(局|厅|办公室|办公厅|办|委员会|委|部|中心|署|院|所|站|队|处|科)$")
_GOVERNMENT_END = re.compile(r"(人民政府|政府|党委|党工委|管委会|镇|乡|街道|街道办事处|区|县|市|旗|州|盟|省|自治区)$")
_PARTY_COMMITTEE = re.compile(r"^中共|^中国共产党|[市县区镇乡旗州省]委$|[市县区镇乡旗州省]委员会$|党工委$")
# The party organ of a department (中共某某县应急管理局委员会, 某某局党组) speaks for the department.
_DEPARTMENT_PARTY = re.compile(r"(局|厅|办公室|办公厅|中心|署)(委员会|党组|党委|机关党委)$")
# A zone body that governs towns: 某某片区管理局, 某某开发区管委会, 某某高新区管理委员会, 某某新区.
_ZONE_BODY = re.compile(r"(片区|开发区|新区|高新区|园区|经济区|试验区|合作区)(管理局|管理委员会|管委会|党工委)?$")
_OFFICE_OF_GOVERNMENT = re.compile(r"政府(办公室|办公厅|办)$")

# How a body refers to itself in the body text.
# First-person words only a department uses of itself; 局党组、局主要负责人 may also name another body.
_FIRST_PERSON_DEPARTMENT = re.compile(r"^(我|本)(局|厅|委|办|部门|中心|署)$")
_SELF_DEPARTMENT = re.compile(
    r"我局|本局|局党组|局党委|局领导班子|局主要负责(?:人|同志)|局机关|我厅|本厅|厅党组|我委(?![托员])|本委(?![托员])|委党组"
    r"|我办(?![理事实])|本办(?![法理事])|本部门|我部门|部党组|我中心|本中心|我署|本署")
_SELF_GOVERNMENT = re.compile(r"(?:我|本)(?:市|县|区|镇|乡|旗|街道)(?![场直属])")
# 中共某某县委、某某县人民政府： — the report is addressed to a party committee and government.
_ADDRESSEE = re.compile(r"^(?:中共|中国共产党)?[^，。；]{1,20}(?:委|委员会)[、,，]?[^，。；]{0,20}(?:人民政府|政府)[:：]$")
# The subject of the opening sentence ends where its predicate begins.
_PREDICATE = re.compile(r"在|坚持|深入|始终|认真|紧紧|紧密|紧扣|紧盯|紧跟|全面|以|围绕|按照|聚焦|立足|持续|扎实|不断|积极|高度"
                        r"|着力|大力|切实|牢固|统筹|践行|贯彻|落实|推进|强化|锚定|对标|坚定|把|将|充分|主动|严格|进一步"
                        r"|结合|遵循|秉持|着眼|抓|依法|根据|按|突出|通过|累计|[，,、。；：:（(“\s]")
_REPORT_INTRO = re.compile(r"现将(.{2,24}?)(?:20\d{2}|二[〇零]|年度|法治|有关|相关|工作)")
_OPENING = re.compile(r"^(?:20\d{2}|二[〇零][〇零一二三四五六七八九]{2})年(?:度|以来)?[,，、]?")
_GENERIC = re.compile(r"^(我|本|全)(市|县|区|镇|乡|局|委|办|厅|单位|部门|中心|街道|旗)$")


@dataclass(frozen=True)
class KindDecision:
    """The kind a report is read as, and why, in words."""

    kind: str
    reason: str


def classify(name: str) -> str | None:
    """government or department for a body's name, None when the name says neither."""
    name = re.sub(r"\s+", "", name)
    if not name:
        return None
    if _ZONE_BODY.search(name):
        return GOVERNMENT
    if _DEPARTMENT_PARTY.search(name):
        return DEPARTMENT
    if _PARTY_COMMITTEE.search(name):
        return GOVERNMENT
    if _GOVERNMENT_END.search(name) and not _OFFICE_OF_GOVERNMENT.search(name):
        return GOVERNMENT
    if _DEPARTMENT_END.search(name):
        return DEPARTMENT
    return None


def opening_subject(lines: Sequence[Line]) -> str:
    """The body named in the opening sentence (2023年，某某县交通运输局紧扣… / 现将某某局2023年…)."""
    for line in lines[:4]:
        intro = _REPORT_INTRO.search(line.norm)
        candidates = [intro.group(1)] if intro else []
        opening = _OPENING.match(line.norm)
        if opening:
            rest = line.norm[opening.end():opening.end() + 30]
            stop = _PREDICATE.search(rest, 2)
            candidates.append(rest[:stop.start()] if stop else rest[:24])
        for candidate in candidates:
            name = _longest_named_prefix(candidate.strip("，,、 "))
            if name and not _GENERIC.match(name):
                return name
    return ""


def _longest_named_prefix(text: str) -> str:
    for end in range(len(text), 1, -1):
        if classify(text[:end]):
            return text[:end]
    return ""


def decide(names: Sequence[tuple[str, str]], lines: Sequence[Line]) -> KindDecision:
    """The kind from (where, name) pairs of the issuer, strongest first, then the body's own words."""
    department_refs, government_refs = _self_references(lines)
    for where, name in names:
        kind = classify(name)
        if kind:
            why = _name_reason(name, kind)
            refs = department_refs if kind == DEPARTMENT else government_refs
            return KindDecision(kind, f"{where}“{name}”{why}{_refs_tail(refs)}")
    dept, gov = sum(department_refs.values()), sum(government_refs.values())
    first_person = sum(n for word, n in department_refs.items() if _FIRST_PERSON_DEPARTMENT.match(word))
    # A government never calls itself 我局; a department often names its place as 我市、我县.
    if dept and (dept >= gov or first_person >= 2):
        return KindDecision(DEPARTMENT, f"未写明发文主体名称，正文自称{_refs(department_refs)}，是政府部门的口吻")
    if gov:
        return KindDecision(GOVERNMENT, f"未写明发文主体名称，正文自称{_refs(government_refs)}，是地方党委和政府的口吻")
    addressee = next((line.norm for line in lines[:3] if _ADDRESSEE.match(line.norm)), "")
    if addressee:
        return KindDecision(DEPARTMENT, f"未写明发文主体名称，抬头“{addressee}”是向党委和政府报告，正文未以地方自称，"
                                        "按政府部门报告检查（乡镇报告请用 --kind government）")
    return KindDecision(GOVERNMENT, "未找到发文主体名称、自称或抬头，按党委和政府报告检查（部门报告请用 --kind department）")


def _name_reason(name: str, kind: str) -> str:
    if _ZONE_BODY.search(name):
        return "是管辖镇（街道）的园区、片区机构，按地方政府报告检查"
    if _DEPARTMENT_PARTY.search(name):
        return "是政府部门的党组织，按政府部门报告检查"
    if kind == DEPARTMENT:
        return "是政府部门"
    return "是地方党委或政府"


def _self_references(lines: Sequence[Line]) -> tuple[dict[str, int], dict[str, int]]:
    department: dict[str, int] = {}
    government: dict[str, int] = {}
    for line in lines:
        for found in _SELF_DEPARTMENT.finditer(line.norm):
            department[found.group(0)] = department.get(found.group(0), 0) + 1
        for found in _SELF_GOVERNMENT.finditer(line.norm):
            government[found.group(0)] = government.get(found.group(0), 0) + 1
    return department, government


def _refs(refs: Mapping[str, int]) -> str:
    top = sorted(refs.items(), key=lambda item: -item[1])[:3]
    return "、".join(f"“{word}”{count}处" for word, count in top)


def _refs_tail(refs: Mapping[str, int]) -> str:
    return f"；正文自称{_refs(refs)}" if refs else ""
