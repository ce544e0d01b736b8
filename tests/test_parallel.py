"""How many processes a batch uses, and that a parallel batch keeps the files' order."""
from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

import cli
from checker.pipeline import check_paths, worker_count
from conftest import ROOT

GOOD = ROOT / "examples" / "government-good.txt"
FLAWED = ROOT / "examples" / "government-flawed.txt"


@pytest.mark.parametrize("jobs, files, cpus, expected", [
    (0, 1, 2, 1),       # auto: one file is one process
    (None, 1, 8, 1),
    (0, 1000, 2, 2),    # auto: one per CPU
    (0, 3, 8, 3),       # auto: never more than the files
    (4, 2, 2, 2),       # asked for more than the files
    (1, 1000, 8, 1),
    (3, 1000, 2, 3),    # asked for: as asked
])
def test_worker_count(monkeypatch, jobs, files, cpus, expected):
    monkeypatch.setattr("checker.pipeline._cpus", lambda: cpus)
    assert worker_count(jobs, files) == expected


def test_parallel_batch_keeps_the_order_of_the_files(tmp_path):
    for index in range(40):
        shutil.copy(FLAWED if index % 3 else GOOD, tmp_path / f"{index:02d}.txt")
    (tmp_path / "07.txt").write_bytes(b"\x00\x01\x02" * 100)  # an unreadable file among them
    serial = check_paths([str(tmp_path)], jobs=1)
    parallel = check_paths([str(tmp_path)], jobs=2)
    assert [r.path for r in parallel.reports] == [r.path for r in serial.reports]
    assert parallel.reports == serial.reports and parallel.errors == serial.errors
    assert len(serial.reports) == 39 and len(serial.errors) == 1


@pytest.mark.parametrize("value", ["x", "65", "-1", "1.5", "²"])
def test_jobs_option_refuses_what_is_not_a_count(value):
    result = CliRunner().invoke(cli.main, ["check", str(GOOD), "--jobs", value])
    assert result.exit_code == 2
    assert "1 到 64 之间的整数或 auto" in result.output
