"""HTML: one self-contained page (inline CSS, no script, no network). One report gets its own page (verdict, gaps
worst first as blocks, passes folded away); several get the overview, matrix and details."""
from __future__ import annotations

from typing import Any

from checker.labels import BASELINE_LABEL, EXCEPTED_LABEL, PART_LABEL, RANK_LABEL, result_label, result_note
from checker.labels import SEVERITY_LABEL, SOURCE_LABEL, STATUS_LABEL, STATUS_SYMBOL as SYMBOL, kind_label, where
from checker.labels import NOT_A_REPORT_LABEL, group_label, not_a_report_line, score_text
from checker.overview import Overview, build_overview
from checker.results import Batch, Report, Result, Status

MEDIA = "text"

PAGE_TITLE = "法治政府建设年度报告检查汇总"
SINGLE_TITLE = "法治政府建设年度报告检查结果"


def render(batch: Batch, *, color: bool = False, width: int | None = None) -> str:
    """The batch as an HTML page; color and width do not apply (the page is always in colour).

    One report read without error gets the single-report page; anything else the batch overview."""
    from jinja2 import Environment, PackageLoader

    # autoescape=True, not select_autoescape: the template's name decides nothing, so evidence
    # quoted from hacked pages (澳门新葡京<script>…) is escaped whatever the file is called.
    environment = Environment(
        loader=PackageLoader("checker", "templates"), autoescape=True,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    if is_single(batch):
        return environment.get_template("single.html").render(single_context(batch))
    return environment.get_template("report.html").render(page_context(batch))


def is_single(batch: Batch) -> bool:
    """One report and no unreadable file: a page about that report, not a one-row overview."""
    return len(batch.reports) == 1 and not batch.errors


def single_context(batch: Batch) -> dict[str, Any]:
    """One report as its page shows it: header facts, verdict, gaps worst first, explained gaps, copying, the rest."""
    from checker.reporters.terminal_report import supervision_line, verdict

    report = batch.reports[0]
    view = _report(0, report)
    gaps = report.gaps()  # the most serious first; explained gaps are left out
    rest = [r for r in report.results if not r.is_gap]
    return {
        "page_title": SINGLE_TITLE, "version": batch.version, "report": view,
        "verdict": verdict(report), "figures": supervision_line(report),
        "kind_reason": report.kind_reason, "year_reason": report.year_reason,
        "gaps": [gap_block(result) for result in gaps],
        "excepted": [{**_result(result), "note": result_note(result)} for result in report.excepted()],
        "excepted_label": EXCEPTED_LABEL,
        "fixed": [fixed.title for fixed in report.fixed or ()],
        "similar": [_similar(similar) for similar in report.similar],
        "others": [_result(result) for result in rest],
        "other_counts": {STATUS_LABEL[status]: n for status in (Status.PASS, Status.NOT_APPLICABLE)
                         if (n := sum(1 for r in rest if r.status is status))},
    }


def gap_block(result: Result) -> dict[str, Any]:
    """A weak or missing result as a block: what was found, where to write, one quote, the advice and its basis."""
    item = _result(result)
    item["evidence"] = item["evidence"][:1]
    item["placement"] = result.placement.text + "补写" if result.placement is not None else ""
    item["baseline"] = BASELINE_LABEL.get(result.baseline or "", "")
    return item


def _similar(similar: Any) -> dict[str, Any]:
    return {"source": SOURCE_LABEL.get(similar.source, similar.source), "part": PART_LABEL.get(similar.part, similar.part),
            "other": similar.other or similar.path, "path": similar.path, "percent": round(100 * similar.share),
            "quotes": list(similar.quotes[:2])}


def page_context(batch: Batch) -> dict[str, Any]:
    """Everything the template shows, already labelled in Chinese; the template only lays it out."""
    overview = build_overview(batch)
    return {
        "page_title": PAGE_TITLE,
        "rank_label": RANK_LABEL,
        "version": batch.version,
        "totals": overview.totals,
        "status_labels": {status.value: STATUS_LABEL[status] for status in Status},
        "symbols": {status.value: SYMBOL[status] for status in Status},
        "rows": [_row(rank, row) for rank, row in enumerate(overview.rows, start=1)],
        # files that are not annual reports: listed with the reason, outside the ranking
        "unscored": [{"anchor": anchor(row.index), "name": row.name, "path": row.path, "label": NOT_A_REPORT_LABEL,
                      "reason": row.not_a_report.reason} for row in overview.unscored],
        "common": [_common(gap) for gap in overview.common],
        "supervision": [{"anchor": anchor(row.index), "name": row.name, "concreteness": _percent(row.concreteness),
                         "followup": _percent(row.followup), "excepted": row.excepted,
                         "low": (row.concreteness or 1) < 0.25 or (row.followup or 1) < 0.5}
                        for row in overview.rows
                        if row.concreteness is not None or row.followup is not None or row.excepted],
        "copying": [{"source": SOURCE_LABEL.get(p.source, p.source), "name": p.name, "path": p.path,
                     "part": PART_LABEL.get(p.part, p.part), "other": p.other_name, "other_path": p.other_path,
                     "percent": round(100 * p.share), "quote": p.quote} for p in overview.copying],
        "columns": [{"rule": c.rule, "title": c.title} for c in overview.columns],
        "matrix": _matrix(overview),
        "reports": [_report(i, report) for i, report in enumerate(batch.reports)],
        "errors": [{"path": e.path, "message": e.message} for e in batch.errors],
    }


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def anchor(index: int) -> str:
    """The in-page id of a report's detail section."""
    return f"report-{index + 1}"


def score_class(score: int | None) -> str:
    """The CSS class that colours a score: below 60 red, below 80 amber, else green; none when not scored."""
    if score is None:
        return "score-none"
    return "score-low" if score < 60 else "score-mid" if score < 80 else "score-high"


def _row(rank: int, row: Any) -> dict[str, Any]:
    return {
        "rank": rank, "anchor": anchor(row.index), "name": row.name, "title": row.title,
        "path": row.path, "year": row.report_year or "", "kind": kind_label(row.kind),
        "score": row.score, "score_class": score_class(row.score), "missing": row.missing,
        "weak": row.weak, "gaps": [{"status": g.status.value, "label": g.label} for g in row.top_gaps],
    }


def _common(gap: Any) -> dict[str, Any]:
    return {
        "rule": gap.rule, "title": gap.title, "severity": SEVERITY_LABEL[gap.severity], "group": group_label(gap),
        "missing": gap.missing, "weak": gap.weak, "applicable": gap.applicable,
        "percent": round(100 * gap.share),
    }


def _matrix(overview: Overview) -> list[dict[str, Any]]:
    # Rows follow the overview ranking, so the worst reports head both tables.
    matrix = []
    for row in overview.rows:
        cells = []
        for column, status in zip(overview.columns, overview.matrix[row.index]):
            cells.append({"status": status.value if status else "absent", "title": column.title,
                          "symbol": SYMBOL[status] if status else "", "label": STATUS_LABEL[status] if status else "—"})
        matrix.append({"anchor": anchor(row.index), "name": row.name, "cells": cells})
    return matrix


def _report(index: int, report: Report) -> dict[str, Any]:
    summary = report.summary()
    return {
        "anchor": anchor(index), "title": report.title or report.issuer or report.path, "path": report.path,
        "issuer": report.issuer, "kind": kind_label(report.kind), "year": report.report_year or "",
        "date": report.date or "", "ruleset": report.ruleset, "format": report.format,
        # the score as shown: a number, or — for a file that is not an annual report
        "summary": {**summary, "score": score_text(summary["score"])}, "score_class": score_class(summary["score"]),
        "not_a_report": not_a_report_line(report),
        "results": [_result(result) for result in report.results],
    }


def _result(result: Result) -> dict[str, Any]:
    return {
        "rule": result.rule, "title": result.title, "status": result.status.value,
        "status_label": result_label(result), "symbol": SYMBOL[result.status], "note": result_note(result),
        "excepted": result.exception is not None and result.is_gap,
        "severity": SEVERITY_LABEL[result.severity], "severity_code": result.severity.value,
        "group": group_label(result),
        "message": result.message, "suggestion": result.suggestion, "basis": result.basis,
        "evidence": [{"where": where(e), "text": e.text} for e in result.evidence],
        "is_gap": result.is_gap,
    }
