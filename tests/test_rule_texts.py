"""Rule texts as people read them: placeholders filled or replaced by stand-ins, and the basis a clean citation
whose maintainers' note (source_note) appears only with `explain --sources`, never in a report."""
from __future__ import annotations

import json
import re

import pytest
import yaml
from click.testing import CliRunner

import cli
from checker.placeholders import fill
from checker.ruleset import builtin_names, load_ruleset
from conftest import EXAMPLES, ROOT

PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
HALF_FILLED = re.compile(r"报告年(?!度)|××××(?!年)")
STAND_INS = {"{report_year}": "××××年", "{next_year}": "报告年度次年", "{issuer}": "本单位"}
# Words that mark a maintainers' note about how far a source is verified; they belong in source_note only.
NOTE_WORDS = ("未核实", "非条文原文", "只见开头", "[U]", "[V]", "惯例模板", "所见资料", "source_note")

RULES = [(name, rule.id) for name in builtin_names() for rule in load_ruleset(name).rules]
NOTES = [(name, rule.id, rule.source_note) for name in builtin_names() for rule in load_ruleset(name).rules
         if rule.source_note]
CASES = yaml.safe_load((ROOT / "tests" / "cases" / "placeholders.yaml").read_text(encoding="utf-8"))


def run(*args):
    return CliRunner().invoke(cli.main, list(args))


@pytest.mark.parametrize("case", CASES, ids=[c["want"] for c in CASES])
def test_fill(case):
    assert fill(case["text"], case.get("year"), case.get("issuer")) == case["want"]


@pytest.mark.parametrize("command", [["explain"], ["rules", "show"]], ids=["explain", "rules-show"])
@pytest.mark.parametrize("name, rule_id", RULES, ids=[f"{n}:{r}" for n, r in RULES])
def test_rule_text_has_no_placeholder_or_note(command, name, rule_id):
    result = run(*command, rule_id, "--rules", name)
    assert result.exit_code == 0, result.output
    assert not PLACEHOLDER.findall(result.output)
    assert not HALF_FILLED.findall(result.output)
    rule = load_ruleset(name).get(rule_id)
    written = " ".join([rule.title, rule.reason, rule.basis, rule.suggestion, rule.example, json.dumps(rule.check)])
    assert [s for p, s in STAND_INS.items() if p in written and s not in result.output] == []
    assert not [word for word in NOTE_WORDS if word in result.output]


def test_some_rules_have_source_notes():
    assert len({rule_id for _, rule_id, _ in NOTES}) >= 8


@pytest.mark.parametrize("name, rule_id, note", NOTES, ids=[f"{n}:{r}" for n, r, _ in NOTES])
def test_explain_sources_shows_note(name, rule_id, note):
    plain = run("explain", rule_id, "--rules", name)
    with_sources = run("explain", rule_id, "--rules", name, "--sources")
    assert with_sources.exit_code == 0, with_sources.output
    assert note in with_sources.output and note not in plain.output
    assert "出处说明" in with_sources.output and "出处说明" not in plain.output


@pytest.mark.parametrize("example, rules", [("government-flawed.txt", "government"), ("department.txt", "department"),
                                            ("government-good.txt", "government")])
def test_report_has_no_source_note(example, rules):
    result = run("check", str(EXAMPLES / example), "--rules", rules, "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    text = json.dumps(json.loads(result.output), ensure_ascii=False)
    notes = [note for n, _, note in NOTES if n == rules]
    assert notes and not [note for note in notes if note in text]
    assert "source_note" not in text and not PLACEHOLDER.findall(text)


def test_web_rule_api_fills_placeholders():
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from checker.web.app import Settings, create_app

    with TestClient(create_app(Settings(workers=1)), base_url="http://127.0.0.1") as client:
        body = client.get("/api/rules/form.signature-date").json()
        page = client.get("/rules").text
    assert "报告年度次年" in body["suggestion"] and not PLACEHOLDER.findall(json.dumps(body, ensure_ascii=False))
    assert "{next_year}" not in page and "{issuer}" not in page and "{report_year}" not in page
