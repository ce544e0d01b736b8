"""Rows and headers shared by the spreadsheet reporters (csv, xlsx)."""
from __future__ import annotations

from typing import Union

from checker.labels import cited, result_label, result_note
from checker.labels import SEVERITY_LABEL, STATUS_LABEL, group_label, kind_label
from checker.labels import NOT_A_REPORT_LABEL, NOT_SCORED, PART_LABEL, RANK_LABEL, SOURCE_LABEL, not_a_report_line
from checker.overview import CommonGap, CopyPair, ReportRow
from checker.results import Batch, FileError, Report, Result

Cell = Union[str, int, float, None]

UNREADABLE_LABEL = "无法读取"
UNREADABLE_CODE = "unreadable"  # the status code of a file-error row in the all-results table
NOT_A_REPORT_CODE = "not_a_report"  # the status code of the row of a file that is not an annual report

RESULT_HEADER = (
    "文件", "标题", "单位", "年度", "类型", "规则集", "规则", "规则名称", "分组", "级别", "级别代码",
    "状态", "状态代码", "说明", "证据行", "证据", "建议", "依据",
)
OVERVIEW_HEADER = (RANK_LABEL, "文件", "标题", "单位", "年度", "类型", "规则集", "得分", "缺失", "薄弱", "主要问题")
COMMON_HEADER = ("规则", "规则名称", "分组", "级别", "缺失份数", "薄弱份数", "适用份数", "问题占比")
ERROR_HEADER = ("文件", "原因")
SUPERVISION_HEADER = ("文件", "单位", "具体程度", "上年安排落实", "已说明")
COPYING_HEADER = ("来源", "文件", "单位", "部分", "相同的报告", "相同的单位", "占比", "例句")


def result_rows(batch: Batch) -> list[list[Cell]]:
    """One row per report × rule, in batch and rule-set order, then one row per unreadable file."""
    rows = [row for report in batch.reports for row in report_result_rows(report)]
    rows.extend(error_result_row(error) for error in batch.errors)
    return rows


def report_result_rows(report: Report) -> list[list[Cell]]:
    """A report's rows of the all-results table, in rule-set order (one row saying why for a file that is
    not an annual report)."""
    rows = [_result_row(report, result) for result in report.results]
    if not report.scored:
        rows.append(_not_a_report_row(report))
    return rows


def overview_row(rank: int, row: ReportRow) -> list[Cell]:
    """An overview row; rank is 1-based, worst first."""
    return [
        rank, row.path, row.title, row.issuer, row.report_year, kind_label(row.kind), row.ruleset,
        row.score, row.missing, row.weak, row.gap_summary(),
    ]


def unscored_row(row: ReportRow) -> list[Cell]:
    """An overview row of a file that is not an annual report: no position, no score, the reason instead."""
    return [
        NOT_SCORED, row.path, row.title, row.issuer, row.report_year, kind_label(row.kind), row.ruleset,
        NOT_SCORED, None, None, f"{NOT_A_REPORT_LABEL}：{row.not_a_report.reason}",
    ]


def supervision_row(row: ReportRow) -> list[Cell]:
    """A report's supervisory figures: shares 0..1 (None when not measured) and its explained gaps."""
    return [row.path, row.issuer, row.concreteness, row.followup, row.excepted]


def copying_row(pair: CopyPair) -> list[Cell]:
    """A copied part: this year's batch (批内) or last year's report (上年)."""
    return [SOURCE_LABEL.get(pair.source, pair.source), pair.path, pair.name,
            PART_LABEL.get(pair.part, pair.part), pair.other_path, pair.other_name, round(pair.share, 4), pair.quote]


def common_row(gap: CommonGap) -> list[Cell]:
    """A common-gap row; the share is a fraction 0..1 (the xlsx formats it as a percentage)."""
    return [gap.rule, gap.title, group_label(gap), SEVERITY_LABEL[gap.severity], gap.missing, gap.weak, gap.applicable,
            round(gap.share, 4)]


def error_row(error: FileError) -> list[Cell]:
    """A row of the 无法读取 sheet."""
    return [error.path, error.message]


def evidence_text(result: Result) -> str:
    """All evidence of a result, one per line, each with where it was found."""
    return "\n".join(cited(e) for e in result.evidence)


def _result_row(report: Report, result: Result) -> list[Cell]:
    # the line number only where a reader has lines (a plain text); a Word file's place is in the evidence
    first_line = result.evidence[0].line if result.evidence and not result.evidence[0].origin else None
    return [
        report.path, report.title, report.issuer, report.report_year, kind_label(report.kind),
        report.ruleset, result.rule, result.title, group_label(result), SEVERITY_LABEL[result.severity],
        result.severity.value, result_label(result), result.status.value,
        f"{result.message}（{result_note(result)}）" if result_note(result) else result.message,
        first_line, evidence_text(result), result.suggestion, result.basis,
    ]


def _not_a_report_row(report: Report) -> list[Cell]:
    row: list[Cell] = [None] * len(RESULT_HEADER)
    row[:6] = [report.path, report.title, report.issuer, report.report_year, kind_label(report.kind), report.ruleset]
    row[RESULT_HEADER.index("状态")] = NOT_A_REPORT_LABEL
    row[RESULT_HEADER.index("状态代码")] = NOT_A_REPORT_CODE
    row[RESULT_HEADER.index("说明")] = not_a_report_line(report)
    return row


def error_result_row(error: FileError) -> list[Cell]:
    row: list[Cell] = [None] * len(RESULT_HEADER)
    row[0] = error.path
    row[RESULT_HEADER.index("状态")] = UNREADABLE_LABEL
    row[RESULT_HEADER.index("状态代码")] = UNREADABLE_CODE
    row[RESULT_HEADER.index("说明")] = error.message
    return row
