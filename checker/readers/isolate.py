"""Run a parser in a forked child with a time and memory limit.

Some work happens inside C libraries that Python cannot interrupt or bound (pdfium builds a page's
text index in one call), so it runs in a child process that is killed when it runs out of time, and
whose address space is capped. Where fork is unavailable the work runs in-process, unbounded.
"""
from __future__ import annotations

import os
import pickle
import resource
import select
import signal
import time
from typing import Any, Callable

from checker.errors import InputError

_FAILED = "failed"


def _address_space() -> int:
    """Bytes of address space this process holds now (the child starts with the same)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 1 << 30


def run_bounded(work: Callable[..., Any], args: tuple, *, path: str, seconds: float, memory_mb: int,
                timeout_message: str, failure_message: str) -> Any:
    """work(*args) in a child: its result, its InputError re-raised, or InputError(failure/timeout)."""
    if not hasattr(os, "fork"):
        return work(*args)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        os.close(read_end)
        status = 0
        try:
            limit = _address_space() + memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            try:
                payload = ("ok", work(*args))
            except InputError as error:
                payload = ("input", error.reason)
            except BaseException:  # noqa: BLE001 - any failure of the library, MemoryError included
                payload = (_FAILED, None)
            data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
        except BaseException:  # noqa: BLE001
            status = 1
        finally:
            os._exit(status)
    os.close(write_end)
    chunks, deadline = [], time.monotonic() + seconds
    try:
        with os.fdopen(read_end, "rb") as pipe:
            while True:
                left = deadline - time.monotonic()
                if left <= 0 or not select.select([pipe], [], [], left)[0]:
                    os.kill(pid, signal.SIGKILL)
                    raise InputError(path, timeout_message)
                chunk = os.read(pipe.fileno(), 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
    finally:
        os.waitpid(pid, 0)
    try:
        kind, value = pickle.loads(b"".join(chunks))
    except Exception:  # noqa: BLE001 - the child died before writing (killed by the memory limit)
        raise InputError(path, failure_message) from None
    if kind == "ok":
        return value
    raise InputError(path, value if kind == "input" else failure_message)
