"""Inferring title, issuer, kind, report year and date."""
from __future__ import annotations

import datetime

import pytest

from checker.facts import parse_date, years_in
from helpers import make_document

CASES = {
    "title_names_year_and_government": (
        "某市人民政府关于2023年法治政府建设情况的报告\n2023年，全市上下……\n一、主要举措\n",
        {"title": "某市人民政府关于2023年法治政府建设情况的报告", "issuer": "某市人民政府", "kind": "government", "report_year": 2023}),
    "department_title": (
        "某县司法局2022年度法治政府建设情况报告\n一、主要举措\n",
        {"issuer": "某县司法局", "kind": "department", "report_year": 2022}),
    "no_title_opening_sentence": (
        "2022年，某区坚持以习近平新时代中国特色社会主义思想为指导。\n一、主要举措\n某区人民政府\n2023年2月28日\n",
        {"title": "", "issuer": "某区人民政府", "kind": "government", "report_year": 2022, "date": datetime.date(2023, 2, 28)}),
    "report_intro_names_office": (
        "根据有关规定，现将市政府办公室2022年度法治政府建设情况报告如下：\n一、工作推进情况\n",
        {"issuer": "市政府办公室", "kind": "department", "report_year": 2022}),
    "opening_subject_is_a_bureau": (
        "2023年，新区司法局在党工委的领导下，扎实推进各项工作。\n一、主要举措\n",
        {"issuer": "新区司法局", "kind": "department", "report_year": 2023}),
    "party_committee_signature": (
        "关于2023年度法治政府建设工作报告\n一、成效\n中共某区委员会\n2024年1月31日\n",
        {"issuer": "中共某区委员会", "kind": "government", "report_year": 2023}),
    "township": (
        "某镇2023年度法治政府建设情况报告\n一、举措\n",
        {"issuer": "某镇", "kind": "government"}),
    "year_from_date_only": (
        "一、主要举措\n全县工作取得进展。\n某县人民政府\n2024年3月1日\n",
        {"report_year": 2023}),
    "chinese_year_in_title": (
        "某县人民政府二〇二三年度法治政府建设情况报告\n一、举措\n",
        {"report_year": 2023, "kind": "government"}),
    "subdistrict_office_is_government": (
        "某街道办事处2023年度法治政府建设情况报告\n一、举措\n", {"kind": "government"}),
    "government_general_office_is_a_department": (
        "某市人民政府办公室2023年度法治政府建设情况报告\n一、举措\n", {"kind": "department"}),
    "development_zone_committee_is_government": (
        "某经济开发区管委会2023年度法治政府建设情况报告\n一、举措\n", {"kind": "government"}),
    "title_opening_with_guanyu": (
        "关于某镇2023年度法治政府建设情况的报告\n一、举措\n", {"issuer": "某镇", "kind": "government"}),
    "commission_department": (
        "某市发展和改革委员会2023年法治政府建设年度报告\n一、举措\n",
        {"kind": "department"}),
}


@pytest.mark.parametrize("text, expected", CASES.values(), ids=CASES.keys())
def test_facts(text, expected):
    doc = make_document(text)
    for key, value in expected.items():
        assert getattr(doc, key) == value, key


def test_overrides_win():
    doc = make_document("某县司法局2022年度法治政府建设情况报告\n", report_year=2030, kind="government")
    assert (doc.report_year, doc.kind) == (2030, "government")


@pytest.mark.parametrize("text, expected", [
    ("2024年1月31日", datetime.date(2024, 1, 31)),
    ("二〇二四年一月三十一日", datetime.date(2024, 1, 31)),
    ("2024-03-13", datetime.date(2024, 3, 13)),
    ("2024年2月30日", None),
    ("全年工作", None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_years_in():
    assert years_in("2023年成效，二〇二四年安排，1998年以前") == [2023, 2024]
