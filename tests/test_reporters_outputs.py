"""sarif, junit, html, csv, xlsx and the terminal overview, rendered from hand-built batches and read back."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from markupsafe import escape

from checker.labels import RANK_LABEL
from checker.reporters import REPORTERS, get_reporter
from checker.reporters import csv_report, junit_report, sarif_report
from checker.reporters.table_rows import RESULT_HEADER
from checker.overview import build_overview
from checker.results import Batch, Evidence, Status
from sample_batches import FORMULA, SCRIPT, UNREADABLE, counts, department, report, result, sample_batch

SHARED = Path(os.environ.get("FZCHECK_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"
FORMATS = ["sarif", "junit", "html", "csv", "xlsx"]
EMPTY = Batch(version="0.1.0")
CLEAN = Batch(reports=(department(),), version="0.1.0")


@pytest.fixture(scope="module")
def batch() -> Batch:
    return sample_batch()


def rendered(name: str, batch: Batch) -> str | bytes:
    return get_reporter(name).render(batch)


# ---------------------------------------------------------------- every format

@pytest.mark.parametrize("name", FORMATS)
@pytest.mark.parametrize("which", ["sample", "empty", "clean"])
def test_output_type_follows_media_and_is_deterministic(name, which):
    batch = {"sample": sample_batch(), "empty": EMPTY, "clean": CLEAN}[which]
    module = get_reporter(name)
    first = module.render(batch, color=True, width=80)
    assert isinstance(first, bytes if module.MEDIA == "binary" else str)
    assert first and first == module.render(batch)


def test_registry_import_loads_no_heavy_library():
    code = ("import sys, checker.reporters, checker.reporters.xlsx_report, checker.reporters.html_report, "
            "checker.reporters.terminal_overview, checker.reporters.csv_report; "
            "print(sorted(m for m in ('xlsxwriter', 'jinja2', 'rich') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.strip() == "[]"


def test_registry_names_the_modules_of_this_suite():
    for name in FORMATS:
        assert REPORTERS[name] == f"checker.reporters.{name}_report"


# ---------------------------------------------------------------- SARIF

@pytest.fixture(scope="module")
def sarif(batch):
    return json.loads(sarif_report.render(batch))


@pytest.mark.skipif(not SARIF_SCHEMA.is_file(), reason="shared/schemas absent")
@pytest.mark.parametrize("which", ["sample", "empty", "clean"])
def test_sarif_is_valid_against_the_official_schema(which):
    import jsonschema

    batch = {"sample": sample_batch(), "empty": EMPTY, "clean": CLEAN}[which]
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert "draft-07" in schema["$schema"]
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    log = json.loads(sarif_report.render(batch))
    assert [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)] == []


def test_sarif_has_one_result_per_gap_and_one_rule_per_id(batch, sarif):
    run = sarif["runs"][0]
    found = counts(batch)
    assert len(run["results"]) == found["weak"] + found["missing"]
    ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert len(ids) == len(set(ids)) == 8
    for item in run["results"]:
        assert ids[item["ruleIndex"]] == item["ruleId"]
        assert item["properties"]["status"] in ("weak", "missing")


@pytest.mark.parametrize("rule, level, name", [
    ("content.first-responsible", "error", "ContentFirstResponsible"),
    ("indicator.court-appearance", "warning", "IndicatorCourtAppearance"),
    ("form.numbering", "note", "FormNumbering"),
])
def test_sarif_rule_descriptor(sarif, rule, level, name):
    descriptor = next(r for r in sarif["runs"][0]["tool"]["driver"]["rules"] if r["id"] == rule)
    assert descriptor["name"] == name
    assert descriptor["defaultConfiguration"]["level"] == level
    assert descriptor["shortDescription"]["text"] and descriptor["help"]["text"].startswith("请补充")
    assert descriptor["fullDescription"]["text"].startswith("《")


@pytest.mark.parametrize("rule, status, line, snippet", [
    ("content.shortcomings", "weak", 20, f"存在不足。{SCRIPT}"),
    ("content.shortcomings-causes", "missing", 1, None),  # no evidence: line 1, no snippet
    ("indicator.court-appearance", "weak", 31, FORMULA),
])
def test_sarif_result_location_and_message(sarif, rule, status, line, snippet):
    item = next(r for r in sarif["runs"][0]["results"]
                if r["ruleId"] == rule and r["properties"]["issuer"] == "城东镇人民政府")
    region = item["locations"][0]["physicalLocation"]["region"]
    assert item["properties"]["status"] == status
    assert region["startLine"] == line
    assert region.get("snippet", {}).get("text") == snippet
    assert "建议：请补充" in item["message"]["text"]


@pytest.mark.parametrize("path, uri", [
    ("报告/城东镇 2023年度#1.txt", "%E6%8A%A5%E5%91%8A/%E5%9F%8E%E4%B8%9C%E9%95%87%202023%E5%B9%B4%E5%BA%A6%231.txt"),
    ("reports/a.txt", "reports/a.txt"),
    ("/data/部门/司法局.txt", "file:///data/%E9%83%A8%E9%97%A8/%E5%8F%B8%E6%B3%95%E5%B1%80.txt"),
    ("C:\\报告\\a.docx", "file:///C:/%E6%8A%A5%E5%91%8A/a.docx"),
    ("sub\\b.txt", "sub/b.txt"),
])
def test_sarif_artifact_uri(path, uri):
    assert sarif_report.artifact_uri(path) == uri
    assert uri.isascii()


def test_sarif_fingerprints_are_stable_and_distinct(sarif):
    again = json.loads(sarif_report.render(sample_batch()))
    prints = [r["partialFingerprints"][sarif_report.FINGERPRINT_KEY] for r in sarif["runs"][0]["results"]]
    assert prints == [r["partialFingerprints"][sarif_report.FINGERPRINT_KEY] for r in again["runs"][0]["results"]]
    assert len(set(prints)) == len(prints)


@pytest.mark.parametrize("batch_name, successful, notified", [("sample", False, 1), ("clean", True, 0)])
def test_sarif_unreadable_files_become_notifications(batch_name, successful, notified):
    batch = sample_batch() if batch_name == "sample" else CLEAN
    invocation = json.loads(sarif_report.render(batch))["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is successful
    notes = invocation.get("toolExecutionNotifications", [])
    assert len(notes) == notified
    if notes:
        assert UNREADABLE.message in notes[0]["message"]["text"]
        assert notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].isascii()


def test_sarif_carries_version_and_no_timestamp(sarif):
    assert sarif["runs"][0]["tool"]["driver"]["version"] == "0.1.0"
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:", json.dumps(sarif))


@pytest.mark.parametrize("message, suggestion, text", [
    ("未分析原因", "补充原因", "未分析原因。建议：补充原因"),
    ("未分析原因。", "补充原因", "未分析原因。建议：补充原因"),
    ("未分析原因", "", "未分析原因"),
])
def test_sarif_message_text(message, suggestion, text):
    base = result("content.measures", Status.WEAK)
    assert sarif_report.message_text(base.__class__(**{**base.__dict__, "message": message,
                                                        "suggestion": suggestion})) == text


# ---------------------------------------------------------------- JUnit

@pytest.fixture(scope="module")
def junit(batch):
    return ET.fromstring(junit_report.render(batch).encode("utf-8"))


def test_junit_counts_match_the_batch(batch, junit):
    suites = junit.findall("testsuite")
    assert len(suites) == len(batch.reports) + len(batch.errors)
    found = counts(batch)
    assert len(junit.findall(".//failure")) == found["weak"] + found["missing"]
    assert len(junit.findall(".//skipped")) == found["not_applicable"]
    assert len(junit.findall(".//error")) == len(batch.errors)
    for suite, item in zip(suites, batch.reports):
        summary = item.summary()
        assert suite.get("name") == item.path
        assert int(suite.get("tests")) == len(suite.findall("testcase")) == len(item.results)
        assert int(suite.get("failures")) == summary["weak"] + summary["missing"]
        assert int(suite.get("skipped")) == summary["not_applicable"]
        properties = {p.get("name"): p.get("value") for p in suite.find("properties")}
        assert properties["score"] == str(summary["score"]) and properties["issuer"] == item.issuer


def test_junit_attributes_required_by_the_strict_schema(junit):
    assert junit.attrib == {}
    for number, suite in enumerate(junit.findall("testsuite")):
        assert suite.get("id") == str(number)
        assert suite.get("package", "").startswith("fzcheck.")
        assert suite.get("timestamp") == junit_report.TIMESTAMP and suite.get("hostname") == "localhost"
        assert [child.tag for child in suite][0] == "properties"
        assert [child.tag for child in suite][-2:] == ["system-out", "system-err"]


def test_junit_failure_carries_evidence_and_suggestion(junit):
    case = junit.find(".//testcase[@name='indicator.court-appearance 行政机关负责人出庭应诉']")
    failure = case.find("failure")
    assert case.get("classname") == "fzcheck.government"
    assert failure.get("type") == "weak" and "95%" in failure.get("message")
    assert FORMULA in failure.text and "建议：" in failure.text and "第31行" in failure.text


def test_junit_keeps_markup_as_text(junit):
    assert any(SCRIPT in (f.text or "") for f in junit.iter("failure"))


def test_junit_unreadable_file_is_an_error_case(junit):
    suite = junit.findall("testsuite")[-1]
    assert suite.get("name") == UNREADABLE.path and suite.get("errors") == "1"
    assert suite.find("testcase/error").get("message") == UNREADABLE.message


def test_junit_drops_characters_xml_cannot_carry():
    dirty = report("a.txt", "甲镇", "government", 2023, [
        result("content.measures", Status.WEAK, Evidence(1, "控制符\x00\x08\x1b在此")),
    ])
    root = ET.fromstring(junit_report.render(Batch(reports=(dirty,))).encode("utf-8"))
    assert "控制符在此" in root.find(".//failure").text


# ---------------------------------------------------------------- CSV

@pytest.fixture(scope="module")
def csv_rows(batch):
    data = csv_report.render(batch)
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_has_one_row_per_result_and_per_unreadable_file(batch, csv_rows):
    assert tuple(csv_rows[0]) == RESULT_HEADER
    assert len(csv_rows) - 1 == sum(len(r.results) for r in batch.reports) + len(batch.errors)
    last = dict(zip(RESULT_HEADER, csv_rows[-1]))
    assert (last["文件"], last["状态"], last["状态代码"]) == (UNREADABLE.path, "无法读取", "unreadable")


@pytest.mark.parametrize("cell, expected", [
    ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
    ("+86 出庭率", "'+86 出庭率"),
    ("-（四）重复", "'-（四）重复"),
    ("@（四）", "'@（四）"),
    ("\t隐藏", "'\t隐藏"),
    ("出庭率=95%", "出庭率=95%"),
    (31, 31),
    (None, ""),
])
def test_csv_neutralise(cell, expected):
    assert csv_report.neutralise(cell) == expected


def test_csv_no_cell_starts_a_formula(csv_rows):
    cells = [cell for row in csv_rows for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")]
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)


@pytest.mark.parametrize("rule, status, code, line", [
    ("content.shortcomings", "薄弱", "weak", ""),  # a PDF's quote: its page is said in 证据, not a line
    ("content.shortcomings-causes", "缺失", "missing", ""),
    ("indicator.three-systems", "不适用", "not_applicable", ""),
    ("content.measures", "符合", "pass", "3"),
])
def test_csv_result_row(csv_rows, rule, status, code, line):
    row = next(dict(zip(RESULT_HEADER, r)) for r in csv_rows[1:] if r[6] == rule and r[2] == "城东镇人民政府")
    assert (row["状态"], row["状态代码"], row["证据行"]) == (status, code, line)
    assert not row["证据"] or row["证据"].startswith(("第2页：", "第"))
    assert row["年度"] == "2023" and row["类型"] == "党委和政府" and row["建议"].startswith("请补充")


# ---------------------------------------------------------------- XLSX

def load_workbook(batch: Batch):
    openpyxl = pytest.importorskip("openpyxl")
    with warnings.catch_warnings():
        # openpyxl does not read the Excel 2010 data-bar extension; Excel and WPS do.
        warnings.simplefilter("ignore", UserWarning)
        return openpyxl.load_workbook(io.BytesIO(get_reporter("xlsx").render(batch)))


@pytest.mark.parametrize("which, sheets", [
    ("sample", ["汇总", "全部结果", "常见问题", "无法读取"]),
    ("clean", ["汇总", "全部结果", "常见问题"]),
    ("empty", ["汇总", "全部结果", "常见问题"]),
])
def test_xlsx_sheets(which, sheets):
    batch = {"sample": sample_batch(), "empty": EMPTY, "clean": CLEAN}[which]
    assert load_workbook(batch).sheetnames == sheets


def test_xlsx_row_counts_and_header(batch):
    book = load_workbook(batch)
    assert book["汇总"].max_row == 1 + len(batch.reports)
    assert book["全部结果"].max_row == 1 + sum(len(r.results) for r in batch.reports) + len(batch.errors)
    assert book["常见问题"].max_row == 1 + 5
    assert book["无法读取"].max_row == 1 + len(batch.errors)
    assert [c.value for c in book["全部结果"][1]] == list(RESULT_HEADER)
    assert book["汇总"].freeze_panes == "A2" and book["汇总"].auto_filter.ref


def test_xlsx_has_no_formula_and_no_link(batch):
    book = load_workbook(batch)
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    assert all(cell.hyperlink is None for cell in cells)
    assert any(isinstance(c.value, str) and c.value.startswith("=HYPERLINK") for c in cells)


def test_xlsx_overview_row_is_worst_first(batch):
    sheet = load_workbook(batch)["汇总"]
    header = [c.value for c in sheet[1]]
    first = dict(zip(header, [c.value for c in sheet[2]]))
    assert (first[RANK_LABEL], first["单位"], first["缺失"], first["薄弱"]) == (1, "城东镇人民政府", 2, 3)
    assert first["主要问题"].startswith("缺失·不足的原因分析")
    second = dict(zip(header, [c.value for c in sheet[3]]))
    assert second["标题"] == FORMULA


# ---------------------------------------------------------------- HTML

@pytest.fixture(scope="module")
def html(batch):
    return get_reporter("html").render(batch)


def test_html_escapes_evidence_markup(html):
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(" in html


def test_html_loads_nothing_from_the_network(html):
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:[a-z]+:)?//""", html, re.I)
    assert not re.search(r"<link\b|@import|url\(|<script|<iframe|<img\b", html, re.I)
    assert all(href.startswith("#") for href in re.findall(r'href="([^"]*)"', html))


