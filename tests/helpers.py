"""Helpers for tests: build a Document from a snippet of report text."""
from __future__ import annotations

from checker.document import Overrides, build_document
from checker.readers import read_bytes


def make_document(text: str, *, report_year: int | None = None, kind: str | None = None, name: str = "snippet.txt"):
    return build_document(read_bytes(text.encode("utf-8"), name), Overrides(report_year=report_year, kind=kind))


def with_context(doc, case: dict, sections):
    """The document with what a case gives beside it: last year's report (`previous`, as --previous does)
    and other units' reports (`others`, as a batch does)."""
    import dataclasses

    from checker.signature import build_signature
    from checker.supervise import last_year

    if case.get("previous") is not None:
        doc = dataclasses.replace(doc, previous=last_year(make_document(case["previous"], name="previous.txt"),
                                                          sections))
    if case.get("others"):
        peers = tuple(build_signature(make_document(text, name=f"other{n}.txt"), sections)
                      for n, text in enumerate(case["others"]))
        doc = dataclasses.replace(doc, peers=peers)
    return doc


def statuses(report) -> dict[str, str]:
    return {result.rule: result.status.value for result in report.results}
