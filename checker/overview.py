"""Aggregating a Batch for the audit views: one row per report, the common gaps, the status matrix."""
from __future__ import annotations

from dataclasses import dataclass

from checker.labels import STATUS_LABEL, group_label
from checker.results import SEVERITY_RANK, Batch, NotAReport, Report, Result, Severity, Status

TOP_GAPS = 3  # an overview row names this many gaps; the detail lists them all


@dataclass(frozen=True)
class Gap:
    """One weak or missing result, reduced to what an overview cell shows."""

    rule: str
    title: str
    status: Status
    severity: Severity
    group: str = ""  # the rule's group as people read it (labels.group_label)

    @property
    def label(self) -> str:
        """Status and title, as one overview cell item: 缺失·存在的不足."""
        return f"{STATUS_LABEL[self.status]}·{self.title}"


@dataclass(frozen=True)
class ReportRow:
    """One report in the overview table."""

    index: int  # position in the batch, 0-based: the anchor the detail views use
    path: str
    title: str
    issuer: str
    report_year: int | None
    kind: str
    ruleset: str
    score: int | None  # None: not an annual report, so not scored
    missing: int
    weak: int
    top_gaps: tuple[Gap, ...]
    concreteness: float | None = None  # share of the measures part's sentences with figures, dates, documents
    followup: float | None = None  # share of last year's plan items this year's measures mention
    excepted: int = 0
    not_a_report: NotAReport | None = None

    @property
    def name(self) -> str:
        """What a reader recognises the report by: its issuer, else its title, else its file."""
        return self.issuer or self.title or self.path

    def gap_summary(self, separator: str = "；") -> str:
        """The worst gaps as one line of text."""
        return separator.join(gap.label for gap in self.top_gaps)


@dataclass(frozen=True)
class CommonGap:
    """A rule and how many reports fall short of it."""

    rule: str
    title: str
    severity: Severity
    missing: int
    weak: int
    applicable: int  # reports that carry the rule and to which it applies (not n/a)
    group: str = ""  # the rule's group as people read it (labels.group_label)

    @property
    def gaps(self) -> int:
        """Reports weak or missing on this rule."""
        return self.missing + self.weak

    @property
    def share(self) -> float:
        """Share of the applicable reports that are weak or missing on this rule, 0..1."""
        return self.gaps / self.applicable if self.applicable else 0.0


@dataclass(frozen=True)
class CopyPair:
    """A part much of which one report shares with another unit's report, or with its own last year's."""

    path: str
    name: str  # the report's unit
    part: str
    other_path: str
    other_name: str
    share: float  # of the report's sentences in the part, the share found in the other
    source: str  # "batch" or "previous"
    quote: str = ""


@dataclass(frozen=True)
class RuleColumn:
    """A rule as a matrix column."""

    rule: str
    title: str
    severity: Severity
    group: str = ""  # the rule's group as people read it (labels.group_label)


@dataclass(frozen=True)
class Overview:
    """Everything the audit views show, computed once from a Batch."""

    rows: tuple[ReportRow, ...]  # worst first; reports only, so a row's position is its rank
    common: tuple[CommonGap, ...]  # most frequent first; rules no report falls short of are left out
    columns: tuple[RuleColumn, ...]  # every rule seen, in rule-set order of first appearance
    matrix: tuple[tuple[Status | None, ...], ...]  # batch order × columns; None: rule not in that report's set
    totals: dict[str, int]
    copying: tuple[CopyPair, ...] = ()  # the highest share first; a batch pair once, from the side sharing more
    unscored: tuple[ReportRow, ...] = ()  # files that are not annual reports, in batch order: no rank, no score

    def status_at(self, report_index: int, column: int) -> Status | None:
        """The status of a report (batch order) on a column's rule; None when its rule set lacks the rule."""
        return self.matrix[report_index][column]


def build_overview(batch: Batch) -> Overview:
    """The overview of a batch; a pure function of it, with a deterministic order."""
    columns = rule_columns(batch.reports)
    rows = [report_row(i, r) for i, r in enumerate(batch.reports)]
    return Overview(
        rows=tuple(sorted((row for row in rows if row.score is not None), key=_row_rank)),
        common=common_gaps(batch.reports, columns),
        columns=columns,
        matrix=tuple(_matrix_row(report, columns) for report in batch.reports),
        totals=_totals(batch),
        copying=copy_pairs(tuple(r for r in batch.reports if r.scored)),
        unscored=tuple(row for row in rows if row.score is None),
    )


