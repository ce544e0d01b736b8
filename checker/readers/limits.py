"""How much a report may hold, in one place: every reader stops at these, whatever the file claims.

A real annual report is 5,000–25,000 characters in 20–200 paragraphs; the limits leave a wide margin
while keeping any single file within seconds and a few hundred MB.
"""
from __future__ import annotations

from checker.errors import InputError

MAX_CHARS = 400_000  # characters of text in one report
MAX_LINES = 20_000  # lines or paragraphs in one report
MAX_PAGES = 1_000  # PDF and OFD pages
MAX_PART_BYTES = 32 * 1024 * 1024  # one XML part of a .docx/.ofd, as actually inflated
MAX_INFLATED = 128 * 1024 * 1024  # all parts of one package together, as actually inflated
MAX_XML_TAGS = 2_000_000  # '<' in one XML part (open and close tags): bounds the parsed tree
MAX_HTML_BYTES = 16 * 1024 * 1024  # a saved web page, markup included
MAX_HTML_TAGS = 400_000  # '<' in one web page
MAX_PDF_STREAM = 64 * 1024 * 1024  # one inflated PDF stream
MAX_PDF_INFLATED = 256 * 1024 * 1024  # all Flate streams of one PDF together
PARSE_SECONDS = 6  # pdfium's text extraction of one file, in a child process
PARSE_MEMORY_MB = 400  # address space that child may add
# Bytes beyond which a plain-text file certainly holds more than MAX_CHARS (4 bytes per character at most).
MAX_TEXT_BYTES = 4 * MAX_CHARS

# (Messages state the limits as set here.)
TOO_MUCH_TEXT = (f"文字内容过多（超过 {MAX_CHARS // 10000} 万字或 {MAX_LINES} 行），不像一份年度报告；"
                 "请只提交报告正文，或拆分后分别检查")
TOO_MANY_PAGES = f"页数过多（超过 {MAX_PAGES} 页），不像一份年度报告；请只提交报告正文，或拆分后分别检查"
BOMB = "压缩内容异常（疑似压缩炸弹），拒绝读取"
TOO_SLOW = (f"文件过于复杂，{PARSE_SECONDS} 秒内未能提取文字（页面内容异常庞大）；"
            "请重新导出为普通 PDF 或提供 Word 原文件")
TOO_COMPLEX = "文件过于复杂，提取文字所需内存超出上限；请重新导出为普通 PDF 或提供 Word 原文件"


class Budget:
    """Characters and lines taken so far from one file; raises InputError once either limit is passed."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.chars_left = MAX_CHARS  # read at call time, so a benchmark can lift the limits
        self.lines_left = MAX_LINES

    def take(self, text: str, lines: int = 1) -> str:
        self.chars_left -= len(text)
        self.lines_left -= lines
        if self.chars_left < 0 or self.lines_left < 0:
            raise InputError(self.path, TOO_MUCH_TEXT)
        return text

    def take_chars(self, count: int) -> None:
        self.chars_left -= count
        if self.chars_left < 0:
            raise InputError(self.path, TOO_MUCH_TEXT)
