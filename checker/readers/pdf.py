"""PDF: characters sorted by position into lines, lines rejoined into paragraphs; origin 第N页."""
from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable

from checker.errors import InputError
from checker.text import Text, make_text

# Fewer visible characters than this per page means there is no text layer worth reading.
MIN_CHARS_PER_PAGE = 20
_SCANNED = "这是扫描件，没有可提取的文字层，请提供可复制文字的版本（如 Word 原文件）"
_PAGE_NUMBER = re.compile(r"^[-—–_\s]*(第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|\d+|[Pp]age\s*\d+"
                          r"(\s*of\s*\d+)?|共\s*\d+\s*页\s*第\s*\d+\s*页)[-—–_\s]*$")
_HEADING = re.compile(r"^\s*(第[一二三四五六七八九十百]+[章节部分条]|[一二三四五六七八九十]+[、.．]|"
                      r"[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[）)])")
_ASCII_WORD = re.compile(r"[A-Za-z]")
_ENDS = ("。", "！", "？", "；", "：", "!", "?", ";", ":", "…")


@dataclass
class PdfLine:
    """One visual line: its text and its box in PDF points (y grows upwards)."""

    page: int
    text: str
    left: float
    right: float
    top: float
    bottom: float
    height: float


def read(data: bytes, path: str) -> Text:
    """Read a PDF from bytes."""
    lines, pages = _extract(data, path)
    if sum(len(line.text.replace(" ", "")) for line in lines) < MIN_CHARS_PER_PAGE * max(pages, 1):
        raise InputError(path, _SCANNED)
    body = drop_page_furniture(lines, pages)
    items = ((n, text, f"第{page}页") for n, (page, text) in enumerate(join_paragraphs(body), 1))
    return make_text(path, items, "pdf")


def _extract(data: bytes, path: str) -> tuple[list[PdfLine], int]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise InputError(path, "PDF 文件已加密（需要密码才能打开），请提供未加密的版本后重试") from None
        raise InputError(path, "PDF 文件已损坏或不完整，无法读取；请重新导出 PDF 或提供 Word 原文件") from None
    try:
        lines: list[PdfLine] = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            lines.extend(page_lines(textpage, index + 1))
            textpage.close()
            page.close()
        return lines, len(document)
    except pdfium.PdfiumError:
        raise InputError(path, "PDF 文件部分页面已损坏，无法读取；请重新导出 PDF 或提供 Word 原文件") from None
    finally:
        document.close()


def page_lines(textpage: Any, page: int) -> list[PdfLine]:
    """The page's characters grouped into lines by height and sorted left to right."""
    import pypdfium2.raw as pdfium_c

    chars = []
    for i in range(textpage.count_chars()):
        char = chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i))
        if char in "\r\n\x00\x02\ufffe\uffff":
            continue
        # loose boxes: the font's full line height, so punctuation sits on its line (tight
        # glyph boxes put a comma on a line of its own)
        left, bottom, right, top = textpage.get_charbox(i, loose=True)
        if top - bottom <= 0:
            continue
        chars.append((char, left, bottom, right, top))
    rows: list[list[tuple[str, float, float, float, float]]] = []
    for char in sorted(chars, key=lambda c: -(c[2] + c[4]) / 2):
        middle, height = (char[2] + char[4]) / 2, char[4] - char[2]
        if rows:
            row = rows[-1]
            row_middle = statistics.fmean((c[2] + c[4]) / 2 for c in row[-8:])
            if abs(middle - row_middle) < 0.5 * max(height, row[0][4] - row[0][2]):
                row.append(char)
                continue
        rows.append([char])
    return [line for line in (_make_line(row, page) for row in rows) if line.text.strip()]


def _make_line(row: list[tuple[str, float, float, float, float]], page: int) -> PdfLine:
    row.sort(key=lambda c: c[1])
    height = statistics.median(c[4] - c[2] for c in row)
    parts, last_right = [], None
    for char, left, _bottom, right, _top in row:
        if last_right is not None and left - last_right > height and not (parts and parts[-1] == " "):
            parts.append(" ")  # a wide gap: table cells or a tab stop
        parts.append(char)
        last_right = right
    text = re.sub(r" {2,}", " ", "".join(parts)).strip()
    return PdfLine(page, text, row[0][1], max(c[3] for c in row), max(c[4] for c in row),
                   min(c[2] for c in row), height)


def drop_page_furniture(lines: list[PdfLine], pages: int) -> list[PdfLine]:
    """Remove page numbers and the running header/footer repeated at the top or bottom of pages."""
    by_page: dict[int, list[PdfLine]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    edges = {id(line) for page_lines_ in by_page.values() for line in (page_lines_[:2] + page_lines_[-2:])}
    repeated = Counter(_shape(line.text) for line in lines if id(line) in edges)
    threshold = max(2, (pages + 1) // 2)
    return [line for line in lines
            if not (id(line) in edges and (_PAGE_NUMBER.match(line.text) or
                                          (pages >= 2 and repeated[_shape(line.text)] >= threshold)))]


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.replace(" ", ""))


def join_paragraphs(lines: list[PdfLine]) -> Iterable[tuple[int, str]]:
    """(page, paragraph text) for wrapped lines rejoined: CJK without spaces, across pages too."""
    if not lines:
        return []
    left = _left_margin(lines)
    right = sorted(line.right for line in lines)[int(len(lines) * 0.9)]
    paragraphs: list[tuple[int, str]] = []
    previous: PdfLine | None = None
    for line in lines:
        if previous is not None and _continues(previous, line, left, right):
            page, text = paragraphs[-1]
            paragraphs[-1] = (page, _glue(text, line.text))
        else:
            paragraphs.append((line.page, line.text))
        previous = line
    return paragraphs


def _continues(previous: PdfLine, line: PdfLine, left: float, right: float) -> bool:
    """Whether line wraps on from previous rather than starting a new paragraph."""
    em = max(min(previous.height, line.height), 1.0)
    if abs(line.left - left) >= 0.8 * em or abs(line.height - previous.height) > 0.15 * previous.height:
        return False  # indented, centred or right-aligned, or another font size
    if _HEADING.match(line.text):
        return False
    if previous.right >= right - 1.5 * em:
        return True
    # A ragged line can end a few characters short (a word or “quote” that would not fit), so
    # a short line ends its paragraph only at a sentence end, after a heading, or when very short.
    heading_alone = _HEADING.match(previous.text) and previous.right < right - 4 * em
    return not (previous.text.endswith(_ENDS) or heading_alone or previous.right < left + 0.6 * (right - left))


def _glue(text: str, more: str) -> str:
    if text and more and _ASCII_WORD.match(text[-1]) and _ASCII_WORD.match(more[0]):
        return f"{text} {more}"
    return text + more


def _left_margin(lines: list[PdfLine]) -> float:
    # The leftmost x shared by several lines: wrapped lines start there, while first lines
    # (indented), titles (centred) and signatures (right-aligned) start further right.
    counts = Counter(round(line.left) for line in lines)
    common = [x for x, count in counts.items() if count >= max(2, len(lines) // 20)]
    return float(min(common)) if common else min(line.left for line in lines)
