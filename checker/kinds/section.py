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
      template:                       # a report template whose parts already are this section's content
        name: 部门报告八项体例
        parts:                        # found among the report's headings
          - {name: （一）学习贯彻习近平法治思想, phrases: [习近平法治思想]}
        min_parts: 6                  # this many parts among the headings: the report follows the template
        suggestion: 在体例相应各项中补写……   # advice that does not ask for a new part

pass     the part exists, its body is long enough and shows the evidence asked for; or the report
         follows the template and its parts show every evidence item
weak     the part is thin, found only as a sentence or by its opening phrase, the topic is only
         mentioned elsewhere, or the report follows the template and its parts lack some evidence
         (the message names what the template covers and what is absent)
missing  none of these
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from checker.document import Document
from checker.kinds.common import Group, build_groups, names
from checker.location import place
from checker.locate import Locator, find_section
from checker.match import Phrase, compile_phrases, evidence, figures, find_lines
from checker.outline import Section
from checker.results import Finding, Status
from checker.scan import indices_matching

KIND = "section"
MEANING = {"pass": "单列了这一部分，正文具体、有数字", "weak": "有这一部分但内容单薄，或只在别处顺带提及、只以一段文字带过",
           "missing": "报告中没有这一部分"}
PART_KEYS = ("section",)


@dataclass(frozen=True)
class Template:
    """A report template whose parts, taken together, are the section's content."""

    name: str
    parts: tuple[Group, ...]
    min_parts: int
    suggestion: str = ""


@dataclass(frozen=True)
class Params:
    """A required section rule's parameters, from its `check:` block."""

    section: Locator
    min_chars: int = 80
    items: tuple[Group, ...] = ()
    min_items: int | None = None  # None: one item when items are given
    figures: int = 0
    mentioned_elsewhere: tuple[Phrase, ...] = ()
    template: Template | None = None


def build_params(raw: Mapping[str, Any], sections: Mapping[str, Locator]) -> Params:
    given: dict[str, Any] = {"min_chars": raw["min_chars"]} if "min_chars" in raw else {}
    spec = raw.get("evidence", {})
    if "items" in spec:
        given["items"] = build_groups(spec["items"])
    given.update({key: spec[key] for key in ("min_items", "figures") if key in spec})
    if "mentioned_elsewhere" in raw:
        given["mentioned_elsewhere"] = compile_phrases(raw["mentioned_elsewhere"])
    template = raw.get("template")
    if template:
        given["template"] = Template(template["name"], build_groups(template["parts"]),
                                     template.get("min_parts", len(template["parts"])),
                                     template.get("suggestion", "").strip())
    return Params(section=sections[raw["section"]], **given)


def _min_items(params: Params) -> int:
    return params.min_items if params.min_items is not None else (1 if params.items else 0)


def check(doc: Document, params: Params) -> Finding:
    found = find_section(doc, params.section)
    if found is None or found.is_inline:
        return _not_own_part(doc, params, found)
    proof = [evidence(found.lines[0])]
    body = (found.body,)  # each item's phrases as one scan of the body (checker.scan), not one search each
    shown = [g for g in params.items if indices_matching(body, g.phrases)]
    counted = figures(found.body)
    unshown = [g for g in params.items if g not in shown]
    gaps = []
    if len(found.body) < params.min_chars:
        gaps.append(f"正文仅{len(found.body)}字（少于{params.min_chars}字）")
    if len(shown) < _min_items(params):
        gaps.append(f"具体内容不足（已体现：{names(shown) or '无'}；未体现：{names(unshown)}）")
    if len(counted) < params.figures:
        gaps.append("没有具体数字（次数、件数、比率等）")
    if gaps:
        return Finding(Status.WEAK, f"有“{found.title}”部分，但" + "；".join(gaps), tuple(proof))
    detail = f"，已体现：{names(shown)}" if shown else ""
    more = f"；尚未体现：{names(unshown)}" if unshown else ""
    return Finding(Status.PASS, f"有“{found.title}”部分，正文{len(found.body)}字{detail}{more}", tuple(proof))


def _not_own_part(doc: Document, params: Params, inline: Any) -> Finding:
    if params.template is not None:
        followed = _follows_template(doc, params, params.template)
        if followed is not None:
            return followed
    if inline is not None and inline.opener:
        first = inline.lines[0]
        return Finding(Status.WEAK, f"没有单列标题，{place(doc, first)}以“{inline.opener}”开头的段落写了这部分"
                                    f"（{len(inline.body)}字），宜单列标题", (evidence(first, focus=inline.body[:20]),))
    if inline is not None:
        return Finding(Status.WEAK, f"没有单列标题，仅在{place(doc, inline.lines[0])}以一段文字带过",
                       (evidence(inline.lines[0]),))
    hits = find_lines(doc.lines, params.mentioned_elsewhere) if params.mentioned_elsewhere else []
    if hits:
        where = "、".join(dict.fromkeys(place(doc, line) for line, _ in hits[:3]))
        return Finding(Status.WEAK, f"没有单列部分，仅在{where}顺带提及",
                       tuple(evidence(line, m) for line, m in hits[:2]))
    return Finding(Status.MISSING, "报告中没有这一部分，也没有相关表述")


def _follows_template(doc: Document, params: Params, template: Template) -> Finding | None:
    """The report is written in a template whose parts are this section's content: say what they cover."""
    matched: dict[Group, Section] = {}
    for section in doc.walk():
        part = next((p for p in template.parts if p not in matched and any(ph.search(section.title) for ph in p.phrases)),
                    None)
        if part is not None:
            matched[part] = section
    if len(matched) < template.min_parts:
        return None
    body = "".join(section.title + section.body_text for section in matched.values())
    shown = [g for g in params.items if any(p.search(body) for p in g.phrases)]
    unshown = [g for g in params.items if g not in shown]
    absent = [p for p in template.parts if p not in matched]
    first = min(matched.values(), key=lambda section: section.heading.line.number)
    covered = f"报告按{template.name}撰写（{len(matched)}项），各项即主要负责人履职的内容，无需另起一部分重复"
    detail = f"；已体现：{names(shown) or '无'}"
    if absent:
        detail += f"；体例中缺少：{names(absent)}"
    proof = (evidence(first.heading.line),)
    if unshown or absent or len(figures(body)) < params.figures:
        missing = f"；尚未写明：{names(unshown)}" if unshown else ""
        return Finding(Status.WEAK, covered + detail + missing, proof, template.suggestion)
    return Finding(Status.PASS, covered + detail, proof, template.suggestion)
