"""The gap report for people in a terminal: header, one verdict line, then each weak or missing item as a short
block, worst first; passes collapse into one line of counts (`--all` lists every rule)."""
from __future__ import annotations

from checker.labels import EXCEPTED_LABEL, STATUS_LABEL, STATUS_SYMBOL, kind_label, result_note
from checker.labels import group_label, not_a_report_line, where
from checker.reporters.wrap import middle, shorten, width as cells, wrap
from checker.results import SEVERITY_RANK, Batch, Report, Result, Severity, Status
from checker.text import printable

MEDIA = "text"
OPTIONS = ("details", "show_all")  # what the command line passes to this reporter only
TOP_FIXES = 5
DETAIL_LIMIT = 3  # a batch larger than this shows the overview; details go to html/xlsx or --details
DEFAULT_WIDTH = 80
MAX_WIDTH = 120  # wider lines are hard to read, whatever the terminal
QUOTE_CELLS = 30  # a quote shorter than this says too little: its place and it take two lines instead
SCREEN_LINES = 88  # a report longer than this gets one line of advice for its lesser gaps
_ORDER = {Status.MISSING: 0, Status.WEAK: 1, Status.PASS: 2, Status.NOT_APPLICABLE: 3}
_SGR = {Status.PASS: "32", Status.WEAK: "33", Status.MISSING: "1;31", Status.NOT_APPLICABLE: "2",
        "bold": "1", "dim": "2", "green": "32", "red": "1;31"}


class Screen:
    """Lines for one terminal width, coloured or plain."""

    def __init__(self, columns: int, color: bool) -> None:
        self.columns = columns
        self.color = color
        self.lines: list[str] = []

    def paint(self, text: str, style: str | Status | None) -> str:
        return f"\x1b[{_SGR[style]}m{text}\x1b[0m" if self.color and style else text

    def add(self, text: str = "", style: str | Status | None = None, *, indent: str = "", first: str = "") -> None:
        """Add text wrapped to the width; `first` opens the first line, `indent` the following ones."""
        if not text and not first:
            self.lines.append("")
            return
        for line in wrap(visible(text), self.columns, indent=indent, first=first):
            self.lines.append(self.paint(line, style))

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def visible(text: str) -> str:
    """The text a terminal may show: control characters shown as \\xNN, never obeyed; tabs as spaces."""
    return printable(text.replace("\t", " "))


def render(batch: Batch, *, color: bool = False, width: int | None = None, details: bool | None = None,
           show_all: bool = False) -> str:
    screen = Screen(min(width or DEFAULT_WIDTH, MAX_WIDTH), color)
    show_details = details if details is not None else len(batch.reports) <= DETAIL_LIMIT
    if len(batch.reports) > 1:
        from checker.reporters.terminal_overview import render_overview

        render_overview(screen, batch)
    if show_details:
        for report in batch.reports:
            render_report(screen, report, show_all=show_all)
    elif len(batch.reports) > 1:
        screen.add("（逐份详情未展开：加 --details 显示，或用 --format html / xlsx 导出。）")
    if batch.errors:  # each is also one line on stderr, printed by the command line
        screen.add(f"✘ {len(batch.errors)} 个文件无法检查，原因见标准错误输出。", "red")
    return screen.text()


def render_report(screen: Screen, report: Report, *, show_all: bool = False) -> None:
    """One report; when its gaps would run past SCREEN_LINES, the advice of the lesser gaps (重点指标, 格式) is cut
    to one line, so a report with a dozen gaps still fits about one and a half screens."""
    draft = Screen(screen.columns, screen.color)
    _report(draft, report, show_all=show_all, brief=False)
    if len(draft.lines) > SCREEN_LINES and not show_all:
        draft = Screen(screen.columns, screen.color)
        _report(draft, report, show_all=show_all, brief=True)
    screen.lines.extend(draft.lines)


