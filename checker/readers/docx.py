"""Word .docx: paragraphs in document order, with Word auto-numbering rendered into the text."""
from __future__ import annotations

import io
import zipfile
from typing import Any, Iterator

from checker.errors import InputError
from checker.readers import limits
from checker.text import Text, make_text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_P, _T, _TR, _TC = f"{{{W}}}p", f"{{{W}}}t", f"{{{W}}}tr", f"{{{W}}}tc"
_TAB, _BR, _CR, _NBH = f"{{{W}}}tab", f"{{{W}}}br", f"{{{W}}}cr", f"{{{W}}}noBreakHyphen"
# Deleted and moved-away text, field codes, properties and nested text-box paragraphs (read
# as their own paragraphs) are not part of a paragraph's visible text.
_SKIP = {f"{{{W}}}{name}" for name in ("del", "moveFrom", "delText", "instrText", "pPr", "rPr",
                                        "txbxContent", "p", "sectPr", "commentReference")}
_SKIP.add(_MC_FALLBACK)  # the same text box again, for old readers
CELL_SEPARATOR = " | "

# A first filter on what the zip directory declares (a real report is a few MB unpacked; XML rarely
# compresses beyond 1:100). Declared sizes can lie, so read_entry also counts what it inflates.
MAX_ENTRIES = 5000
MAX_UNPACKED = 300 * 1024 * 1024
MAX_RATIO = 200
_BOMB = limits.BOMB
_ENCRYPTED = "Word 文件中有加密的部分（{name}），无法读取；请去除密码或加密后另存为 .docx 再检查"
_BROKEN = "Word 文件已损坏或不完整，无法读取；请在 Word/WPS 中打开后另存为 .docx 再检查"


def open_zip(data: bytes, path: str, broken: str = _BROKEN) -> zipfile.ZipFile:
    """Open a zip package after checking it cannot unpack into something huge."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        entries = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise InputError(path, broken) from None
    total = sum(entry.file_size for entry in entries)
    if len(entries) > MAX_ENTRIES or total > MAX_UNPACKED or any(
            entry.file_size > 1024 * 1024 and entry.file_size > MAX_RATIO * max(entry.compress_size, 1)
            for entry in entries):
        raise InputError(path, _BOMB)
    return package


def xml_parser() -> Any:
    """An lxml parser that never resolves entities or touches the network."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


class Inflated:
    """Bytes inflated so far from one package, against limits.MAX_INFLATED."""

    def __init__(self) -> None:
        self.total = 0


def read_entry(package: zipfile.ZipFile, name: str, path: str, inflated: Inflated,
               limit: int = limits.MAX_PART_BYTES, broken: str = _BROKEN) -> bytes:
    """The bytes of one entry, inflating at most `limit` (+1) of them whatever the headers declare."""
    info = package.getinfo(name)  # KeyError for the caller
    if info.flag_bits & 0x1:
        raise InputError(path, _ENCRYPTED.format(name=name))
    try:
        with package.open(info) as entry:
            # read(n) inflates in bounded steps; read() would inflate the whole stream in one call
            # before the size check, which a header that understates the size turns into gigabytes.
            data = entry.read(limit + 1)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        raise InputError(path, broken) from None
    inflated.total += len(data)
    if len(data) > limit or inflated.total > limits.MAX_INFLATED:
        # headers that state the size honestly: a legal but huge part; that understate it: a bomb
        raise InputError(path, limits.TOO_MUCH_TEXT if info.file_size >= len(data) else _BOMB)
    return data


def parse_xml(raw: bytes, path: str, broken: str = _BROKEN) -> Any:
    """An XML part as a tree, refused before parsing when it holds more tags than a report could."""
    from lxml import etree

    if raw.count(b"<") > limits.MAX_XML_TAGS:
        raise InputError(path, limits.TOO_MUCH_TEXT)
    try:
        return etree.fromstring(raw, xml_parser())
    except etree.XMLSyntaxError:
        raise InputError(path, broken) from None


def verify_package(data: bytes, path: str, broken: str = _BROKEN) -> None:
    """Inflate every entry within the limits (and discard it): for code that hands the whole package
    to a library reading it without limits."""
    inflated = Inflated()
    with open_zip(data, path, broken) as package:
        for info in package.infolist():
            if not info.is_dir():
                read_entry(package, info.filename, path, inflated, limit=limits.MAX_INFLATED, broken=broken)


