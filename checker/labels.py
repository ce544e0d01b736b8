"""The Chinese words people see for statuses, severities, report kinds and rule groups; one owner for all outputs."""
from __future__ import annotations

from checker.results import Severity, Status

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
