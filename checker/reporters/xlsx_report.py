"""XLSX: the audit workbook — 汇总 (ranked overview), 全部结果, 常见问题, and 无法读取 when any file failed.

Written report by report: XlsxWriter's constant-memory mode sends each row to a temporary file as soon as
the next one starts, and the overview keeps one compact row per report, so 10,000 reports fit in a few
tens of MB. 汇总 comes first in the workbook but is filled last, once the ranking is known.
"""
from __future__ import annotations

import io
import unicodedata
from datetime import datetime
from typing import Any, BinaryIO, Iterable, Sequence

from checker.overview import OverviewBuilder
from checker.reporters.table_rows import (
    COMMON_HEADER, COPYING_HEADER, ERROR_HEADER, OVERVIEW_HEADER, RESULT_HEADER, SUPERVISION_HEADER, Cell,
    common_row, copying_row, error_result_row, error_row, overview_row, report_result_rows, supervision_row,
    unscored_row,
)
from checker.labels import NOT_A_REPORT_LABEL, STATUS_LABEL
from checker.results import Batch, Status

MEDIA = "binary"
SEEKS = True  # a zip file: written to a seekable handle (a temporary file when -o is a pipe or -)

# Evidence quoted from hacked pages holds =HYPERLINK(...) and spam URLs; XlsxWriter's defaults
# would turn them into live formulas and links.
_WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "constant_memory": True}
# A fixed creation date keeps the file byte-for-byte the same for the same batch.
_CREATED = datetime(2000, 1, 1)
_MAX_WIDTH = 60  # in character cells; longer text wraps
_FILLS = {
    STATUS_LABEL[Status.MISSING]: "#F8CBAD",
    STATUS_LABEL[Status.WEAK]: "#FFE699",
    STATUS_LABEL[Status.PASS]: "#C6EFCE",
    STATUS_LABEL[Status.NOT_APPLICABLE]: "#E7E6E6",
    NOT_A_REPORT_LABEL: "#F8CBAD",
}


def render(batch: Batch, *, color: bool = False, width: int | None = None) -> bytes:
    """The workbook as bytes; color and width do not apply."""
    from checker.stream import of_batch

    buffer = io.BytesIO()
    write(of_batch(batch), buffer)
    return buffer.getvalue()


