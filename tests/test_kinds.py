"""Every check kind against its table of cases (tests/cases/kind_*.yaml)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from checker.kinds import KINDS
from checker.pipeline import check_paths
from checker.results import Evidence, distinct
from checker.ruleset import _locator
from conftest import EXAMPLES, SHARED
from helpers import make_document, with_context

CASES = Path(__file__).parent / "cases"
_NOISE = re.compile(r"[\s\W_]+")


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
    if "evidence" in case:  # how many quotes a person sees: the engine quotes each sentence once
        assert len(distinct(finding.evidence)) == case["evidence"], finding.evidence


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


def _distinct_cases():
    spec = yaml.safe_load((CASES / "evidence_distinct.yaml").read_text(encoding="utf-8"))
    return [pytest.param(case, id=name) for name, case in spec["cases"].items()]


@pytest.mark.parametrize("case", _distinct_cases())
def test_each_sentence_is_quoted_once(case):
    lines = case.get("lines", list(range(1, len(case["quotes"]) + 1)))
    quotes = tuple(Evidence(line, text) for line, text in zip(lines, case["quotes"]))
    assert distinct(quotes) == tuple(quotes[i] for i in case["kept"])


REPORTS = sorted(EXAMPLES.glob("*.txt")) + sorted((SHARED / "seeds").glob("*.txt"))


@pytest.mark.parametrize("path", REPORTS, ids=[p.name for p in REPORTS])
def test_no_result_of_a_real_report_quotes_a_sentence_twice(path):
    for result in check_paths([str(path)]).reports[0].results:
        words = [_NOISE.sub("", e.text) for e in result.evidence]
        assert len(words) == len(set(words)), f"{result.rule}: {result.evidence}"