def _report(screen: Screen, report: Report, *, show_all: bool, brief: bool) -> None:
    rule = "─" * screen.columns
    name = " fzcheck 法治政府建设年度报告检查 "
    screen.lines.append(screen.paint("──", "dim") + screen.paint(name, "bold")
                        + screen.paint("─" * max(0, screen.columns - 2 - cells(name)), "dim"))
    screen.add(report.title or report.issuer or report.path, first="报告：", indent="　　　")
    screen.add(f"{report.path}　规则集：{report.ruleset}", first="文件：", indent="　　　")
    screen.add("　".join([
        f"主体：{report.issuer or '未识别（请核对落款）'}", f"类型：{kind_label(report.kind)}",
        f"报告年度：{report.report_year or '未识别（可用 --year 指定）'}", f"落款日期：{report.date or '无'}"]),
        indent="　　")
    reasons = "　".join(f"{label}：{reason}" for label, reason in (
        ("类型依据", report.kind_reason), ("年度依据", report.year_reason)) if reason)
    if reasons:
        screen.add(reasons, indent="　　")
    if not report.scored:  # not an annual report: say so, and check nothing of it as one
        screen.add(not_a_report_line(report), "red", first="✘ ", indent="  ")
        screen.add(rule, "dim")
        screen.add()
        return
    screen.add(verdict(report), "bold", indent="　　")
    figures = supervision_line(report)
    if figures:
        screen.add(figures, indent="　　")
    screen.add(rule, "dim")
    gaps = report.gaps()
    fixes = priority(report)
    if fixes:
        screen.add("优先补充：", "bold")
        for index, result in enumerate(fixes, 1):
            head = f"{index}. {STATUS_SYMBOL[result.status]} {STATUS_LABEL[result.status]}　"
            screen.add(f"{result.title}（{group_label(result)}）", result.status,
                       first=f"  {head}", indent=" " * (2 + cells(head)))
        screen.add()
    shown = list(report.results) if show_all else gaps
    cut = False
    for result in sorted(shown, key=_rank):
        cut = _block(screen, result, brief and result.severity is not Severity.ERROR) or cut
    if cut:
        screen.add()
        screen.add("建议只列要点，完整建议见 fzcheck explain <规则号> 或 --format html。", "dim")
    rest = [r for r in report.results if r not in shown]
    if rest:
        counts = "、".join(f"{STATUS_LABEL[s]} {n} 项" for s in (Status.PASS, Status.NOT_APPLICABLE)
                          if (n := sum(1 for r in rest if r.status is s)))
        screen.add(f"另有{counts}，未逐条列出；加 --all 显示全部规则。", "dim")
    _explained(screen, report)
    if not gaps:
        screen.add("未发现需要补充的内容。", "green")
    screen.add()


def supervision_line(report: Report) -> str:
    """具体程度 and 上年安排落实 for the header, when measured."""
    parts = []
    if report.concreteness is not None:
        parts.append(f"具体程度 {report.concreteness:.0%}（举措部分有数字、日期、文件或案例的句子）")
    if report.followup is not None:
        parts.append(f"上年安排落实 {report.followup:.0%}")
    return "；".join(parts)


def _explained(screen: Screen, report: Report) -> None:
    """Gaps the unit explained (已说明, with the reason) and, against a baseline, the gaps fixed since."""
    for result in report.excepted():
        head = f"– {EXCEPTED_LABEL}　"
        screen.add(f"{result.title}（{group_label(result)}）", "dim", first=head, indent=" " * cells(head))
        screen.add(result_note(result), "dim", first="  ", indent="  ")
    if report.fixed:
        screen.add("、".join(fixed.title for fixed in report.fixed), "green",
                   first=f"与基线相比已改正 {len(report.fixed)} 项：", indent="  ")


def verdict(report: Report) -> str:
    """One line: how many statutory contents are met, then the counts and the score; for a file that is not an
    annual report, why it is not scored."""
    if not report.scored:
        return not_a_report_line(report)
    summary = report.summary()
    statutory = [r for r in report.results if r.severity is Severity.ERROR and r.status is not Status.NOT_APPLICABLE]
    met = sum(1 for r in statutory if r.status is Status.PASS)
    return (f"结论：法定内容 {met}/{len(statutory)} 符合；缺失 {summary['missing']} 项，薄弱 {summary['weak']} 项，"
            f"符合 {summary['pass']} 项；得分 {summary['score']}/100")


