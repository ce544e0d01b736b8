"""Aggregating a Batch for the audit views: one row per report, the common gaps, the status matrix."""
from __future__ import annotations

from dataclasses import dataclass, replace

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
    builder = OverviewBuilder()
    for report in batch.reports:
        builder.add(report)
    return builder.build(errors=len(batch.errors))


class OverviewBuilder:
    """The overview gathered one report at a time, keeping a compact row per report (and its statuses when
    a view shows the matrix), so a batch can be written without holding its reports."""

    def __init__(self, *, matrix: bool = True) -> None:
        self._rows: list[ReportRow] = []
        self._columns: dict[str, RuleColumn] = {}  # every rule seen, in order of first appearance
        self._counts: dict[str, list[int]] = {}  # rule → missing, weak, applicable
        self._statuses: list[tuple[tuple[str, ...], tuple[Status, ...]]] | None = [] if matrix else None
        self._orders: dict[tuple[str, ...], tuple[str, ...]] = {}  # one tuple of rule ids per rule set
        self._gaps: dict[Gap, Gap] = {}  # one Gap object per rule and status, shared by the rows
        self._pairs: dict[tuple, CopyPair] = {}
        self._totals = {status.value: 0 for status in Status}
        self._with_gaps = 0
        self._scored = 0
        self._scores = 0

    def add(self, report: Report) -> None:
        row = report_row(len(self._rows), report)
        self._rows.append(replace(row, top_gaps=tuple(self._gaps.setdefault(gap, gap) for gap in row.top_gaps)))
        for result in report.results:
            if result.rule not in self._columns:
                self._columns[result.rule] = RuleColumn(result.rule, result.title, result.severity,
                                                        group_label(result))
                self._counts[result.rule] = [0, 0, 0]
            tally = self._counts[result.rule]
            tally[0] += int(result.status is Status.MISSING)
            tally[1] += int(result.status is Status.WEAK)
            tally[2] += int(result.status is not Status.NOT_APPLICABLE)
            self._totals[result.status.value] += 1
        if self._statuses is not None:
            rules = tuple(result.rule for result in report.results)
            self._statuses.append((self._orders.setdefault(rules, rules),
                                   tuple(result.status for result in report.results)))
        self._with_gaps += bool(report.gaps())
        if report.scored:  # a file that is not a report has no score and no place among the copied
            self._scored += 1
            self._scores += row.score
            _add_pairs(self._pairs, report)

    def build(self, *, errors: int = 0) -> Overview:
        columns = tuple(self._columns.values())
        count = len(self._rows)
        totals = {**self._totals, "reports": count, "errors": errors, "not_a_report": count - self._scored,
                  "reports_with_gaps": self._with_gaps,
                  "average_score": round(self._scores / self._scored) if self._scored else 0}
        return Overview(
            rows=tuple(sorted((row for row in self._rows if row.score is not None), key=_row_rank)),
            common=_ranked_gaps(columns, self._counts),
            columns=columns,
            matrix=tuple(_matrix_row(rules, statuses, columns) for rules, statuses in self._statuses or ()),
            totals=totals,
            copying=_ranked_pairs(self._pairs),
            unscored=tuple(row for row in self._rows if row.score is None),
        )


def _add_pairs(best: dict[tuple, CopyPair], report: Report) -> None:
    for similar in report.similar:
        pair = CopyPair(report.path, report.issuer or report.path, similar.part, similar.path,
                        similar.other or similar.path, similar.share, similar.source,
                        similar.quotes[0] if similar.quotes else "")
        key = (similar.source, similar.part) + tuple(sorted((report.path, similar.path)))
        if key not in best or pair.share > best[key].share:
            best[key] = pair


def _ranked_pairs(best: dict[tuple, CopyPair]) -> tuple[CopyPair, ...]:
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


def _ranked_gaps(columns: tuple[RuleColumn, ...], counts: dict[str, list[int]]) -> tuple[CommonGap, ...]:
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


def _matrix_row(rules: tuple[str, ...], statuses: tuple[Status, ...],
                columns: tuple[RuleColumn, ...]) -> tuple[Status | None, ...]:
    by_rule = dict(zip(rules, statuses))
    return tuple(by_rule.get(column.rule) for column in columns)
