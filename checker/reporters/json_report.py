"""JSON output: exactly the shape of design.md, validated against schemas/report.schema.json in tests.

Written report by report (`write`), byte for byte what json.dumps of the whole batch gives (`render`)."""
from __future__ import annotations

from typing import Any, BinaryIO, Iterable

from checker.reporters.indented_json import dumps as _indented
from checker.results import Batch

MEDIA = "text"


def render(batch: Batch, *, color: bool = False, width: int | None = None) -> str:
    return _indented(batch.as_dict()) + "\n"


def write(stream: Any, out: BinaryIO) -> None:
    """Write a BatchStream (or anything with version, errors and rendered()) to a binary handle as it is read.

    Each report comes as UTF-8 bytes: where several processes render the reports, the text crosses over
    once, in the form it is written."""
    tool = _indented({"name": "fzcheck", "version": stream.version}, 1)
    out.write(f'{{\n  "tool": {tool},\n  "reports": '.encode("utf-8"))
    _write_list(out, stream.rendered(_report_bytes))
    out.write(b',\n  "errors": ')
    _write_list(out, (_indented(error.as_dict(), 2).encode("utf-8") for error in stream.errors))
    out.write(b"\n}\n")


def _report_bytes(report: Any) -> bytes:
    return _indented(report.as_dict(), 2).encode("utf-8")


def _write_list(out: BinaryIO, items: Iterable[bytes]) -> None:
    """A list at the top level's second depth, of items already written out (json.dumps writes [] for an
    empty list)."""
    first = True
    for item in items:
        out.write(b"[\n    " if first else b",\n    ")
        out.write(item)
        first = False
    out.write(b"[]" if first else b"\n  ]")
