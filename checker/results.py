"""What checking produces: findings, results, reports and batches, and their JSON form."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Status(str, Enum):
    PASS = "pass"
    WEAK = "weak"
    MISSING = "missing"
    NOT_APPLICABLE = "not_applicable"


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}
# Fingerprints ignore spacing and punctuation, so re-typing a sentence does not make its gap "new".
_QUOTE_NOISE = re.compile(r"[\s\W_]+")
# The score (README, 结果与退出码): statutory (error) rules share 60 points, the other rules 40 weighted
# warning 2 : info 1; a status earns its credit; not_applicable and explained gaps are left out. Any
# statutory gap scales the score by 0.59, so a report whose statutory parts are all met (at least 60)
# always ranks above one that falls short of any (at most 59), whatever the indicators say.
STATUTORY_POINTS = 60
_OTHER_WEIGHT = {Severity.WARNING: 2, Severity.INFO: 1}
_CREDIT = {Status.PASS: 1.0, Status.WEAK: 0.5, Status.MISSING: 0.0}
STATUTORY_GAP_FACTOR = 0.59


@dataclass(frozen=True)
class Evidence:
    """A quote from the report that a result rests on, and where it stands."""

    line: int
    text: str
    origin: str = ""  # "第3页", "第12段" where the format has pages or paragraphs
    heading_path: tuple[str, ...] = ()  # the headings above the quote, outermost first (一、…, （三）…)
    page: int | None = None  # the page of a paged format (PDF, OFD); labels.where says the place in words


def distinct(evidence: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
    """Each sentence quoted once: a quote whose normalised words are those of one kept before it, or lie within
    them (or contain them), is the same evidence again and is left out; the first of them stays."""
    kept: list[tuple[str, Evidence]] = []
    for item in evidence:
        key = _QUOTE_NOISE.sub("", item.text)
        if any(key in seen or seen in key for seen, _ in kept if key and seen):
            continue
        if not key and any(not seen for seen, _ in kept):
            continue
        kept.append((key, item))
    return tuple(item for _, item in kept)


@dataclass(frozen=True)
class Placement:
    """Where a part the report lacks should be written: after (or at) this line, said in words."""

    line: int
    text: str  # 在“一、主要举措和成效”部分之后


@dataclass(frozen=True)
class Finding:
    """What a check kind returns; it knows nothing of the rule around it."""

    status: Status
    message: str
    evidence: tuple[Evidence, ...] = ()
    suggestion: str = ""  # replaces the rule's suggestion when this finding needs different advice
    metrics: dict[str, float] = field(default_factory=dict)  # figures measured on the way, shown in headers


@dataclass(frozen=True)
class Waiver:
    """An accepted exception: the unit explained why a gap is not one for it."""

    reason: str
    source: str  # the config file's path, or "docx comment"

    def as_dict(self) -> dict[str, str]:
        return {"reason": self.reason, "source": self.source}


@dataclass(frozen=True)
class NotAReport:
    """Why a file is not one annual report (a note, a notice, several reports in one file …): it is not scored."""

    code: str  # too_short, notice, list, contents, other_topic, concatenated
    reason: str  # in words a clerk understands, with what to do

    def as_dict(self) -> dict[str, str]:
        return {"reason": self.reason, "code": self.code}


@dataclass(frozen=True)
class Result:
    """A Finding stamped by the engine with its rule's metadata."""

    rule: str
    title: str
    status: Status
    severity: Severity
    message: str
    suggestion: str
    basis: str
    evidence: tuple[Evidence, ...] = ()
    group: str = ""
    example: str = ""
    placement: Placement | None = None  # for a weak or missing part: where it should go
    part: str = ""  # the report part the rule looks at (measures, shortcomings, …); empty for the whole report
    exception: Waiver | None = None
    baseline: str | None = None  # with --baseline, for gaps: "new" or "unchanged"

    @property
    def is_gap(self) -> bool:
        return self.status in (Status.WEAK, Status.MISSING)

    @property
    def counts(self) -> bool:
        """A gap that decides the exit code: not explained by an exception, not already in the baseline."""
        return self.is_gap and self.exception is None and self.baseline != "unchanged"

    @property
    def fingerprint(self) -> str:
        """Stable across edits that move lines: the rule, its part and the normalised first quote."""
        quote = _QUOTE_NOISE.sub("", self.evidence[0].text) if self.evidence else ""
        return hashlib.sha256(f"{self.rule}\0{self.part}\0{quote}".encode("utf-8")).hexdigest()[:20]

    def as_dict(self) -> dict[str, Any]:
        item = {
            "rule": self.rule, "title": self.title, "status": self.status.value,
            "severity": self.severity.value, "message": self.message,
            "suggestion": self.suggestion, "basis": self.basis,
            "evidence": [_evidence_dict(e) for e in self.evidence],
            **({"placement": {"line": self.placement.line, "text": self.placement.text}} if self.placement else {}),
            "fingerprint": self.fingerprint,
        }
        if self.exception is not None:
            item["exception"] = self.exception.as_dict()
        if self.baseline is not None:
            item["baseline"] = self.baseline
        return item