def _part(package: zipfile.ZipFile, name: str, path: str, inflated: Inflated, required: bool = False) -> Any:
    try:
        raw = read_entry(package, name, path, inflated)
    except KeyError:
        if required:
            raise InputError(path, _not_word(package)) from None
        return None
    return parse_xml(raw, path)


def _not_word(package: zipfile.ZipFile) -> str:
    names = set(package.namelist())
    if "mimetype" in names and "content.xml" in names:
        return "这是 OpenDocument（.odt）文件而不是 .docx；请在 WPS/Word/LibreOffice 中另存为 .docx 后重试"
    return "这不是 Word .docx 文档（缺少正文部分）；请在 Word/WPS 中另存为 .docx 后重试"


def paragraph_elements(root: Any) -> Iterator[Any]:
    """Every w:p under root in document order; paragraph n (1-based) is the nth item."""
    for paragraph in root.iter(_P):
        if next(paragraph.iterancestors(_MC_FALLBACK), None) is None:
            yield paragraph


def paragraph_text(paragraph: Any) -> str:
    """The visible text of one w:p (tracked insertions, fields, content controls included)."""
    out: list[str] = []
    _collect(paragraph, out)
    return "".join(out)


def _collect(element: Any, out: list[str]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue  # comments, processing instructions, unresolved entities
        if tag == _T:
            # an unresolved entity is a child node; the text after it is that node's tail
            out.append((child.text or "") + "".join(node.tail or "" for node in child))
        elif tag == _TAB:
            out.append(" ")
        elif tag in (_BR, _CR):
            out.append("\n")
        elif tag == _NBH:
            out.append("-")
        elif not _is_hidden_run(child):
            _collect(child, out)


def _is_hidden_run(element: Any) -> bool:
    if element.tag != f"{{{W}}}r":
        return False
    vanish = element.find(f"{{{W}}}rPr/{{{W}}}vanish")
    return vanish is not None and vanish.get(f"{{{W}}}val", "true") not in ("0", "false", "off")


def read(data: bytes, path: str) -> Text:
    """Read a .docx from bytes."""
    package = open_zip(data, path)
    inflated = Inflated()
    with package:
        document = _part(package, "word/document.xml", path, inflated, required=True)
        numbering = _part(package, "word/numbering.xml", path, inflated)
        styles = _part(package, "word/styles.xml", path, inflated)
        core = _part(package, "docProps/core.xml", path, inflated)
    from checker.readers.numbering import Numbering

    labels = Numbering(numbering, styles)
    budget = limits.Budget(path)
    paragraphs = []
    for paragraph in paragraph_elements(document):
        budget.take("", 1)
        paragraphs.append(paragraph)
    texts = [budget.take(labels.label(p) + paragraph_text(p), 0) for p in paragraphs]
    meta = {"title": title} if (title := _core_title(core)) else {}
    return make_text(path, _items(paragraphs, texts), "docx", meta)


def _items(paragraphs: list[Any], texts: list[str]) -> Iterator[tuple[int, str, str]]:
    # A table row is one line (cells joined), numbered by its first paragraph, so a label and
    # its figure ("出庭应诉率 | 100%") stay together for the rules.
    number_of = {p: n for n, p in enumerate(paragraphs, 1)}
    done_rows: set[Any] = set()
    for number, (paragraph, text) in enumerate(zip(paragraphs, texts), 1):
        rows = list(paragraph.iterancestors(_TR))
        if rows:
            row = rows[-1]  # the outermost row: nested tables flatten into it
            if row in done_rows:
                continue
            done_rows.add(row)
            text = _row_text(row, number_of, texts)
        for piece in text.split("\n"):  # a soft line break often separates a heading from its body
            yield number, piece, f"第{number}段"


def _row_text(row: Any, number_of: dict[Any, int], texts: list[str]) -> str:
    cells = []
    for cell in row.iterchildren(_TC):
        parts = [texts[number_of[p] - 1].replace("\n", " ") for p in cell.iter(_P) if p in number_of]
        cells.append(" ".join(part.strip() for part in parts if part.strip()))
    return CELL_SEPARATOR.join(cell for cell in cells if cell)


def _core_title(core: Any) -> str:
    if core is None:
        return ""
    title = core.find("{http://purl.org/dc/elements/1.1/}title")
    return (title.text or "").strip() if title is not None else ""
