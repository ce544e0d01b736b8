"""A report's compact signature for comparing reports: per part, its sentences as shingle sets.

Comparing a batch (or last year's reports) needs only this, never the full text: each sentence keeps
its line, a short quote and the hashes of its character 4-grams (figures masked, so copying with
other numbers is still copying). About 150 bytes a sentence.

A batch keeps even less of each report until a pair is flagged: its Digest, one MinHash per part
(about 1 KB a report, whatever its length). The two reports of a flagged pair are read again for their
signatures, which confirm the pair sentence by sentence and give the quotes.
"""
from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from typing import Mapping, Sequence

from checker.document import Document
from checker.locate import Locator, find_section
from checker.match import Phrase, compile_phrases, first_match
from checker.outline import parse_heading
from checker.text import Line

PARTS = ("measures", "shortcomings", "causes", "plan")
MIN_CHARS = 12  # a shorter sentence ("成效明显。") is shared by chance, not copied
QUOTE = 60
_SPLIT = re.compile(r"(?<=[。！？；!?;])")
_NOISE = re.compile(r"[\W_]+")  # not word characters, or _ (removed a run at a time)
# Figures: digits, or numerals before a counter word. The pattern opens with the class of its first characters
# (each branch then asks which it was), so the engine skips the rest of the text in C.
_NUMERALS = "〇零一二两三四五六七八九十百千万"
_DIGITS = re.compile(rf"[\d{_NUMERALS}](?:(?<=\d)\d*(?:\.\d+)?|(?<=[{_NUMERALS}])[{_NUMERALS}]*(?=[件次项场个家起条人名%]))")
# At least MIN_CHARS word characters: a sentence long enough to tell copying from chance.
_LONG_ENOUGH = re.compile(r"(?:[\W_]*[^\W_]){%d}" % MIN_CHARS)
# Where a shortcomings part turns to why: from such a sentence on, the paragraph analyses causes.
CAUSE_MARKERS = compile_phrases(["原因", "根源", "症结", "主要是由于", "归根结底", "根本在于",
                                 {"regex": "主观上|客观上"}])


# Matching text has half-width punctuation; a quote shown to people gets the Chinese marks back.
_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}


def quote(text: str) -> str:
    quoted = text[:QUOTE]
    for half, full in _FULL_WIDTH.items():  # str.translate with a mapping is slower on CJK text
        quoted = quoted.replace(half, full)
    return quoted


@dataclass(frozen=True)
class Sentence:
    """A sentence of a part: its line, its quote and its 4-gram hashes."""

    line: int
    quote: str
    shingles: bytes  # array('I') of 4-gram hashes, sorted and unique

    def shingle_set(self) -> set[int]:
        return set(array("I", self.shingles))


@dataclass(frozen=True)
class Signature:
    """A report's sentences part by part, to compare it with others."""

    path: str
    issuer: str
    report_year: int | None
    parts: Mapping[str, tuple[Sentence, ...]]
    plan_items: tuple[str, ...] = ()  # last year's plan, item by item (for follow-through)


@dataclass(frozen=True)
class Packed:
    """A part's sentences for the sentence check in a few flat arrays: no Python object per sentence."""

    grams: bytes  # uint32: the sentences' 4-gram hashes one sentence after the other (each sorted, unique)
    sizes: bytes  # uint32: how many of them each sentence has
    lines: bytes  # uint32: line number per sentence
    quotes: str  # the sentences' quotes, one a line

    def __len__(self) -> int:
        return len(self.sizes) // 4

    def quoted(self, numbers: Sequence[int]) -> tuple[Quoted, ...]:
        if not numbers:
            return ()
        lines, quotes = array("I", self.lines), self.quotes.split("\n", max(numbers) + 1)
        return tuple(Quoted(lines[n], quotes[n]) for n in numbers)


@dataclass(frozen=True)
class Quoted:
    """A shared sentence's line and quote."""

    line: int
    quote: str


