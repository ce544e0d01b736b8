"""Text shared with another unit's report of the same batch (copied between units or from a template).

    check:
      kind: shared
      measures: measures          # the parts compared, as named under `sections:`; causes are
      shortcomings: shortcomings  # split off the shortcomings
      plan: plan

The batch stage (checker/supervise.py) compares every report with the others and gives the verdict
through verdict(); check() does the same against doc.peers, and a report checked alone has none.

pass            no part is largely shared with another unit's report of the batch
weak            a part is largely shared with another unit's report
not_applicable  a single report: there is nothing to compare with
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from checker.document import Document
from checker.labels import PART_LABEL
from checker.locate import Locator
from checker.results import Evidence, Finding, Status

KIND = "shared"
MEANING = {"pass": "与同批其他单位的报告没有大段雷同", "weak": "某一部分一半以上与另一单位的报告相同",
           "not_applicable": "单份检查，无从比对"}
PART_KEYS = ("measures", "shortcomings", "plan")
SINGLE = "单份检查，无从与其他单位的报告比对；批量检查时比对同批各单位的报告"


@dataclass(frozen=True)
class Params:
    """A shared-text rule's parameters, from its `check:` block."""

    measures: Locator
    shortcomings: Locator
    plan: Locator


def build_params(raw: Mapping[str, Any], sections: Mapping[str, Locator]) -> Params:
    return Params(**{key: sections[raw[key]] for key in PART_KEYS})


def check(doc: Document, params: Params) -> Finding:
    if not doc.peers:
        return Finding(Status.NOT_APPLICABLE, SINGLE)
    from checker.signature import build_signature
    from checker.similarity import compare, same_unit

    mine = build_signature(doc, {key: getattr(params, key) for key in PART_KEYS})
    copied = [(peer.issuer or peer.path, found) for peer in doc.peers if not same_unit(mine, peer)
              for found in compare(mine, peer) if found.copied]
    return verdict(copied)


def verdict(copied: Sequence[tuple[str, Any]]) -> Finding:
    """The finding for a report's copied parts: (the other unit, the similarity.Overlap of this report's part)."""
    if not copied:
        return Finding(Status.PASS, "与同批其他单位的报告没有大段雷同")
    ranked = sorted(copied, key=lambda item: -item[1].share)
    said = "；".join(f"{PART_LABEL[o.part]}{o.share:.0%}的句子与{other}相同" for other, o in ranked[:3])
    return Finding(Status.WEAK, f"与同批其他单位的报告雷同：{said}",
                   tuple(Evidence(s.line, s.quote) for s in ranked[0][1].shared[:2]))
