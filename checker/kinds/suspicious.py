"""Suspicious text: words that have no place in a government report, injected or left behind.

Reports republished from hacked sites carry gambling brands in place of an organ's name, and
copied web pages leave share/QR-code lines inside the body. A character the reader could not decode
(U+FFFD, from a damaged byte) is named too: the line may not say what the original says.

    check:
      kind: suspicious
      phrases: [澳门新葡京, {regex: '(?i)bet365'}]
      chrome_in_body: true            # web-page lines (扫一扫…) between paragraphs of the report
                                      # (not the 来源/发布时间 line under the title)
      repeated_min: 3                 # the same long line this many times, or a token repeated in a row

pass  nothing suspicious
weak  suspicious text found (each quoted with its line)
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Mapping

from checker.document import Document
from checker.location import place
from checker.locate import Locator
from checker.match import Phrase, compile_phrases, evidence, find_lines
from checker.results import Evidence, Finding, Status

KIND = "suspicious"
MEANING = {"pass": "未发现可疑文字", "weak": "发现疑似被篡改或混入的文字"}
PART_KEYS: tuple[str, ...] = ()
_STUTTER = re.compile(r"(.{2,8}?)\1{4,}")  # the same token five times in a row
_MIN_REPEATED_LENGTH = 12  # short lines (一、, 特此报告。) legitimately repeat


@dataclass(frozen=True)
class Params:
    """A suspicious-text rule's parameters, from its `check:` block."""

    phrases: tuple[Phrase, ...] = ()
    chrome_in_body: bool = True
    repeated_min: int = 3


def build_params(raw: Mapping[str, Any], sections: Mapping[str, Locator]) -> Params:
    given = {key: raw[key] for key in ("chrome_in_body", "repeated_min") if key in raw}
    if "phrases" in raw:
        given["phrases"] = compile_phrases(raw["phrases"])
    return Params(**given)


def check(doc: Document, params: Params) -> Finding:
    found: list[tuple[str, Evidence]] = []
    for line, match in find_lines(doc.lines, params.phrases):
        found.append((f"{place(doc, line)}有“{match.group(0)}”", evidence(line, match)))
    if params.chrome_in_body:
        for line in _chrome_inside(doc):
            found.append((f"{place(doc, line)}是网页残留文字“{line.norm[:20]}”", evidence(line)))
    found.extend(_undecodable(doc))
    found.extend(_repeats(doc, params.repeated_min))
    if not found:
        return Finding(Status.PASS, "未发现可疑文字")
    messages = "；".join(message for message, _ in found[:5])
    return Finding(Status.WEAK, f"发现疑似被篡改或混入的文字：{messages}", tuple(e for _, e in found[:5]))


def _chrome_inside(doc: Document) -> list:
    """Chrome lines that stand between content lines, not in a page's header or footer block.

    The page's meta line under the title (来源…发布时间…) belongs to the header too."""
    if not doc.lines:
        return []
    opening = doc.lines[1] if len(doc.lines) > 1 and doc.lines[0].norm == doc.title else doc.lines[0]
    first, last = opening.number, doc.lines[-1].number
    return [line for line in doc.chrome if first < line.number < last]


def _undecodable(doc: Document) -> list[tuple[str, Evidence]]:
    return [(f"{place(doc, line)}有无法识别的字符“\ufffd”（文件此处编码损坏），请对照原稿改正", evidence(line))
            for line in doc.lines if "\ufffd" in line.text]


def _repeats(doc: Document, minimum: int) -> list[tuple[str, Evidence]]:
    counts = Counter(line.norm for line in doc.lines if len(line.norm) >= _MIN_REPEATED_LENGTH)
    found = []
    stutters = _may_stutter(doc.lines)
    for number, line in enumerate(doc.lines):
        if counts.get(line.norm, 0) >= minimum:
            found.append((f"{place(doc, line)}的整段文字重复出现{counts[line.norm]}次", evidence(line)))
            counts.pop(line.norm)
        stutter = _STUTTER.search(line.norm) if number in stutters else None
        if stutter:
            found.append((f"{place(doc, line)}有连续重复的“{stutter.group(1)}”", evidence(line, stutter)))
    return found


_STUTTER_CHUNK = 1 << 16  # characters tested together


def _may_stutter(lines) -> set[int]:
    """Indices of the lines that may hold a stutter; the others cannot.

    _STUTTER searched every line at about 0.4 µs a character, most of a report's check. Five copies of an
    L-character token make 4L characters in a row each equal to the one L further on; that is tested for
    L = 2..8 over many lines at once with big-integer arithmetic (XOR of the text, as UTF-32, with itself
    shifted by L characters, and a run of zero bytes), and only lines of a group where such a run shows
    are searched. A run can also come from the joining or from characters equal only in some bytes: then
    a few more lines are searched, with the same answers."""
    found: set[int] = set()
    start = 0
    while start < len(lines):
        end, size = start + 1, len(lines[start].norm)
        while end < len(lines) and size + len(lines[end].norm) < _STUTTER_CHUNK:
            size += len(lines[end].norm) + 1
            end += 1
        if _periodic("\n".join(line.norm for line in lines[start:end])):
            found.update(range(start, end))
        start = end
    return found


def _periodic(text: str) -> bool:
    """Whether, for some L in 2..8, 4L-1 characters in a row each equal the one L further on (or nearly so)."""
    data = text.encode("utf-32-le")
    whole = int.from_bytes(data, "little")
    for length in range(2, 9):
        same = (whole ^ (whole >> (32 * length))).to_bytes(len(data), "little")
        if b"\0" * (16 * length) in same:
            return True
    return False
