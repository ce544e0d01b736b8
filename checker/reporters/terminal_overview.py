"""The terminal view of a batch: one short block per report (score, counts, issuer and file, worst gaps), then the
gaps the reports share."""
from __future__ import annotations

from typing import Any

from checker.labels import NOT_A_REPORT_LABEL, PART_LABEL, group_label, kind_label
from checker.overview import CommonGap, CopyPair, Overview, ReportRow, build_overview
from checker.reporters.wrap import width
from checker.results import Batch, Status


def render_overview(screen: Any, batch: Batch) -> None:
    """Add the overview and the 各报告共性问题 list to a terminal Screen."""
    overview = build_overview(batch)
    _overview(screen, overview)
    render_supervision(screen, overview)


def _overview(screen: Any, overview: Overview) -> None:
    totals = overview.totals
    head = f"报告概览：共 {totals['reports']} 份，平均得分 {totals['average_score']}，按得分从低到高排列"
    if totals["not_a_report"]:  # those files are listed after the ranking, without a position or score
        ranked = totals["reports"] - totals["not_a_report"]
        head = (f"报告概览：共 {totals['reports']} 个文件：{ranked} 份报告按得分从低到高排列（平均得分 "
                f"{totals['average_score']}）；{totals['not_a_report']} 个文件不是年度报告，未评分、不参加排序")
    screen.add(head, "bold")
    for rank, row in enumerate(overview.rows, 1):
        _row(screen, rank, row)
    for row in overview.unscored:
        _unscored(screen, row)
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


def _unscored(screen: Any, row: ReportRow) -> None:
    """A file that is not an annual report: no rank and no score, its file and why."""
    head = f"  ✘ {NOT_A_REPORT_LABEL}　"
    pad = " " * 5
    screen.add(row.issuer or row.title or "（未识别单位）", "red", first=head, indent=pad)
    screen.add(row.path, "dim", first=f"{pad}文件：", indent=pad + "　　　")
    screen.add(row.not_a_report.reason, first=f"{pad}原因：", indent=pad + "　　　")


def _common(screen: Any, gap: CommonGap) -> None:
    head = f"  {gap.gaps}/{gap.applicable} 份　"
    detail = f"{gap.title}（{group_label(gap)}；缺失 {gap.missing}，薄弱 {gap.weak}）{gap.rule}"
    screen.add(detail, first=head, indent=" " * width(head))


def render_supervision(screen: Any, overview: Overview) -> None:
    """督察比对: each report's concreteness, follow-through and explained gaps, then the copied parts."""
    rows = [r for r in overview.rows if r.concreteness is not None or r.followup is not None or r.excepted]
    if rows:
        screen.add("督察比对（具体程度＝举措部分有数字、日期、文件或案例的句子占比；上年安排落实＝上年安排在本年举措中有下文的占比）：",
                   "bold")
        for row in rows:
            _figures(screen, row)
        screen.add()
    if overview.copying:
        screen.add("雷同与照搬（该部分的句子与对方相同的占比）：", "bold")
        for pair in overview.copying:
            _pair(screen, pair)
        screen.add()
    elif rows:
        screen.add("雷同与照搬：未发现与其他单位或上一年度大段相同的部分。")
        screen.add()


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _figures(screen: Any, row: ReportRow) -> None:
    low = row.concreteness is not None and row.concreteness < 0.25 or row.followup is not None and row.followup < 0.5
    figures = f"具体程度 {_percent(row.concreteness):>4}　上年安排落实 {_percent(row.followup):>4}　已说明 {row.excepted}"
    screen.add(row.issuer or row.title or row.path, Status.WEAK if low else None, first=f"  {figures}　",
               indent=" " * (4 + width(figures)))


def _pair(screen: Any, pair: CopyPair) -> None:
    other = f"上年报告（{pair.other_name}）" if pair.source == "previous" else pair.other_name
    head = f"  {pair.share:>4.0%}　"
    screen.add(f"{pair.name}「{PART_LABEL.get(pair.part, pair.part)}」与{other}相同", first=head,
               indent=" " * width(head))
    if pair.quote:
        screen.add(f"“{pair.quote}”", "dim", first=" " * width(head), indent=" " * width(head))
