"""Plain text in any Chinese encoding: BOM, UTF-8, GB18030 (GBK, GB2312), UTF-16."""
from __future__ import annotations

import re

from checker.errors import InputError
from checker.readers import limits
from checker.text import Text, make_text

# Share of characters that may be control/replacement characters before a file counts as binary.
_JUNK_LIMIT = 0.02
_BINARY = "这不是文本文件（含二进制内容），请提供 .txt、.docx、.pdf 或 .html 格式的报告"
# Invalid bytes that UTF-8 text may hold and still be read as UTF-8 (one per this many bytes):
# a stray byte from a bad copy, not a file in another encoding.
_STRAY_BYTES_PER = 2000


def refuse_binary_head(head: bytes, path: str) -> None:
    """Refuse a file whose first bytes are binary, before the rest of it is read."""
    sample = head[:65536]
    if b"\x00" in sample[:2000] and not sample.startswith((b"\xff\xfe", b"\xfe\xff")) \
            and _try_utf16(sample[:len(sample) & ~1]) is None:
        raise InputError(path, _BINARY)


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
        raise InputError(path, _BINARY)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        return mostly_utf8
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, "无法识别文件编码，请另存为 UTF-8 编码的文本后重试")
    return str(best)


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few stray invalid bytes, decoded with U+FFFD for each; None when the file is
    not UTF-8 (GBK text fails UTF-8 on nearly every Chinese character)."""
    text = data.decode("utf-8", errors="replace")
    stray = text.count("\ufffd")
    if stray <= max(1, len(data) // _STRAY_BYTES_PER) and any("\u4e00" <= ch <= "\u9fff" for ch in text[:20000]):
        return text
    return None


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


# Control characters other than \t \n \f \r, and the replacement character: counted by the regex engine,
# not one Python call a character.
_JUNK = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")


def _looks_binary(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    junk = len(_JUNK.findall(sample))
    return junk / len(sample) > _JUNK_LIMIT


def read(data: bytes, path: str) -> Text:
    refuse_binary_head(data, path)
    if len(data) > limits.MAX_TEXT_BYTES:
        raise InputError(path, limits.TOO_MUCH_TEXT)
    text = decode(data, path)
    if _looks_binary(text):
        raise InputError(path, _BINARY)
    budget = limits.Budget(path)
    budget.take_chars(len(text))
    if text.count("\n") + text.count("\r") > 2 * limits.MAX_LINES:  # \r\n counts twice
        raise InputError(path, limits.TOO_MUCH_TEXT)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    budget.take("", len(lines))
    return make_text(path, ((i, line, "") for i, line in enumerate(lines, 1)), "txt")
