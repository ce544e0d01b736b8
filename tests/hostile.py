"""Run the real fzcheck console script under a memory limit and a timeout, and measure it.

Hostile-input tests build an input in a temporary folder, call run_fzcheck(...) and assert on the
Run it returns. The child gets RLIMIT_AS (address space, which is larger than resident memory) so
that a runaway allocation ends as a failure instead of taking the machine; peak resident memory
comes from the command's own rusage, taken by a small wrapper process that forks it (see _WRAPPER).
Also usable by hand: python tests/hostile.py check some.pdf
"""
from __future__ import annotations

import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass

# A limit on address space, not on resident memory: Python, lxml and pdfium reserve far more
# address space than they touch. Peak resident memory is asserted separately (PEAK_MB).
ADDRESS_SPACE_MB = 1500
PEAK_MB = 500
SECONDS = 10
TIMEOUT = 60  # kill a run after this; SECONDS is what the tests assert

_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Run:
    code: int  # exit code; -signal when killed
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float  # peak resident memory of the child (and the children it waited for)
    timed_out: bool = False

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]


def command() -> list[str]:
    """The installed console script beside this interpreter, else the same entry point through -c."""
    script = shutil.which("fzcheck", path=os.path.dirname(sys.executable))
    return [os.path.abspath(script)] if script else [sys.executable, "-c", "import cli; cli.main()"]


# Linux capabilities that let root ignore file modes (linux/capability.h), and prctl's PR_CAPBSET_DROP.
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _PR_CAPBSET_DROP = 1, 2, 24


def _drop_mode_override() -> None:
    """Root without the capabilities to ignore file modes, from the next exec on: a read-only
    or locked folder then stops it as it stops any user."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


# A small Python wrapper forks the command with the limits set and reports its peak RSS. The
# command must not be forked from the test process: ru_maxrss survives fork and exec, so a child
# of a large parent starts with the parent's resident size as its "peak".
_WRAPPER = (
    "import os, resource, signal, sys\n"
    "limit, drop, here, report = int(sys.argv[1]), sys.argv[2] == '1', sys.argv[3], int(sys.argv[4])\n"
    "pid = os.fork()\n"
    "if pid == 0:\n"
    "    if drop:\n"
    "        sys.path.insert(0, here)\n"
    "        from hostile import _drop_mode_override\n"
    "        _drop_mode_override()\n"
    "    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))\n"
    "    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))\n"
    "    os.execv(sys.argv[5], sys.argv[5:])\n"
    "_, status, usage = os.wait4(pid, 0)\n"
    "os.write(report, str(usage.ru_maxrss).encode())\n"
    "if os.WIFSIGNALED(status):\n"
    "    signal.signal(os.WTERMSIG(status), signal.SIG_DFL)\n"
    "    os.kill(os.getpid(), os.WTERMSIG(status))\n"
    "os._exit(os.waitstatus_to_exitcode(status))\n"
)


def _limited(address_space_mb: int, modes_bind_root: bool, report: int) -> list[str]:
    drop = "1" if modes_bind_root and os.geteuid() == 0 else "0"
    return [sys.executable, "-S", "-c", _WRAPPER, str(address_space_mb * 1024 * 1024), drop,
            os.path.dirname(os.path.abspath(__file__)), str(report)]


def run_fzcheck(args: list[str], *, cwd: str | None = None, timeout: float = TIMEOUT,
                address_space_mb: int = ADDRESS_SPACE_MB, stdin: bytes | None = None,
                modes_bind_root: bool = False) -> Run:
    """Run `fzcheck *args` in a subprocess and return its exit code, output, time and peak memory.

    modes_bind_root: when run as root, file modes apply to the child too (for permission cases).
    """
    env = dict(os.environ, PYTHONIOENCODING="utf-8", NO_COLOR="1", COLUMNS="80")
    started = time.monotonic()
    peak_read, peak_write = os.pipe()
    # a session of its own: a timeout kills the converters it started too
    proc = subprocess.Popen(_limited(address_space_mb, modes_bind_root, peak_write) + command() + list(args),
                            cwd=cwd, env=env, start_new_session=True, pass_fds=(peak_write,),
                            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out: dict[str, bytes] = {}

    def drain(name: str, stream) -> None:
        out[name] = stream.read()

    readers = [threading.Thread(target=drain, args=(name, stream), daemon=True)
               for name, stream in (("stdout", proc.stdout), ("stderr", proc.stderr))]
    for reader in readers:
        reader.start()
    if stdin is not None:
        try:
            proc.stdin.write(stdin)
            proc.stdin.close()
        except BrokenPipeError:
            pass
    timed_out = threading.Event()

    def kill() -> None:
        timed_out.set()
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    timer = threading.Timer(timeout, kill)
    timer.start()
    os.close(peak_write)
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    with os.fdopen(peak_read, "rb") as pipe:
        reported = pipe.read().strip()
    # the command's own peak (and its children's), as the wrapper saw it; the wrapper's when killed
    peak_kb = int(reported) if reported.isdigit() else usage.ru_maxrss
    for reader in readers:
        reader.join()
    return Run(code=proc.returncode, stdout=out.get("stdout", b"").decode("utf-8", "replace"),
               stderr=out.get("stderr", b"").decode("utf-8", "replace"), seconds=round(seconds, 2),
               peak_mb=round(peak_kb / 1024, 1), timed_out=timed_out.is_set())


def one_chinese_line(run: Run, name: str) -> str:
    """The single error line of a refused input; fails unless it is one Chinese line naming the file."""
    assert "Traceback" not in run.stderr, run.stderr[-2000:]
    lines = run.error_lines
    assert len(lines) == 1, f"expected one line on stderr, got {len(lines)}: {run.stderr[:1000]}"
    assert name in lines[0], f"the line does not name {name}: {lines[0]}"
    assert _CJK.search(lines[0].replace(name, "")), f"not a Chinese message: {lines[0]}"
    return lines[0]


def within_limits(run: Run, seconds: float = SECONDS, peak_mb: float = PEAK_MB) -> None:
    assert not run.timed_out, f"killed after {run.seconds} s: {run.stderr[-500:]}"
    assert "Traceback" not in run.stderr, run.stderr[-2000:]
    assert "MemoryError" not in run.stderr, run.stderr[-500:]
    assert run.seconds <= seconds, f"{run.seconds} s (limit {seconds} s)"
    assert run.peak_mb <= peak_mb, f"{run.peak_mb} MB (limit {peak_mb} MB)"


if __name__ == "__main__":
    result = run_fzcheck(sys.argv[1:])
    sys.stdout.write(result.stdout[-2000:])
    sys.stderr.write(result.stderr[-2000:])
    print(f"\nexit {result.code}  {result.seconds} s  {result.peak_mb} MB"
          + ("  TIMEOUT" if result.timed_out else ""), file=sys.stderr)
