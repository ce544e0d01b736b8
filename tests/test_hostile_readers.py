"""Hostile and broken report files through the real console script, under a memory limit and a timeout.

Each case builds its input in a temporary folder and states what a correct run gives: a result
(exit 0/1) or a refusal (exit 2 with one Chinese line naming the file); either way within 10 s and
500 MB of resident memory, without a traceback, and without changing the input.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

import hostile_inputs as hi
from hostile import SECONDS, one_chinese_line, run_fzcheck, within_limits

RESULT, REFUSED, EITHER = {0, 1}, {2}, {0, 1, 2}


@dataclass(frozen=True)
class Case:
    id: str
    name: str  # the file the case writes
    build: Callable[[Path], None]  # writes tmp/name
    expect: set[int]
    args: tuple[str, ...] = ("--format", "json")
    command: str = "check"
    slow: bool = False
    says: str = ""  # a word the refusal line must contain
    text: str = ""  # a string the JSON result must contain (a result case)
    seconds: float = SECONDS


def _bytes(make: Callable[[], bytes], name: str) -> Callable[[Path], None]:
    return lambda folder: (folder / name).write_bytes(make())


def _write(make: Callable[[Path], None], name: str) -> Callable[[Path], None]:
    return lambda folder: make(folder / name)


def case(id: str, name: str, make, expect, *, streamed: bool = False, **kw) -> Case:
    build = _write(make, name) if streamed else _bytes(make, name)
    return Case(id=id, name=name, build=build, expect=expect, **kw)


def _amplified(size: int) -> Callable[[Path], None]:
    return lambda target: hi.amplified_docx(target, size)


def _sparse(size: int) -> Callable[[Path], None]:
    def make(target: Path) -> None:
        with open(target, "wb") as handle:
            handle.truncate(size)
    return make


def _text(make: Callable[[], str]) -> Callable[[], bytes]:
    return lambda: make().encode("utf-8")


CASES = [
    # .docx: zip bombs, huge XML, entities, numbering, encryption
    case("docx-bomb-honest", "bomb.docx", hi.honest_bomb_docx, REFUSED, says="压缩"),
    case("docx-bomb-lying", "lying.docx", hi.lying_bomb_docx, REFUSED, says="损坏"),
    case("docx-bomb-lying-annotate", "lying.docx", hi.lying_bomb_docx, REFUSED, command="annotate"),
    case("docx-xml-60mb", "amp60.docx", _amplified(60_000_000), REFUSED, streamed=True, says="过多"),
    case("docx-xml-60mb-annotate", "amp60.docx", _amplified(60_000_000), REFUSED, streamed=True,
         command="annotate"),
    case("docx-xml-290mb", "amp290.docx", _amplified(290_000_000), REFUSED, streamed=True, slow=True),
    case("docx-entity-document", "laughs.docx", lambda: hi.entity_docx("word/document.xml"), EITHER),
    case("docx-entity-numbering", "laughs-num.docx", lambda: hi.entity_docx("word/numbering.xml"), EITHER),
    case("docx-entity-styles", "laughs-sty.docx", lambda: hi.entity_docx("word/styles.xml"), EITHER),
    case("docx-entity-comments-annotate", "laughs-com.docx", lambda: hi.entity_docx("word/comments.xml"),
         EITHER, command="annotate"),
    case("docx-numbering-roman-1e12", "roman.docx", lambda: hi.numbering_docx("999999999999", "upperRoman"),
         RESULT, text="MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMDCCLXVII、编号段落"),
    case("docx-numbering-letter-2e9", "letter.docx", lambda: hi.numbering_docx("2000000000", "upperLetter"),
         RESULT),
    case("docx-numbering-letter-annotate", "letter.docx", lambda: hi.numbering_docx("2000000000", "upperLetter"),
         RESULT, command="annotate"),
    case("docx-numbering-roman-annotate", "roman.docx", lambda: hi.numbering_docx("999999999999", "upperRoman"),
         RESULT, command="annotate"),
    case("docx-numbering-5000-digits", "digits.docx", lambda: hi.numbering_docx("9" * 5000, "decimal"), RESULT),
    case("docx-encrypted-entry", "enc.docx", hi.encrypted_entry_docx, REFUSED, says="加密"),
    case("docx-encrypted-entry-annotate", "enc.docx", hi.encrypted_entry_docx, REFUSED, command="annotate",
         says="加密"),
    # .ofd
    case("ofd-page-amplify", "amp.ofd", hi.page_amplify_ofd, REFUSED),
    case("ofd-entity", "laughs.ofd", hi.ofd_entity, EITHER),
    # .pdf
    case("pdf-flate-bomb", "bomb.pdf", hi.flate_bomb_pdf, REFUSED, says="压缩"),
    case("pdf-shared-content-3000", "shared.pdf", hi.shared_content_pdf, EITHER),
    case("pdf-dense-page", "dense.pdf", hi.dense_pdf, EITHER),
    case("pdf-non-bmp", "nonbmp.pdf", hi.nonbmp_pdf, RESULT, text="本镇\U00020021村民委员会"),
    case("pdf-non-bmp-xlsx", "nonbmp.pdf", hi.nonbmp_pdf, RESULT, args=("--format", "xlsx", "-o", "out.xlsx")),
    # .rtf
    case("rtf-lone-surrogate", "s.rtf", hi.surrogate_rtf, RESULT, text="\ufffd"),
    case("rtf-lone-surrogate-junit", "s.rtf", hi.surrogate_rtf, RESULT, args=("--format", "junit", "-o", "o.xml")),
    # .html
    case("html-2.5m-spans", "spans.html", hi.spans_html, EITHER),
    case("html-4m-br", "brs.html", hi.brs_html, EITHER),
    # plain text
    case("txt-empty", "empty.txt", lambda: b"", REFUSED, says="空"),
    case("txt-nul", "nul.txt", lambda: b"\x00" * 100_000, REFUSED, says="文本"),
    case("txt-100mb-line", "line.txt", lambda: ("行政复议" * 8_400_000).encode(), REFUSED,
         args=("--format", "json", "--max-size", "200"), says="过多"),
    case("txt-3.7m-lines", "lines.txt", _text(lambda: hi.report_text() + "行政复议\n" * 3_700_000), REFUSED),
    case("txt-1gb-sparse", "sparse.txt", _sparse(1 << 30), REFUSED, streamed=True,
         args=("--format", "json", "--max-size", "2048"), says="文本"),
    case("txt-report-x1000", "many.txt", _text(lambda: hi.report_text() * 1000), REFUSED),
    # OLE
    # LibreOffice starts in about 1.5 s, but far slower on a loaded machine: not what is measured here
    case("ole-garbage", "junk.doc", hi.garbage_ole, REFUSED, says="没有可读", seconds=30),
]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id, marks=[pytest.mark.slow] if c.slow else [])
                                  for c in CASES])
def test_hostile_input(tmp_path, case):
    case.build(tmp_path)
    target = tmp_path / case.name
    before = hashlib.sha256(target.read_bytes()).hexdigest() if target.is_file() else None
    args = [case.command, case.name, *case.args] if case.command == "check" else \
        [case.command, case.name, "-o", "annotated.docx"]
    run = run_fzcheck(args, cwd=str(tmp_path))
    within_limits(run, seconds=case.seconds)
    assert run.code in case.expect, f"exit {run.code}: {run.stderr[-800:]}"
    if run.code == 2:
        line = one_chinese_line(run, case.name)
        assert case.says in line, line
    elif case.text:
        assert case.text in json.dumps(json.loads(run.stdout), ensure_ascii=False), run.stdout[:2000]
    if before is not None:
        assert hashlib.sha256(target.read_bytes()).hexdigest() == before, "the input file was changed"
