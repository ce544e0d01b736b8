"""A progress bar on standard error for batch checks in a terminal."""
from __future__ import annotations


class ProgressLine:
    """Told of each finished file; draws with rich on stderr, and only for more than one file."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self._progress = Progress(TextColumn("检查中"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                  TextColumn("{task.description}"), console=Console(stderr=True), transient=True)
        self._task = self._progress.add_task("", total=None)
        self._started = False

    def start(self, total: int) -> None:
        self._progress.update(self._task, total=total)
        if total > 1:  # one report needs no bar; the total is known only after folders are expanded
            self._progress.start()
            self._started = True

    def advance(self, path: str) -> None:
        from checker.text import printable

        self._progress.update(self._task, advance=1, description=printable(path)[-40:])

    def close(self) -> None:
        if self._started:
            self._progress.stop()
