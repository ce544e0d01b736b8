"""The installed command in a real 80-column terminal: the header says why the kind and the year were chosen."""
from __future__ import annotations

import fcntl
import os
import pty
import shutil
import struct
import subprocess
import termios

import pytest

FZCHECK = shutil.which("fzcheck")
pytestmark = pytest.mark.skipif(FZCHECK is None, reason="fzcheck is not installed as a command")

UNTITLED_DEPARTMENT = """中共青崖县委、青崖县人民政府：
现将我局2023年度法治政府建设情况报告如下：
一、主要举措和成效
局党组专题研究法治工作3次，全年审核规范性文件8件，办理行政复议案件12件。
二、存在的不足
执法力量不足，究其原因是编制紧张。
下一步，我局将持续推进严格规范公正文明执法，开展执法培训4次。
"""
NO_YEAR = """一、主要举措
全县开展执法检查12次，审核规范性文件8件。
二、下一步工作安排
继续推进依法行政。
青崖县人民政府
"""


def run_in_terminal(*args: str, columns: int = 80) -> str:
    """Run fzcheck with its output on a pseudo-terminal of the given width; return what it printed."""
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    process = subprocess.Popen([FZCHECK, *args], stdout=terminal, stderr=terminal, env=env)
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal closes when the command ends
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=120)
    os.close(controller)
    return b"".join(chunks).decode("utf-8", "replace")


def test_header_states_kind_and_year_reasons(tmp_path):
    report = tmp_path / "无标题部门报告.txt"
    report.write_text(UNTITLED_DEPARTMENT, encoding="utf-8")
    screen = run_in_terminal("check", str(report))
    lines = screen.splitlines()
    from rich.cells import cell_len

    assert all(cell_len(line.rstrip()) <= 80 for line in _visible(lines)), "a line is wider than the terminal"
    header = "".join(line.strip("│ \r") for line in _visible(lines)[:10])
    assert "类型：政府部门" in header and "类型依据：" in header and "“我局”" in header
    assert "年度依据：开头写明“现将……2023年……”" in header


def test_header_says_to_pass_year_when_none_is_found(tmp_path):
    report = tmp_path / "无年份.txt"
    report.write_text(NO_YEAR, encoding="utf-8")
    header = "".join(line.strip("│ \r") for line in _visible(run_in_terminal("check", str(report)).splitlines())[:10])
    assert "报告年度：未识别" in header and "请用 --year 指定" in header


def _visible(lines: list[str]) -> list[str]:
    import re

    return [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in lines]
