"""Places as a person reads them: the page of a PDF, the headings above a Word paragraph, the line of a plain text."""
from __future__ import annotations

import pytest

import format_fixtures as ff
from checker.document import build_document
from checker.labels import where
from checker.location import place
from checker.readers import read_path
from checker.results import Evidence

PATH = ("一、主要举措和成效", "（三）依法行政决策")
WHERE_CASES = [
    # evidence, for the terminal (brief), the words
    (Evidence(12, "…"), False, "第12行"),
    (Evidence(12, "…", heading_path=PATH), False, "第12行（一、主要举措和成效 › （三）依法行政决策）"),
    (Evidence(12, "…", heading_path=PATH), True, "第12行"),
    (Evidence(5, "…", "第5段", PATH), False, "一、主要举措和成效 › （三）依法行政决策"),
    (Evidence(5, "…", "第5段", PATH), True, "一、主要举措和成效 › （三）"),
    (Evidence(5, "…", "第5段"), False, ""),  # above every heading: the quote itself says where
    (Evidence(40, "…", "第2页", PATH, page=2), False, "第2页"),
    (Evidence(40, "…", "第2页"), True, "第2页"),
]


@pytest.mark.parametrize("evidence, brief, words", WHERE_CASES)
def test_where(evidence, brief, words):
    assert where(evidence, brief) == words


@pytest.fixture(scope="module")
def word_doc(tmp_path_factory):
    path = tmp_path_factory.mktemp("docx") / "报告.docx"
    path.write_bytes(ff.docx_bytes(ff.REPORT))
    return build_document(read_path(str(path)))


@pytest.mark.parametrize("starts, words", [
    ("2023年，青禾镇在县委", "开头部分"),
    ("一、2023年推进法治政府建设", "标题“一、2023年推进法治政府建设的主要…”"),
    ("深化“放管服”改革", "“一、2023年推进法治政府建设的主要… › （一）”部分"),
    ("镇党委书记、镇长认真履行", "“二、党政主要负责人履行推进法治建设第…”部分"),
])
def test_a_word_paragraph_is_named_by_its_headings(word_doc, starts, words):
    line = next(line for line in word_doc.lines if line.text.startswith(starts))
    assert place(word_doc, line) == words


_KNOWN = {3: ("第2页", ("一、总体情况",)), 7: ("第12段", ("二、", "（一）")), 9: ("", ())}


@pytest.mark.parametrize("item", [
    Evidence(3, "引文"), Evidence(7, "引文", origin="第5段"), Evidence(9, ""), Evidence(42, "无处可寻"),
    Evidence(3, "已有路径", heading_path=("旧",), page=8), Evidence(7, "x", origin="第3页", page=3),
])
def test_stamp_as_dataclasses_replace_gives(item):
    from dataclasses import fields, replace

    from checker.labels import page_of
    from checker.location import stamp

    # stamp builds Evidence field by field: a new field must be carried there too
    assert [f.name for f in fields(Evidence)] == ["line", "text", "origin", "heading_path", "page"]
    origin, path = _KNOWN.get(item.line, ("", ()))
    origin = item.origin or origin
    assert stamp((item,), _KNOWN) == (replace(item, origin=origin, page=page_of(origin), heading_path=path),)
