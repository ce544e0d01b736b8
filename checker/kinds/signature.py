"""Signature and date: the report ends with its issuer (落款单位) and date (落款日期).

    check:
      kind: signature

pass     both the issuer line and the date line close the report
weak     one of the two is there
missing  neither
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from checker.document import Document
from checker.locate import Locator
from checker.match import evidence
from checker.results import Finding, Status

KIND = "signature"
MEANING = {"pass": "有落款单位和日期", "weak": "只有其中一项", "missing": "两项都没有"}
PART_KEYS: tuple[str, ...] = ()


@dataclass(frozen=True)
class Params:
    """A signature rule has no parameters."""


def build_params(raw: Mapping[str, Any], sections: Mapping[str, Locator]) -> Params:
    return Params()


def check(doc: Document, params: Params) -> Finding:
    proof = tuple(evidence(line) for line in (doc.signed_by, doc.signed_on) if line is not None)
    if doc.signed_by is not None and doc.signed_on is not None:
        return Finding(Status.PASS, f"落款为“{doc.signed_by.norm}”，日期{doc.date:%Y年%-m月%-d日}", proof)
    if doc.signed_by is not None:
        return Finding(Status.WEAK, f"有落款单位“{doc.signed_by.norm}”，但没有落款日期", proof)
    if doc.signed_on is not None:
        return Finding(Status.WEAK, "有落款日期，但没有落款单位", proof)
    return Finding(Status.MISSING, "报告末尾没有落款单位和日期")
