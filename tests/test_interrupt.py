"""Ctrl-C in a real terminal while a batch is checked by several processes: the clerk sees one line, the
command ends with 130, no worker prints a traceback, and no output file is left half written."""
from __future__ import annotations

import os
import pty
import re
import select
import shutil
import struct
import sys
import time
from pathlib import Path

import fcntl
import pytest
import termios

from conftest import EXAMPLES

SCRIPT = Path(sys.executable).parent / "fzcheck"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _interrupted(argv: list[str], cwd: Path, after_reports: int, timeout: float = 120) -> tuple[int, str]:
    """Run argv with a terminal (80 columns) as its controlling terminal; type Ctrl-C once the progress
    line shows `after_reports` reports checked; the exit code and everything shown."""
    pid, master = pty.fork()
    if pid == 0:  # the child: a new session whose controlling terminal is this pty
        os.chdir(cwd)
        os.environ.update({"TERM": "xterm-256color", "LANG": "C.UTF-8"})
        os.environ.pop("NO_COLOR", None)
        os.execv(argv[0], argv)
    fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 80, 0, 0))
    shown, sent, deadline = b"", False, time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not sent:
            counts = [int(n) for n in re.findall(r"(\d+)/\d+", ANSI.sub("", shown.decode("utf-8", "replace")))]
            if counts and max(counts) >= after_reports:
                os.write(master, b"\x03")
                sent = True
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            shown += data
    else:
        os.kill(pid, 9)
    _, status = os.waitpid(pid, 0)
    assert sent, "the batch ended before Ctrl-C could be typed"
    return os.waitstatus_to_exitcode(status), ANSI.sub("", shown.decode("utf-8", "replace"))


@pytest.mark.skipif(not SCRIPT.exists(), reason="the console script is not installed")
def test_ctrl_c_during_a_batch_ends_it_cleanly(tmp_path):
    folder = tmp_path / "报告"
    folder.mkdir()
    for number in range(400):
        shutil.copy(EXAMPLES / "government-flawed.txt", folder / f"{number:03}.txt")
    code, shown = _interrupted([str(SCRIPT), "check", str(folder), "--jobs", "2", "--format", "json",
                                "-o", str(tmp_path / "汇总.json")], tmp_path, after_reports=20)
    assert code == 130
    # Besides the progress line, one line: no worker's "Process ForkPoolWorker-1:" or traceback.
    lines = [line.strip() for line in re.split(r"[\r\n]", shown) if line.strip() and "检查中" not in line]
    assert lines == ["fzcheck: 已中断"]
    assert not (tmp_path / "汇总.json").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["报告"]  # no temporary output left either
