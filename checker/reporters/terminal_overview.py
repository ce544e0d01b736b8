"""The terminal view of a batch: one short block per report (score, counts, issuer and file, worst gaps), then the
gaps the reports share."""
from __future__ import annotations

from typing import Any

from checker.labels import SEVERITY_LABEL, kind_label
from checker.overview import CommonGap, ReportRow, build_overview
from checker.reporters.wrap import width
from checker.results import Batch


def render_overview(screen: Any, batch: Batch) -> None:
    """Add the overview and the 各报告共性问题 list to a terminal Screen."""
    overview = build_overview(batch)
    totals = overview.totals
    screen.add(f"报告概览：共 {totals['reports']} 份，平均得分 {totals['average_score']}，按得分从低到高排列", "bold")
    for rank, row in enumerate(overview.rows, 1):
        _row(screen, rank, row)
    screen.add()
    if not overview.common:
        screen.add("各报告共性问题：无，所有报告均无缺失或薄弱项。")
        screen.add()
        return
    screen.add("各报告共性问题（有问题的份数/适用份数）：", "bold")
    for gap in overview.common:
        _common(screen, gap)
    screen.add()


def _row(screen: Any, rank: int, row: ReportRow) -> None:
    style = "red" if row.score < 60 else None
    head = f"{rank:>3}. 得分 {row.score:>3}　缺失 {row.missing} 薄弱 {row.weak}　"
    pad = " " * 5
    name = f"{row.issuer or row.title or '（未识别单位）'}（{kind_label(row.kind)}，{row.report_year or '年度未识别'}）"
    screen.add(name, style, first=head, indent=pad)
    screen.add(row.path, "dim", first=f"{pad}文件：", indent=pad + "　　　")
    if row.top_gaps:
        screen.add(row.gap_summary("；"), first=f"{pad}主要问题：", indent=pad + "　　　　　")


def _common(screen: Any, gap: CommonGap) -> None:
    head = f"  {gap.gaps}/{gap.applicable} 份　"
    detail = f"{gap.title}（{SEVERITY_LABEL[gap.severity]}；缺失 {gap.missing}，薄弱 {gap.weak}）{gap.rule}"
    screen.add(detail, first=head, indent=" " * width(head))
