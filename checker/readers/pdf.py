"""PDF: characters sorted by position into lines, lines rejoined into paragraphs; origin 第N页."""
from __future__ import annotations

import re
import statistics
import zlib
from array import array
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable

from checker.errors import InputError
from checker.readers import limits
from checker.text import Text, make_text

# Fewer visible characters than this per page means there is no text layer worth reading.
MIN_CHARS_PER_PAGE = 20
_SCANNED = "这是扫描件，没有可提取的文字层，请提供可复制文字的版本（如 Word 原文件）"
_PAGE_NUMBER = re.compile(r"^[-—–_\s]*(第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|\d+|[Pp]age\s*\d+"
                          r"(\s*of\s*\d+)?|共\s*\d+\s*页\s*第\s*\d+\s*页)[-—–_\s]*$")
_HEADING = re.compile(r"^\s*(第[一二三四五六七八九十百]+[章节部分条]|[一二三四五六七八九十]+[、.．]|"
                      r"[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[）)])")
_ASCII_WORD = re.compile(r"[A-Za-z]")
# A date standing alone on its line: the 落款 date, which never wraps on from a paragraph.
_DATE_LINE = re.compile(r"^\s*(\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d〇○零一二三四五六七八九十]{1,3}\s*月"
                        r"\s*[\d〇○零一二三四五六七八九十]{1,3}\s*日\s*$")
_SIGNATURE_UNIT_CHARS = 30  # an issuer line above the date is short
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
    refuse_stream_bombs(data, path)
    from checker.readers.isolate import run_bounded

    lines, pages = run_bounded(_extract, (data, path), path=path, seconds=limits.PARSE_SECONDS,
                               memory_mb=limits.PARSE_MEMORY_MB, timeout_message=limits.TOO_SLOW,
                               failure_message=limits.TOO_COMPLEX)
    if sum(len(line.text.replace(" ", "")) for line in lines) < MIN_CHARS_PER_PAGE * max(pages, 1):
        raise InputError(path, _SCANNED)
    body = drop_page_furniture(lines, pages)
    items = ((n, text, f"第{page}页") for n, (page, text) in enumerate(join_paragraphs(body), 1))
    return make_text(path, items, "pdf")


_STREAM = re.compile(rb"stream\r?\n(?=\x78[\x01\x5e\x9c\xda])")


def refuse_stream_bombs(data: bytes, path: str) -> None:
    """Refuse a PDF whose Flate streams inflate beyond the limits, before pdfium inflates them whole.

    Only streams that start with a zlib header are tried; each is inflated in 1 MB steps and the
    output discarded, so this costs time in proportion to what is inflated and no memory."""
    total = 0
    for found in _STREAM.finditer(data):
        start = found.end()
        end = data.find(b"endstream", start)
        inflater = zlib.decompressobj()
        pending = data[start:end if end >= 0 else len(data)]
        size = 0
        try:
            while pending and not inflater.eof:
                size += len(inflater.decompress(pending, 1 << 20))
                pending = inflater.unconsumed_tail
                if size > limits.MAX_PDF_STREAM or total + size > limits.MAX_PDF_INFLATED:
                    raise InputError(path, limits.BOMB)
        except zlib.error:
            pass  # not zlib after all, or damaged: pdfium decides
        total += size


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
        if len(document) > limits.MAX_PAGES:
            raise InputError(path, limits.TOO_MANY_PAGES)
        budget = limits.Budget(path)
        lines: list[PdfLine] = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            budget.take_chars(textpage.count_chars())  # before the per-character work
            lines.extend(page_lines(textpage, index + 1))
            textpage.close()
            page.close()
        return lines, len(document)
    except pdfium.PdfiumError:
        raise InputError(path, "PDF 文件部分页面已损坏，无法读取；请重新导出 PDF 或提供 Word 原文件") from None
    finally:
        document.close()


class _Chars:
    """A page's characters, column-wise: one str and four arrays of doubles (no tuple per character)."""

    def __init__(self) -> None:
        self.text: list[str] = []
        self.left, self.bottom, self.right, self.top = array("d"), array("d"), array("d"), array("d")

    def add(self, char: str, box: tuple[float, float, float, float]) -> None:
        self.text.append(char)
        self.left.append(box[0])
        self.bottom.append(box[1])
        self.right.append(box[2])
        self.top.append(box[3])