def copy_pairs(reports: tuple[Report, ...]) -> tuple[CopyPair, ...]:
    """Copied parts: each batch pair once (the side that shares the larger share), each repeat of last year."""
    best: dict[tuple, CopyPair] = {}
    for report in reports:
        for similar in report.similar:
            pair = CopyPair(report.path, report.issuer or report.path, similar.part, similar.path,
                            similar.other or similar.path, similar.share, similar.source,
                            similar.quotes[0] if similar.quotes else "")
            key = (similar.source, similar.part) + tuple(sorted((report.path, similar.path)))
            if key not in best or pair.share > best[key].share:
                best[key] = pair
    return tuple(sorted(best.values(), key=lambda p: (p.source != "batch", -p.share, p.path, p.part)))


def report_row(index: int, report: Report) -> ReportRow:
    """A report's overview row; its gaps come severity first, missing before weak (Report.gaps)."""
    summary = report.summary()
    gaps = report.gaps()[:TOP_GAPS]
    return ReportRow(
        index=index, path=report.path, title=report.title, issuer=report.issuer,
        report_year=report.report_year, kind=report.kind, ruleset=report.ruleset,
        score=summary["score"], missing=summary["missing"], weak=summary["weak"],
        top_gaps=tuple(_gap(result) for result in gaps),
        concreteness=report.concreteness, followup=report.followup, excepted=summary["excepted"],
        not_a_report=report.not_a_report,
    )


def rule_columns(reports: tuple[Report, ...]) -> tuple[RuleColumn, ...]:
    """Every rule id seen, once, in the order it first appears; the first title seen wins."""
    seen: dict[str, RuleColumn] = {}
    for report in reports:
        for result in report.results:
            seen.setdefault(result.rule, RuleColumn(result.rule, result.title, result.severity, group_label(result)))
    return tuple(seen.values())


def common_gaps(reports: tuple[Report, ...], columns: tuple[RuleColumn, ...]) -> tuple[CommonGap, ...]:
    """Rules that at least one report falls short of, the most frequent first."""
    counts = {column.rule: [0, 0, 0] for column in columns}  # missing, weak, applicable
    for report in reports:
        for result in report.results:
            tally = counts[result.rule]
            tally[0] += int(result.status is Status.MISSING)
            tally[1] += int(result.status is Status.WEAK)
            tally[2] += int(result.status is not Status.NOT_APPLICABLE)
    found = [CommonGap(c.rule, c.title, c.severity, *counts[c.rule], group=c.group) for c in columns]
    position = {column.rule: i for i, column in enumerate(columns)}
    # Ties keep rule-set order, so the same batch always gives the same ranking.
    ranked = sorted(
        (gap for gap in found if gap.gaps),
        key=lambda g: (-g.gaps, -g.missing, -SEVERITY_RANK[g.severity], position[g.rule]),
    )
    return tuple(ranked)


def _gap(result: Result) -> Gap:
    return Gap(result.rule, result.title, result.status, result.severity, group_label(result))


def _row_rank(row: ReportRow) -> tuple:
    # Worst first: the lowest score, then the most missing, then the most weak; the path breaks ties.
    return (row.score, -row.missing, -row.weak, row.path, row.index)


def _matrix_row(report: Report, columns: tuple[RuleColumn, ...]) -> tuple[Status | None, ...]:
    by_rule = {result.rule: result.status for result in report.results}
    return tuple(by_rule.get(column.rule) for column in columns)


def _totals(batch: Batch) -> dict[str, int]:
    totals = {status.value: 0 for status in Status}
    for report in batch.reports:
        for result in report.results:
            totals[result.status.value] += 1
    totals["reports"] = len(batch.reports)
    totals["errors"] = len(batch.errors)
    totals["not_a_report"] = sum(1 for report in batch.reports if not report.scored)
    totals["reports_with_gaps"] = sum(1 for report in batch.reports if report.gaps())
    scores = [report.score for report in batch.reports if report.scored]
    totals["average_score"] = round(sum(scores) / len(scores)) if scores else 0
    return totals
