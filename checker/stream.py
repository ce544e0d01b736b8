"""A batch handed to the writers report by report, so a run of thousands never holds every report at once.

Checking runs first (the batch comparison needs every report's signature before any report is final);
meanwhile each report waits in a temporary file. The writers then read the reports back one at a time,
each settled by `settle` (batch copying verdicts, baseline marks) just before it is written.
"""
from __future__ import annotations

from array import array
from collections import deque
from typing import Any, Callable, Iterator, TypeVar

from checker.results import SEVERITY_RANK, Batch, FileError, Report, Severity

Settle = Callable[[int, Report], Report]
Rendered = TypeVar("Rendered")  # what a writer makes of one report (its text, its bytes)
# pickle and tempfile are imported where a batch first parks something: a one-file check keeps its
# report in memory (Kept) and need not load them.


class Spool:
    """Reports parked in an unnamed temporary file (gone with the process, whatever happens), read back once:
    in order, or by position from forked processes (read_at)."""

    def __init__(self) -> None:
        import tempfile

        self._file = tempfile.TemporaryFile(prefix="fzcheck-")
        self._offsets = array("Q")
        self.count = 0

    def add(self, report: Report) -> None:
        import pickle

        self.add_pickled(pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL))

    def add_pickled(self, pickled: bytes) -> None:
        """Park a report pickled elsewhere (by a worker process), as it came."""
        self._offsets.append(self._file.tell())
        self._file.write(pickled)
        self.count += 1

    def seal(self) -> None:
        """Everything written reaches the file, for processes forked now to read it with read_at."""
        self._offsets.append(self._file.tell())
        self._file.flush()

    def read_at(self, index: int) -> Report:
        """The report parked index-th (after seal), read without moving the file's shared position."""
        import os
        import pickle

        start, end = self._offsets[index], self._offsets[index + 1]
        return pickle.loads(os.pread(self._file.fileno(), end - start, start))  # our own file

    def __iter__(self) -> Iterator[Report]:
        import pickle

        handle, self._file = self._file, None
        if handle is None:
            raise RuntimeError("the reports of a batch stream can be read only once")
        with handle:
            handle.seek(0)
            for _ in range(self.count):
                yield pickle.load(handle)  # our own file, written above by this process

    def discard(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


class Parked:
    """Objects parked in an unnamed temporary file and read back by position, from the file each time."""

    def __init__(self) -> None:
        import tempfile

        self._file = tempfile.TemporaryFile(prefix="fzcheck-")
        self._offsets = array("Q")

    def append(self, item: Any) -> int:
        """Park an item; returns its position."""
        import pickle

        self._file.seek(0, 2)
        self._offsets.append(self._file.tell())
        pickle.dump(item, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        return len(self._offsets) - 1

    def __len__(self) -> int:
        return len(self._offsets)

    def __getitem__(self, index: int) -> Any:
        import pickle

        self._file.seek(self._offsets[index])
        return pickle.load(self._file)  # our own file, written above by this process


class Kept(list):
    """Reports kept in memory (a library call that wants a Batch anyway, or a single report)."""

    def add(self, report: Report) -> None:
        self.append(report)

    @property
    def count(self) -> int:
        return len(self)

    def discard(self) -> None:
        self.clear()


class BatchStream:
    """The reports of a run, to be read once, in batch order; the unreadable files; the tool's version.

    jobs: the processes the batch was checked with; as many render it (rendered())."""

    def __init__(self, parked: Spool | Kept, errors: tuple[FileError, ...], version: str, settle: Settle,
                 jobs: int = 1):
        self._parked = parked
        self._settle = settle
        self._jobs = jobs
        self._read = False
        self.errors = errors
        self.version = version
        self.count = parked.count
        self._worst = -1  # the highest severity rank of a gap that counts, over the reports read so far
        self.unscored = 0  # files read so far that are not annual reports (each fails the check)

    def reports(self) -> Iterator[Report]:
        if self._read:
            raise RuntimeError("the reports of a batch stream can be read only once")
        self._read = True
        for index, report in enumerate(self._parked):
            report = self._settle(index, report)
            self._tally(report.worst_counting(), report.scored)
            yield report

    def rendered(self, render: Callable[[Report], Rendered]) -> Iterator[Rendered]:
        """render(report) of every report, settled, in batch order. A batch parked on disk and checked by
        several processes is read back, settled and rendered by as many, forked from this one (so they
        share the parked reports and the batch's verdicts): writing is then no longer one process's work."""
        parked = self._parked
        if self._jobs < 2 or not isinstance(parked, Spool) or self.count < 2 or not _can_fork():
            yield from map(render, self.reports())
            return
        import multiprocessing

        if self._read:
            raise RuntimeError("the reports of a batch stream can be read only once")
        self._read = True
        global _RENDERING
        parked.seal()
        _RENDERING = self, render
        # Spans of a few reports; at most `window` of them rendered ahead of the writer, so memory stays
        # flat however far the processes get ahead of it.
        span = max(1, min(16, self.count // (self._jobs * 8)))
        window = self._jobs * 4
        try:
            with multiprocessing.get_context("fork").Pool(self._jobs, initializer=leave_interrupt) as pool:
                waiting: deque = deque()
                for start in range(0, self.count, span):
                    waiting.append(pool.apply_async(_render_span, ((start, min(start + span, self.count)),)))
                    if len(waiting) > window:
                        yield from self._taken(waiting.popleft().get())
                while waiting:
                    yield from self._taken(waiting.popleft().get())
        finally:
            _RENDERING = None
            parked.discard()

    def _taken(self, rendered: list[tuple[Rendered, int, bool]]) -> Iterator[Rendered]:
        for text, worst, scored in rendered:
            self._tally(worst, scored)
            yield text

    def _tally(self, worst: int, scored: bool) -> None:
        """What the exit code needs of a report read: its worst counting gap, whether it was scored."""
        self._worst = max(self._worst, worst)
        self.unscored += not scored

    def collect(self) -> Batch:
        return Batch(reports=tuple(self.reports()), errors=self.errors, version=self.version)

    def exit_code(self, fail_on: Severity | None) -> int:
        """As Batch.exit_code; valid once every report has been read."""
        if self.errors:
            return 3 if any(error.internal for error in self.errors) else 2
        if fail_on is None:
            return 0
        return int(bool(self.unscored) or self._worst >= SEVERITY_RANK[fail_on])


# The stream and the render function of the batch being rendered, for the processes forked to render it.
_RENDERING: tuple[BatchStream, Callable[[Report], Rendered]] | None = None


def _can_fork() -> bool:
    import multiprocessing  # only a batch checked by several processes asks

    return "fork" in multiprocessing.get_all_start_methods()


def leave_interrupt() -> None:
    """In a pool's worker process."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it ends the pool


def _render_span(span: tuple[int, int]) -> list[tuple[Rendered, int, bool]]:
    """In a forked process: reports start..end-1 read back, settled and rendered, with what the exit code needs."""
    stream, render = _RENDERING
    found = []
    for index in range(*span):
        report = stream._settle(index, stream._parked.read_at(index))
        found.append((render(report), report.worst_counting(), report.scored))
    return found


def of_batch(batch: Batch) -> BatchStream:
    """A Batch already in memory, read as a stream (the writers have one way in)."""
    kept = Kept(batch.reports)
    return BatchStream(kept, batch.errors, batch.version, lambda index, report: report)