def test_html_matrix_has_a_cell_per_report_and_rule(batch, html):
    matrix = html[html.index('<table class="matrix">'):]
    matrix = matrix[:matrix.index("</table>")]
    cells = [(cls, re.sub(r"<[^>]+>", "", text))
             for cls, text in re.findall(r'<td class="cell (\w+)"[^>]*>(.*?)</td>', matrix)]
    assert len(cells) == len(batch.reports) * 8
    found = counts(batch)
    for status, label in [("pass", "✔ 符合"), ("weak", "⚠ 薄弱"), ("missing", "✘ 缺失"), ("not_applicable", "– 不适用")]:
        assert sum(1 for cls, text in cells if cls == status and text == label) == found[status]
    assert sum(1 for cls, _ in cells if cls == "absent") == 3 * 8 - sum(found.values())


def test_html_details_and_errors(batch, html):
    for index, item in enumerate(batch.reports, start=1):
        assert f'id="report-{index}"' in html and f'href="#report-{index}"' in html
        assert escape(item.title) in html
    assert "五、无法读取的文件" in html and UNREADABLE.message in html
    assert "第2页</span>" in html and "第20行" not in html and "《法治政府建设与责任落实督察工作规定》第二十五条" in html


def test_html_without_errors_has_no_error_section():
    assert "无法读取的文件" not in get_reporter("html").render(CLEAN)


