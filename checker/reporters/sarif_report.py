"""SARIF 2.1.0: one run, one result per weak or missing rule, unreadable files as notifications."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from checker.labels import result_label, result_note
from checker.labels import STATUS_LABEL, not_a_report_line
from checker.results import Batch, FileError, Report, Result, Severity

MEDIA = "text"

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT_KEY = "fzcheckPathRule/v1"
RESULT_KEY = "fzcheckResult/v1"  # rule, part and normalised quote: what --baseline compares
NOT_A_REPORT_RULE = "input.not-a-report"  # the finding on a file that is not an annual report
_SENTENCE_END = tuple("。！？；.!?;")
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:/")


def render(batch: Batch, *, color: bool = False, width: int | None = None) -> str:
    """The batch as a SARIF log; color and width do not apply."""
    return json.dumps(sarif_log(batch), ensure_ascii=False, indent=2) + "\n"


def sarif_log(batch: Batch) -> dict[str, Any]:
    """The SARIF log as plain dicts; deterministic (no timestamps, no absolute paths added)."""
    rules = _rules(batch.reports)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    driver: dict[str, Any] = {"name": "fzcheck", "rules": rules}
    if batch.version:
        driver["version"] = batch.version
    run = {
        "tool": {"driver": driver},
        "invocations": [_invocation(batch.errors)],
        "artifacts": [{"location": {"uri": artifact_uri(report.path)}} for report in batch.reports],
        "columnKind": "unicodeCodePoints",
        "results": [_result(report, result, index[result.rule], n)
                    for n, report in enumerate(batch.reports) for result in report.gaps() + report.excepted()]
        + [_absent(report, fixed, n) for n, report in enumerate(batch.reports) for fixed in report.fixed or ()
           if fixed.rule in index]
        + [_not_a_report(report, index[NOT_A_REPORT_RULE], n) for n, report in enumerate(batch.reports)
           if not report.scored],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def artifact_uri(path: str) -> str:
    """A URI reference for a report path: relative stays relative, non-ASCII is percent-encoded."""
    posix = path.replace("\\", "/")
    if _WINDOWS_DRIVE.match(posix):  # C:\报告\a.txt → file:///C:/%E6%8A%A5%E5%91%8A/a.txt
        return "file:///" + quote(posix, safe="/:")
    if PurePosixPath(posix).is_absolute():
        return "file://" + quote(posix, safe="/")
    return quote(posix, safe="/")


def fingerprint(path: str, rule: str) -> str:
    """Stable across runs and line shifts: the same report file and rule give the same value."""
    return hashlib.sha256(f"{path}\0{rule}".encode("utf-8")).hexdigest()[:32]


def _rules(reports: tuple[Report, ...]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for report in reports:
        for result in report.results:
            if result.rule not in seen:
                seen[result.rule] = _descriptor(result)
    if any(not report.scored for report in reports):
        seen[NOT_A_REPORT_RULE] = {
            "id": NOT_A_REPORT_RULE, "name": rule_name(NOT_A_REPORT_RULE),
            "shortDescription": {"text": "文件是一份法治政府建设年度报告"},
            "fullDescription": {"text": "说明、通知、清单、目录、其他工作的总结或合在一起的几份报告，不作为年度报告评分"},
            "defaultConfiguration": {"level": "error"},
            "help": {"text": "请检查报告本身；几份报告合在一个文件里时，拆成每份一个文件"},
            "properties": {"tags": ["input"]},
        }
    return list(seen.values())


def _not_a_report(report: Report, rule_index: int, artifact_index: int) -> dict[str, Any]:
    return {
        "ruleId": NOT_A_REPORT_RULE, "ruleIndex": rule_index, "kind": "fail", "level": "error",
        "message": {"text": not_a_report_line(report)},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(report.path),
                                                                  "index": artifact_index},
                                            "region": {"startLine": 1}}}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(report.path, NOT_A_REPORT_RULE)},
        "properties": {"status": "not_a_report", "code": report.not_a_report.code, "issuer": report.issuer,
                       "reportYear": report.report_year},
    }


def _descriptor(result: Result) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": result.rule,
        "name": rule_name(result.rule),
        "shortDescription": {"text": result.title},
        "fullDescription": {"text": result.basis or result.title},
        "defaultConfiguration": {"level": LEVEL[result.severity]},
        "properties": {"tags": [result.rule.split(".")[0]], "severity": result.severity.value},
    }
    if result.suggestion:
        descriptor["help"] = {"text": result.suggestion}
    return descriptor


def rule_name(rule: str) -> str:
    """SARIF wants a name that is an identifier, not prose: content.first-responsible → ContentFirstResponsible."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^0-9A-Za-z]+", rule) if part)


def _result(report: Report, result: Result, rule_index: int, artifact_index: int) -> dict[str, Any]:
    item = _result_core(report, result, rule_index, artifact_index)
    if result.exception is not None:  # an accepted exception: SARIF's own way to say "explained, not a finding"
        item["suppressions"] = [{"kind": "external" if result.exception.source != "docx comment" else "inSource",
                                 "status": "accepted", "justification": result.exception.reason,
                                 "properties": {"source": result.exception.source}}]
    if result.baseline is not None:
        item["baselineState"] = result.baseline
    return item


def _absent(report: Report, fixed, artifact_index: int) -> dict[str, Any]:
    """A gap of the baseline run that is gone: baselineState absent."""
    return {
        "ruleId": fixed.rule, "kind": "pass", "level": "none", "baselineState": "absent",
        "message": {"text": f"已改正：{fixed.title}"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(report.path),
                                                                  "index": artifact_index}}}],
        "partialFingerprints": {RESULT_KEY: fixed.fingerprint},
    }


def _result_core(report: Report, result: Result, rule_index: int, artifact_index: int) -> dict[str, Any]:
    return {
        "ruleId": result.rule,
        "ruleIndex": rule_index,
        "kind": "fail",
        "level": LEVEL[result.severity],
        "message": {"text": message_text(result)},
        "locations": [_location(report.path, result, artifact_index)],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(report.path, result.rule),
                                RESULT_KEY: result.fingerprint},
        "properties": {"status": result.status.value, "statusLabel": result_label(result),
                       "issuer": report.issuer, "reportYear": report.report_year},
    }


def message_text(result: Result) -> str:
    """The Chinese message, then what to add."""
    message = result.message.strip() or result.title
    if not result.suggestion:
        return message
    joint = "" if message.endswith(_SENTENCE_END) else "。"
    return f"{message}{joint}建议：{result.suggestion}"


def _location(path: str, result: Result, artifact_index: int) -> dict[str, Any]:
    # SARIF lines start at 1; a missing item has no evidence, so it points at the top of the report.
    first = result.evidence[0] if result.evidence else None
    region: dict[str, Any] = {"startLine": max(first.line, 1) if first else 1}
    if first and first.text:
        region["snippet"] = {"text": first.text}
    return {"physicalLocation": {
        "artifactLocation": {"uri": artifact_uri(path), "index": artifact_index},
        "region": region,
    }}


def _invocation(errors: tuple[FileError, ...]) -> dict[str, Any]:
    invocation: dict[str, Any] = {"executionSuccessful": not errors}
    if errors:
        invocation["toolExecutionNotifications"] = [_notification(error) for error in errors]
    return invocation


def _notification(error: FileError) -> dict[str, Any]:
    return {
        "level": "error",
        "message": {"text": f"无法读取：{error.message}"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(error.path)}}}],
        "descriptor": {"id": "input.unreadable"},
    }
