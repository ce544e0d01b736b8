"""Golden verdicts: the five real reports in ../shared/seeds against ../shared/expected/seeds.yaml."""
from __future__ import annotations

import pytest
import yaml

from checker import check_file
from conftest import SHARED

EXPECTED = SHARED / "expected" / "seeds.yaml"


def _cases():
    if not EXPECTED.is_file():
        return [pytest.param(None, None, marks=pytest.mark.skip(reason="../shared is not present"))]
    expected = yaml.safe_load(EXPECTED.read_text(encoding="utf-8"))
    return [pytest.param(name, verdict, id=name[:3]) for name, verdict in sorted(expected.items())]




@pytest.mark.parametrize("name, verdict", _cases())
def test_seed_verdicts(shared_dir, name, verdict):
    report = check_file(str(shared_dir / "seeds" / name))
    assert report.kind == verdict["kind"]
    assert report.report_year == verdict["report_year"]
    got = {r.rule: r.status.value for r in report.results}
    wrong = {}
    for rule, want in verdict["results"].items():
        allowed = want if isinstance(want, list) else [want]
        if got.get(rule) not in allowed:
            wrong[rule] = (got.get(rule), allowed)
    assert not wrong, f"{name}: {wrong}"
