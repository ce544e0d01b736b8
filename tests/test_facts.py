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


# Reports without a title (pasted from a web page, a title in a text box, a report that starts with its
# first paragraph): the kind and the year come from the rest of the text, each with its reason.
UNTITLED = {
    "county_bureau_self_refers_in_the_body": (
        "2023年，我局坚持以习近平法治思想为指导，局党组专题研究法治工作3次。\n一、主要举措\n本局全年办理许可120件。\n",
        {"kind": "department", "report_year": 2023}, ("我局", "开头写明2023年")),
    "addressee_line_then_bureau_intro": (
        "中共青崖县委、青崖县人民政府：\n现将我局2022年度法治政府建设情况报告如下：\n一、主要举措\n",
        {"kind": "department", "report_year": 2022}, ("我局", "现将")),
    "addressee_line_alone": (
        "中共青崖县委、青崖县人民政府：\n根据有关要求，现将有关情况报告如下：\n一、主要举措\n全年开展执法检查12次。\n"
        "二、存在的不足\n执法力量不足。\n青崖县\n2024年2月1日\n",
        {"kind": "government", "report_year": 2023}, ("落款单位“青崖县”", "落款日期2024年2月1日的上一年")),
    "addressee_line_without_any_name": (
        "中共青崖县委、青崖县人民政府：\n根据有关要求，现将有关情况报告如下：\n一、主要举措\n全年开展执法检查12次。\n",
        {"kind": "department", "report_year": None}, ("抬头", "--year")),
    "city_transport_bureau_in_the_opening": (
        "2024年，桐江市交通运输局紧扣交通强市目标，推进依法行政。\n一、主要举措\n",
        {"kind": "department", "issuer": "桐江市交通运输局", "report_year": 2024}, ("桐江市交通运输局", "2024")),
    "county_government_office_signs": (
        "一、主要举措\n全年审核规范性文件8件。\n青崖县人民政府办公室\n2023年3月2日\n",
        {"kind": "department", "report_year": 2022}, ("政府部门", "落款日期2023年3月2日的上一年")),
    "ministry_in_the_opening": (
        "2022年，水利部深入推进依法治水管水，修订部门规章3件。\n一、主要举措\n",
        {"kind": "department", "issuer": "水利部"}, ("水利部", "开头写明2022年")),
    "department_party_committee_signs": (
        "一、主要举措\n全年开展执法检查12次。\n中共青崖县应急管理局委员会\n2024年1月20日\n",
        {"kind": "department", "report_year": 2023}, ("党组织", "2024年1月20日")),
    "department_party_group_signs": (
        "一、主要举措\n全年开展执法检查12次。\n青崖县自然资源局党组\n2024年1月20日\n",
        {"kind": "department"}, ("党组织",)),
    "township_self_refers": (
        "2023年，我镇坚持依法行政，镇党委专题研究法治建设4次。本镇全年调处纠纷86起。\n一、主要举措\n",
        {"kind": "government", "report_year": 2023}, ("我镇", "2023")),
    # Choice: a zone body that governs towns reports as local government, even when it calls itself 我局.
    "zone_bureau_governing_towns_is_government": (
        "2023年，青山片区管理局统筹辖区4个镇推进法治建设，我局全年审核合同46件。\n一、主要举措\n",
        {"kind": "government", "issuer": "青山片区管理局"}, ("片区", "2023")),
    "development_zone_committee_signs": (
        "一、主要举措\n全年开展执法检查12次。\n青崖高新区管委会\n2024年1月20日\n",
        {"kind": "government"}, ("园区",)),
    "city_management_commission_is_a_department": (
        "一、主要举措\n全年开展执法检查12次。\n桐江市城市管理委员会\n2024年1月20日\n",
        {"kind": "department"}, ("政府部门",)),
    "plan_year_range_in_a_quoted_title_is_not_the_report_year": (
        "根据《某省法治政府建设实施方案（2021—2025年）》要求，现将本局工作报告如下：\n一、主要举措\n"
        "青崖县林业局\n2023年2月10日\n",
        {"report_year": 2022}, ("林业局", "落款日期2023年2月10日")),
    "nothing_supports_a_year": (
        "一、主要举措\n全县开展执法检查12次。\n二、存在的不足\n执法力量不足。\n",
        {"report_year": None, "kind": "government"}, ("按党委和政府报告检查", "请用 --year 指定")),
}


@pytest.mark.parametrize("text, expected, reasons", UNTITLED.values(), ids=UNTITLED.keys())
def test_untitled_kind_and_year_with_reasons(text, expected, reasons):
    doc = make_document(text)
    for key, value in expected.items():
        assert getattr(doc, key) == value, (key, doc.kind_reason, doc.year_reason)
    kind_words, *year_words = reasons
    assert kind_words in doc.kind_reason
    for words in year_words:
        assert words in doc.year_reason


def test_overrides_are_the_reason():
    doc = make_document("一、主要举措\n", report_year=2023, kind="department")
    assert (doc.kind_reason, doc.year_reason) == ("命令行 --kind 指定", "命令行 --year 指定")


def test_unknown_year_makes_year_rules_not_applicable_with_a_hint():
    from checker.engine import evaluate
    from checker.ruleset import load_ruleset

    doc = make_document("一、主要举措\n全县开展执法检查12次。\n二、下一步工作安排\n继续推进依法行政。\n青崖县人民政府\n")
    report = evaluate(doc, load_ruleset(doc.kind))
    assert report.report_year is None
    for rule in ("year.plan-is-next-year", "timing.report-deadline"):
        result = next(r for r in report.results if r.rule == rule)
        assert result.status.value == "not_applicable" and "--year" in result.message, rule
    assert "--year" in report.year_reason and report.as_dict()["year_reason"] == report.year_reason


@pytest.mark.parametrize("text, kind", [
    # A city bureau names its city as 我市 more often than itself as 我局: still a department.
    ("今年以来，我市交通运输系统深入推进依法行政。我市公路里程增长，我市客运量回升，我市港口吞吐量创新高。"
     "我局全年审核合同31件，我局法律顾问列席会议9次。\n", "department"),
    # A county report that names a bureau's party group once is not a department's.
    ("今年以来，我县深入推进依法行政。我县审核规范性文件8件，我县行政复议案件43件。县司法局局党组专题研究1次。\n",
     "government"),
])
def test_self_references_weigh_first_person(text, kind):
    assert make_document(text).kind == kind


def test_year_range_in_the_title_is_not_the_report_year():
    doc = make_document("某县落实法治政府建设实施纲要（2021—2025年）2023年度情况报告\n一、举措\n")
    assert doc.report_year == 2023 and doc.year_reason == "标题写明2023年"
