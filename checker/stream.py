"""A batch handed to the writers report by report, so a run of thousands never holds every report at once.

Checking runs first (the batch comparison needs every report's signature before any report is final);
meanwhile each report waits in a temporary file. The writers then read the reports back one at a time,
each settled by `settle` (batch copying verdicts, baseline marks) just before it is written.
"""
from __future__ import annotations

from array import array
from typing import Any, Callable, Iterator

from checker.results import SEVERITY_RANK, Batch, FileError, Report, Severity

Settle = Callable[[int, Report], Report]
# pickle and tempfile are imported where a batch first parks something: a one-file check keeps its
# report in memory (Kept) and need not load them.


class Spool:
    """Reports parked in an unnamed temporary file (gone with the process, whatever happens), read back once."""

    def __init__(self) -> None:
        import tempfile

        self._file = tempfile.TemporaryFile(prefix="fzcheck-")
        self.count = 0

    def add(self, report: Report) -> None:
        import pickle

        pickle.dump(report, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += 1

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
    """The reports of a run, to be read once, in batch order; the unreadable files; the tool's version."""

    def __init__(self, parked: Spool | Kept, errors: tuple[FileError, ...], version: str, settle: Settle):
        self._parked = parked
        self._settle = settle
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
            self._worst = max(self._worst, report.worst_counting())
            self.unscored += not report.scored
            yield report

    def collect(self) -> Batch:
        return Batch(reports=tuple(self.reports()), errors=self.errors, version=self.version)

    def exit_code(self, fail_on: Severity | None) -> int:
        """As Batch.exit_code; valid once every report has been read."""
        if self.errors:
            return 3 if any(error.internal for error in self.errors) else 2
        if fail_on is None:
            return 0
        return int(bool(self.unscored) or self._worst >= SEVERITY_RANK[fail_on])


def of_batch(batch: Batch) -> BatchStream:
    """A Batch already in memory, read as a stream (the writers have one way in)."""
    kept = Kept(batch.reports)
    return BatchStream(kept, batch.errors, batch.version, lambda index, report: report)
