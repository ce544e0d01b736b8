"""JSON output: exactly the shape of design.md, validated against schemas/report.schema.json in tests.

Written report by report (`write`), byte for byte what json.dumps of the whole batch gives (`render`)."""
from __future__ import annotations

import io
from typing import Any, BinaryIO, Iterable

from checker.reporters.indented_json import dumps as _indented
from checker.results import Batch

MEDIA = "text"


def render(batch: Batch, *, color: bool = False, width: int | None = None) -> str:
    return _indented(batch.as_dict()) + "\n"


def write(stream: Any, out: BinaryIO) -> None:
    """Write a BatchStream (or anything with version, errors and rendered()) to a binary handle as it is read."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="\n", write_through=False)
    try:
        tool = _indented({"name": "fzcheck", "version": stream.version}, 1)
        text.write(f'{{\n  "tool": {tool},\n  "reports": ')
        _write_list(text, stream.rendered(_report_text))
        text.write(',\n  "errors": ')
        _write_list(text, (_indented(error.as_dict(), 2) for error in stream.errors))
        text.write("\n}\n")
        text.flush()
    finally:
        text.detach()


def _report_text(report: Any) -> str:
    return _indented(report.as_dict(), 2)


def _write_list(text: Any, items: Iterable[str]) -> None:
    """A list at the top level's second depth, of items already written out (json.dumps writes [] for an
    empty list)."""
    first = True
    for item in items:
        text.write("[\n    " if first else ",\n    ")
        text.write(item)
        first = False
    text.write("[]" if first else "\n  ]")
