"""CSV: the all-results table (one row per report × rule), UTF-8 with a BOM so Excel reads the Chinese.

The CSV carries one table only, the most detailed one: filtering on 状态 or 规则 gives any
overview a spreadsheet user wants. The ranked overview and the common gaps are the first and
third sheets of the xlsx output. Unreadable files appear as rows whose 状态代码 is `unreadable`.
Returned as bytes because the BOM is part of the format, not of a text stream.
"""
from __future__ import annotations

import csv
import io
from typing import Any, BinaryIO

from checker.reporters.table_rows import RESULT_HEADER, Cell, error_result_row, report_result_rows
from checker.results import Batch
from checker.stream import of_batch

MEDIA = "binary"

# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(...) from a
# hacked page would become a live link); a leading apostrophe makes it plain text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def render(batch: Batch, *, color: bool = False, width: int | None = None) -> bytes:
    """The all-results table as UTF-8-with-BOM CSV bytes; color and width do not apply."""
    buffer = io.BytesIO()
    write(of_batch(batch), buffer)
    return buffer.getvalue()


def write(stream: Any, out: BinaryIO) -> None:
    """Write a BatchStream's table to a binary handle, one report's rows at a time."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
    try:
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(RESULT_HEADER)
        for report in stream.reports():
            writer.writerows([neutralise(cell) for cell in row] for row in report_result_rows(report))
        writer.writerows([neutralise(cell) for cell in error_result_row(error)] for error in stream.errors)
        text.flush()
    finally:
        text.detach()


def neutralise(cell: Cell) -> Cell:
    """Text a spreadsheet would run as a formula gets a leading apostrophe; numbers pass as they are."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_START):
        return "'" + cell
    return "" if cell is None else cell
