"""Plain-text input: encodings, line ends, and refusal of what is not text."""
from __future__ import annotations

import pytest

from checker.errors import InputError
from checker.readers import read_bytes, read_path

REPORT = "某县人民政府2023年度法治政府建设情况报告\r\n一、主要举措和成效\r\n全年出庭应诉率达100%。“放管服”改革深入推进。\r\n"


@pytest.mark.parametrize("encoding, prefix", [
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b""), ("gbk", b""), ("utf-16", b""),
    ("utf-16-le", b""),
])
def test_encodings(encoding, prefix):
    text = read_bytes(prefix + REPORT.encode(encoding), "r.txt")
    assert [line.text for line in text.lines] == REPORT.replace("\r\n", "\n").strip().split("\n")


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_line_numbers_follow_the_file(ending):
    data = ending.join(["标题", "", "一、举措", "正文"]).encode("utf-8")
    assert [(l.number, l.text) for l in read_bytes(data, "r.txt").lines] == [(1, "标题"), (3, "一、举措"), (4, "正文")]


def test_normalised_copy_keeps_original_for_evidence():
    line = read_bytes("出庭应诉率　达到１００％ ".encode("utf-8"), "r.txt").lines[0]
    assert line.text == "出庭应诉率　达到１００％"
    assert line.norm == "出庭应诉率达到100%"


@pytest.mark.parametrize("data, words", [
    (b"", "空的"),
    (b"   \n\n", "空的"),
    (bytes(range(256)) * 20, "二进制"),
    (b"\x00\x01\x02\x03" * 300, "二进制"),
])
def test_bad_text_is_refused(data, words):
    with pytest.raises(InputError, match=words):
        read_bytes(data, "bad.txt")


def test_missing_path_and_directory(tmp_path):
    with pytest.raises(InputError, match="不存在"):
        read_path(str(tmp_path / "nope.txt"))
    with pytest.raises(InputError, match="目录"):
        read_path(str(tmp_path))


def test_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes("一、举措\n".encode("utf-8") * 1000)
    with pytest.raises(InputError, match="大小上限"):
        read_path(str(path), max_bytes=1000)


def test_text_that_is_html_goes_to_the_html_reader():
    from checker.readers import sniff

    assert sniff(b"<!DOCTYPE html><html><body><p>x</p></body></html>", ".txt") == "html"
    assert sniff("一、主要举措".encode("utf-8"), ".txt") == "txt"


def test_evidence_quotes_the_original_text():
    from checker.match import compile_phrase, evidence

    line = read_bytes("（二）负责人出庭应诉率　达到１００％，较上年提高。".encode("utf-8"), "r.txt").lines[0]
    found = compile_phrase({"regex": r"出庭应诉率达到\d+%"}).search(line.norm)
    quote = evidence(line, found).text
    assert "出庭应诉率　达到１００％" in quote and quote.startswith("（二）")