def page_lines(textpage: Any, page: int) -> list[PdfLine]:
    """The page's characters grouped into lines by height and sorted left to right."""
    import pypdfium2.raw as pdfium_c

    chars = _Chars()
    count = textpage.count_chars()
    index = 0
    while index < count:
        code = pdfium_c.FPDFText_GetUnicode(textpage.raw, index)
        width = 1
        if 0xD800 <= code < 0xDC00 and index + 1 < count:
            low = pdfium_c.FPDFText_GetUnicode(textpage.raw, index + 1)
            if 0xDC00 <= low < 0xE000:  # pdfium gives UTF-16 units: a character beyond the BMP is two
                code, width = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00), 2
        char = chr(code)
        if char not in "\r\n\x00\x02\ufffe\uffff":
            # loose boxes: the font's full line height, so punctuation sits on its line (tight
            # glyph boxes put a comma on a line of its own)
            box = textpage.get_charbox(index, loose=True)
            if box[3] - box[1] > 0:
                chars.add(char, box)
        index += width
    middle = [(b + t) / 2 for b, t in zip(chars.bottom, chars.top)]
    rows: list[list[int]] = []
    row_middles: list[float] = []
    for i in sorted(range(len(chars.text)), key=lambda k: -middle[k]):
        height = chars.top[i] - chars.bottom[i]
        if rows:
            row = rows[-1]
            row_middle = statistics.fmean(row_middles[-8:])
            first = row[0]
            if abs(middle[i] - row_middle) < 0.5 * max(height, chars.top[first] - chars.bottom[first]):
                row.append(i)
                row_middles.append(middle[i])
                continue
        rows.append([i])
        row_middles = [middle[i]]
    return [line for line in (_make_line(row, chars, page) for row in rows) if line.text.strip()]


def _make_line(row: list[int], chars: _Chars, page: int) -> PdfLine:
    row.sort(key=lambda i: chars.left[i])
    height = statistics.median(chars.top[i] - chars.bottom[i] for i in row)
    parts, last_right = [], None
    for i in row:
        if last_right is not None and chars.left[i] - last_right > height and not (parts and parts[-1] == " "):
            parts.append(" ")  # a wide gap: table cells or a tab stop
        parts.append(chars.text[i])
        last_right = chars.right[i]
    text = re.sub(r" {2,}", " ", "".join(parts)).strip()
    return PdfLine(page, text, chars.left[row[0]], max(chars.right[i] for i in row),
                   max(chars.top[i] for i in row), min(chars.bottom[i] for i in row), height)


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
    paragraphs: list[tuple[int, list[str]]] = []  # pieces joined once at the end: gluing as we go is quadratic
    previous: PdfLine | None = None
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        if previous is not None and not _signature(line, following) and _continues(previous, line, left, right):
            pieces = paragraphs[-1][1]
            if _ASCII_WORD.match(pieces[-1][-1:]) and _ASCII_WORD.match(line.text[:1]):
                pieces.append(" ")
            pieces.append(line.text)
        else:
            paragraphs.append((line.page, [line.text]))
        previous = line
    return [(page, "".join(pieces)) for page, pieces in paragraphs]


def _signature(line: PdfLine, following: PdfLine | None) -> bool:
    """The 落款: a date alone on its line, or a short unit line just above one; such lines stay
    lines of their own even when the paragraph before them ends flush with the margin."""
    if _DATE_LINE.match(line.text):
        return True
    return (following is not None and len(line.text) <= _SIGNATURE_UNIT_CHARS and not line.text.endswith(_ENDS)
            and bool(_DATE_LINE.match(following.text)))


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


def _left_margin(lines: list[PdfLine]) -> float:
    # The leftmost x shared by several lines: wrapped lines start there, while first lines
    # (indented), titles (centred) and signatures (right-aligned) start further right.
    counts = Counter(round(line.left) for line in lines)
    common = [x for x, count in counts.items() if count >= max(2, len(lines) // 20)]
    return float(min(common)) if common else min(line.left for line in lines)
