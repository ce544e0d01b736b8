"""The audit overview: ranking, worst gaps, common gaps, matrix and totals, from hand-built batches."""
from __future__ import annotations

import pytest

from checker.labels import kind_label
from checker.overview import TOP_GAPS, build_overview
from checker.results import Batch, Severity, Status
from sample_batches import UNREADABLE, clean_government, department, report, result, sample_batch, township


@pytest.fixture(scope="module")
def overview():
    return build_overview(sample_batch())


def test_rows_rank_the_worst_report_first(overview):
    assert [row.issuer for row in overview.rows] == ["城东镇人民政府", "大连金普新区司法局", "调兵山市人民政府"]
    assert [row.score for row in overview.rows] == sorted(row.score for row in overview.rows)


@pytest.mark.parametrize("issuer, missing, weak, index", [
    ("城东镇人民政府", 2, 3, 0),
    ("大连金普新区司法局", 0, 1, 1),
    ("调兵山市人民政府", 0, 0, 2),
])
def test_row_counts_and_batch_index(overview, issuer, missing, weak, index):
    row = next(row for row in overview.rows if row.issuer == issuer)
    assert (row.missing, row.weak, row.index) == (missing, weak, index)


def test_top_gaps_come_severity_first_then_missing_before_weak(overview):
    row = overview.rows[0]
    assert len(row.top_gaps) == TOP_GAPS
    assert [(g.rule, g.status) for g in row.top_gaps] == [
        ("content.shortcomings-causes", Status.MISSING),
        ("content.first-responsible", Status.MISSING),
        ("content.shortcomings", Status.WEAK),
    ]
    assert row.gap_summary() == "缺失·不足的原因分析；缺失·党政主要负责人履行推进法治建设第一责任人职责情况；薄弱·存在的不足"


def test_a_report_without_gaps_has_an_empty_summary(overview):
    assert overview.rows[-1].top_gaps == () and overview.rows[-1].gap_summary() == ""


@pytest.mark.parametrize("rule, missing, weak, applicable, share", [
    ("indicator.court-appearance", 0, 2, 2, 1.0),  # n/a in the clean report: not counted as applicable
    ("content.shortcomings-causes", 1, 0, 2, 0.5),  # the department rule set has no such rule
    ("content.first-responsible", 1, 0, 3, 1 / 3),
    ("content.shortcomings", 0, 1, 3, 1 / 3),
    ("form.numbering", 0, 1, 1, 1.0),
])
def test_common_gap_counts(overview, rule, missing, weak, applicable, share):
    gap = next(gap for gap in overview.common if gap.rule == rule)
    assert (gap.missing, gap.weak, gap.applicable) == (missing, weak, applicable)
    assert gap.share == pytest.approx(share)


def test_common_gaps_rank_by_frequency_and_leave_out_rules_nobody_misses(overview):
    assert [gap.rule for gap in overview.common] == [
        "indicator.court-appearance", "content.shortcomings-causes", "content.first-responsible",
        "content.shortcomings", "form.numbering",
    ]
    assert "content.measures" not in {gap.rule for gap in overview.common}


def test_columns_are_every_rule_in_order_of_first_appearance(overview):
    assert [c.rule for c in overview.columns] == [
        "content.measures", "content.shortcomings", "content.shortcomings-causes", "content.first-responsible",
        "indicator.court-appearance", "indicator.three-systems", "form.numbering", "form.signature-date",
    ]


@pytest.mark.parametrize("report_index, rule, status", [
    (0, "content.shortcomings-causes", Status.MISSING),
    (0, "indicator.three-systems", Status.NOT_APPLICABLE),
    (1, "indicator.court-appearance", Status.WEAK),
    (1, "content.shortcomings-causes", None),  # not in the department rule set
    (2, "content.measures", Status.PASS),
])
def test_matrix_cells(overview, report_index, rule, status):
    column = [c.rule for c in overview.columns].index(rule)
    assert overview.status_at(report_index, column) is status


def test_totals(overview):
    assert overview.totals == {
        "pass": 11, "weak": 4, "missing": 2, "not_applicable": 2, "reports": 3, "errors": 1, "not_a_report": 0,
        "reports_with_gaps": 2, "average_score": 72,
    }


def test_ranking_does_not_depend_on_input_order():
    forward = build_overview(Batch(reports=(township(), department(), clean_government())))
    backward = build_overview(Batch(reports=(clean_government(), department(), township())))
    assert [r.path for r in forward.rows] == [r.path for r in backward.rows]
    assert [g.rule for g in forward.common] == [g.rule for g in backward.common]


def test_equal_scores_are_ordered_by_path():
    same = [result("content.measures", Status.PASS)]
    batch = Batch(reports=(report("乙.txt", "乙镇", "government", 2023, same),
                           report("甲.txt", "甲镇", "government", 2023, same)))
    assert [row.path for row in build_overview(batch).rows] == sorted(["乙.txt", "甲.txt"])


def test_empty_batch_and_errors_only():
    overview = build_overview(Batch(errors=(UNREADABLE,)))
    assert (overview.rows, overview.common, overview.columns, overview.matrix) == ((), (), (), ())
    assert overview.totals["errors"] == 1 and overview.totals["average_score"] == 0


def test_ties_in_common_gaps_prefer_missing_then_severity_then_rule_order():
    batch = Batch(reports=(report("a.txt", "甲镇", "government", 2023, [
        result("form.numbering", Status.MISSING),
        result("content.measures", Status.WEAK),
        result("content.shortcomings", Status.MISSING),
    ]),))
    common = build_overview(batch).common
    assert [g.rule for g in common] == ["content.shortcomings", "form.numbering", "content.measures"]
    assert common[0].severity is Severity.ERROR


@pytest.mark.parametrize("kind, label", [("government", "党委和政府"), ("department", "政府部门"), ("party", "party")])
def test_kind_label(kind, label):
    assert kind_label(kind) == label


def test_row_name_falls_back_to_title_then_path():
    nameless = report("无名.txt", "", "government", None, [])
    row = build_overview(Batch(reports=(nameless,))).rows[0]
    assert row.name == nameless.title
    assert row.report_year is None
