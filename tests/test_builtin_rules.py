"""The built-in rule sets and profiles as a drafting office reads them: complete, sourced, Chinese."""
from __future__ import annotations

import re

import pytest
import yaml

from checker import builtin_rules_dir
from checker.ruleset import builtin_names, load_ruleset

SETS = ["government", "department"] + [n for n in builtin_names() if n.startswith("profiles/")]
CORE_IDS = ("content.measures", "content.shortcomings", "content.shortcomings-causes", "content.first-responsible",
            "content.next-year-plan", "year.plan-is-next-year", "indicator.court-appearance",
            "indicator.three-systems", "form.numbering", "form.signature-date")
ID = re.compile(r"^[a-z]+\.[a-z0-9-]+$")
CJK = re.compile(r"[\u4e00-\u9fff]")
PLACEHOLDER = re.compile(r"\{(report_year|next_year|issuer)\}")


def _rules():
    return [pytest.param(name, rule, id=f"{name}:{rule.id}") for name in SETS for rule in load_ruleset(name).rules]


def test_profiles_are_listed():
    assert "profiles/example-province" in SETS


@pytest.mark.parametrize("name, rule", _rules())
def test_rule_is_complete(name, rule):
    assert ID.match(rule.id), rule.id
    for field in ("title", "basis", "suggestion", "example"):
        assert getattr(rule, field).strip(), f"{rule.id}: {field} is empty"
    assert rule.group, rule.id


@pytest.mark.parametrize("name, rule", _rules())
def test_basis_quotes_no_unverified_source(name, rule):
    assert "[U]" not in rule.basis and "［U］" not in rule.basis
    assert "[P]" not in rule.basis and "[V" not in rule.basis  # marks belong in the catalog, not in what users read
    # The article numbers of the five contents are unverified (requirements.md §1.2): never cite them.
    assert not re.search(r"督察工作规定》第二十[五六]条", rule.basis), rule.id


@pytest.mark.parametrize("name, rule", _rules())
def test_user_facing_text_is_chinese(name, rule):
    for field in ("title", "suggestion", "reason"):
        text = PLACEHOLDER.sub("", getattr(rule, field))
        if not text:
            continue
        letters = [c for c in text if not c.isspace() and not c.isdigit() and c not in "，。、；：（）“”《》-.%"]
        assert letters and len(CJK.findall(text)) >= 0.8 * len(letters), f"{rule.id}: {field} is not Chinese: {text}"


@pytest.mark.parametrize("name", SETS)
def test_ids_unique(name):
    ids = [rule.id for rule in load_ruleset(name).rules]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("path", sorted(p.name for p in builtin_rules_dir().iterdir() if p.name.endswith(".yaml"))
                         + sorted(f"profiles/{p.name}" for p in builtin_rules_dir().joinpath("profiles").iterdir()
                                  if p.name.endswith(".yaml")))
def test_no_id_written_twice_in_one_file(path):
    # A second entry with the same id would silently patch the first one.
    data = yaml.safe_load(builtin_rules_dir().joinpath(path).read_text(encoding="utf-8"))
    ids = [rule["id"] for rule in data.get("rules", [])]
    assert len(ids) == len(set(ids)), path


@pytest.mark.parametrize("name", ["government", "department"])
def test_core_ids_present(name):
    ruleset = load_ruleset(name)
    missing = [rule_id for rule_id in CORE_IDS if ruleset.get(rule_id) is None]
    assert not missing


def test_core_severities():
    for name in ("government", "department"):
        ruleset = load_ruleset(name)
        for rule_id in CORE_IDS:
            if rule_id.startswith(("content.", "year.")):
                assert ruleset.get(rule_id).severity.value == "error", rule_id


def test_kind_specific_rules():
    government, department = load_ruleset("government"), load_ruleset("department")
    assert department.get("outline.department-eight-parts") is not None
    assert government.get("outline.department-eight-parts") is None
    assert "条文出处未核实" in department.get("outline.department-eight-parts").source_note
    assert len(department.get("outline.department-eight-parts").params.parts) == 8
    assert (government.get("timing.report-deadline").params.month, government.get("timing.report-deadline").params.day) == (4, 1)
    assert (department.get("timing.report-deadline").params.month, department.get("timing.report-deadline").params.day) == (3, 1)
    assert government.get("timing.publication").params.use == "published"
    assert "第二十四条" in government.get("timing.publication").basis


def test_profile_tightens_adds_and_disables():
    base, profile = load_ruleset("government"), load_ruleset("profiles/example-province")
    assert profile.get("indicator.court-appearance").severity.value == "error"
    assert base.get("indicator.court-appearance").severity.value == "warning"
    assert profile.get("content.measures").params.min_chars > base.get("content.measures").params.min_chars
    assert profile.get("form.numbering") is None and base.get("form.numbering") is not None
    added = {r.id for r in profile.rules} - {r.id for r in base.rules}
    assert {"indicator.demonstration-creation", "form.title-pattern"} <= added


def test_custom_profile_example_loads():
    from conftest import EXAMPLES

    ruleset = load_ruleset(str(EXAMPLES / "rules" / "custom-profile.yaml"))
    assert ruleset.get("indicator.court-appearance").severity.value == "error"
    assert ruleset.get("local.court-government-linkage") is not None
    assert not [r for r in ruleset.rules if r.id.startswith("form.")]
