"""The HTML page for one report: which page a batch gets, and what the single-report context holds, as tables."""
from __future__ import annotations

import dataclasses
import re
from html import escape

import pytest

from checker.labels import BASELINE_LABEL, EXCEPTED_LABEL, PART_LABEL, SEVERITY_LABEL, SOURCE_LABEL, STATUS_LABEL
from checker.reporters import get_reporter
from checker.reporters.html_report import is_single, single_context
from checker.results import Batch, Evidence, Placement, Similar, Status, Waiver
from sample_batches import UNREADABLE, clean_government, department, township

PLACEMENT = Placement(12, "在“一、主要举措和成效”部分之后")


def _with(report, rule: str, **changes):
    """The report with one result changed."""
    results = tuple(dataclasses.replace(r, **changes) if r.rule == rule else r for r in report.results)
    return dataclasses.replace(report, results=results)


def one(report) -> Batch:
    return Batch(reports=(report,), version="0.1.0")


# Which page a batch gets: one report read without error is shown as itself; anything else as an overview.
PAGES = [
    ("one report", one(township()), True),
    ("one clean report", one(clean_government()), True),
    ("one report and an unreadable file", Batch(reports=(township(),), errors=(UNREADABLE,)), False),
    ("two reports", Batch(reports=(township(), department())), False),
    ("only an unreadable file", Batch(errors=(UNREADABLE,)), False),
    ("nothing", Batch(), False),
]


@pytest.mark.parametrize("name, batch, single", PAGES, ids=[p[0] for p in PAGES])
def test_which_page(name, batch, single):
    page = get_reporter("html").render(batch)
    assert is_single(batch) is single
    # The single page has no overview table, no matrix and no 一、报告概览; the overview has them all.
    assert ('class="verdict"' in page) is single
    assert ('<table class="matrix">' in page or "一、报告概览" in page) is (not single)


# The gaps as blocks, worst first: statutory (法定内容) before 重点指标 before 格式, missing before weak.
ORDER = [
    ("township", township(), ["content.shortcomings-causes", "content.first-responsible", "content.shortcomings",
                              "indicator.court-appearance", "form.numbering"]),
    ("department", department(), ["indicator.court-appearance"]),
    ("clean", clean_government(), []),
]


@pytest.mark.parametrize("name, report, rules", ORDER, ids=[o[0] for o in ORDER])
def test_gaps_worst_first_and_the_rest_folded(name, report, rules):
    context = single_context(one(report))
    assert [gap["rule"] for gap in context["gaps"]] == rules
    assert all(gap["status"] in ("weak", "missing") for gap in context["gaps"])
    others = [r for r in report.results if not r.is_gap]
    assert [item["rule"] for item in context["others"]] == [r.rule for r in others]
    expected = {STATUS_LABEL[s]: n for s in (Status.PASS, Status.NOT_APPLICABLE)
                if (n := sum(1 for r in others if r.status is s))}
    assert context["other_counts"] == expected


def test_the_page_shows_verdict_header_and_blocks():
    report = township()
    page = get_reporter("html").render(one(report))
    summary = report.summary()
    assert f"法定内容 1/4 符合；缺失 {summary['missing']} 项，薄弱 {summary['weak']} 项" in page
    assert f"得分 {summary['score']}/100" in page
    for fact in (report.title, report.issuer, "党委和政府", "2023", report.date, report.ruleset, escape(report.path)):
        assert fact in page
    assert page.count('<article class="gap ') == 5
    # Passes and 不适用 are in a folded list, after the gaps.
    assert page.index('<article class="gap ') < page.index('<details class="others"')
    assert "其余 3 项（符合 2 项，不适用 1 项）" in page
    for rule in ("content.measures", "indicator.three-systems", "form.signature-date"):
        assert page.index(rule) > page.index('<details class="others"')


# One gap block: each field and where it comes from.
BLOCKS = [
    # (name, the result's changes, field, expected value)
    ("one quote only", {}, "evidence", [{"where": "第31行", "text": township().results[4].evidence[0].text}]),
    ("where to write", {"placement": PLACEMENT}, "placement", "在“一、主要举措和成效”部分之后补写"),
    ("no placement", {}, "placement", ""),
    ("new against the baseline", {"baseline": "new"}, "baseline", BASELINE_LABEL["new"]),
    ("unchanged against the baseline", {"baseline": "unchanged"}, "baseline", BASELINE_LABEL["unchanged"]),
    ("status in Chinese", {}, "status_label", STATUS_LABEL[Status.WEAK]),
    ("severity in Chinese", {}, "severity", SEVERITY_LABEL[township().results[4].severity]),
    ("basis", {}, "basis", "《法治政府建设与责任落实督察工作规定》第二十五条"),
    ("rule id", {}, "rule", "indicator.court-appearance"),
]


@pytest.mark.parametrize("name, changes, field, expected", BLOCKS, ids=[b[0] for b in BLOCKS])
def test_gap_block(name, changes, field, expected):
    report = _with(township(), "indicator.court-appearance", **changes)
    block = next(g for g in single_context(one(report))["gaps"] if g["rule"] == "indicator.court-appearance")
    assert block[field] == expected


def test_excepted_gap_is_shown_as_explained_with_its_reason_not_as_a_gap():
    waiver = Waiver("本单位无行政复议职能", ".fzcheck.yaml")
    report = _with(township(), "content.first-responsible", exception=waiver)
    context = single_context(one(report))
    assert "content.first-responsible" not in [g["rule"] for g in context["gaps"]]
    [item] = context["excepted"]
    assert item["status_label"] == EXCEPTED_LABEL
    assert "本单位无行政复议职能" in item["note"] and ".fzcheck.yaml" in item["note"]
    page = get_reporter("html").render(one(report))
    assert f"{EXCEPTED_LABEL}的 1 项" in page and "本单位无行政复议职能" in page


def test_supervisory_facts_copying_followup_and_fixed():
    from checker.results import Fixed

    similar = Similar("shortcomings", "上年/城东镇2022.txt", 0.87, "previous", "城东镇人民政府",
                      ("执法队伍专业化水平有待提高。", "法治宣传形式单一。", "第三句不显示。"))
    report = dataclasses.replace(township(), similar=(similar,), metrics={"concreteness": 0.2, "followup": 0.5},
                                 fixed=(Fixed("form.signature-date", "落款单位和日期", "abc"),))
    context = single_context(one(report))
    assert context["similar"] == [{"source": SOURCE_LABEL["previous"], "part": PART_LABEL["shortcomings"],
                                   "other": "城东镇人民政府", "path": "上年/城东镇2022.txt", "percent": 87,
                                   "quotes": ["执法队伍专业化水平有待提高。", "法治宣传形式单一。"]}]
    assert "具体程度 20%" in context["figures"] and "上年安排落实 50%" in context["figures"]
    assert context["fixed"] == ["落款单位和日期"]
    page = get_reporter("html").render(one(report))
    for text in ("雷同与照搬", "87%", "执法队伍专业化水平有待提高。", "具体程度 20%", "与基线相比已改正 1 项：落款单位和日期"):
        assert text in page


def test_single_page_escapes_markup_and_loads_nothing():
    page = get_reporter("html").render(one(township()))
    assert "<script" not in page.lower() and "&lt;script&gt;alert(" in page
    assert not re.search(r"<link\b|@import|url\(|<iframe|<img\b", page, re.I)