def test_html_escapes_markup_in_every_field():
    hostile = report("<b>x</b>.txt", "<i>镇</i>", "government", 2023, [
        result("content.measures", Status.WEAK, Evidence(1, '"><img src=x onerror=alert(1)>')),
    ])
    page = get_reporter("html").render(Batch(reports=(hostile,), errors=(UNREADABLE,)))
    assert "<b>x" not in page and "<i>镇" not in page and "<img" not in page
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in page


# ---------------------------------------------------------------- terminal overview

def terminal(batch: Batch, width: int = 100) -> str:
    from checker.reporters.terminal_overview import render_overview
    from checker.reporters.terminal_report import Screen

    screen = Screen(width, color=False)
    render_overview(screen, batch)
    return screen.text()


def test_terminal_overview_names_issuer_and_file(batch):
    out = terminal(batch)
    assert "报告概览：共 3 份，平均得分 72" in out and "各报告共性问题" in out
    for words in ("得分", "缺失", "薄弱", "主要问题", "文件："):
        assert words in out
    assert out.index("城东镇人民政府") < out.index("大连金普新区司法局") < out.index("调兵山市人民政府")
    for row in build_overview(batch).rows:
        assert f"文件：{row.path}" in out
    assert "\x1b[" not in out


@pytest.mark.parametrize("width", [60, 80, 120])
def test_terminal_overview_folds_long_chinese_instead_of_cutting(batch, width):
    out = terminal(batch, width)
    assert "…" not in out
    flat = re.sub(r"[\s│┃|]", "", out)
    assert "党政主要负责人履行推进法治建设第一责任人职责情况" in flat