def _evidence_dict(evidence: Evidence) -> dict[str, Any]:
    item: dict[str, Any] = {"line": evidence.line, "text": evidence.text}
    if evidence.origin:
        item["origin"] = evidence.origin
    if evidence.page is not None:
        item["page"] = evidence.page
    if evidence.heading_path:
        item["heading_path"] = list(evidence.heading_path)
    return item


@dataclass(frozen=True)
class Similar:
    """A part of this report that much of is found in another report (this year's batch or last year's)."""

    part: str  # measures, shortcomings, causes or plan
    path: str  # the other file
    share: float  # of this report's sentences in the part, how many the other has too, 0..1
    source: str  # "batch" or "previous"
    other: str = ""  # the other report's issuer, for people
    quotes: tuple[str, ...] = ()  # a few of the shared sentences

    def as_dict(self) -> dict[str, Any]:
        return {"part": self.part, "path": self.path, "share": round(self.share, 2), "source": self.source,
                "issuer": self.other, "quotes": list(self.quotes)}


@dataclass(frozen=True)
class Fixed:
    """A gap of the baseline run that this run no longer finds."""

    rule: str
    title: str
    fingerprint: str


@dataclass(frozen=True)
class Report:
    """One checked report: what it is, and each rule's result."""

    path: str
    title: str
    issuer: str
    kind: str
    report_year: int | None
    date: str | None
    ruleset: str
    results: tuple[Result, ...]
    format: str = "txt"
    kind_reason: str = ""  # why this kind (and so this rule set) was chosen
    year_reason: str = ""  # where the report year comes from, or why it is unknown
    metrics: dict[str, float] = field(default_factory=dict)  # figures the checks measured, e.g. concreteness
    similar: tuple[Similar, ...] = ()
    fixed: tuple[Fixed, ...] | None = None  # with --baseline: the baseline's gaps no longer found
    # Set when the file is not one annual report: then it has no results, no score and no place in rankings.
    not_a_report: NotAReport | None = None
    pending: Any = field(default=None, compare=False, repr=False)  # what the batch stage still needs (supervise)

    @property
    def concreteness(self) -> float | None:
        return self.metrics.get("concreteness")

    @property
    def followup(self) -> float | None:
        return self.metrics.get("followup")

    @property
    def scored(self) -> bool:
        """Whether the file was checked as a report and so has a score and a place in rankings."""
        return self.not_a_report is None

    def summary(self) -> dict[str, int | None]:
        counts: dict[str, int | None] = {status.value: 0 for status in Status}
        counts["excepted"] = 0
        scored = []
        for result in self.results:
            counts[result.status.value] += 1
            if result.exception is not None and result.is_gap:
                counts["excepted"] += 1
                continue  # an explained gap neither earns nor loses points
            if result.status in _CREDIT:
                scored.append(result)
        counts["score"] = _score(scored) if self.scored else None
        return counts

    @property
    def score(self) -> int | None:
        """0–100; None for a file that is not an annual report."""
        return self.summary()["score"]

    def gaps(self) -> list[Result]:
        """Weak and missing results, the most serious first (severity, then missing before weak)."""
        order = {Status.MISSING: 0, Status.WEAK: 1}
        found = [r for r in self.results if r.is_gap and r.exception is None]
        return sorted(found, key=lambda r: (-SEVERITY_RANK[r.severity], order[r.status]))

    def exit_code(self, fail_on: Severity | None) -> int:
        if fail_on is None:
            return 0
        if not self.scored:
            return 1  # a file that is not a report fails the check as a gap would
        return int(self.worst_counting() >= SEVERITY_RANK[fail_on])

    def worst_counting(self) -> int:
        """The highest severity rank among the gaps that decide the exit code; -1 when there are none."""
        return max((SEVERITY_RANK[r.severity] for r in self.results if r.counts), default=-1)

    def excepted(self) -> list[Result]:
        """Gaps the unit has explained, with their reasons."""
        return [r for r in self.results if r.is_gap and r.exception is not None]

    def as_dict(self) -> dict[str, Any]:
        item = {
            "path": self.path, "title": self.title, "issuer": self.issuer, "kind": self.kind,
            "kind_reason": self.kind_reason, "report_year": self.report_year, "year_reason": self.year_reason,
            "date": self.date, "ruleset": self.ruleset,
            "results": [r.as_dict() for r in self.results],
            "summary": self.summary(),
            "metrics": {key: round(value, 2) for key, value in self.metrics.items()},
            "similar": [s.as_dict() for s in self.similar],
            "not_a_report": self.not_a_report.as_dict() if self.not_a_report else None,
        }
        if self.fixed is not None:
            item["fixed"] = [{"rule": f.rule, "title": f.title, "fingerprint": f.fingerprint} for f in self.fixed]
        return item


