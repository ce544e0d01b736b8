"""Each check kind knows itself; the schema, `explain` and the case tables are checked against it.

A kind's parameters and defaults are its Params dataclass, its statuses and their meanings its MEANING,
the parameters naming located parts its PART_KEYS. Adding a kind is adding its module, its schema entry
and its case file: these tests fail when one of the three is missing or disagrees with the module.
"""
from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from checker.kinds import KINDS
from checker.results import Status
from checker.ruleinfo import explain_rule
from checker.ruleset import load_ruleset
from conftest import ROOT

SCHEMA = json.loads((ROOT / "checker" / "schemas" / "ruleset.schema.json").read_text(encoding="utf-8"))["$defs"]
CASES = Path(__file__).parent / "cases"
STATUS_LINE = re.compile(r"^(pass|weak|missing|not_applicable)\s", re.M)


def _entry(name: str) -> dict:
    return SCHEMA[f"kind_{name}"]


def _fields(kind) -> dict[str, dataclasses.Field]:
    return {field.name: field for field in dataclasses.fields(kind.Params)}


def _schema_leaves(entry: dict, fields: dict) -> dict[str, dict]:
    """The schema's parameters; an object whose keys are all Params fields (evidence: {items, …}) only groups them."""
    leaves = {}
    for key, spec in entry["properties"].items():
        if key == "kind":
            continue
        inner = spec.get("properties")
        leaves.update(inner if inner and set(inner) <= set(fields) else {key: spec})
    return leaves


def test_schema_lists_exactly_the_kinds():
    assert set(SCHEMA["kind_name"]["enum"]) == set(KINDS)
    assert {key[len("kind_"):] for key in SCHEMA if key.startswith("kind_") and key != "kind_name"} == set(KINDS)


@pytest.mark.parametrize("name", sorted(KINDS))
def test_schema_entry_matches_the_kinds_parameters(name):
    kind, entry = KINDS[name], _entry(name)
    assert "kind" in entry["required"] and entry.get("additionalProperties") is False
    fields = _fields(kind)
    leaves = _schema_leaves(entry, fields)
    assert set(leaves) == set(fields), f"{name}: schema {sorted(leaves)} vs Params {sorted(fields)}"
    required = set(entry["required"]) - {"kind"}
    for key, field in fields.items():
        has_default = field.default is not dataclasses.MISSING or field.default_factory is not dataclasses.MISSING
        if key in required:
            assert not has_default, f"{name}.{key}: required in the schema but has a default"
        if "default" in leaves[key]:
            value = list(field.default) if isinstance(field.default, tuple) else field.default
            assert value == leaves[key]["default"], \
                f"{name}.{key}: schema default {leaves[key]['default']!r} ≠ Params default {value!r}"


@pytest.mark.parametrize("name", sorted(KINDS))
def test_part_keys_are_parameters_that_name_parts(name):
    kind, entry = KINDS[name], _entry(name)
    for key in kind.PART_KEYS:
        spec = entry["properties"][key]
        assert spec.get("type") == "string" or spec.get("items", {}).get("type") == "string", f"{name}.{key}"


@pytest.mark.parametrize("name", sorted(KINDS))
def test_meaning_is_the_docstring_and_chinese(name):
    kind = KINDS[name]
    assert set(kind.MEANING) <= {s.value for s in Status} and {"pass"} <= set(kind.MEANING)
    assert set(STATUS_LINE.findall(kind.__doc__)) == set(kind.MEANING), f"{name}: docstring and MEANING differ"
    assert all(re.search(r"[\u4e00-\u9fff]", words) for words in kind.MEANING.values())
    assert (CASES / f"kind_{name}.yaml").is_file(), f"{name}: no case file"


def test_explain_describes_each_status_from_the_kind():
    for name in ("government", "department"):
        for rule in load_ruleset(name).rules:
            text = explain_rule(rule)
            for status, words in {**KINDS[rule.kind].MEANING, **rule.meaning}.items():
                assert f"（{status}）：{words}" in text, (rule.id, status)