def write(stream: Any, out: BinaryIO) -> None:
    """Write a BatchStream's workbook to a seekable binary handle, reading each report once."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(out, _WORKBOOK_OPTIONS)
    workbook.set_properties({"title": "法治政府建设年度报告检查汇总", "author": "fzcheck", "created": _CREATED})
    formats = _formats(workbook)
    summary = workbook.add_worksheet("汇总")  # first in the workbook, filled once the ranking is known
    results = _Table(workbook.add_worksheet("全部结果"), formats, RESULT_HEADER)
    builder = OverviewBuilder(matrix=False)
    for report in stream.reports():
        builder.add(report)
        results.add_rows(report_result_rows(report))
    results.add_rows(error_result_row(error) for error in stream.errors)
    results.close()
    _colour_statuses(results, formats)
    overview = builder.build(errors=len(stream.errors))
    # files that are not annual reports follow the ranked reports, with — for position and score
    _overview_sheet(summary, formats, [overview_row(i + 1, row) for i, row in enumerate(overview.rows)]
                    + [unscored_row(row) for row in overview.unscored])
    _common_sheet(workbook, formats, [common_row(gap) for gap in overview.common])
    _supervision_sheets(workbook, formats, overview)
    if stream.errors:
        _table(workbook.add_worksheet("无法读取"), formats, ERROR_HEADER, [error_row(e) for e in stream.errors])
    workbook.close()


def _formats(workbook: Any) -> dict[str, Any]:
    base = {"valign": "top", "font_size": 11}
    formats = {
        "header": workbook.add_format({**base, "bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True}),
        "text": workbook.add_format({**base, "text_wrap": True}),
        "percent": workbook.add_format({**base, "num_format": "0%"}),
    }
    for label, colour in _FILLS.items():
        formats[label] = workbook.add_format({"bg_color": colour})
    return formats


def _overview_sheet(sheet: Any, formats: dict[str, Any], rows: list[list[Cell]]) -> None:
    _table(sheet, formats, OVERVIEW_HEADER, rows)
    if rows:
        last = len(rows)
        for name, label in (("缺失", "缺失"), ("薄弱", "薄弱")):
            column = OVERVIEW_HEADER.index(name)
            sheet.conditional_format(1, column, last, column, {
                "type": "cell", "criteria": ">", "value": 0, "format": formats[label]})


def _colour_statuses(table: "_Table", formats: dict[str, Any]) -> None:
    if table.rows:
        column = RESULT_HEADER.index("状态")
        for label in _FILLS:
            table.sheet.conditional_format(1, column, table.rows, column, {
                "type": "cell", "criteria": "==", "value": f'"{label}"', "format": formats[label]})


def _common_sheet(workbook: Any, formats: dict[str, Any], rows: list[list[Cell]]) -> None:
    sheet = workbook.add_worksheet("常见问题")
    column = COMMON_HEADER.index("问题占比")
    _table(sheet, formats, COMMON_HEADER, rows, {column: formats["percent"]})
    if rows:
        sheet.conditional_format(1, column, len(rows), column, {
            "type": "data_bar", "bar_color": "#F4B183", "bar_solid": True, "min_type": "num",
            "min_value": 0, "max_type": "num", "max_value": 1})


def _supervision_sheets(workbook: Any, formats: dict[str, Any], overview: Any) -> None:
    """督察比对 (concreteness, follow-through, explained gaps) and 雷同与照搬, when there is anything to show."""
    rows = [supervision_row(row) for row in overview.rows
            if row.concreteness is not None or row.followup is not None or row.excepted]
    if rows:
        percent = formats["percent"]
        _table(workbook.add_worksheet("督察比对"), formats, SUPERVISION_HEADER, rows,
               {SUPERVISION_HEADER.index("具体程度"): percent, SUPERVISION_HEADER.index("上年安排落实"): percent})
    if overview.copying:
        _table(workbook.add_worksheet("雷同与照搬"), formats, COPYING_HEADER,
               [copying_row(pair) for pair in overview.copying], {COPYING_HEADER.index("占比"): formats["percent"]})


class _Table:
    """A sheet written row by row: header, rows, then frozen header, autofilter and column widths fitted to
    CJK text (the widths are tracked as the rows go by, so no row is kept)."""

    def __init__(self, sheet: Any, formats: dict[str, Any], header: Sequence[str],
                 special: dict[int, Any] | None = None) -> None:
        self.sheet = sheet
        self.header = header
        self.rows = 0
        self.formats = [(special or {}).get(column, formats["text"]) for column in range(len(header))]
        # The +3 leaves room for the autofilter arrow beside the header.
        self.widest = [display_width(name) + 3 for name in header]
        for column, name in enumerate(header):
            sheet.write_string(0, column, name, formats["header"])

    def add_rows(self, rows: Iterable[Sequence[Cell]]) -> None:
        sheet, formats, widest = self.sheet, self.formats, self.widest
        for row in rows:
            self.rows += 1
            for column, cell in enumerate(row):
                _write(sheet, self.rows, column, cell, formats[column])
                # A column already at the cap cannot widen, and no cell is wider than two cells a character.
                if cell is not None and widest[column] < _MAX_WIDTH - 1 and 2 * len(str(cell)) > widest[column]:
                    widest[column] = max(widest[column], display_width(cell))

    def close(self) -> None:
        self.sheet.freeze_panes(1, 0)
        self.sheet.autofilter(0, 0, self.rows, len(self.header) - 1)
        for column, widest in enumerate(self.widest):
            self.sheet.set_column(column, column, min(widest + 1, _MAX_WIDTH), self.formats[column])


def _table(sheet: Any, formats: dict[str, Any], header: Sequence[str], rows: list[list[Cell]],
           special: dict[int, Any] | None = None) -> None:
    table = _Table(sheet, formats, header, special)
    table.add_rows(rows)
    table.close()


def _write(sheet: Any, row: int, column: int, cell: Cell, cell_format: Any) -> None:
    # Explicit writers: text is never parsed as a formula, number or URL, whatever the options.
    if cell is None:
        sheet.write_blank(row, column, None, cell_format)
    elif isinstance(cell, (int, float)):
        sheet.write_number(row, column, cell, cell_format)
    else:
        sheet.write_string(row, column, cell, cell_format)


def display_width(cell: Cell) -> int:
    """Width in character cells of the longest line: a CJK character takes two."""
    if cell is None:
        return 0
    lines = str(cell).split("\n")
    return max(sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line) for line in lines)
