"""Golden files: the JSON and terminal output on our own example reports (pytest --update-golden rewrites them)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker import __version__
from checker.pipeline import check_paths
from checker.reporters import json_report, terminal_report
from conftest import EXAMPLES, ROOT

GOLDEN = Path(__file__).parent / "golden"
REPORTS = sorted(p.name for p in EXAMPLES.glob("*.txt"))


def _batch(name: str):
    relative = str((EXAMPLES / name).relative_to(ROOT))
    return check_paths([relative])


def _compare(path: Path, actual: str, update: bool) -> None:
    if update or not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if not update:
            pytest.fail(f"golden file {path.name} was missing and has been written; review and commit it")
    assert actual == path.read_text(encoding="utf-8"), f"{path.name} differs; run pytest --update-golden and review"


@pytest.mark.parametrize("name", REPORTS)
def test_json_golden(name, update_golden, monkeypatch):
    monkeypatch.chdir(ROOT)
    data = json.loads(json_report.render(_batch(name)))
    assert data["tool"]["version"] == __version__
    data["tool"]["version"] = "VERSION"
    _compare(GOLDEN / f"{Path(name).stem}.json", json.dumps(data, ensure_ascii=False, indent=2) + "\n", update_golden)


@pytest.mark.parametrize("name", REPORTS)
def test_terminal_golden(name, update_golden, monkeypatch):
    monkeypatch.chdir(ROOT)
    _compare(GOLDEN / f"{Path(name).stem}.term.txt", terminal_report.render(_batch(name), width=80), update_golden)
