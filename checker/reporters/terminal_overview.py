"""The terminal view of a batch: one row per report, then the gaps the reports share."""
from __future__ import annotations

from typing import Any

from checker.labels import SEVERITY_LABEL, kind_label
from checker.overview import CommonGap, Overview, ReportRow, build_overview
from checker.results import Batch, Status

_STATUS_STYLE = {Status.MISSING: "red", Status.WEAK: "yellow"}


def render_overview(console: Any, batch: Batch) -> None:
    """Print the overview table and the 各报告共性问题 table on a rich Console."""
    overview = build_overview(batch)
    console.print(overview_table(overview))
    if overview.common:
        console.print(common_table(overview))
    else:
        console.print("各报告共性问题：无，所有报告均无缺失或薄弱项。")


def overview_table(overview: Overview) -> Any:
    """One row per report, the worst first."""
    from rich.table import Table

    totals = overview.totals
    table = Table(title=f"报告概览（共 {totals['reports']} 份，平均得分 {totals['average_score']}）",
                  show_lines=True, title_justify="left")
    # CJK text has no spaces to wrap at: without fold, rich cuts a long cell with "…".
    table.add_column("报告/单位", overflow="fold", ratio=3)
    table.add_column("年度", justify="right", no_wrap=True)
    table.add_column("类型", no_wrap=True)
    table.add_column("得分", justify="right", no_wrap=True)
    table.add_column("缺失", justify="right", no_wrap=True)
    table.add_column("薄弱", justify="right", no_wrap=True)
    table.add_column("主要问题", overflow="fold", ratio=4)
    for row in overview.rows:
        table.add_row(*_overview_cells(row))
    return table


def common_table(overview: Overview) -> Any:
    """Rules that reports fall short of, the most frequent first."""
    from rich.table import Table

    table = Table(title="各报告共性问题", show_lines=False, title_justify="left")
    table.add_column("问题", overflow="fold", ratio=4)
    table.add_column("规则", overflow="fold", ratio=2)
    table.add_column("级别", no_wrap=True)
    table.add_column("缺失", justify="right", no_wrap=True)
    table.add_column("薄弱", justify="right", no_wrap=True)
    table.add_column("占比", justify="right", no_wrap=True)
    for gap in overview.common:
        table.add_row(*_common_cells(gap))
    return table


def _overview_cells(row: ReportRow) -> list[Any]:
    from rich.text import Text

    gaps = Text()
    for i, gap in enumerate(row.top_gaps):
        gaps.append("；" if i else "")
        gaps.append(gap.label, style=_STATUS_STYLE.get(gap.status, ""))
    score_style = "red" if row.score < 60 else "yellow" if row.score < 80 else "green"
    # Text, not str: a cell given as str is read as rich markup, and report text may hold "[…]".
    return [
        Text(row.name), Text(str(row.report_year or "—")), Text(kind_label(row.kind)),
        Text(str(row.score), style=score_style),
        Text(str(row.missing), style="red" if row.missing else ""),
        Text(str(row.weak), style="yellow" if row.weak else ""), gaps or Text("无", style="dim"),
    ]


def _common_cells(gap: CommonGap) -> list[Any]:
    from rich.text import Text

    cells = [gap.title, gap.rule, SEVERITY_LABEL[gap.severity], str(gap.missing), str(gap.weak),
             f"{gap.share:.0%}（{gap.gaps}/{gap.applicable}）"]
    return [Text(cell) for cell in cells]
