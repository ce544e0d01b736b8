"""The heading grammar and the section tree."""
from __future__ import annotations

import pytest

from checker.outline import inline_items, parse_heading, parse_outline
from checker.text import make_line
from helpers import make_document


@pytest.mark.parametrize("text, style, ordinal, title, rest", [
    ("一、主要举措和成效", "cn", 1, "主要举措和成效", ""),
    ("十二、其他需要报告的情况", "cn", 12, "其他需要报告的情况", ""),
    ("（一）依法全面履行政府职能", "paren_cn", 1, "依法全面履行政府职能", ""),
    ("(四)坚持优化服务,着力打造营商环境", "paren_cn", 4, "坚持优化服务,着力打造营商环境", ""),
    ("（三）压降行政争议。配强法律顾问，全年审查合同30件。", "paren_cn", 3, "压降行政争议", "配强法律顾问,全年审查合同30件。"),
    ("1.全方位保障依法决策", "arabic", 1, "全方位保障依法决策", ""),
    ("2、常态化指导依法行政", "arabic", 2, "常态化指导依法行政", ""),
    ("３．全角数字标题", "arabic", 3, "全角数字标题", ""),
    ("（1）公示", "paren_arabic", 1, "公示", ""),
    ("第二部分 存在的问题", "part", 2, "存在的问题", ""),
    ("①加强领导", "circled", 1, "加强领导", ""),
    ("⑫ 完善考核", "circled", 12, "完善考核", ""),
])
def test_heading(text, style, ordinal, title, rest):
    heading = parse_heading(make_line(1, text))
    assert (heading.style, heading.ordinal, heading.title, heading.rest) == (style, ordinal, title, rest)


@pytest.mark.parametrize("text", [
    "一是狠抓关键少数。", "2023年，全县法治政府建设取得新进展。", "10.5%的案件得到纠错", "十个方面的任务全部完成。",
    "全年开展普法活动12场。", "3.5万人次参加学法考试",
])
def test_not_a_heading(text):
    assert parse_heading(make_line(1, text)) is None


def test_tree_nests_by_style_rank():
    doc = make_document("前言。\n一、举措\n（一）甲\n1.子\n（二）乙\n二、不足\n三、安排\n（一）丙\n")
    tree = [(s.heading.marker, [c.heading.marker for c in s.children]) for s in doc.sections]
    assert tree == [("一、", ["(一)", "(二)"]), ("二、", []), ("三、", ["(一)"])]
    assert [c.heading.marker for c in doc.sections[0].children[0].children] == ["1."]


def test_section_body_includes_run_in_text_and_following_lines():
    doc = make_document("一、举措\n（一）学法。全年学法12次。\n正文第二段。\n二、不足\n")
    first = doc.sections[0].children[0]
    assert first.body_text == "全年学法12次。正文第二段。"
    assert [line.number for line in first.lines] == [2, 3]


@pytest.mark.parametrize("text, expected", [
    ("一是提高站位；二是完善机制；三是强化督办。", [1, 2, 3]),
    ("重点做好以下工作：一是深化执法，二是加强培训。", [1, 2]),
    ("坚持一是一、二是二的作风。", []),
])
def test_inline_items(text, expected):
    assert inline_items(text) == expected


def test_web_chrome_is_not_content():
    doc = make_document("某镇2023年度法治政府建设情况报告\n来源: 某开发区 发布时间:2024-03-13 16:19 累计次数: 字体:[ ]\n"
                        "一、主要举措\n全年工作取得进展。\n扫一扫在手机打开当前页\n")
    assert [line.norm for line in doc.lines][-1] == "全年工作取得进展。"
    assert len(doc.chrome) == 2
    assert doc.published.isoformat() == "2024-03-13"
    assert parse_outline(doc.lines)[0].title == "主要举措"


def _heading_by_every_style(line):
    """parse_heading as it was before the first-character test: every style's pattern tried on every line."""
    import checker.outline as outline

    saved = outline._OPENERS
    outline._OPENERS = _EVERYTHING
    try:
        return parse_heading(line)
    finally:
        outline._OPENERS = saved


class _Everything:
    def __contains__(self, item):
        return True


_EVERYTHING = _Everything()


def test_first_character_test_rules_out_only_lines_no_style_matches():
    """No character the test rules out can open a heading: every code point, alone and before a title."""
    import sys

    from checker.outline import _OPENERS, STYLES

    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if char in _OPENERS or char.isdecimal():
            continue
        for text in (char + "、依法行政", char + "部分 总体情况"):
            assert not any(pattern.match(text) for _, pattern in STYLES), repr(char)


@pytest.mark.parametrize("text", [
    "", " ", "一、总体情况", "第一部分 总体情况", "第3部分：展望", "（一）加强领导", "(2) 制度建设", "1. 目标", "1.5亿元",
    "12、推进", "١、阿拉伯数字", "３．全角", "一是加强", "十个部门", "2023年工作", "本年度，我局",
    "【一、标题】", "　一、全角空格开头", "百、非常见", "〇、零", "两、两", "二、" + "很长" * 60, "（十一）标题。正文",
])
def test_parse_heading_as_trying_every_style(text):
    line = make_line(1, text)
    assert parse_heading(line) == _heading_by_every_style(line)
