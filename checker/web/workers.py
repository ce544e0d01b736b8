"""Checks run in worker processes: a bounded number at once, each with a time limit; a stuck worker is replaced.

A process pool from concurrent.futures cannot stop one task that never ends (a PDF whose page tree
loops, a converter that hangs), so each worker is a process of its own that can be killed and
started again while the others keep serving.
"""
from __future__ import annotations

import asyncio
import multiprocessing
import os
from typing import Any, Callable

_CONTEXT = multiprocessing.get_context("spawn")  # no fork of a running event loop and its threads


class WorkerTimeout(Exception):
    """The job ran past the time limit; its worker was stopped."""


class WorkerCrashed(Exception):
    """The worker process died during the job (killed for memory, a crash in a native library)."""


class WorkerFailed(Exception):
    """The job raised an exception it did not expect; the message is the exception's type."""


def _serve(conn: Any) -> None:
    """A worker's loop: receive (function, args), send back ("ok", value) or ("error", exception type)."""
    import signal

    # Ctrl+C in the terminal reaches the whole process group; the server stops its workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import checker.pipeline  # noqa: F401 - warm the imports before the first job

    while True:
        try:
            job = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        except Exception as error:  # noqa: BLE001 - a job that cannot be unpickled here
            conn.send(("error", type(error).__name__))
            continue
        if job is None:
            return
        function, args = job
        try:
            conn.send(("ok", function(*args)))
        except Exception as error:  # noqa: BLE001 - jobs return their expected failures as values
            conn.send(("error", type(error).__name__))


class _Worker:
    def __init__(self) -> None:
        self.conn, child = _CONTEXT.Pipe()
        self.process = _CONTEXT.Process(target=_serve, args=(child,), daemon=True, name="fzcheck-worker")
        self.process.start()
        child.close()

    def call(self, function: Callable[..., Any], args: tuple, timeout: float) -> Any:
        try:
            self.conn.send((function, args))
            ready = self.conn.poll(timeout)
            if not ready:
                raise WorkerTimeout()
            kind, value = self.conn.recv()
        except (EOFError, BrokenPipeError, ConnectionResetError, OSError):
            raise WorkerCrashed() from None
        if kind == "error":
            raise WorkerFailed(value)
        return value

    def stop(self, wait: float = 2.0) -> None:
        if self.process.is_alive():
            try:
                self.conn.send(None)
            except OSError:
                pass
            self.process.join(wait)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(wait)
        self.conn.close()


class WorkerPool:
    """`size` worker processes; a job waits for a free one, runs for at most `timeout` seconds."""

    def __init__(self, size: int, timeout: float) -> None:
        self.size = size
        self.timeout = timeout
        self._idle: asyncio.Queue[_Worker] | None = None
        self._all: list[_Worker] = []

    async def start(self) -> None:
        self._idle = asyncio.Queue()
        for _ in range(self.size):
            self._idle.put_nowait(await asyncio.to_thread(self._spawn))

    def _spawn(self) -> _Worker:
        worker = _Worker()
        self._all.append(worker)
        return worker

    def pids(self) -> list[int]:
        return [w.process.pid for w in self._all if w.process.is_alive() and w.process.pid]

    async def run(self, function: Callable[..., Any], *args: Any) -> Any:
        assert self._idle is not None, "WorkerPool.start() was not awaited"
        worker = await self._idle.get()
        loop = asyncio.get_running_loop()
        job = asyncio.ensure_future(asyncio.to_thread(self._call, loop, worker, function, args))
        # A client that goes away cancels this coroutine, not the job: the worker comes back
        # to the pool only when its job has ended, so no answer ever reaches the wrong request.
        return await asyncio.shield(job)

    def _call(self, loop: asyncio.AbstractEventLoop, worker: _Worker, function: Callable[..., Any],
              args: tuple) -> Any:
        try:
            return worker.call(function, args, self.timeout)
        except (WorkerTimeout, WorkerCrashed):
            worker.process.kill()
            worker.stop(wait=5)
            self._all.remove(worker)
            worker = self._spawn()
            raise
        finally:
            loop.call_soon_threadsafe(self._idle.put_nowait, worker)

    async def close(self) -> None:
        workers, self._all = self._all, []
        await asyncio.to_thread(lambda: [w.stop() for w in workers])


def cpu_default() -> int:
    """Workers when --workers is not given: the cores, at most 4 (a check holds a few hundred MB at most)."""
    return max(1, min(4, os.cpu_count() or 1))