def priority(report: Report) -> list[Result]:
    """What to fix first: the worst gaps, and every part the report lacks altogether (a 落款 included)."""
    gaps = report.gaps()
    chosen = gaps[:TOP_FIXES]
    chosen += [r for r in gaps[TOP_FIXES:] if r.status is Status.MISSING and r.placement is not None]
    return chosen


def _rank(result: Result) -> tuple[int, int]:
    return (-SEVERITY_RANK[result.severity], _ORDER[result.status])


def _block(screen: Screen, result: Result, brief: bool = False) -> bool:
    """One result: status and title, its rule id whole, what was found, where to put it, one quote, the advice's
    first sentence in at most two lines (one when `brief`). True when the advice was cut (the full text is in explain and html).
    No blank line between blocks: each opens with its status at the margin, so a dozen gaps fit one screen."""
    head = f"{STATUS_SYMBOL[result.status]} {STATUS_LABEL[result.status]}　"
    title = f"{result.title}（{group_label(result)}）"
    pad = "  "
    if cells(head + title + pad + result.rule) <= screen.columns:  # the id beside the title when it fits whole
        screen.lines.append(screen.paint(head + visible(title), result.status) + pad + screen.paint(result.rule, "dim"))
    else:
        screen.add(title, result.status, first=head, indent=" " * cells(head))
        screen.add(result.rule, "dim", first=f"{pad}规则 ")
    screen.add(result.message, first=pad, indent=pad)
    if result.baseline is not None:
        screen.add(result_note(result), "dim", first=pad, indent=pad)
    if result.placement is not None and result.is_gap:
        screen.add(result.placement.text + "补写", first=f"{pad}位置：", indent=pad + "　　　")
    quote = _quote(result, screen.columns)
    if quote:
        screen.add(quote, "dim", first=f"{pad}原文：", indent=pad + "　　　")
    if not (result.is_gap and result.suggestion):
        return False
    first, indent = f"{pad}建议：", pad + "　　　"
    room = screen.columns - cells(first) if brief else 2 * screen.columns - cells(first) - cells(indent)
    advice = essential(result.suggestion, room)
    screen.add(advice, first=first, indent=indent)
    return advice != result.suggestion.strip()


_SENTENCE_END = "。！？"


_CLAUSE_END = "，；：、"
_OPEN, _CLOSE = "（(“《", "）)”》"


def essential(advice: str, room: int) -> str:
    """The advice's first sentence in about `room` cells: when longer, cut after its last whole clause that fits
    (outside brackets and quotes), else between whole units, with … at the cut."""
    advice = advice.strip()
    end = min((i for i in (advice.find(ch) for ch in _SENTENCE_END) if i >= 0), default=len(advice) - 1)
    first = advice[:end + 1]
    room -= 4  # slack for the line breaker, which moves whole units to the next line
    if cells(first) <= room:
        return first
    kept = shorten(first, room).rstrip("…")
    opened: list[int] = []  # where the brackets still open at the cut begin
    clause = 0
    for index, ch in enumerate(kept):
        if ch in _OPEN:
            opened.append(index)
        elif ch in _CLOSE and opened:
            opened.pop()
        elif ch in _CLAUSE_END and not opened:
            clause = index
    if cells(kept[:clause]) >= room // 2:
        kept = kept[:clause]
    elif opened and cells(kept[:opened[0]]) >= room // 4:
        kept = kept[:opened[0]]  # never end on a half-quoted example
    return kept.rstrip(_CLAUSE_END) + "…"


def _quote(result: Result, columns: int) -> str:
    """The first piece of evidence with where to find it (page, headings or line), the quote cut to fill the line."""
    if not result.evidence:
        return ""
    evidence = result.evidence[0]
    place = visible(where(evidence, brief=True))
    room = max(QUOTE_CELLS, columns - cells(f"  原文：{place} “”") - 1) if place else columns - 12
    quote = f"“{middle(visible(evidence.text).strip(), min(room, 58))}”"
    return f"{place} {quote}" if place else quote
