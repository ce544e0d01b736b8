"""Report structures seen across provinces and levels: the core parts are found wherever they stand."""
from __future__ import annotations

import pytest

from checker.engine import evaluate
from checker.ruleset import load_ruleset
from helpers import make_document

FILLER = "全年办理行政许可事项1200件，办结率100%，群众满意度98%。" * 12
MORE = "围绕群众反映强烈的突出问题，逐项明确责任单位和完成时限，确保各项任务落地见效。"

CASES = {
    "problems_and_plan_share_one_part": (
        f"""某县司法局关于2023年度法治政府建设情况的报告
一、2023年主要举措和成效
{FILLER}
二、存在的问题及下一步打算
（一）存在的问题。执法人员专业能力不足，办案质量不高，群众对部分执法行为满意度不高，有待进一步提升。{MORE}
（二）2024年工作打算。深化执法规范化建设，完善裁量基准，年内开展执法培训4次，评查案卷100卷，推动执法质量持续提升。{MORE}{MORE}
""",
        {"content.shortcomings": "pass", "content.next-year-plan": "pass", "year.plan-is-next-year": "pass"}),
    "first_responsible_as_a_subsection": (
        f"""某区人民政府关于2023年法治政府建设情况的报告
一、主要举措和成效
（一）党政主要负责人履行推进法治建设第一责任人职责情况
区政府主要负责人对法治建设重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要任务亲自督办，全年主持召开区政府常务会议专题研究法治政府建设工作4次，听取工作汇报2次，带头开展会前学法12次，将法治政府建设纳入年度工作计划，年终述职时专门述法。{MORE}
（二）依法行政。{FILLER}
""",
        {"content.first-responsible": "pass"}),
    "parts_numbered_as_chapters": (
        f"""某市人民政府2023年度法治政府建设年度报告
第一部分 主要举措和成效
{FILLER}
第二部分 存在的不足和原因
部分执法人员能力不足，究其原因，主要是培训不够系统，新进人员占比达到三成以上。
第三部分 2024年主要安排
2024年，全面推进严格规范公正文明执法，完成行政裁量权基准修订，开展执法案卷评查2次，推进示范创建。
""",
        {"content.measures": "pass", "content.shortcomings-causes": "pass", "year.plan-is-next-year": "pass",
         "form.numbering": "pass"}),
    "measures_split_into_topic_parts": (
        f"""某县人民政府关于2023年法治政府建设情况的报告
一、依法全面履行政府职能
{FILLER}
二、健全依法行政制度体系
{FILLER}
三、存在的不足
部分乡镇执法力量薄弱，持证执法人员数量不足，执法规范化水平有待提高，群众反映的问题未能及时处理。{MORE}
四、2024年工作安排
2024年，全县将重点推进行政执法协调监督体系建设，完成乡镇执法人员轮训，提升执法规范化水平。{MORE}{MORE}
""",
        {"content.measures": "pass", "content.shortcomings": "pass", "content.next-year-plan": "pass"}),
    "plan_for_the_wrong_year_in_chinese_numerals": (
        f"""某街道办事处2023年度法治政府建设情况报告
一、主要举措和成效
{FILLER}
二、二〇二三年工作计划
继续推进依法行政，加强普法宣传，开展法治宣传活动12场，进一步提升辖区居民法治意识和依法办事能力。
""",
        {"year.plan-is-next-year": "missing"}),
    # Pasted from a web page: no title, an addressee line, parts under headings, but the shortcomings and
    # the plan only in the closing paragraph. Read as a department (3 月 1 日 deadline), year from the opening.
    "department_without_title_closing_paragraph": (
        f"""中共岚山县委、岚山县人民政府：
现将我局2023年度法治政府建设工作情况报告如下：
一、主要举措和成效
{FILLER}
二、党政主要负责人履行推进法治建设第一责任人职责情况
局主要负责人亲自部署法治建设重点任务，全年主持局党组会议专题研究法治工作4次，听取工作汇报2次，带头会前学法12次，将法治建设纳入年度工作计划，年终述职时专门述法。{MORE}
一年来，我局法治建设取得一定成效，但仍存在执法人员专业化程度不高、案卷制作不够规范、普法形式较为单一等问题。下一步，我局将持续深化执法规范化建设，开展执法培训4次。
岚山县农业农村局
2024年3月15日
""",
        {"content.shortcomings": "weak", "content.next-year-plan": "weak", "year.plan-is-next-year": "weak",
         "timing.report-deadline": "weak", "content.first-responsible": "pass"}),
}


@pytest.mark.parametrize("text, expected", CASES.values(), ids=CASES.keys())
def test_core_parts_are_found(text, expected):
    doc = make_document(text)
    report = evaluate(doc, load_ruleset(doc.kind))
    got = {r.rule: r.status.value for r in report.results}
    assert {rule: got[rule] for rule in expected} == expected, [r.message for r in report.results if r.rule in expected]
