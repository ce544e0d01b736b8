"""OFD (GB/T 33190) via ofdkit: positioned text runs → lines → paragraphs; origin 第N页."""
from __future__ import annotations

import zipfile
from typing import Any

from checker.errors import InputError
from checker.readers import limits
from checker.readers.docx import open_zip
from checker.readers.pdf import PdfLine, drop_page_furniture, join_paragraphs
from checker.text import Text, make_text

_BROKEN = "OFD 文件已损坏或不是有效的 OFD 文档，无法读取；请重新导出或提供 Word/PDF 版本"


def read(data: bytes, path: str) -> Text:
    """Read an OFD document from bytes."""
    open_zip(data, path, _BROKEN).close()  # the same zip-bomb limits as .docx before ofdkit unpacks anything
    import ofdkit
    from xml.etree.ElementTree import ParseError

    budget = limits.Budget(path)
    try:
        with ofdkit.open(data) as document:
            pages = len(document.pages)  # pages are parsed on first use, so counting them is cheap
            if pages > limits.MAX_PAGES:
                raise InputError(path, limits.TOO_MANY_PAGES)
            lines = []
            for index, page in enumerate(document.pages, 1):
                runs = page.runs
                budget.take_chars(sum(len(run.text) for run in runs))  # pages sharing one content part add up
                lines.extend(_page_lines(runs, index))
    except ofdkit.OFDLimitError as exc:
        if "DTD" in str(exc):
            raise InputError(path, "OFD 文件含有不允许的 DTD 或实体声明，拒绝读取；请重新导出或提供 Word/PDF 版本") from None
        raise InputError(path, limits.BOMB) from None
    except (ofdkit.OFDError, zipfile.BadZipFile, ParseError, KeyError, ValueError, OSError, EOFError):
        raise InputError(path, _BROKEN) from None
    if not any(line.text.strip() for line in lines):
        raise InputError(path, "OFD 文件没有可提取的文字（可能是扫描件），请提供可复制文字的版本（如 Word 原文件）")
    body = drop_page_furniture(lines, pages)
    items = ((n, text, f"第{page}页") for n, (page, text) in enumerate(join_paragraphs(body), 1))
    return make_text(path, items, "ofd")


def _page_lines(runs: list[Any], page: int) -> list[PdfLine]:
    """Runs grouped into visual lines by baseline (OFD y grows downwards, in millimetres)."""
    rows: list[list[Any]] = []
    for run in sorted((r for r in runs if r.text.strip()), key=lambda r: (r.y, r.x)):
        if rows and abs(run.y - rows[-1][0].y) < 0.5 * max(run.size, rows[-1][0].size, 0.1):
            rows[-1].append(run)
        else:
            rows.append([run])
    lines = []
    for row in rows:
        row.sort(key=lambda r: r.x)
        size = max(r.size for r in row) or 1.0
        parts, end = [], None
        for run in row:
            if end is not None and run.x - end > size:
                parts.append(" ")  # a wide gap: table cells
            parts.append(run.text)
            end = run.x + run.width
        baseline = row[0].y
        lines.append(PdfLine(page, "".join(parts).strip(), row[0].x, max(r.x + r.width for r in row),
                             -(baseline - size), -baseline, size))
    return lines
