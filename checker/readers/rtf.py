"""RTF (OA systems often save it as .doc): a small stdlib RTF-to-text; origin 第N段."""
from __future__ import annotations

import re

from checker.errors import InputError
from checker.text import Text, make_text

_TOKEN = re.compile(rb"\\([a-zA-Z]+)(-?\d+)? ?|\\'([0-9a-fA-F]{2})|\\([^a-zA-Z])|([{}])|([\r\n]+)|([^\\{}\r\n]+)")
# Groups that hold no body text: tables of fonts/colours/styles, metadata, pictures, objects,
# page headers and footers (running text repeated on every page).
_SKIP = {b"fonttbl", b"colortbl", b"stylesheet", b"info", b"pict", b"object", b"header", b"footer",
         b"headerl", b"headerr", b"headerf", b"footerl", b"footerr", b"footerf", b"fldinst",
         b"themedata", b"datastore", b"latentstyles", b"listtable", b"listoverridetable",
         b"rsidtbl", b"generator", b"xmlnstbl", b"filetbl", b"revtbl", b"pgdsctbl", b"footnote"}
_TEXT = {b"par": "\n", b"line": "\n", b"sect": "\n", b"page": "\n", b"row": "\n", b"tab": " ",
         b"cell": " | ", b"emdash": "—", b"endash": "–", b"ldblquote": "“", b"rdblquote": "”",
         b"lquote": "‘", b"rquote": "’", b"bullet": "•", b"emspace": " ", b"enspace": " "}
_SYMBOL = {b"~": "\u00a0", b"_": "-", b"-": "", b"{": "{", b"}": "}", b"\\": "\\"}
MAX_DEPTH = 500


def read(data: bytes, path: str) -> Text:
    """Read an RTF document from bytes."""
    text = rtf_to_text(data, path)
    lines = [re.sub(r"(\s*\|\s*)+$", "", line) for line in text.split("\n")]  # \cell before \row
    return make_text(path, ((n, line, f"第{n}段") for n, line in enumerate(lines, 1)), "rtf")


def _codec(data: bytes) -> str:
    page = re.search(rb"\\ansicpg(\d+)", data[:4096])
    if page:
        number = page.group(1).decode()
        return "gb18030" if number == "936" else f"cp{number}"
    return "gb18030" if b"\\fcharset134" in data[:65536] else "cp1252"


def rtf_to_text(data: bytes, path: str) -> str:
    """The visible text of an RTF document; \\par becomes a newline."""
    codec = _codec(data)
    try:
        "".encode(codec)
    except LookupError:
        codec = "cp1252"
    out: list[str] = []
    pending = bytearray()  # \'hh bytes: a GBK character arrives as two of them
    stack: list[tuple[bool, int]] = []
    skip, uc, to_drop, position = False, 1, 0, 0
    while position < len(data):
        match = _TOKEN.match(data, position)
        if match is None:
            break
        position = match.end()
        word, arg, hex_byte, symbol, brace, _newline, plain = match.groups()
        if hex_byte is None and pending:
            _emit(out, pending.decode(codec, errors="replace"), skip)
            pending.clear()
        if to_drop and (hex_byte or symbol or plain):  # the ANSI stand-in that follows \uN
            if not plain or len(plain) <= to_drop:
                to_drop -= len(plain) if plain else 1
                continue
            plain, to_drop = plain[to_drop:], 0
        if brace == b"{":
            if len(stack) > MAX_DEPTH:
                raise InputError(path, "RTF 文件嵌套过深，疑似损坏；请在 Word/WPS 中另存为 .docx 后重试")
            stack.append((skip, uc))
        elif brace == b"}":
            skip, uc = stack.pop() if stack else (skip, uc)
            to_drop = 0
        elif word is not None:
            to_drop = 0
            if word == b"bin" and arg:
                position += int(arg)  # raw binary data, which may contain braces
            elif word in _SKIP:
                skip = True
            elif word == b"uc" and arg:
                uc = int(arg)
            elif word == b"u" and arg:
                _emit(out, chr(int(arg) % 65536), skip)
                to_drop = uc
            elif word in _TEXT:
                _emit(out, _TEXT[word], skip)
        elif symbol == b"*":
            skip = True  # an optional destination this reader does not know
        elif symbol is not None:
            _emit(out, _SYMBOL.get(symbol, ""), skip)
        elif hex_byte is not None:
            pending.append(int(hex_byte, 16))
        elif plain is not None:
            _emit(out, plain.decode(codec, errors="replace"), skip)
    if pending:
        _emit(out, pending.decode(codec, errors="replace"), skip)
    return "".join(out)


def _emit(out: list[str], text: str, skip: bool) -> None:
    if not skip:
        out.append(text)
