"""Rule files: validation errors that name file, rule and key; extends, patching, disable, cycles."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.errors import RuleFileError
from checker.ruleset import builtin_names, load_ruleset
from checker.results import Severity

ERROR_CASES = yaml.safe_load((Path(__file__).parent / "cases" / "rulefile_errors.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", ERROR_CASES.values(), ids=ERROR_CASES.keys())
def test_invalid_rule_file_is_refused_with_one_line(tmp_path, case):
    path = tmp_path / "bad.yaml"
    path.write_text(case["file"], encoding="utf-8")
    with pytest.raises(RuleFileError) as raised:
        load_ruleset(str(path))
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith(str(path)) or "bad.yaml" in message
    if case["rule"]:
        assert f"规则 {case['rule']}" in message
    if case["key"]:
        assert f": {case['key']}:" in message
    assert case["contains"] in message


def test_profile_patches_one_field_and_adds_and_disables(tmp_path):
    (tmp_path / "p.yaml").write_text("""
version: 1
name: 某省
extends: government
disable: [form]
rules:
  - id: indicator.court-appearance
    severity: error
  - id: content.measures
    check: {min_chars: 800}
  - id: local.review
    title: 行政复议
    severity: warning
    basis: 本省考核要求（示例）
    suggestion: 写明行政复议收案数。
    check: {kind: topic, parts: [{name: 行政复议, phrases: [行政复议]}]}
""", encoding="utf-8")
    base, profile = load_ruleset("government"), load_ruleset(str(tmp_path / "p.yaml"))
    assert profile.get("indicator.court-appearance").severity is Severity.ERROR
    assert base.get("indicator.court-appearance").severity is Severity.WARNING
    assert profile.get("content.measures").params.min_chars == 800
    assert profile.get("content.measures").params.items == base.get("content.measures").params.items
    assert profile.get("local.review") is not None
    assert not [r for r in profile.rules if r.id.startswith("form.")]


def test_a_profile_leaves_the_set_it_extends_as_it_was(tmp_path):
    from checker import ruleset

    def described(rules):
        return [(r.id, r.severity, r.check, r.params) for r in rules.rules]

    ruleset._load_cached.cache_clear()
    before = described(load_ruleset("government"))
    (tmp_path / "p.yaml").write_text("version: 1\nextends: government\nrules:\n"
                                     "  - {id: indicator.court-appearance, severity: error}\n"
                                     "  - {id: content.measures, check: {min_chars: 800}}\n", encoding="utf-8")
    load_ruleset(str(tmp_path / "p.yaml"))
    ruleset._load_cached.cache_clear()  # read the base again, after the profile merged over it
    assert described(load_ruleset("government")) == before


def test_extends_cycle_is_refused(tmp_path):
    (tmp_path / "a.yaml").write_text("version: 1\nextends: b.yaml\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("version: 1\nextends: a.yaml\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match="循环"):
        load_ruleset(str(tmp_path / "a.yaml"))


def test_unknown_rule_set_name():
    with pytest.raises(RuleFileError, match="找不到规则集"):
        load_ruleset("nosuchset")


def test_builtin_sets_are_listed_and_load():
    names = builtin_names()
    assert {"government", "department", "national"} <= set(names)
    for name in names:
        assert load_ruleset(name, validate_builtin=True).rules  # the schema check a run skips for built-ins
