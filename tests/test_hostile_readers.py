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
from hostile import one_chinese_line, run_fzcheck, within_limits

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


def _bytes(make: Callable[[], bytes], name: str) -> Callable[[Path], None]:
    return lambda folder: (folder / name).write_bytes(make())


def _write(make: Callable[[Path], None], name: str) -> Callable[[Path], None]:
    return lambda folder: make(folder / name)


def case(id: str, name: str, make, expect, *, streamed: bool = False, **kw) -> Case:
    build = _write(make, name) if streamed else _bytes(make, name)
    return Case(id=id, name=name, build=build, expect=expect, **kw)


CASES = [
    # zip containers
    case("docx-bomb-honest", "bomb.docx", hi.honest_bomb_docx, REFUSED, says="压缩"),
    case("docx-entity-document", "laughs.docx", lambda: hi.entity_docx("word/document.xml"), EITHER),
    case("docx-entity-numbering", "laughs-num.docx", lambda: hi.entity_docx("word/numbering.xml"), EITHER),
    case("docx-entity-styles", "laughs-sty.docx", lambda: hi.entity_docx("word/styles.xml"), EITHER),
    # text
    case("txt-empty", "empty.txt", lambda: b"", REFUSED, says="空"),
    case("txt-nul", "nul.txt", lambda: b"\x00" * 100_000, REFUSED, says="文本"),
]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id, marks=[pytest.mark.slow] if c.slow else [])
                                  for c in CASES])
def test_hostile_input(tmp_path, case):
    case.build(tmp_path)
    target = tmp_path / case.name
    before = hashlib.sha256(target.read_bytes()).hexdigest() if target.is_file() else None
    args = [case.command, case.name, *case.args] if case.command == "check" else [case.command, case.name]
    run = run_fzcheck(args, cwd=str(tmp_path))
    within_limits(run)
    assert run.code in case.expect, f"exit {run.code}: {run.stderr[-800:]}"
    if run.code == 2:
        line = one_chinese_line(run, case.name)
        assert case.says in line, line
    elif case.text:
        assert case.text in json.dumps(json.loads(run.stdout), ensure_ascii=False)
    if before is not None:
        assert hashlib.sha256(target.read_bytes()).hexdigest() == before, "the input file was changed"
