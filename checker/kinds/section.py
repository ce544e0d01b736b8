"""Required section: a part of its own, found by its heading, with a concrete body.

    check:
      kind: section
      section: first-responsible      # a locator named under `sections:`
      min_chars: 150                  # a shorter body is weak
      evidence:                       # what makes the body concrete
        items:
          - {name: 亲自部署, phrases: [亲自部署]}
          - {name: 听取汇报, phrases: [听取, 专题研究]}
        min_items: 2
        figures: 1                    # at least this many figures (次、件、项、%)
      mentioned_elsewhere: [第一责任人]

pass     the part exists, its body is long enough and shows the evidence asked for
weak     the part is thin, found only as a sentence, or the topic is only mentioned elsewhere
missing  none of these
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from checker.document import Document
from checker.kinds.common import Group, build_groups, names
from checker.locate import Locator, find_section
from checker.match import Phrase, compile_phrases, evidence, figures, find_lines
from checker.results import Finding, Status

KIND = "section"


@dataclass(frozen=True)
class Params:
    section: Locator
    min_chars: int = 80
    items: tuple[Group, ...] = ()
    min_items: int = 0
    figures: int = 0
    mentioned_elsewhere: tuple[Phrase, ...] = ()


def build_params(raw: Mapping[str, Any], sections: Mapping[str, Locator]) -> Params:
    spec = raw.get("evidence", {})
    items = build_groups(spec.get("items", ()))
    return Params(section=sections[raw["section"]], min_chars=raw.get("min_chars", 80),
                  items=items, min_items=spec.get("min_items", len(items) and 1),
                  figures=spec.get("figures", 0),
                  mentioned_elsewhere=compile_phrases(raw.get("mentioned_elsewhere", ())))


def check(doc: Document, params: Params) -> Finding:
    found = find_section(doc, params.section)
    if found is None or found.is_inline:
        return _not_own_part(doc, params, found)
    proof = [evidence(found.lines[0])]
    shown = [g for g in params.items if any(p.search(found.body) for p in g.phrases)]
    counted = figures(found.body)
    unshown = [g for g in params.items if g not in shown]
    gaps = []
    if len(found.body) < params.min_chars:
        gaps.append(f"正文仅{len(found.body)}字（少于{params.min_chars}字）")
    if len(shown) < params.min_items:
        gaps.append(f"具体内容不足（已体现：{names(shown) or '无'}；未体现：{names(unshown)}）")
    if len(counted) < params.figures:
        gaps.append("没有具体数字（次数、件数、比率等）")
    if gaps:
        return Finding(Status.WEAK, f"有“{found.title}”部分，但" + "；".join(gaps), tuple(proof))
    detail = f"，已体现：{names(shown)}" if shown else ""
    more = f"；尚未体现：{names(unshown)}" if unshown else ""
    return Finding(Status.PASS, f"有“{found.title}”部分，正文{len(found.body)}字{detail}{more}", tuple(proof))


def _not_own_part(doc: Document, params: Params, inline: Any) -> Finding:
    if inline is not None:
        return Finding(Status.WEAK, f"没有单列标题，仅在第{inline.lines[0].number}行以一段文字带过",
                       (evidence(inline.lines[0]),))
    hits = find_lines(doc.lines, params.mentioned_elsewhere) if params.mentioned_elsewhere else []
    if hits:
        where = "、".join(f"第{line.number}行" for line, _ in hits[:3])
        return Finding(Status.WEAK, f"没有单列部分，仅在{where}顺带提及",
                       tuple(evidence(line, m) for line, m in hits[:2]))
    return Finding(Status.MISSING, "报告中没有这一部分，也没有相关表述")
