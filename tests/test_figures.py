"""The figure extractor against its table of cases (tests/cases/figures.yaml)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.figures import bind, extract
from checker.match import compile_phrases
from checker.text import normalise

TABLE = yaml.safe_load((Path(__file__).parent / "cases" / "figures.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", [pytest.param(c, id=n) for n, c in TABLE["extract"].items()])
def test_extract(case):
    found = [[f.text, f.value, f.kind] for f in extract(normalise(case["text"]))]
    expected = [[t, None if v is None else float(v), k] for t, v, k in case["figures"]]
    assert found == expected


@pytest.mark.parametrize("case", [pytest.param(c, id=n) for n, c in TABLE["bind"].items()])
def test_bind(case):
    subjects = {role: [p.pattern for p in compile_phrases(items)] for role, items in case["subjects"].items()}
    found = [[b.figure.text, b.role] for b in bind(normalise(case["text"]), subjects)]
    assert found == case["bound"]