@dataclass(frozen=True)
class FileError:
    """A file that could not be checked, and why."""

    path: str
    message: str
    internal: bool = False  # a fault of fzcheck's own, not of the file: exit code 3
    detail: str = ""  # the traceback of an internal fault, shown with --debug only

    def as_dict(self) -> dict[str, str]:
        return {"path": self.path, "message": self.message}


@dataclass(frozen=True)
class Batch:
    """All reports of one run, and the files that could not be checked."""

    reports: tuple[Report, ...] = ()
    errors: tuple[FileError, ...] = ()
    version: str = field(default="")

    def exit_code(self, fail_on: Severity | None) -> int:
        """The highest per-file code: an internal fault → 3, an unreadable file → 2, a gap at or above fail_on → 1."""
        if self.errors:
            return 3 if any(error.internal for error in self.errors) else 2
        return max((r.exit_code(fail_on) for r in self.reports), default=0)

    def as_dict(self) -> dict[str, Any]:
        return {
            "tool": {"name": "fzcheck", "version": self.version},
            "reports": [r.as_dict() for r in self.reports],
            "errors": [e.as_dict() for e in self.errors],
        }


def _score(results: list[Result]) -> int:
    """0–100 from the scored results (pass, weak, missing; explained gaps already left out)."""
    statutory = [r for r in results if r.severity is Severity.ERROR]
    others = [r for r in results if r.severity is not Severity.ERROR]
    parts = []  # (points, share earned) for each group the report has rules in
    if statutory:
        parts.append((STATUTORY_POINTS, sum(_CREDIT[r.status] for r in statutory) / len(statutory)))
    if others:
        total = sum(_OTHER_WEIGHT[r.severity] for r in others)
        earned = sum(_OTHER_WEIGHT[r.severity] * _CREDIT[r.status] for r in others)
        parts.append((100 - STATUTORY_POINTS, earned / total))
    if not parts:
        return 100
    score = 100 * sum(points * share for points, share in parts) / sum(points for points, _ in parts)
    if any(r.status is not Status.PASS for r in statutory):
        score *= STATUTORY_GAP_FACTOR
    return int(score + 0.5)
