"""The same report gives the same lines and verdicts in every format: web pages in <pre>, lying
charsets, the 发布时间 line, PDF signature blocks, a stray byte in UTF-8, chrome inside a page."""
from __future__ import annotations

import datetime

import pytest

import format_fixtures as ff
import hostile_inputs as hi
from checker.document import build_document
from checker.engine import evaluate
from checker.readers import read_bytes
from checker.ruleset import load_ruleset

TXT = "\n".join(ff.REPORT).encode("utf-8")


def _document(data: bytes, name: str):
    return build_document(read_bytes(data, name))


def _statuses(data: bytes, name: str) -> dict[str, str]:
    doc = _document(data, name)
    return {r.rule: r.status.value for r in evaluate(doc, load_ruleset(doc.kind)).results}


def _page(body: str, charset: str | None = "utf-8", info: str = "来源：青禾镇人民政府") -> str:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if charset else ""
    return (f"<html><head>{meta}<title>{ff.TITLE}_青禾镇人民政府</title></head><body>"
            f'<div class="nav"><a href="/">首页</a></div><h1>{ff.TITLE}</h1><div class="info">{info}</div>'
            f"{body}<div class=\"footer\">网站标识码：1234567890</div></body></html>")


def _paragraphs() -> str:
    return "".join(f"<p>{p}</p>" for p in ff.BODY)


PAGES = {
    # a whole report in <pre>: its line breaks are the report's lines
    "pre": lambda: _page("<pre>" + "\n".join(ff.BODY) + "</pre>").encode("utf-8"),
    "pre-crlf-in-zoom": lambda: _page('<div id="zoom"><pre>' + "\r\n".join(ff.BODY) + "</pre></div>").encode("utf-8"),
    "white-space-pre-wrap": lambda: _page('<div style="white-space: pre-wrap">' + "\n".join(ff.BODY)
                                          + "</div>").encode("utf-8"),
    "white-space-pre-line": lambda: _page('<div id="zoom" style="font-size:16px; white-space:pre-line">'
                                          + "\n".join(ff.BODY) + "</div>").encode("utf-8"),
    # lying charsets: the bytes overrule the label, as browsers do
    "gbk-labelled-windows-1252": lambda: _page(_paragraphs(), "windows-1252").encode("gb18030"),
    "gbk-labelled-iso-8859-1": lambda: _page(_paragraphs(), "iso-8859-1").encode("gb18030"),
    "utf8-labelled-iso-8859-1": lambda: _page(_paragraphs(), "iso-8859-1").encode("utf-8"),
    "utf8-labelled-unicode-escape": lambda: _page(_paragraphs(), "unicode_escape").encode("utf-8"),
    "bom-before-gbk-labelled-gbk": lambda: b"\xef\xbb\xbf" + _page(_paragraphs(), "gbk").encode("gb18030"),
    "gbk-labelled-gbk": lambda: _page(_paragraphs(), "gbk").encode("gb18030"),
    "big5-label-on-utf8": lambda: _page(_paragraphs(), "big5").encode("utf-8"),
}


@pytest.mark.parametrize("case", sorted(PAGES))
def test_web_page_reads_like_the_text(case):
    data = PAGES[case]()
    text = read_bytes(data, "r.html")
    lines = [line.text for line in text.lines]
    assert lines[0] == ff.TITLE
    assert [line for line in lines if line in ff.BODY] == ff.BODY, lines
    assert _statuses(data, "r.html") == _statuses(TXT, "r.txt")


@pytest.mark.parametrize("info, published", [
    ("发布时间：2023-03-15 来源：青禾镇人民政府", datetime.date(2023, 3, 15)),
    ("来源：青禾镇人民政府 发布日期：2023年03月15日 浏览次数：88", datetime.date(2023, 3, 15)),
    ("<span>发布时间：</span><span>2024/2/1</span>", datetime.date(2024, 2, 1)),
    ("来源：青禾镇人民政府", None),
])
def test_publication_date_under_the_title_is_kept(info, published):
    data = _page(f'<div id="zoom">{_paragraphs()}</div>', info=info).encode("utf-8")
    doc = _document(data, "r.html")
    assert doc.published == published
    assert not any("发布" in line.text or "来源" in line.text for line in doc.lines)  # the rest is chrome
    txt = _statuses(TXT, "r.txt")
    html = _statuses(data, "r.html")
    assert {k: v for k, v in html.items() if k != "timing.publication"} == \
           {k: v for k, v in txt.items() if k != "timing.publication"}
    if published:
        assert html["timing.publication"] == "pass"


def test_chrome_between_paragraphs_of_a_page_is_suspicious_as_in_text():
    body = list(ff.BODY)
    body.insert(6, "扫一扫在手机打开当前页")
    page = _page('<div id="zoom">' + "".join(f"<p>{p}</p>" for p in body) + "</div>").encode("utf-8")
    txt = "\n".join([ff.TITLE, *body]).encode("utf-8")
    assert _statuses(page, "r.html")["text.suspicious"] == _statuses(txt, "r.txt")["text.suspicious"] == "weak"
    # chrome above and below the article is not
    assert _statuses(_page(f'<div id="zoom">{_paragraphs()}</div>').encode("utf-8"), "r.html")["text.suspicious"] \
        == "pass"


_LAST = ("2024年，青禾镇将继续加强执法队伍建设，完善矛盾纠纷多元化解机制，推动法治政府建设再上新台阶，" * 2)[:71] + "。"


@pytest.mark.parametrize("right_aligned", [0, 2], ids=["signature-at-margin", "signature-right-aligned"])
def test_pdf_signature_block_stays_lines_of_its_own(right_aligned):
    # the last paragraph ends flush with the margin, so line position alone would glue the unit to it
    lines = hi.wrap(ff.REPORT[:-3], 36) + hi.wrap([_LAST], 36) + ff.REPORT[-2:]
    data = hi.text_pdf([lines], right_aligned=right_aligned)
    texts = [line.text for line in read_bytes(data, "r.pdf").lines]
    assert texts[-3:] == [_LAST, "青禾镇人民政府", "2024年1月15日"]
    doc = _document(data, "r.pdf")
    assert doc.signed_by is not None and doc.signed_by.text == "青禾镇人民政府"
    assert doc.date == datetime.date(2024, 1, 15)


def test_one_stray_byte_in_utf8_text_is_read_with_a_replacement_character():
    clean = TXT
    cut = clean.index("全年行政应诉案件".encode())
    data = clean[:cut] + b"\xff" + clean[cut:]
    text = read_bytes(data, "r.txt")
    assert sum(line.text.count("\ufffd") for line in text.lines) == 1
    assert any(line.text.startswith("\ufffd全年行政应诉案件") for line in text.lines)
    statuses, expected = _statuses(data, "r.txt"), _statuses(clean, "r.txt")
    assert statuses.pop("text.suspicious") == "weak"  # the warning: the damaged line is named
    expected.pop("text.suspicious")
    assert statuses == expected


def test_gbk_text_is_still_gbk():
    data = "\n".join(ff.REPORT).encode("gb18030")
    assert [line.text for line in read_bytes(data, "r.txt").lines] == ff.REPORT
