"""Every check kind against its table of cases (tests/cases/kind_*.yaml)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.kinds import KINDS
from checker.ruleset import _locator
from helpers import make_document, with_context

CASES = Path(__file__).parent / "cases"


def _load():
    for path in sorted(CASES.glob("kind_*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, case in spec["cases"].items():
            yield pytest.param(spec, case, id=f"{spec['check']['kind']}-{name}")


@pytest.mark.parametrize("spec, case", list(_load()))
def test_kind(spec, case):
    kind = KINDS[spec["check"]["kind"]]
    sections = {name: _locator(name, locator) for name, locator in spec.get("sections", {}).items()}
    params = kind.build_params(spec["check"], sections)
    doc = with_context(make_document(case["text"], report_year=case.get("report_year", 2023)), case, sections)
    finding = kind.check(doc, params)
    assert finding.status.value == case["status"], finding.message
    assert case.get("message_contains", "") in finding.message
    assert finding.message  # every finding says what was found, in words


def test_every_kind_has_cases_for_each_status_it_returns():
    covered: dict[str, set[str]] = {}
    for path in CASES.glob("kind_*.yaml"):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        covered.setdefault(spec["check"]["kind"], set()).update(c["status"] for c in spec["cases"].values())
    assert set(covered) == set(KINDS), "every kind needs a case file"
    for name, module in KINDS.items():
        statuses = set(module.MEANING)  # the statuses the kind says it gives
        assert statuses <= covered[name], f"{name}: no case for {statuses - covered[name]}"
        assert covered[name] <= statuses, f"{name}: cases expect {covered[name] - statuses}, which MEANING does not list"
