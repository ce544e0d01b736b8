"""Rule sets described for people: list, show, explain, and what a profile changes (diff)."""
from __future__ import annotations

import json

from checker.labels import group_label, severity_label, status_label
from checker.placeholders import fill
from checker.ruleset import Rule, RuleSet


def find_rules(query: str) -> list[tuple[str, Rule]]:
    """Rules in the built-in sets whose id (or former id) is the query, else whose title contains it; the
    government and department sets are searched first, one entry per rule id and rule set."""
    from checker.ruleset import builtin_names, load_ruleset

    names = ["government", "department"] + [n for n in builtin_names() if n not in ("government", "department")]
    sets = [load_ruleset(name) for name in names]
    exact = [(s.name, rule) for s in sets if (rule := s.get(query)) is not None]
    if exact:
        return exact
    words = query.replace(" ", "")
    found = [(s.name, r) for s in sets for r in s.rules if words and words in r.title.replace(" ", "")]
    first = {}
    for name, rule in found:  # one line per rule: the first rule set that has it
        first.setdefault(rule.id, (name, rule))
    return list(first.values())


def list_rules(ruleset: RuleSet) -> str:
    lines = [f"规则集 {ruleset.name}：{ruleset.title}（{len(ruleset.rules)} 条）"]
    for rule in ruleset.rules:
        lines.append(f"  {rule.id:<36} {rule.severity.value:<8} {group_label(rule):<6} {rule.title}")
    return "\n".join(lines)


def meanings(rule: Rule) -> dict[str, str]:
    from checker.kinds import KINDS

    return {**KINDS[rule.kind].MEANING, **rule.meaning}


def show_rule(rule: Rule) -> str:
    """Everything a rule says, including its check parameters."""
    check = fill(json.dumps(rule.check, ensure_ascii=False, indent=2))
    return explain_rule(rule) + "\n检查参数（check）：\n" + _indent(check) + f"\n定义于：{rule.source}"


def explain_rule(rule: Rule, sources: bool = False) -> str:
    """A rule for a reader with no report at hand: placeholders become stand-ins; the maintainers' note on the
    basis (its source_note) only when `sources` is asked for."""
    parts = [f"{rule.id}　{fill(rule.title)}",
             f"级别：{severity_label(rule.severity)}（{rule.severity.value}）　分组：{group_label(rule)}"]
    if rule.reason:
        parts.append(f"为什么要查：{fill(rule.reason)}")
    parts.append(f"依据：{fill(rule.basis)}")
    if sources:
        parts.append(f"出处说明：{rule.source_note or '无（本条依据未另附出处说明）'}")
    parts.append("判定标准：")
    for status, meaning in meanings(rule).items():
        parts.append(f"  {status_label(status)}（{status}）：{fill(meaning)}")
    parts.append(f"怎么改：{fill(rule.suggestion)}")
    if rule.example:
        parts.append("合规写法示例：\n" + _indent(fill(rule.example)))
    return "\n".join(parts)


def diff_rulesets(base: RuleSet, other: RuleSet) -> str:
    """What `other` changes relative to `base`: rules added, removed, and fields changed."""
    before = {r.id: r for r in base.rules}
    after = {r.id: r for r in other.rules}
    lines = [f"比较 {base.name} → {other.name}"]
    for rule_id in after.keys() - before.keys():
        lines.append(f"+ 新增 {rule_id}（{after[rule_id].severity.value}）{after[rule_id].title}")
    for rule_id in before.keys() - after.keys():
        lines.append(f"- 停用 {rule_id} {before[rule_id].title}")
    for rule_id in [r.id for r in other.rules if r.id in before]:
        for field, old, new in _changes(before[rule_id], after[rule_id]):
            lines.append(f"~ 修改 {rule_id} {field}：{old} → {new}")
    if len(lines) == 1:
        lines.append("两个规则集的规则完全相同。")
    return "\n".join([lines[0]] + sorted(lines[1:], key=lambda line: (line[0] != "+", line[0] != "-", line)))


def _changes(old: Rule, new: Rule):
    for field in ("severity", "title", "group", "applies_to"):
        a, b = getattr(old, field), getattr(new, field)
        a, b = getattr(a, "value", a), getattr(b, "value", b)
        if a != b:
            yield field, a, b
    for field in ("basis", "suggestion", "example"):
        if getattr(old, field) != getattr(new, field):
            yield field, "（原文）", "（已改写）"
    for key in sorted(set(old.check) | set(new.check)):
        if old.check.get(key) != new.check.get(key):
            yield f"check.{key}", _short(old.check.get(key)), _short(new.check.get(key))


def _short(value) -> str:
    text = json.dumps(value, ensure_ascii=False) if value is not None else "（无）"
    return text if len(text) <= 60 else text[:57] + "…"


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())
