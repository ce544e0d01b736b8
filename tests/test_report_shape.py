"""A file that is not one annual report (a note, a notice, a list, a table of contents, another subject's summary,
several reports in one file) is flagged, not scored, and kept out of rankings and batch aggregates; every format says
so in one Chinese line. Cases: tests/cases/report_shape.yaml; real reports: ../shared/seeds (skipped when absent)."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from checker import check_text
from checker.labels import NOT_A_REPORT_LABEL, NOT_SCORED, RANK_LABEL
from checker.overview import build_overview
from checker.pipeline import check_paths
from checker.reporters import get_reporter
from checker.results import Severity
from conftest import EXAMPLES, ROOT, SHARED

TESTS = Path(__file__).parent
CASES = yaml.safe_load((TESTS / "cases" / "report_shape.yaml").read_text(encoding="utf-8"))["cases"]
NOT_REPORTS = TESTS / "samples" / "not-a-report"
SCHEMA = json.loads((ROOT / "checker" / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
SEEDS = sorted((SHARED / "seeds").glob("*.txt"))


def _check_case(case: dict, tmp_path: Path):
    if "file" in case:
        return check_paths([str(TESTS / case["file"])]).reports[0]
    path = tmp_path / "case.txt"
    path.write_text(case["text"], encoding="utf-8")
    return check_paths([str(path)]).reports[0]


@pytest.mark.parametrize("name", list(CASES))
def test_report_shape_cases(name, tmp_path):
    case = CASES[name]
    report = _check_case(case, tmp_path)
    found = report.not_a_report
    assert (found.code if found else None) == case["code"], found
    if found:
        assert report.results == () and report.score is None and not report.scored
        assert report.exit_code(Severity.ERROR) == 1
        for words in case.get("says", ()):
            assert words in found.reason
    else:
        assert report.results and isinstance(report.score, int)


def test_cases_cover_every_code_and_both_sides():
    codes = {case["code"] for case in CASES.values()}
    assert codes >= {None, "too_short", "notice", "list", "contents", "other_topic", "concatenated"}
    # the JSON schema names exactly the codes the detection gives
    schema_codes = SCHEMA["$defs"]["report"]["properties"]["not_a_report"]["oneOf"][1]["properties"]["code"]["enum"]
    assert set(schema_codes) == codes - {None}


@pytest.mark.parametrize("path", SEEDS, ids=[p.name for p in SEEDS])
def test_real_reports_are_never_flagged(path):
    report = check_paths([str(path)]).reports[0]
    assert report.not_a_report is None and report.results


@pytest.mark.skipif(not SEEDS, reason="../shared is not present beside the project")
def test_two_real_reports_pasted_into_one_file_are_flagged(tmp_path):
    joined = tmp_path / "joined.txt"
    joined.write_text("\n".join(p.read_text(encoding="utf-8") for p in SEEDS[:2]), encoding="utf-8")
    report = check_paths([str(joined)]).reports[0]
    assert report.not_a_report is not None and report.not_a_report.code == "concatenated"


def test_library_check_text_flags_a_note():
    report = check_text((NOT_REPORTS / "note.txt").read_text(encoding="utf-8"))
    assert report.not_a_report.code == "too_short" and report.summary()["score"] is None


# ------------------------------------------------------------------ every format, end to end

@pytest.fixture()
def mixed(tmp_path) -> Path:
    """A folder with the three example reports and three files that are not reports."""
    folder = tmp_path / "各单位"
    folder.mkdir()
    for path in EXAMPLES.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    for name in ("notice.txt", "two-reports.txt", "safety-summary.txt"):
        shutil.copy(NOT_REPORTS / name, folder / name)
    return folder


def _render(batch, name: str):
    return get_reporter(name).render(batch)


def test_json_carries_the_flag_a_null_score_and_no_results(mixed):
    batch = check_paths([str(mixed)])
    data = json.loads(_render(batch, "json"))
    jsonschema.validate(data, SCHEMA)
    by_name = {Path(r["path"]).name: r for r in data["reports"]}
    notice = by_name["notice.txt"]
    assert notice["not_a_report"]["code"] == "notice" and "通知" in notice["not_a_report"]["reason"]
    assert notice["summary"]["score"] is None and notice["results"] == []
    assert by_name["government-good.txt"]["not_a_report"] is None
    assert isinstance(by_name["government-good.txt"]["summary"]["score"], int)


def test_rankings_and_aggregates_leave_out_what_is_not_a_report(mixed):
    batch = check_paths([str(mixed)])
    overview = build_overview(batch)
    assert sorted(Path(r.path).name for r in overview.rows) == sorted(p.name for p in EXAMPLES.glob("*.txt"))
    assert sorted(Path(r.path).name for r in overview.unscored) == ["notice.txt", "safety-summary.txt",
                                                                    "two-reports.txt"]
    scored = [r for r in batch.reports if r.scored]
    assert overview.totals["average_score"] == round(sum(r.score for r in scored) / len(scored))
    assert overview.totals["not_a_report"] == 3
    assert all(gap.applicable <= len(scored) for gap in overview.common)  # the gap ranking counts reports only
    assert not any({pair.path, pair.other_path} & {str(mixed / "two-reports.txt")} for pair in overview.copying)


def test_csv_has_one_row_saying_not_a_report(mixed):
    from checker.reporters.table_rows import RESULT_HEADER

    rows = list(csv.reader(io.StringIO(_render(check_paths([str(mixed)]), "csv").decode("utf-8-sig"))))
    flagged = [dict(zip(RESULT_HEADER, r)) for r in rows[1:] if Path(r[0]).name == "safety-summary.txt"]
    assert len(flagged) == 1
    assert flagged[0]["状态"] == NOT_A_REPORT_LABEL and flagged[0]["状态代码"] == "not_a_report"
    assert "安全生产工作总结" in flagged[0]["说明"] and "未评分" in flagged[0]["说明"]


def test_xlsx_overview_lists_them_after_the_ranking_without_position_or_score(mixed):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(io.BytesIO(_render(check_paths([str(mixed)]), "xlsx")))
    sheet = [[c.value for c in row] for row in book["汇总"].iter_rows()]
    header, rows = sheet[0], sheet[1:]
    assert header[0] == RANK_LABEL
    ranks = [row[0] for row in rows]
    assert ranks == [1, 2, 3, NOT_SCORED, NOT_SCORED, NOT_SCORED]
    flagged = [row for row in rows if row[0] == NOT_SCORED]
    assert all(row[header.index("得分")] == NOT_SCORED and NOT_A_REPORT_LABEL in row[-1] for row in flagged)


def test_terminal_overview_names_each_file_and_why(mixed):
    screen = get_reporter("text").render(check_paths([str(mixed)]), width=120)
    assert "共 6 个文件：3 份报告按得分从低到高排列" in screen and "3 个文件不是年度报告" in screen
    assert screen.count(f"✘ {NOT_A_REPORT_LABEL}") == 3
    ranked = [line for line in screen.splitlines() if line.lstrip()[:2] in ("1.", "2.", "3.", "4.")]
    assert len(ranked) == 3  # positions go to the three reports only


def test_single_file_terminal_report_says_it_in_place_of_the_verdict():
    screen = _render(check_paths([str(NOT_REPORTS / "task-list.txt")]), "text")
    assert f"✘ {NOT_A_REPORT_LABEL}，未评分、不参加排序：" in screen
    assert "结论：" not in screen and "优先补充" not in screen and "得分" not in screen


def test_sarif_junit_and_html_say_it(mixed):
    batch = check_paths([str(mixed)])
    sarif = json.loads(_render(batch, "sarif"))
    flagged = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "input.not-a-report"]
    assert len(flagged) == 3 and all(NOT_A_REPORT_LABEL in r["message"]["text"] for r in flagged)
    junit = _render(batch, "junit")
    assert junit.count('type="not_a_report"') == 3
    html = _render(batch, "html")
    assert html.count(f'<span class="tag missing">{NOT_A_REPORT_LABEL}</span>') == 3
    assert "不是年度报告，未评分、不参加排序：" in html and "None" not in html
    assert "<li>报告<b>3</b> 份</li>" in html and "不是年度报告<b>3</b> 个文件" in html


def test_web_pages_use_the_same_context(mixed):
    from checker.web.pages import batch_view

    context = batch_view(check_paths([str(mixed)]))
    assert len(context["unscored"]) == 3 and len(context["rows"]) == 3
    flagged = [r for r in context["reports"] if r["not_a_report"]]
    assert len(flagged) == 3 and all(r["summary"]["score"] == NOT_SCORED for r in flagged)


def test_exit_code_is_1_like_a_gap_and_0_with_fail_on_never():
    batch = check_paths([str(NOT_REPORTS / "notice.txt")])
    assert batch.exit_code(Severity.ERROR) == 1
    assert batch.exit_code(Severity.INFO) == 1
    assert batch.exit_code(None) == 0


# ------------------------------------------------------------------ as a person sees it: the console script in a pty

def test_console_script_in_an_80_column_terminal_on_a_mixed_folder(mixed):
    from test_terminal import SCRIPT, assert_fits, run_in_pty, screen_lines

    if not SCRIPT.exists() or not shutil.which("script"):
        pytest.skip("the fzcheck console script or script(1) is not installed")
    status, output = run_in_pty(["script", "-qec", f"stty cols 80 rows 50; {SCRIPT} check {mixed.name}", "/dev/null"],
                                80, cwd=mixed.parent)
    assert status == 1, output[-2000:]
    assert "Traceback" not in output
    screen = screen_lines(output[output.index("报告概览"):])
    assert_fits(screen, 80)
    text = "\n".join(screen)
    assert text.count(f"✘ {NOT_A_REPORT_LABEL}") == 3
    flat = re.sub(r"\s", "", text)  # wrapped lines joined again
    for words in ("文件：各单位/notice.txt", "文件：各单位/two-reports.txt", "文件：各单位/safety-summary.txt",
                  "3个文件不是年度报告，未评分、不参加排序", "原因：标题“关于召开2025年全区法治政府建设工作推进会的通知”"):
        assert words in flat, words
    # a single file that is not a report: the reason in place of the verdict, and exit 1
    status, output = run_in_pty(["script", "-qec", f"stty cols 80 rows 50; {SCRIPT} check {mixed.name}/notice.txt",
                                 "/dev/null"], 80, cwd=mixed.parent)
    screen = screen_lines(output)
    assert status == 1 and "Traceback" not in output
    assert_fits(screen, 80)
    assert any(line.startswith(f"✘ {NOT_A_REPORT_LABEL}，未评分") for line in screen)


def test_annotate_says_it_in_the_summary_comment_and_on_screen(tmp_path):
    from click.testing import CliRunner

    import format_fixtures as ff
    from cli import main

    source = tmp_path / "通知.docx"
    source.write_bytes(ff.docx_bytes((NOT_REPORTS / "notice.txt").read_text(encoding="utf-8").splitlines()))
    result = CliRunner().invoke(main, ["annotate", str(source)])
    assert result.exit_code == 1, result.output
    assert f"{NOT_A_REPORT_LABEL}，未评分" in result.output and "None" not in result.output
    from docx import Document

    annotated = Document(str(tmp_path / "通知.批注.docx"))
    comments = [c.text for c in annotated.comments]
    assert len(comments) == 1 and NOT_A_REPORT_LABEL in comments[0] and "通知" in comments[0]


def test_single_report_html_page_says_it_in_place_of_the_verdict():
    html = _render(check_paths([str(NOT_REPORTS / "safety-summary.txt")]), "html")
    assert f"{NOT_A_REPORT_LABEL}，未评分、不参加排序：" in html and "安全生产工作总结" in html
    assert "None" not in html and "结论：" not in html and "未发现需要补充的内容" not in html


def test_written_file_message_counts_them_apart_and_exit_code_is_1(mixed, tmp_path):
    from click.testing import CliRunner

    from cli import main

    target = tmp_path / "结果.csv"
    result = CliRunner().invoke(main, ["check", str(mixed), "--format", "csv", "-o", str(target)])
    assert result.exit_code == 1, result.output
    assert "3 份报告，3 个不是年度报告，0 个无法读取" in result.output
    result = CliRunner().invoke(main, ["check", str(NOT_REPORTS / "note.txt"), "--fail-on", "never"])
    assert result.exit_code == 0 and NOT_A_REPORT_LABEL in result.output
