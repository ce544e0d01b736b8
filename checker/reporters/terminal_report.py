"""The gap report for people: header, one table per rule group, and what to fix first."""
from __future__ import annotations

import io

from checker.labels import SEVERITY_LABEL, STATUS_LABEL, STATUS_SYMBOL as SYMBOL, kind_label
from checker.results import Batch, Report, Result, Status

MEDIA = "text"
STYLE = {Status.PASS: "green", Status.WEAK: "yellow", Status.MISSING: "bold red", Status.NOT_APPLICABLE: "dim"}
TOP_FIXES = 5
DETAIL_LIMIT = 3  # a batch larger than this shows the overview; details go to html/xlsx or --details


def render(batch: Batch, *, color: bool = False, width: int | None = None, details: bool | None = None) -> str:
    from rich.console import Console

    out = io.StringIO()
    console = Console(file=out, force_terminal=color, no_color=not color, width=width or 110,
                      color_system="standard" if color else None, highlight=False, emoji=False)
    show_details = details if details is not None else len(batch.reports) <= DETAIL_LIMIT
    if len(batch.reports) > 1:
        from checker.reporters.terminal_overview import render_overview

        render_overview(console, batch)
    if show_details:
        for report in batch.reports:
            render_report(console, report, plain=not color)
    elif len(batch.reports) > 1:
        console.print("（逐份详情未展开：加 --details 显示，或用 --format html / xlsx 导出。）")
    if batch.errors:  # each is also one line on stderr, printed by the command line
        console.print(f"[bold red]✘ {len(batch.errors)} 个文件无法检查，原因见上方或标准错误输出。[/]")
    return out.getvalue()


def render_report(console, report: Report, *, plain: bool) -> None:
    from rich import box
    from rich.panel import Panel

    summary = report.summary()
    header = (
        f"报告：{report.title or report.path}\n"
        f"主体：{report.issuer or '未识别（可检查落款）'}　类型：{kind_label(report.kind)}　"
        f"报告年度：{report.report_year or '未识别（可用 --year 指定）'}　落款日期：{report.date or '无'}\n"
        + (f"类型依据：{report.kind_reason}\n" if report.kind_reason else "")
        + (f"年度依据：{report.year_reason}\n" if report.year_reason else "") +
        f"规则集：{report.ruleset}　文件：{report.path}\n"
        f"得分：{summary['score']}/100　符合 {summary['pass']}　薄弱 {summary['weak']}　"
        f"缺失 {summary['missing']}　不适用 {summary['not_applicable']}"
    )
    console.print(Panel(_escape(header), title="fzcheck 法治政府建设年度报告检查",
                        box=box.SQUARE if plain else box.ROUNDED))
    for group, results in _groups(report.results):
        console.print(_table(group, results, plain))
    gaps = report.gaps()
    if gaps:
        console.print("[bold]优先补充：[/]")
        for index, result in enumerate(gaps[:TOP_FIXES], 1):
            console.print(f"  {index}. {SYMBOL[result.status]} 【{SEVERITY_LABEL[result.severity]}】"
                          f"{_escape(result.title)}：{_escape(result.suggestion)}")
    else:
        console.print("[green]未发现需要补充的内容。[/]")
    console.print()


def _groups(results: tuple[Result, ...]) -> list[tuple[str, list[Result]]]:
    grouped: dict[str, list[Result]] = {}
    for result in results:
        grouped.setdefault(result.group or "其他", []).append(result)
    return list(grouped.items())


def _table(group: str, results: list[Result], plain: bool):
    from rich import box
    from rich.table import Table

    table = Table(title=group, title_justify="left", box=box.SIMPLE_HEAD if plain else box.ROUNDED,
                  show_lines=not plain, expand=True)
    table.add_column("状态", no_wrap=True, width=8)
    table.add_column("检查项", overflow="fold", ratio=3)
    table.add_column("结果与证据", overflow="fold", ratio=4)
    table.add_column("建议补充", overflow="fold", ratio=4)
    for result in results:
        status = f"[{STYLE[result.status]}]{SYMBOL[result.status]} {STATUS_LABEL[result.status]}[/]"
        item = f"{_escape(result.title)}\n[dim]{result.rule}[/]"
        found = _escape(result.message)
        for evidence in result.evidence[:2]:
            found += f"\n[dim]{evidence.where}：“{_escape(evidence.text)}”[/]"
        advice = _escape(result.suggestion) if result.is_gap else ""
        table.add_row(status, item, found, advice)
    return table


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
