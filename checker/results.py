"""What checking produces: findings, results, reports and batches, and their JSON form."""
from __future__ import annotations

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
# Weight of a rule in the score, and the credit a status earns.
_WEIGHT = {Severity.ERROR: 3, Severity.WARNING: 2, Severity.INFO: 1}
_CREDIT = {Status.PASS: 1.0, Status.WEAK: 0.5, Status.MISSING: 0.0}


@dataclass(frozen=True)
class Evidence:
    line: int
    text: str
    origin: str = ""  # "第3页", "第12段" where the format has pages or paragraphs

    @property
    def where(self) -> str:
        return f"{self.origin}（第{self.line}行）" if self.origin else f"第{self.line}行"


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

    @property
    def is_gap(self) -> bool:
        return self.status in (Status.WEAK, Status.MISSING)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule, "title": self.title, "status": self.status.value,
            "severity": self.severity.value, "message": self.message,
            "suggestion": self.suggestion, "basis": self.basis,
            "evidence": [_evidence_dict(e) for e in self.evidence],
            **({"placement": {"line": self.placement.line, "text": self.placement.text}} if self.placement else {}),
        }


def _evidence_dict(evidence: Evidence) -> dict[str, Any]:
    item: dict[str, Any] = {"line": evidence.line, "text": evidence.text}
    if evidence.origin:
        item["origin"] = evidence.origin
    return item


@dataclass(frozen=True)
class Report:
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

    def summary(self) -> dict[str, int]:
        counts = {status.value: 0 for status in Status}
        earned = total = 0.0
        for result in self.results:
            counts[result.status.value] += 1
            if result.status in _CREDIT:
                total += _WEIGHT[result.severity]
                earned += _WEIGHT[result.severity] * _CREDIT[result.status]
        counts["score"] = round(100 * earned / total) if total else 100
        return counts

    @property
    def score(self) -> int:
        return self.summary()["score"]

    def gaps(self) -> list[Result]:
        """Weak and missing results, the most serious first (severity, then missing before weak)."""
        order = {Status.MISSING: 0, Status.WEAK: 1}
        found = [r for r in self.results if r.is_gap]
        return sorted(found, key=lambda r: (-SEVERITY_RANK[r.severity], order[r.status]))

    def exit_code(self, fail_on: Severity | None) -> int:
        if fail_on is None:
            return 0
        floor = SEVERITY_RANK[fail_on]
        return int(any(r.is_gap and SEVERITY_RANK[r.severity] >= floor for r in self.results))

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path, "title": self.title, "issuer": self.issuer, "kind": self.kind,
            "kind_reason": self.kind_reason, "report_year": self.report_year, "year_reason": self.year_reason,
            "date": self.date, "ruleset": self.ruleset,
            "results": [r.as_dict() for r in self.results],
            "summary": self.summary(),
        }


@dataclass(frozen=True)
class FileError:
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