def pack(sentences: Sequence[Sentence]) -> Packed:
    return Packed(b"".join(s.shingles for s in sentences),
                  array("I", [len(s.shingles) // 4 for s in sentences]).tobytes(),
                  array("I", [s.line for s in sentences]).tobytes(), "\n".join(s.quote for s in sentences))


@dataclass(frozen=True)
class Digest:
    """What the batch comparison keeps of a report, per part that could be found copied: its MinHash for
    LSH, and its packed sentences to confirm a candidate pair and quote it."""

    issuer: str
    minhashes: Mapping[str, bytes]  # part -> minhash.NUM_PERM uint32 values
    parts: Mapping[str, Packed]


def digest(signature: Signature) -> Digest:
    from checker import minhash
    from checker.similarity import MIN_SHARED  # a part with fewer sentences is never found copied

    parts = {name: pack(sentences) for name, sentences in signature.parts.items() if len(sentences) >= MIN_SHARED}
    return Digest(signature.issuer, {name: minhash.digest(part.grams) for name, part in parts.items()}, parts)


def shingles(text: str) -> bytes:
    """The hashes of a sentence's character 4-grams, figures masked and punctuation dropped."""
    return shingles_of([text])[0]


def shingles_of(texts: Sequence[str]) -> list[bytes]:
    """shingles() of many sentences, hashed together (checker.shingles): sorted unique uint32 CRC-32s of
    each one's 4-grams."""
    from checker.shingles import hashed

    return hashed(_masked(texts))


# A word character that is neither a digit, a numeral nor a counter word: between sentences both patterns see it
# as they see a sentence's end, and _NOISE keeps it, so all the sentences are masked in two calls, not 2 x n.
_BETWEEN = "\U0002A6A5"


def _masked(texts: Sequence[str]) -> list[str]:
    """Each text with its figures and punctuation dropped; the texts joined for it unless one holds the joint."""
    if len(texts) < 2 or any(_BETWEEN in text for text in texts):
        return [_NOISE.sub("", _DIGITS.sub("#", text)) for text in texts]
    return _NOISE.sub("", _DIGITS.sub("#", _BETWEEN.join(texts))).split(_BETWEEN)


def part_sentences(doc: Document, lines: tuple[Line, ...]) -> list[tuple[Line, str]]:
    """sentences() of a part of the document, worked out once (concreteness reads the measures too)."""
    return doc.memo(("signature sentences", id(lines)), lines, lambda: sentences(lines))


def sentences(lines: tuple[Line, ...]) -> list[tuple[Line, str]]:
    """The sentences of some lines that are long enough to tell copying from chance; bare headings left out."""
    found = []
    for line in lines:
        heading = parse_heading(line)
        text = heading.rest if heading else line.norm
        for piece in _SPLIT.split(text):
            piece = piece.strip()
            # dropping noise only shortens a piece: one already too short needs no pass
            if len(piece) >= MIN_CHARS and _LONG_ENOUGH.match(piece):
                found.append((line, piece))
    return found


def part_lines(doc: Document, sections: Mapping[str, Locator]) -> dict[str, tuple[Line, ...]]:
    """The lines of the measures, shortcomings and plan parts; causes are split off the shortcomings."""
    found: dict[str, tuple[Line, ...]] = {}
    for name in ("measures", "shortcomings", "plan"):
        locator = sections.get(name)
        part = find_section(doc, locator) if locator else None
        found[name] = part.lines if part and not part.is_inline else ()
    return found


def split_causes(pieces: list[tuple[Line, str]],
                 markers: tuple[Phrase, ...] = CAUSE_MARKERS) -> tuple[list, list]:
    """Shortcomings and causes: once a paragraph names causes, its following sentences analyse them."""
    problems, causes = [], []
    cause_line = None
    for line, text in pieces:
        if cause_line != line.number and first_match(text, markers):
            cause_line = line.number
        (causes if cause_line == line.number else problems).append((line, text))
    return problems, causes


def build_signature(doc: Document, sections: Mapping[str, Locator], plan_items: tuple[str, ...] = ()) -> Signature:
    lines = part_lines(doc, sections)
    pieces = {name: part_sentences(doc, part) for name, part in lines.items()}
    pieces["shortcomings"], pieces["causes"] = split_causes(pieces["shortcomings"])
    every = [text for name in PARTS for _, text in pieces[name]]
    hashes = iter(shingles_of(every))
    parts = {name: tuple(Sentence(line.number, quote(text), next(hashes)) for line, text in pieces[name])
             for name in PARTS}
    return Signature(path=doc.path, issuer=doc.issuer, report_year=doc.report_year, parts=parts,
                     plan_items=plan_items)
