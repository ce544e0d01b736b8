"""Helpers for tests: build a Document from a snippet of report text."""
from __future__ import annotations

from checker.document import Overrides, build_document
from checker.readers import read_bytes


def make_document(text: str, *, report_year: int | None = None, kind: str | None = None, name: str = "snippet.txt"):
    return build_document(read_bytes(text.encode("utf-8"), name), Overrides(report_year=report_year, kind=kind))


def statuses(report) -> dict[str, str]:
    return {result.rule: result.status.value for result in report.results}
