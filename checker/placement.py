"""Where a part the report lacks should go: after the statutory part before it in the rule set, else before the
next one, else at the end of the body; the terminal says it in words and annotate anchors its comment there."""
from __future__ import annotations

from checker.document import Document
from checker.locate import Located, find_section
from checker.results import Placement
from checker.ruleset import Rule, RuleSet

_PARTS = ("section",)  # kinds whose finding is about a part of the report's outline
_END = ("signature",)  # kinds whose missing item belongs at the end


def placement(doc: Document, ruleset: RuleSet, rule: Rule) -> Placement | None:
    """Where the part a rule asks for should be written; None when the report has it as a part of its own."""
    if rule.kind in _END:
        return _at_end(doc, "在全文末尾")
    if rule.kind not in _PARTS:
        return None
    own = _located(doc, rule)
    if own is not None:
        return None
    position = ruleset.rules.index(rule)
    for before in reversed(ruleset.rules[:position]):
        part = _located(doc, before)
        if part is not None:
            return Placement(line=part.lines[-1].number, text=f"在“{_heading(part)}”部分之后")
    for after in ruleset.rules[position + 1:]:
        part = _located(doc, after)
        if part is not None:
            return Placement(line=part.lines[0].number, text=f"在“{_heading(part)}”部分之前")
    return _at_end(doc, "在正文末尾、落款之前")


def _located(doc: Document, rule: Rule) -> Located | None:
    if rule.kind not in _PARTS:
        return None
    part = find_section(doc, rule.params.section)
    return part if part is not None and not part.is_inline and part.heading is not None else None


def _heading(part: Located) -> str:
    return part.heading.text.strip() if part.heading else part.title


def _at_end(doc: Document, text: str) -> Placement | None:
    if not doc.lines:
        return None
    last = doc.signed_by or doc.lines[-1]
    if doc.signed_by is not None:
        text = "在落款之前" if text != "在全文末尾" else text
    return Placement(line=last.number, text=text)
