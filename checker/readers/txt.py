"""Plain text in any Chinese encoding: BOM, UTF-8, GB18030 (GBK, GB2312), UTF-16."""
from __future__ import annotations

from checker.errors import InputError
from checker.text import Text, make_text

# Share of characters that may be control/replacement characters before a file counts as binary.
_JUNK_LIMIT = 0.02


def decode(data: bytes, path: str) -> str:
    """Decode report bytes; the GB family is always read as GB18030, its superset."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:2000]:
        text = _try_utf16(data)
        if text is not None:
            return text
        raise InputError(path, "这不是文本文件（含二进制内容），请提供 .txt、.docx、.pdf 或 .html 格式的报告")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, "无法识别文件编码，请另存为 UTF-8 编码的文本后重试")
    return str(best)


def _try_utf16(data: bytes) -> str | None:
    # BOM-less UTF-16: one byte of every pair is NUL for ASCII, and CJK decodes cleanly.
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff") > len(text) * 0.2:
            return text
    return None


def _looks_binary(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    junk = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\r\n\t\f") or ch == "\ufffd")
    return junk / len(sample) > _JUNK_LIMIT


def read(data: bytes, path: str) -> Text:
    text = decode(data, path)
    if _looks_binary(text):
        raise InputError(path, "这不是文本文件（含二进制内容），请提供 .txt、.docx、.pdf 或 .html 格式的报告")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return make_text(path, ((i, line, "") for i, line in enumerate(lines, 1)), "txt")
