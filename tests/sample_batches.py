"""Batches built straight from the result dataclasses, for the reporter and overview tests."""
from __future__ import annotations

from checker.results import Batch, Evidence, FileError, Report, Result, Severity, Status

# Text as hacked government pages carry it: markup and spreadsheet formulas that must stay inert.
SCRIPT = '<script>alert("澳门新葡京")</script>'
FORMULA = '=HYPERLINK("http://spam.example/澳门","点击领取")'

RULES = {
    "content.measures": ("上一年度推进法治政府建设的主要举措和成效", Severity.ERROR),
    "content.shortcomings": ("存在的不足", Severity.ERROR),
    "content.shortcomings-causes": ("不足的原因分析", Severity.ERROR),
    "content.first-responsible": ("党政主要负责人履行推进法治建设第一责任人职责情况", Severity.ERROR),
    "indicator.court-appearance": ("行政机关负责人出庭应诉", Severity.WARNING),
    "indicator.three-systems": ("行政执法三项制度", Severity.WARNING),
    "form.numbering": ("标题序号连续", Severity.INFO),
    "form.signature-date": ("落款单位和日期", Severity.INFO),
}


def result(rule: str, status: Status, *evidence: Evidence, message: str = "") -> Result:
    """A result of one of the sample rules, with Chinese text throughout."""
    title, severity = RULES[rule]
    return Result(
        rule=rule, title=title, status=status, severity=severity,
        message=message or f"{title}：{status.value}",
        suggestion=f"请补充{title}的具体内容和数据",
        basis="《法治政府建设与责任落实督察工作规定》第二十五条",
        evidence=evidence,
    )


def report(path: str, issuer: str, kind: str, year: int | None, results: list[Result], *,
           ruleset: str | None = None, title: str | None = None) -> Report:
    return Report(
        path=path, title=title or f"{issuer}关于{year}年度法治政府建设情况的报告", issuer=issuer, kind=kind,
        report_year=year, date=f"{(year or 2023) + 1}-03-01", ruleset=ruleset or kind, results=tuple(results),
    )


def township() -> Report:
    """Every status and severity; evidence with markup, a formula and other formula starters."""
    return report("报告/城东镇 2023年度#1.txt", "城东镇人民政府", "government", 2023, [
        result("content.measures", Status.PASS, Evidence(3, "全年开展执法检查42次。")),
        result("content.shortcomings", Status.WEAK, Evidence(20, f"存在不足。{SCRIPT}", "第2页"),
               message="“存在的不足”只有一句，未展开"),
        result("content.shortcomings-causes", Status.MISSING, message="未分析不足的原因"),
        result("content.first-responsible", Status.MISSING),
        result("indicator.court-appearance", Status.WEAK, Evidence(31, FORMULA),
               Evidence(32, "+86 出庭率95%"), message="出庭应诉率为95%，低于100%，且未说明原因"),
        result("indicator.three-systems", Status.NOT_APPLICABLE, message="本报告不涉及行政执法"),
        result("form.numbering", Status.WEAK, Evidence(40, "-（四）重复"), Evidence(41, "@（四）再次出现")),
        result("form.signature-date", Status.PASS, Evidence(60, "城东镇人民政府 2024年3月1日")),
    ])


def department() -> Report:
    """A department report with one weak indicator, a different rule set, and a title that is a formula."""
    # Title inference took the first line of a hacked page.
    return report("/data/部门/司法局.txt", "大连金普新区司法局", "department", 2023, title=FORMULA, results=[
        result("content.measures", Status.PASS, Evidence(2, "制定规范性文件3件。")),
        result("content.shortcomings", Status.PASS, Evidence(15, "二、存在的不足")),
        result("content.first-responsible", Status.PASS, Evidence(9, "主要负责人带头学法4次。")),
        result("indicator.court-appearance", Status.WEAK, Evidence(12, "负责人出庭应诉5次。")),
        result("form.signature-date", Status.PASS, Evidence(30, "2024年1月31日")),
    ])


def clean_government() -> Report:
    """Nothing to add: passes and one not-applicable rule."""
    return report("调兵山市.txt", "调兵山市人民政府", "government", 2022, [
        result("content.measures", Status.PASS, Evidence(4, "完成立法项目2件。")),
        result("content.shortcomings", Status.PASS, Evidence(30, "三、存在的不足")),
        result("content.shortcomings-causes", Status.PASS, Evidence(33, "原因在于……")),
        result("content.first-responsible", Status.PASS, Evidence(22, "市长亲自部署")),
        result("indicator.court-appearance", Status.NOT_APPLICABLE, message="本年度无行政诉讼案件"),
        result("form.signature-date", Status.PASS, Evidence(50, "2023年2月20日")),
    ])


UNREADABLE = FileError("坏文件/损坏的报告.doc", "文件已损坏，无法打开（不是有效的 Word 文档）")


def sample_batch() -> Batch:
    """Three reports (all statuses and severities) and one unreadable file."""
    return Batch(reports=(township(), department(), clean_government()), errors=(UNREADABLE,), version="0.1.0")


def counts(batch: Batch) -> dict[str, int]:
    """Status counts over the whole batch, straight from the model."""
    found = {status.value: 0 for status in Status}
    for item in batch.reports:
        for res in item.results:
            found[res.status.value] += 1
    return found
