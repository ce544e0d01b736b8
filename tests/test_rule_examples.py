"""Every built-in rule on short report snippets: a table of cases per rule, in tests/cases/rules/*.yaml.

Each case names a rule, the status it must give, and the snippet (written for these tests, not taken
from any real report). A case may set `ruleset` (default: government, or department for rules only
that set has), `year` (default 2023), `kind` (default: the rule set's kind) and `published`.

The meta-test makes a new rule without cases fail the suite: every rule of every built-in rule set
and profile needs a pass, a weak and a missing (or not_applicable) case, as far as its kind can give
those statuses.
"""
from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from checker.engine import evaluate
from checker.kinds import KINDS
from checker.ruleset import builtin_names, load_ruleset
from helpers import make_document, with_context

CASES_DIR = Path(__file__).parent / "cases" / "rules"
BUILTIN_SETS = ("government", "department")
ABSENT = {"missing", "not_applicable"}


def _load_cases() -> list[dict]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for number, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")), 1):
            case["where"] = f"{path.name}#{number}"
            cases.append(case)
    return cases


CASES = _load_cases()


def _ruleset_name(case: dict) -> str:
    if "ruleset" in case:
        return case["ruleset"]
    return "government" if load_ruleset("government").get(case["rule"]) else "department"


def _run(case: dict):
    ruleset = load_ruleset(_ruleset_name(case))
    rule = ruleset.get(case["rule"])
    assert rule is not None, f"{case['where']}: rule {case['rule']} is not in {ruleset.name}"
    kind = case.get("kind") or ("department" if ruleset.applies_to == "department" else "government")
    doc = with_context(make_document(case["text"], report_year=case.get("year", 2023), kind=kind), case,
                       ruleset.sections)
    if "published" in case:
        doc = dataclasses.replace(doc, published=datetime.date.fromisoformat(str(case["published"])))
    result = next(r for r in evaluate(doc, ruleset).results if r.rule == rule.id)
    return rule, result


@pytest.mark.parametrize("case", CASES, ids=[f"{c['rule']}-{c['status']}-{c['where']}" for c in CASES])
def test_rule_case(case):
    _, result = _run(case)
    assert result.status.value == case["status"], f"{case['where']}: {result.message}"
    for words in case.get("message_has", ()):
        assert words in result.message, f"{case['where']}: “{words}” not in “{result.message}”"


def _covered() -> dict[tuple[str, str], set[str]]:
    """(rule file, rule id) → statuses its cases show."""
    covered: dict[tuple[str, str], set[str]] = defaultdict(set)
    for case in CASES:
        rule, _ = _run(case)
        covered[(rule.source, rule.id)].add(case["status"])
    return covered


def test_every_builtin_rule_has_pass_weak_and_missing_cases():
    covered = _covered()
    lacking = []
    for name in list(BUILTIN_SETS) + [n for n in builtin_names() if n.startswith("profiles/")]:
        for rule in load_ruleset(name).rules:
            have = covered.get((rule.source, rule.id), set())
            possible = set(KINDS[rule.kind].MEANING)  # the statuses its kind can give at all
            wanted = [s for s in ("pass", "weak") if s not in have]
            if possible & ABSENT and not have & ABSENT:
                wanted.append("missing/not_applicable")
            if wanted:
                lacking.append(f"{name}: {rule.id} ({rule.source}) lacks {', '.join(wanted)}")
    assert not lacking, "rules without cases in tests/cases/rules/:\n" + "\n".join(lacking)
