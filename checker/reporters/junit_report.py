"""JUnit XML: one testsuite per report, one testcase per rule; weak/missing fail, n/a is skipped.

The shape follows the strict Ant JUnit.xsd (windyroad/JUnit-Schema), which requires
`package`, `id`, `hostname` and `timestamp` on each testsuite and `<properties>`,
`<system-out>`, `<system-err>` inside it, and allows no attributes on `<testsuites>`.
To keep the output the same for the same input, the timestamp is a fixed placeholder
and the hostname is `localhost`, as that schema advises when the host is not known.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from checker.labels import cited, result_label, result_note
from checker.labels import STATUS_LABEL, group_label, not_a_report_line, score_text
from checker.results import Batch, FileError, Report, Result, Status

MEDIA = "text"

TIMESTAMP = "1970-01-01T00:00:00"
HOSTNAME = "localhost"
# XML 1.0 cannot carry most control characters; text extracted from hacked pages sometimes has them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render(batch: Batch, *, color: bool = False, width: int | None = None) -> str:
    """The batch as a JUnit XML document; color and width do not apply."""
    root = ET.Element("testsuites")
    suite_id = 0
    for report in batch.reports:
        root.append(_report_suite(report, suite_id))
        suite_id += 1
    for error in batch.errors:
        root.append(_error_suite(error, suite_id))
        suite_id += 1
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def clean(text: str) -> str:
    """Text XML 1.0 can carry: characters it forbids are dropped."""
    return _NOT_XML.sub("", text)


def _suite(name: str, package: str, suite_id: int, counts: dict[str, int]) -> ET.Element:
    return ET.Element("testsuite", {
        "name": clean(name) or "-", "package": package, "id": str(suite_id),
        "tests": str(counts["tests"]), "failures": str(counts["failures"]),
        "errors": str(counts["errors"]), "skipped": str(counts["skipped"]),
        "time": "0", "timestamp": TIMESTAMP, "hostname": HOSTNAME,
    })


def _report_suite(report: Report, suite_id: int) -> ET.Element:
    if not report.scored:
        return _not_a_report_suite(report, suite_id)
    summary = report.summary()
    counts = {"tests": len(report.results), "failures": summary["weak"] + summary["missing"] - summary["excepted"],
              "errors": 0, "skipped": summary["not_applicable"] + summary["excepted"]}
    suite = _suite(report.path, clean(f"fzcheck.{report.ruleset}"), suite_id, counts)
    properties = ET.SubElement(suite, "properties")
    for name, value in (("title", report.title), ("issuer", report.issuer), ("kind", report.kind),
                        ("report_year", report.report_year), ("date", report.date),
                        ("ruleset", report.ruleset), ("score", summary["score"])):
        ET.SubElement(properties, "property", {"name": name, "value": clean("" if value is None else str(value))})
    for result in report.results:
        suite.append(_testcase(report, result))
    ET.SubElement(suite, "system-out").text = clean(
        f"{report.title or report.path}：得分 {summary['score']}，缺失 {summary['missing']} 项，"
        f"薄弱 {summary['weak']} 项，符合 {summary['pass']} 项，不适用 {summary['not_applicable']} 项")
    ET.SubElement(suite, "system-err")
    return suite


def _testcase(report: Report, result: Result) -> ET.Element:
    case = ET.Element("testcase", {
        "classname": clean(f"fzcheck.{report.ruleset}"), "name": clean(f"{result.rule} {result.title}"), "time": "0"})
    if result.is_gap and result.exception is not None:
        ET.SubElement(case, "skipped", {"message": clean(result_note(result))})
    elif result.is_gap:
        failure = ET.SubElement(case, "failure", {"message": clean(result.message), "type": result.status.value})
        failure.text = clean(failure_text(result))
    elif result.status is Status.NOT_APPLICABLE:
        ET.SubElement(case, "skipped", {"message": clean(result.message)})
    return case


def failure_text(result: Result) -> str:
    """What a CI log shows under a failed rule: status, message, evidence, suggestion, basis."""
    lines = [f"状态：{STATUS_LABEL[result.status]}（{group_label(result)}）", f"说明：{result.message}"]
    lines += [f"证据：{cited(e)}" for e in result.evidence]
    if result.suggestion:
        lines.append(f"建议：{result.suggestion}")
    if result.basis:
        lines.append(f"依据：{result.basis}")
    return "\n".join(lines)


def _not_a_report_suite(report: Report, suite_id: int) -> ET.Element:
    """A file that is not an annual report: one failed case saying so, and no rule cases."""
    suite = _suite(report.path, clean(f"fzcheck.{report.ruleset}"), suite_id,
                   {"tests": 1, "failures": 1, "errors": 0, "skipped": 0})
    properties = ET.SubElement(suite, "properties")
    for name, value in (("title", report.title), ("issuer", report.issuer), ("score", score_text(None)),
                        ("not_a_report", report.not_a_report.code)):
        ET.SubElement(properties, "property", {"name": name, "value": clean(value or "")})
    case = ET.SubElement(suite, "testcase", {"classname": clean(f"fzcheck.{report.ruleset}"),
                                             "name": "是否为法治政府建设年度报告", "time": "0"})
    line = not_a_report_line(report)
    ET.SubElement(case, "failure", {"message": clean(line), "type": "not_a_report"}).text = clean(line)
    ET.SubElement(suite, "system-out").text = clean(f"{report.title or report.path}：{line}")
    ET.SubElement(suite, "system-err")
    return suite


def _error_suite(error: FileError, suite_id: int) -> ET.Element:
    suite = _suite(error.path, "fzcheck.input", suite_id, {"tests": 1, "failures": 0, "errors": 1, "skipped": 0})
    ET.SubElement(suite, "properties")
    case = ET.SubElement(suite, "testcase", {"classname": "fzcheck.input", "name": "读取报告文件", "time": "0"})
    ET.SubElement(case, "error", {"message": clean(error.message), "type": "unreadable"}).text = clean(
        f"无法读取：{error.path}\n原因：{error.message}")
    ET.SubElement(suite, "system-out")
    ET.SubElement(suite, "system-err")
    return suite
