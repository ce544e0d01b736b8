"""Evaluate a rule set on a document: run each rule's kind, stamp the rule's metadata on its finding."""
from __future__ import annotations

from checker.document import Document
from checker.kinds import KINDS
from checker.labels import kind_label
from checker.location import locate
from checker.placeholders import fill as fill_placeholders
from checker.placement import placement
from checker.results import Finding, NotAReport, Report, Result, Status, distinct
from checker.ruleset import Rule, RuleSet


def evaluate(doc: Document, ruleset: RuleSet) -> Report:
    findings = [(rule, _finding(doc, rule)) for rule in ruleset.rules]
    results = tuple(_result(rule, finding, doc, ruleset) for rule, finding in findings)
    metrics = {key: value for _, finding in findings for key, value in finding.metrics.items()}
    return Report(path=doc.path, title=doc.title, issuer=doc.issuer, kind=doc.kind, report_year=doc.report_year,
                  date=doc.date.isoformat() if doc.date else None, ruleset=ruleset.name, results=results,
                  format=doc.format, kind_reason=doc.kind_reason, year_reason=doc.year_reason,
                  metrics=metrics)


def unscored(doc: Document, ruleset: RuleSet, why: NotAReport) -> Report:
    """The report of a file that is not an annual report: its facts and why, no results and so no score."""
    return Report(path=doc.path, title=doc.title, issuer=doc.issuer, kind=doc.kind, report_year=doc.report_year,
                  date=doc.date.isoformat() if doc.date else None, ruleset=ruleset.name, results=(),
                  format=doc.format, kind_reason=doc.kind_reason, year_reason=doc.year_reason, not_a_report=why)


def _finding(doc: Document, rule: Rule) -> Finding:
    if rule.applies_to not in ("any", doc.kind):
        return Finding(Status.NOT_APPLICABLE, f"本项只适用于{kind_label(rule.applies_to)}的报告")
    return KINDS[rule.kind].check(doc, rule.params)


def fill(template: str, doc: Document) -> str:
    """Put the report's own year and issuer into a rule's text."""
    return fill_placeholders(template, doc.report_year, doc.issuer)


def _result(rule: Rule, finding: Finding, doc: Document, ruleset: RuleSet) -> Result:
    where = placement(doc, ruleset, rule) if finding.status in (Status.WEAK, Status.MISSING) else None
    return Result(placement=where, rule=rule.id, title=rule.title, status=finding.status, severity=rule.severity,
                  message=fill(finding.message, doc), suggestion=fill(finding.suggestion or rule.suggestion, doc),
                  basis=rule.basis, evidence=locate(doc, distinct(finding.evidence)), group=rule.group,
                  example=fill(rule.example, doc),
                  part=_part(rule))


def _part(rule: Rule) -> str:
    """The named part a rule's check looks at, for the result's fingerprint."""
    section = getattr(rule.params, "section", None)
    return getattr(section, "name", "") if section is not None else ""
