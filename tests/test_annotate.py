"""Word comments (批注): one per located weak/missing finding, on the cited paragraph, plus a summary."""
from __future__ import annotations

import io
import re
import shutil
import zipfile

import pytest

import format_fixtures as ff
from checker.annotate import annotate_docx
from checker.errors import InputError
from checker.readers.docx import paragraph_elements
from checker.results import Evidence, Report, Result, Severity, Status

W = "{%s}" % ff.W_NS


def _result(rule: str, status: Status, line: int | None, title: str = "某项内容") -> Result:
    evidence = (Evidence(line=line, text="……", origin=f"第{line}段"),) if line else ()
    return Result(rule=rule, title=title, status=status, severity=Severity.ERROR, message=f"{rule} 的说明",
                  suggestion="补充具体做法和数据", basis="《法治政府建设与责任落实督察工作规定》第二十五条",
                  evidence=evidence)


def _report(*results: Result) -> Report:
    return Report(path="报告.docx", title=ff.TITLE, issuer="青禾镇人民政府", kind="government", report_year=2023,
                  date="2024-01-15", ruleset="government", results=tuple(results))


def _comments(data: bytes) -> list:
    import docx

    return list(docx.Document(io.BytesIO(data)).comments)


def _anchors(data: bytes) -> dict[int, int]:
    """comment id → number of the paragraph holding its commentRangeStart."""
    import docx

    document = docx.Document(io.BytesIO(data))
    found = {}
    for number, paragraph in enumerate(paragraph_elements(document.element), 1):
        for start in paragraph.iter(f"{W}commentRangeStart"):
            found[int(start.get(f"{W}id"))] = number
    return found


# name → (paragraph evidence lines of weak/missing results, expected comment count)
CASES = {
    "weak-and-missing": ([("a", Status.WEAK, 9), ("b", Status.MISSING, 12), ("c", Status.MISSING, None)], 3),
    "pass-and-na-ignored": ([("a", Status.PASS, 9), ("b", Status.NOT_APPLICABLE, 3), ("c", Status.WEAK, 4)], 2),
    "nothing-to-say": ([("a", Status.PASS, 9)], 1),
    "line-out-of-range": ([("a", Status.WEAK, 999), ("b", Status.WEAK, 2)], 2),
}


@pytest.mark.parametrize("case", list(CASES))
def test_comment_count_and_anchors(case):
    specs, expected = CASES[case]
    report = _report(*(_result(rule, status, line) for rule, status, line in specs))
    data = ff.docx_bytes(ff.REPORT)
    out = annotate_docx(data, report)
    comments = _comments(out)
    assert len(comments) == expected
    assert all(c.author == "fzcheck" and c.initials == "FZ" for c in comments)
    anchors = _anchors(out)
    by_text = {c.comment_id: c.text for c in comments}
    located = [(rule, status, line) for rule, status, line in specs
               if status in (Status.WEAK, Status.MISSING) and line and line <= len(ff.REPORT)]
    for rule, status, line in located:
        comment_id = next(i for i, text in by_text.items() if f"{rule} 的说明" in text)
        assert anchors[comment_id] == line
        label = "薄弱" if status is Status.WEAK else "缺失"
        assert by_text[comment_id].startswith(f"【{label}】某项内容：{rule} 的说明")
        assert "建议：补充具体做法和数据" in by_text[comment_id] and "依据：《法治政府建设" in by_text[comment_id]
    summary = [c for c in comments if c.text.startswith("fzcheck 检查摘要：")]
    assert len(summary) == 1 and anchors[summary[0].comment_id] == 1  # the first non-empty paragraph


def test_summary_counts_and_lists_missing_parts():
    report = _report(_result("a", Status.MISSING, None, "存在的不足和原因"), _result("b", Status.WEAK, 9),
                     _result("c", Status.MISSING, 12, "下一年度工作安排"))
    summary = next(c for c in _comments(annotate_docx(ff.docx_bytes(ff.REPORT), report)) if "摘要" in c.text)
    assert summary.text.startswith("fzcheck 检查摘要：缺失 2 项，薄弱 1 项")
    assert "缺失：存在的不足和原因" in summary.text and "缺失：下一年度工作安排" in summary.text


def test_paragraphs_without_runs_still_get_comments():
    # paragraph 8 is "超链接文字" inside w:hyperlink (no direct run); paragraph 9 is empty;
    # paragraph 6 sits in a text box.
    data = ff.raw_docx(ff.TRICKY_BODY)
    report = _report(_result("a", Status.WEAK, 8), _result("b", Status.MISSING, 9), _result("c", Status.WEAK, 6))
    out = annotate_docx(data, report)
    anchors = _anchors(out)
    texts = {c.comment_id: c.text for c in _comments(out)}
    assert len(texts) == 4
    assert {rule: anchors[i] for i, text in texts.items() for rule in "abc" if f"{rule} 的说明" in text} == \
        {"a": 8, "b": 9, "c": 6}


def test_input_is_not_modified_and_output_is_a_docx(tmp_path):
    source = tmp_path / "报告.docx"
    data = ff.docx_bytes(ff.REPORT)
    source.write_bytes(data)
    out = annotate_docx(source.read_bytes(), _report(_result("a", Status.WEAK, 9)))
    assert source.read_bytes() == data
    with zipfile.ZipFile(io.BytesIO(out)) as package:
        assert "word/comments.xml" in package.namelist()


