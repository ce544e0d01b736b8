"""The Chinese words people see for statuses, severities, report kinds and rule groups; one owner for all outputs."""
from __future__ import annotations

import re

from checker.outline import STYLES
from checker.results import Evidence, Severity, Status

STATUS_LABEL = {Status.PASS: "符合", Status.WEAK: "薄弱", Status.MISSING: "缺失", Status.NOT_APPLICABLE: "不适用"}
EXCEPTED_LABEL = "已说明"  # a gap the unit has explained: an accepted exception with its reason
BASELINE_LABEL = {"new": "新出现", "unchanged": "原有"}  # a gap against --baseline
PART_LABEL = {"measures": "主要举措和成效", "shortcomings": "存在的不足", "causes": "原因分析", "plan": "下一年度工作安排",
              "first-responsible": "第一责任人履职情况"}
SOURCE_LABEL = {"batch": "批内", "previous": "上年"}  # where a copied part was found: this batch or last year's
STATUS_SYMBOL = {Status.PASS: "✔", Status.WEAK: "⚠", Status.MISSING: "✘", Status.NOT_APPLICABLE: "–"}

# A severity is named for what the rule protects, so a clerk reads 法定内容, not "error"; info rules are of
# many groups (格式, 督察比对 …), so their severity says only that they are hints.
SEVERITY_LABEL = {Severity.ERROR: "法定内容", Severity.WARNING: "重点指标", Severity.INFO: "提示"}

KIND_LABEL = {"government": "党委和政府", "department": "政府部门"}

# A file that is not an annual report (a note, a notice, several reports in one file): flagged, not scored.
NOT_A_REPORT_LABEL = "不是年度报告"
NOT_SCORED = "—"  # in the score and position columns of such a file

# The overview lists reports worst first, so its position column says so: 1 is the lowest score.
RANK_LABEL = "排序（低分在前）"

# The group a rule falls in when its rule set names none, by the rule id's prefix (content.measures → content).
GROUP_LABEL = {"content": "法定内容", "year": "法定内容", "indicator": "重点指标", "timing": "时限与公开",
               "form": "格式", "text": "格式", "outline": "部门体例", "followup": "督察比对"}


def status_label(status: Status | str) -> str:
    return STATUS_LABEL[Status(status)]


def severity_label(severity: Severity | str) -> str:
    return SEVERITY_LABEL[Severity(severity)]


def group_label(item) -> str:
    """The group a result (or a rule, or an overview gap) belongs to, as people read it: its rule's group, which
    the rule set names or GROUP_LABEL gives by the id's prefix; never its severity, which says how much it weighs."""
    group = getattr(item, "group", "")
    if group:
        return group
    rule = getattr(item, "rule", "") or getattr(item, "id", "")
    return GROUP_LABEL.get(rule.split(".", 1)[0], SEVERITY_LABEL[Severity(item.severity)])


def kind_label(kind: str) -> str:
    """The Chinese name of a report kind; an unknown kind is shown as it is."""
    return KIND_LABEL.get(kind, kind)


def result_label(result) -> str:
    """The status as a person reads it: 已说明 for a gap explained by an accepted exception."""
    return EXCEPTED_LABEL if result.exception is not None and result.is_gap else STATUS_LABEL[result.status]


def result_note(result) -> str:
    """The explanation shown beside an excepted result, and a gap's state against the baseline; else empty."""
    parts = []
    if result.exception is not None and result.is_gap:
        parts.append(f"{EXCEPTED_LABEL}（原为{STATUS_LABEL[result.status]}）：{result.exception.reason}"
                     f"（{result.exception.source}）")
    if result.baseline is not None:
        parts.append(f"与基线相比：{BASELINE_LABEL[result.baseline]}")
    return "；".join(parts)


def not_a_report_line(report) -> str:
    """The one line every format shows for a file that is not an annual report; empty for a report."""
    if report.not_a_report is None:
        return ""
    return f"{NOT_A_REPORT_LABEL}，未评分、不参加排序：{report.not_a_report.reason}"


def score_text(score: int | None) -> str:
    """A score as people read it: the number, or — for a file that was not scored."""
    return NOT_SCORED if score is None else str(score)


# Places. A person finds a quote by the page of a PDF, by the headings above it in a Word file or web page (Word
# shows no line numbers), and by the line of a plain text; every output says a place through these.
PATH_SEPARATOR = " › "
_PAGE = re.compile(r"^第(\d+)页$")


def page_of(origin: str) -> int | None:
    """The page an origin names (第3页, set by the PDF and OFD readers), else None."""
    found = _PAGE.match(origin)
    return int(found.group(1)) if found else None


def where(evidence: Evidence, brief: bool = False) -> str:
    """Where to look for a quote: 第3页 (PDF); the headings above it (Word, web page), in the terminal (`brief`)
    the outermost in words and the ones below by their numbers (一、主要举措和成效 › （三）); a plain text's line,
    with the headings except in the terminal. Empty for a paragraph above every heading: the quote says it."""
    page = evidence.page if evidence.page is not None else page_of(evidence.origin)
    if page is not None:
        return f"第{page}页"
    path = PATH_SEPARATOR.join(compact(evidence.heading_path) if brief else evidence.heading_path)
    if evidence.origin:  # a paragraph of a Word file, web page or RTF: its number means nothing to a reader
        return path
    line = f"第{evidence.line}行"
    return line if brief or not path else f"{line}（{path}）"


def cited(evidence: Evidence) -> str:
    """The place and the quote, as the tables and the plain-text outputs show one piece of evidence."""
    place = where(evidence)
    return f"{place}：{evidence.text}" if place else evidence.text


def line_place(number: int, origin: str, path: tuple[str, ...], heading: str = "") -> str:
    """A line a check's message names: 第12行 (plain text), 第3页 (PDF); in a Word file the heading it is
    (标题“四、下一步工作思路”), the part it is in (“一、主要举措和成效 › （三）”部分), or 开头部分."""
    page = page_of(origin)
    if page is not None:
        return f"第{page}页"
    if not origin:
        return f"第{number}行"
    if heading:
        return f"标题“{heading}”"
    return f"“{PATH_SEPARATOR.join(compact(path))}”部分" if path else "开头部分"


def numbered_place(number: int, origin: str) -> str:
    """A place by number where the reader has numbers: 第12行 (plain text), 第3页 (PDF); empty in a Word file."""
    page = page_of(origin)
    return f"第{page}页" if page is not None else "" if origin else f"第{number}行"


def compact(path: tuple[str, ...]) -> list[str]:
    """一、主要举措和成效 › （三）: the outermost heading in words, the ones below it by their numbers."""
    return list(path[:1]) + [_marker(heading) for heading in path[1:]]


def _marker(heading: str) -> str:
    for _, pattern in STYLES:
        found = pattern.match(heading)
        if found:
            return heading[:found.end()].strip()
    return heading