def test_terminal_overview_without_gaps():
    assert "各报告共性问题：无" in terminal(Batch(reports=(report("a.txt", "甲镇", "government", 2023, [
        result("content.measures", Status.PASS)]),)))


# ---------------------------------------------------------------- real reports, through the engine

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((SHARED / "seeds").glob("*.txt"))  # read in place; their text never enters the repo
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))
REPORT_SCHEMA = ROOT / "checker" / "schemas" / "report.schema.json"


@pytest.fixture(scope="module")
def real_batch() -> Batch:
    if not SEEDS and not EXAMPLES:
        pytest.skip("no seeds in shared/ and no examples/*.txt")
    from checker import __version__, check_file

    return Batch(reports=tuple(check_file(str(path)) for path in SEEDS + EXAMPLES),
                 errors=(UNREADABLE,), version=__version__)


@pytest.mark.parametrize("name", FORMATS + ["json"])
def test_real_reports_render_in_every_format(real_batch, name):
    try:
        module = get_reporter(name)
    except ModuleNotFoundError:
        pytest.skip(f"reporter {name} not written yet")
    out = module.render(real_batch)
    assert out and out == module.render(real_batch)


@pytest.mark.skipif(not SARIF_SCHEMA.is_file(), reason="shared/schemas absent")
def test_real_reports_sarif_is_valid(real_batch):
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    log = json.loads(sarif_report.render(real_batch))
    assert [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(log)] == []
    found = counts(real_batch)
    assert len(log["runs"][0]["results"]) == found["weak"] + found["missing"]