def test_end_to_end_with_the_checker(tmp_path):
    from checker import check_file

    path = tmp_path / "报告.docx"
    path.write_bytes(ff.docx_bytes(ff.REPORT[:10], numbered=True))  # stops after 二、: several parts missing
    report = check_file(str(path))
    located = [r for r in report.gaps() if r.evidence]
    placed = [r for r in report.gaps() if not r.evidence and r.placement is not None]
    out = annotate_docx(path.read_bytes(), report)
    comments = _comments(out)
    assert len(comments) == len(located) + len(placed) + 1
    assert any(c.text.startswith("fzcheck 检查摘要：缺失") for c in comments)
    anchors = _anchors(out)
    for result in located:
        comment = next(c for c in comments if c.text.startswith(f"【{'薄弱' if result.status is Status.WEAK else '缺失'}】{result.title}"))
        assert anchors[comment.comment_id] == result.evidence[0].line


@pytest.mark.parametrize("data, expected", [
    (b"PK\x03\x04broken", "损坏"),
    (ff.zip_bomb(), "压缩炸弹"),
])
def test_unopenable_docx_gives_input_error(data, expected):
    with pytest.raises(InputError) as caught:
        annotate_docx(data, _report(_result("a", Status.WEAK, 1)))
    assert expected in caught.value.reason


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_annotated_file(tmp_path):
    report = _report(_result("a", Status.WEAK, 9), _result("b", Status.MISSING, 12))
    out = annotate_docx(ff.docx_bytes(ff.REPORT), report)
    converted = ff.soffice_convert({"a.docx": out}, "odt", tmp_path)
    assert "a.docx" in converted
    with zipfile.ZipFile(io.BytesIO(converted["a.docx"])) as package:
        assert package.read("content.xml").count(b"<office:annotation ") + \
            package.read("content.xml").count(b"<office:annotation>") == 3


def test_the_annotated_file_honours_the_umask(tmp_path):
    import os

    from click.testing import CliRunner

    import cli

    source = tmp_path / "报告.docx"
    source.write_bytes(ff.docx_bytes(ff.REPORT))
    old = os.umask(0o022)
    try:
        result = CliRunner().invoke(cli.main, ["annotate", str(source)])
    finally:
        os.umask(old)
    assert result.exit_code in (0, 1), result.output
    assert (tmp_path / "报告.批注.docx").stat().st_mode & 0o777 == 0o644


def test_a_mention_only_in_the_plan_is_commented_where_the_years_work_belongs(tmp_path):
    from checker import check_file

    # Court appearance is named only in next year's plan: the comment goes on the measures heading.
    body = [p for p in ff.BODY if "出庭应诉" not in p]
    body[-3] = "2024年，青禾镇将落实行政机关负责人出庭应诉制度，出庭应诉率保持100%。"
    path = tmp_path / "报告.docx"
    path.write_bytes(ff.docx_bytes([ff.TITLE, *body]))
    report = check_file(str(path))
    court = next(r for r in report.results if r.rule == "indicator.court-appearance")
    assert court.status is Status.MISSING and "仅在" in court.message and "工作情况没有报告" in court.message
    out = annotate_docx(path.read_bytes(), report)
    comment = next(c for c in _comments(out) if c.text.startswith("【缺失】行政机关负责人出庭应诉"))
    measures = 1 + 1 + body.index("一、2023年推进法治政府建设的主要举措和成效")  # title, then 1-based
    assert _anchors(out)[comment.comment_id] == measures


def test_a_second_run_replaces_its_own_comments_and_never_overwrites_an_existing_file(tmp_path):
    from click.testing import CliRunner

    import cli

    source = tmp_path / "报告.docx"
    source.write_bytes(ff.docx_bytes(ff.REPORT[:10], numbered=True))
    first = CliRunner().invoke(cli.main, ["annotate", str(source)])
    annotated = tmp_path / "报告.批注.docx"
    assert first.exit_code == 1 and annotated.is_file()
    count = len(_comments(annotated.read_bytes()))
    before = annotated.read_bytes()
    second = CliRunner().invoke(cli.main, ["annotate", str(source)])
    assert annotated.read_bytes() == before  # the file the user may have edited is untouched
    again = tmp_path / "报告.批注(2).docx"
    assert again.is_file() and "报告.批注(2).docx" in second.stdout and "未覆盖" in second.stdout
    # annotating the annotated file again replaces fzcheck's comments instead of adding a second set
    report_again = annotate_docx(annotated.read_bytes(), _report(_result("a", Status.WEAK, 9)))
    assert len(_comments(report_again)) == 2
    assert count > 2


def test_comments_never_cite_line_numbers_and_missing_parts_sit_where_they_belong(tmp_path):
    from checker import check_file

    path = tmp_path / "报告.docx"
    path.write_bytes(ff.docx_bytes(ff.REPORT[:10], numbered=True))
    report = check_file(str(path))
    out = annotate_docx(path.read_bytes(), report)
    comments = _comments(out)
    assert not any(re.search(r"第\d+行", c.text) for c in comments)
    anchors = _anchors(out)
    for result in report.gaps():
        if result.placement is not None and not result.evidence:
            comment = next(c for c in comments if c.text.startswith(f"【缺失】{result.title}"))
            assert anchors[comment.comment_id] == result.placement.line
            assert f"位置：{result.placement.text}" in comment.text
