"""The score and the overview ranking: statutory contents dominate, a statutory gap caps the score at 59."""
from __future__ import annotations

from dataclasses import replace

import pytest

from checker.labels import RANK_LABEL
from checker.overview import build_overview
from checker.reporters.table_rows import OVERVIEW_HEADER
from checker.results import Batch, Status, Waiver
from sample_batches import report, result

# Columns of a case: the four statutory (error) rules, then two indicators (warning), then two format rules (info).
RULES = ("content.measures", "content.shortcomings", "content.shortcomings-causes", "content.first-responsible",
         "indicator.court-appearance", "indicator.three-systems", "form.numbering", "form.signature-date")
CODE = {"P": Status.PASS, "W": Status.WEAK, "M": Status.MISSING, "N": Status.NOT_APPLICABLE}


def make(statuses: str, name: str = "单位") -> object:
    """A report from one status code per rule, e.g. "PPPP MMMM": statutory all met, everything else missing."""
    codes = statuses.replace(" ", "")
    assert len(codes) == len(RULES)
    return report(f"{name}.txt", name, "government", 2023, [result(r, CODE[c]) for r, c in zip(RULES, codes)])


@pytest.mark.parametrize("statuses, score", [
    ("PPPP PPPP", 100),
    ("PPPP MMMM", 60),   # statutory met, every other rule missing: the floor of a compliant report
    ("PPPP WWWW", 80),   # weak earns half: 60 + 40 / 2
    ("PPPP MMPP", 73),   # indicators weigh 2, format 1: 60 + 40 * 2/6
    ("PPPP PPMM", 87),   # 60 + 40 * 4/6
    ("MPPP PPPP", 50),   # one statutory part missing: (45 + 40) * 0.59
    ("WPPP PPPP", 55),   # one statutory part weak is a gap too: (52.5 + 40) * 0.59
    ("MMMM PPPP", 24),   # 40 * 0.59
    ("MMMM MMMM", 0),
    ("PPPN PPPP", 100),  # not applicable is left out, not counted as a gap
    ("PPPN MMMM", 60),
    ("NNNN PPMM", 67),   # no statutory rule applies: the other rules alone, 100 * 4/6
    ("NNNN NNNN", 100),  # nothing to score
])
def test_score(statuses, score):
    assert make(statuses).score == score


@pytest.mark.parametrize("compliant, deficient", [
    ("PPPP MMMM", "MPPP PPPP"),  # all statutory, no indicator > one statutory missing, everything else perfect
    ("PPPP MMMM", "WPPP PPPP"),  # ... > one statutory part merely weak
    ("PPPP WWMM", "PPPW PPPP"),
    ("PPPN MMMM", "PPPM PPPN"),
])
def test_statutory_contents_dominate_the_score_and_the_ranking(compliant, deficient):
    good, bad = make(compliant, "甲单位"), make(deficient, "乙单位")
    assert good.score >= 60 > 59 >= bad.score
    rows = build_overview(Batch(reports=(good, bad), errors=(), version="0")).rows
    assert [row.issuer for row in rows] == ["乙单位", "甲单位"]  # worst first: position 1 is the lowest score


@pytest.mark.parametrize("statuses", ["MPPP PPPP", "WWWW PPPP", "PPPW PPPP", "WPPP PPPP", "PPPM PPPN"])
def test_any_statutory_gap_caps_the_score_at_59(statuses):
    assert make(statuses).score <= 59


def test_an_explained_statutory_gap_neither_caps_nor_costs():
    base = make("MPPP PPPP")
    waived = tuple(r if r.rule != "content.measures" else _waive(r) for r in base.results)
    assert replace(base, results=waived).score == 100


def test_rank_column_says_position_1_is_the_lowest_score():
    assert OVERVIEW_HEADER[0] == RANK_LABEL and "低分在前" in RANK_LABEL
    batch = Batch(reports=tuple(make(s, f"单位{i}") for i, s in enumerate(["PPPP PPPP", "MMPP PPPP", "PPPP MMMM"])),
                  errors=(), version="0")
    rows = build_overview(batch).rows
    assert [row.score for row in rows] == sorted(row.score for row in rows)
    assert [row.issuer for row in rows] == ["单位1", "单位2", "单位0"]


def _waive(found):
    return replace(found, exception=Waiver(reason="本年度无此项工作，已在报告中说明", source=".fzcheck.yaml"))
