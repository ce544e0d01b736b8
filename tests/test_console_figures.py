"""The console script in a pty at 80 columns on a township report written for these tests (tests/samples/):
the figures it states are read as a reviewer reads them, and the messages say so."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE = Path(__file__).parent / "samples" / "township-2022.txt"
SCRIPT = Path(sys.executable).parent / "fzcheck"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _rows(screen: str) -> dict[str, tuple[str, str]]:
    """rule id → (status line, what was found and quoted), from the report's blocks, wrapped lines joined back."""
    rows, rule, status, result = {}, "", "", ""
    for line in screen.splitlines() + [""]:
        if line[:1] in ("✔", "⚠", "✘", "–"):  # a block opens at the margin; the one before it ends here
            if rule:
                rows[rule] = (status, result)
            status, result = line, ""
            found = re.search(r"  ([a-z0-9.\-]+)$", line)
            rule = found.group(1) if found else ""
        elif status and line.startswith("  规则 "):
            rule = line.split()[-1]
        elif status and line.strip() and not line.lstrip().startswith(("建议：", "位置：")):
            result += line.strip()
        elif status and not line.strip():
            if rule:
                rows[rule] = (status, result)
            rule, status, result = "", "", ""
    return rows


@pytest.fixture(scope="module")
def screen() -> str:
    if not SCRIPT.exists() or shutil.which("script") is None:
        pytest.skip("console script or util-linux script(1) not available")
    command = f"stty cols 80 rows 50; {SCRIPT} check --all {SAMPLE}"
    done = subprocess.run(["script", "-qec", command, "/dev/null"], capture_output=True, timeout=120,
                          env={**os.environ, "COLUMNS": "80"})
    return ANSI.sub("", done.stdout.decode("utf-8", "replace")).replace("\r", "")


def test_the_screen_fits_80_columns(screen):
    from checker.reporters.wrap import width

    assert "行政机关负责人出庭应诉情况" in screen
    assert max(width(line) for line in screen.splitlines()) <= 80


@pytest.mark.parametrize("rule, status, words", [
    ("indicator.court-appearance", "✔", ["2件全部", "计算为100%"]),
    ("indicator.major-decisions", "✔", ["决策事项数（3项）"]),
    ("indicator.normative-documents", "✔", ["报告写明“2022年我乡未制定行政规范性文件”"]),
    ("indicator.administrative-reconsideration", "✔", ["全年未发生以本乡为被申请人的行政复议案件"]),
    ("indicator.open-government", "✘", ["仅在“存在的不足和原因”部分（第17行）和“2023年工作安排”部分（第19行）提到",
                                        "本年度的工作情况没有报告"]),
    ("indicator.xi-thought-study", "✔", ["第7行"]),
])
def test_messages_read_the_figures(screen, rule, status, words):
    rows = _rows(screen)
    assert rule in rows, sorted(rows)
    shown, result = rows[rule]
    assert shown.startswith(status), shown
    for word in words:
        assert word in result, result