@pytest.mark.skipif(not REPORT_SCHEMA.is_file(), reason="checker/schemas/report.schema.json not written yet")
def test_real_reports_json_is_valid_against_the_shipped_schema(real_batch):
    import jsonschema

    schema = json.loads(REPORT_SCHEMA.read_text(encoding="utf-8"))
    try:
        document = json.loads(get_reporter("json").render(real_batch))
    except ModuleNotFoundError:
        document = real_batch.as_dict()
    validator = jsonschema.validators.validator_for(schema)(schema)
    assert [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)] == []


def test_real_reports_junit_xlsx_csv_agree_with_the_batch(real_batch):
    found = counts(real_batch)
    root = ET.fromstring(junit_report.render(real_batch).encode("utf-8"))
    assert len(root.findall(".//failure")) == found["weak"] + found["missing"]
    assert len(root.findall(".//skipped")) == found["not_applicable"]
    rows = list(csv.reader(io.StringIO(csv_report.render(real_batch).decode("utf-8-sig"))))
    assert len(rows) - 1 == sum(found.values()) + len(real_batch.errors)
    book = load_workbook(real_batch)
    assert book["汇总"].max_row == 1 + len(real_batch.reports)
    assert all(c.data_type != "f" for sheet in book for row in sheet.iter_rows() for c in row)


def test_real_reports_html_is_self_contained(real_batch):
    page = get_reporter("html").render(real_batch)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:[a-z]+:)?//""", page, re.I)
    assert "<script" not in page.lower()
    assert page.count('<section class="report"') == len(real_batch.reports)


def test_terminal_overview_prints_brackets_in_report_text_literally():
    odd = report("a.txt", "[/]某镇[bold]", "government", 2023, [result("content.measures", Status.MISSING)])
    out = terminal(Batch(reports=(odd, department())))
    assert "[/]某镇[bold]" in out
