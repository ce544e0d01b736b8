"""XLSX: the audit workbook — 汇总 (ranked overview), 全部结果, 常见问题, and 无法读取 when any file failed."""
from __future__ import annotations

import io
import unicodedata
from datetime import datetime
from typing import Any, Sequence

from checker.overview import build_overview
from checker.reporters.table_rows import (
    COMMON_HEADER, COPYING_HEADER, ERROR_HEADER, OVERVIEW_HEADER, RESULT_HEADER, SUPERVISION_HEADER, Cell,
    common_row, copying_row, error_row, overview_row, result_rows, supervision_row, unscored_row,
)
from checker.labels import NOT_A_REPORT_LABEL, STATUS_LABEL
from checker.results import Batch, Status

MEDIA = "binary"

# Evidence quoted from hacked pages holds =HYPERLINK(...) and spam URLs; XlsxWriter's defaults
# would turn them into live formulas and links.
_WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "in_memory": True}
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
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, _WORKBOOK_OPTIONS)
    workbook.set_properties({"title": "法治政府建设年度报告检查汇总", "author": "fzcheck", "created": _CREATED})
    formats = _formats(workbook)
    overview = build_overview(batch)
    # files that are not annual reports follow the ranked reports, with — for position and score
    _overview_sheet(workbook, formats, [overview_row(i + 1, row) for i, row in enumerate(overview.rows)]
                    + [unscored_row(row) for row in overview.unscored])
    _results_sheet(workbook, formats, result_rows(batch))
    _common_sheet(workbook, formats, [common_row(gap) for gap in overview.common])
    _supervision_sheets(workbook, formats, overview)
    if batch.errors:
        _table(workbook.add_worksheet("无法读取"), formats, ERROR_HEADER, [error_row(e) for e in batch.errors])
    workbook.close()
    return buffer.getvalue()


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


def _overview_sheet(workbook: Any, formats: dict[str, Any], rows: list[list[Cell]]) -> None:
    sheet = workbook.add_worksheet("汇总")
    _table(sheet, formats, OVERVIEW_HEADER, rows)
    if rows:
        last = len(rows)
        for name, label in (("缺失", "缺失"), ("薄弱", "薄弱")):
            column = OVERVIEW_HEADER.index(name)
            sheet.conditional_format(1, column, last, column, {
                "type": "cell", "criteria": ">", "value": 0, "format": formats[label]})


def _results_sheet(workbook: Any, formats: dict[str, Any], rows: list[list[Cell]]) -> None:
    sheet = workbook.add_worksheet("全部结果")
    _table(sheet, formats, RESULT_HEADER, rows)
    if rows:
        column = RESULT_HEADER.index("状态")
        for label in _FILLS:
            sheet.conditional_format(1, column, len(rows), column, {
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


def _table(sheet: Any, formats: dict[str, Any], header: Sequence[str], rows: list[list[Cell]],
           special: dict[int, Any] | None = None) -> None:
    """Header, rows, frozen header, autofilter and column widths fitted to CJK text."""
    cell_formats = [(special or {}).get(column, formats["text"]) for column in range(len(header))]
    for column, name in enumerate(header):
        sheet.write_string(0, column, name, formats["header"])
    for number, row in enumerate(rows, start=1):
        for column, cell in enumerate(row):
            _write(sheet, number, column, cell, cell_formats[column])
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(rows), len(header) - 1)
    for column, name in enumerate(header):
        # The +3 leaves room for the autofilter arrow beside the header.
        widest = max([display_width(name) + 3] + [display_width(row[column]) for row in rows])
        sheet.set_column(column, column, min(widest + 1, _MAX_WIDTH), cell_formats[column])


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
