"""Pick a reader by the file's content (not only its suffix) and turn bytes into Text."""
from __future__ import annotations

import importlib
import os
import sys

from checker.errors import InputError
from checker.readers import limits
from checker.text import Text

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

# format → reader module; imported only when a file of that format arrives, so a .txt
# check never loads the PDF or Word stack.
READERS: dict[str, str] = {
    "txt": "checker.readers.txt",
    "html": "checker.readers.html",
    "docx": "checker.readers.docx",
    "pdf": "checker.readers.pdf",
    "ole": "checker.readers.ole",
    "rtf": "checker.readers.rtf",
    "ofd": "checker.readers.ofd",
}

SUFFIXES = {
    ".txt": "txt", ".text": "txt", ".md": "txt", ".html": "html", ".htm": "html", ".shtml": "html",
    ".mht": "html", ".docx": "docx", ".pdf": "pdf", ".doc": "ole", ".wps": "ole", ".rtf": "rtf",
    ".ofd": "ofd",
}


def sniff(data: bytes, suffix: str = "") -> str:
    """The format of a file, judged from its first bytes; the suffix only breaks ties."""
    head = data[:4096]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(data, suffix)
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml", b"mime-version")) or b"<body" in lowered \
            or (lowered.startswith(b"<") and b"<p" in lowered):
        return "html"
    return "txt"


def _sniff_zip(data: bytes, suffix: str) -> str:
    import io
    import zipfile

    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return SUFFIXES.get(suffix, "docx")  # a truncated zip: let that reader say it is broken
    if "OFD.xml" in names:
        return "ofd"
    if "word/document.xml" in names or "[Content_Types].xml" in names:
        return "docx"
    if "mimetype" in names and "content.xml" in names:
        return "docx"  # OpenDocument (.odt, often renamed .docx): the docx reader says how to convert it
    return "zip"


def read_path(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Text:
    """Read a report from a path ('-' is standard input)."""
    if path == "-":
        data = _read_limited(sys.stdin.buffer, max_bytes, path)
    else:
        data = _read_file(path, max_bytes)
    if len(data) > max_bytes:
        raise InputError(path, _too_big(max_bytes))
    return read_bytes(data, path)


def _too_big(max_bytes: int) -> str:
    return f"文件超过大小上限 {max_bytes // (1024 * 1024)} MB，请拆分或用 --max-size 调高上限"


def _read_file(path: str, max_bytes: int) -> bytes:
    if os.path.isdir(path):
        raise InputError(path, "这是一个目录，不是报告文件；检查整个目录请直接把目录作为参数传给 fzcheck check")
    if not os.path.exists(path):
        raise InputError(path, "文件不存在，请检查路径")
    try:
        if os.path.getsize(path) > max_bytes:
            raise InputError(path, _too_big(max_bytes))
        with open(path, "rb") as handle:
            return _read_limited(handle, max_bytes, path)
    except PermissionError:
        raise InputError(path, "没有读取权限，请检查文件权限") from None
    except OSError as exc:
        raise InputError(path, f"无法读取文件（{exc.strerror or exc}）") from None


def _read_limited(stream, max_bytes: int, path: str) -> bytes:
    """Read at most max_bytes + 1 bytes in chunks (read(n) would allocate n bytes up front).

    The first chunk decides the format: plain text and web pages stop at their own, much smaller
    limits, and a text file whose head is binary is refused before the rest is read."""
    chunks, size, limit = [], 0, max_bytes
    while size <= limit:
        chunk = stream.read(min(1 << 20, limit + 1 - size))
        if not chunk:
            break
        if not chunks:
            limit = min(limit, _format_limit(chunk, path))
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _format_limit(head: bytes, path: str) -> int:
    """How many bytes a file of this format may need to be read at all (the rest is refused later)."""
    fmt = sniff(head, os.path.splitext(path)[1].lower())
    if fmt == "txt":
        from checker.readers import txt

        txt.refuse_binary_head(head, path)
        return limits.MAX_TEXT_BYTES
    if fmt == "html":
        return limits.MAX_HTML_BYTES
    return 1 << 62


def read_bytes(data: bytes, path: str) -> Text:
    """Turn the bytes of a report into Text, whatever its format."""
    if not data.strip():
        raise InputError(path, "文件是空的，没有可检查的内容")
    suffix = os.path.splitext(path)[1].lower()
    fmt = sniff(data, suffix)
    if fmt == "zip":
        raise InputError(path, "这是一个压缩包，不是 Word/OFD 文档；请解压后检查其中的报告")
    reader = importlib.import_module(READERS[fmt])
    text = reader.read(data, path)
    if not text.lines:
        raise InputError(path, "文件中没有可读的文字内容")
    return text
