"""Copying, follow-through, accepted exceptions, baseline and concreteness, on variants of sample reports."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from checker.labels import result_label, result_note
from checker.errors import UsageError
from checker.pipeline import check_paths
from supervisory_samples import CAUSES, MEASURES, PLAN, SHORTCOMINGS, report, with_figures_changed, write

SHORT_C = ("一是行政执法与刑事司法衔接不够顺畅，案件移送标准不统一。"
           "二是政务公开栏目更新不及时，部分信息公开滞后。"
           "三是镇级规范性文件起草质量参差不齐，征求意见不充分。")
PLAN_C = ("一是建立行政执法与刑事司法衔接联席会议制度。二是开展政务公开标准化规范化建设。"
          "三是组织规范性文件起草人员专题培训。")


def _statuses(batch, rule):
    return {Path(r.path).stem: next(x.status.value for x in r.results if x.rule == rule) for r in batch.reports}


def _result(batch, stem, rule):
    found = next(r for r in batch.reports if Path(r.path).stem == stem)
    return next(x for x in found.results if x.rule == rule)


# ---- 1. copying between units of a batch -------------------------------------------------------
COPYING = {
    # name: ({unit: shortcomings text}, expected text.shared-with-other-unit per unit)
    "copied_shortcomings": ({"甲": SHORTCOMINGS["甲"], "乙": with_figures_changed(SHORTCOMINGS["甲"]), "丙": SHORT_C},
                            {"甲": "weak", "乙": "weak", "丙": "pass"}),
    "all_different": ({"甲": SHORTCOMINGS["甲"], "乙": SHORTCOMINGS["乙"], "丙": SHORT_C},
                      {"甲": "pass", "乙": "pass", "丙": "pass"}),
}


@pytest.mark.parametrize("texts, expected", COPYING.values(), ids=COPYING.keys())
def test_copying_between_units(tmp_path, texts, expected):
    plans = {"甲": PLAN, "乙": "一是推进村级法律顾问全覆盖。二是配齐执法记录仪等执法装备。三是每季度召开一次决策听证会。",
             "丙": PLAN_C}
    causes = {"甲": CAUSES["甲"], "乙": CAUSES["乙"], "丙": "究其原因，主要是镇级法制审核人员只有1名，专业力量薄弱，难以承担全部审核任务。"}
    for unit, text in texts.items():
        write(tmp_path, f"{unit}.txt", report(unit if unit in MEASURES else "甲", shortcomings=text, causes=causes[unit],
                                               plan=plans[unit]))
    batch = check_paths([str(tmp_path)])
    assert _statuses(batch, "text.shared-with-other-unit") == expected
    for unit, status in expected.items():
        found = next(r for r in batch.reports if Path(r.path).stem == unit)
        shortcomings = [s for s in found.similar if s.part == "shortcomings" and s.source == "batch"]
        assert bool(shortcomings) == (status == "weak")
        if shortcomings:
            assert shortcomings[0].share >= 0.5 and shortcomings[0].quotes


def test_single_report_is_not_compared(tmp_path):
    batch = check_paths([write(tmp_path, "甲.txt", report("甲"))])
    assert _result(batch, "甲", "text.shared-with-other-unit").status.value == "not_applicable"
    assert batch.reports[0].similar == ()


def test_same_unit_twice_is_not_copying(tmp_path):
    write(tmp_path, "甲-初稿.txt", report("甲"))
    write(tmp_path, "甲-定稿.txt", report("甲"))
    assert set(_statuses(check_paths([str(tmp_path)]), "text.shared-with-other-unit").values()) == {"pass"}


# ---- 1b. repeated from last year, and 2. follow-through on last year's plan ---------------------
PREVIOUS = {
    # name: (this year's report keywords, expected repeated status, expected followup status, followup share)
    "causes_repeated": (dict(causes=CAUSES["甲"], shortcomings=SHORT_C), "weak", "pass", None),
    "nothing_repeated": (dict(causes=CAUSES["乙"], shortcomings=SHORT_C), "pass", "pass", None),
    "plan_followed_in_part": (dict(causes=CAUSES["乙"], shortcomings=SHORT_C,
                                   measures="组织执法人员全员轮训3期，参训执法人员120名。" + MEASURES["乙"]), "pass", "weak", 0.25),
    "plan_not_followed": (dict(causes=CAUSES["乙"], shortcomings=SHORT_C, measures=MEASURES["乙"]),
                          "pass", "missing", 0.0),
}


@pytest.mark.parametrize("variant, repeated, followup, share", PREVIOUS.values(), ids=PREVIOUS.keys())
def test_previous_year(tmp_path, variant, repeated, followup, share):
    write(tmp_path / "2023", "甲镇2023.txt", report("甲", 2023))
    write(tmp_path / "2024", "甲镇2024.txt", report("甲", 2024, **variant))
    batch = check_paths([str(tmp_path / "2024")], previous=[str(tmp_path / "2023")])
    assert _result(batch, "甲镇2024", "text.repeated-from-previous-year").status.value == repeated
    result = _result(batch, "甲镇2024", "followup.previous-plan")
    assert result.status.value == followup, result.message
    if share is not None:
        assert batch.reports[0].followup == share
        assert "建设智慧普法平台" in result.message  # an item with no trace is quoted


def test_previous_map_pairs_differently_named_units(tmp_path):
    write(tmp_path / "2023", "old.txt", report("甲", 2023).replace("甲镇人民政府", "甲乡人民政府"))
    this = write(tmp_path / "2024", "new.txt", report("甲", 2024, shortcomings=SHORT_C))
    mapping = tmp_path / "map.csv"
    mapping.write_text(f"本年度报告,上一年度报告\n{this},{tmp_path / '2023' / 'old.txt'}\n", encoding="utf-8")
    unmapped = check_paths([this], previous=[str(tmp_path / "2023")])
    assert _result(unmapped, "new", "text.repeated-from-previous-year").status.value == "not_applicable"
    mapped = check_paths([this], previous=[str(tmp_path / "2023")], previous_map=str(mapping))
    assert _result(mapped, "new", "text.repeated-from-previous-year").status.value == "weak"  # causes repeat


# ---- 3. accepted exceptions ---------------------------------------------------------------------
CONFIGS = {
    "by_id": ("exceptions:\n  - rule: content.first-responsible\n    reason: 本镇主要负责人履职情况另行专题报告\n", True),
    "by_title": ("exceptions:\n  - {rule: 党政主要负责人履行推进法治建设第一责任人职责情况, reason: 另行报告}\n", True),
    "other_file": ("exceptions:\n  - {rule: content.first-responsible, reason: 另行报告, files: ['乙*']}\n", False),
}


@pytest.mark.parametrize("config, applies", CONFIGS.values(), ids=CONFIGS.keys())
def test_exception_from_config(tmp_path, config, applies):
    path = write(tmp_path, "甲.txt", report("甲", first_responsible=False))
    (tmp_path / ".fzcheck.yaml").write_text(config, encoding="utf-8")
    batch = check_paths([path])
    result = _result(batch, "甲", "content.first-responsible")
    assert result.is_gap  # the status stays as the check found it
    assert (result.exception is not None) == applies
    if applies:
        assert result_label(result) == "已说明" and result.exception.reason in result_note(result)
        assert result.as_dict()["exception"]["source"].endswith(".fzcheck.yaml")
        assert batch.exit_code(None) == 0 or not any(r.counts for r in batch.reports[0].results)
    assert (batch.reports[0].summary()["excepted"] == 1) == applies


BAD_CONFIGS = {
    "no_reason": ("exceptions:\n  - rule: content.first-responsible\n", "理由"),
    "unknown_rule": ("exceptions:\n  - {rule: content.no-such-rule, reason: 无}\n", "不存在"),
    "not_yaml": ("exceptions: [\n", "YAML"),
    "wrong_shape": ("ignore: [content]\n", "exceptions"),
    "yaml_alias": ("x: &a {rule: content, reason: r}\nexceptions: [*a]\n", "别名"),
}


@pytest.mark.parametrize("config, words", BAD_CONFIGS.values(), ids=BAD_CONFIGS.keys())
def test_bad_config_is_refused(tmp_path, config, words):
    path = write(tmp_path, "甲.txt", report("甲"))
    (tmp_path / "cfg.yaml").write_text(config, encoding="utf-8")
    with pytest.raises(UsageError, match=words):
        check_paths([path], config=str(tmp_path / "cfg.yaml"))
    run = subprocess.run([sys.executable, "-m", "cli", "check", path, "--config", str(tmp_path / "cfg.yaml")],
                         capture_output=True, text=True, cwd=Path(__file__).parent.parent)
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and "Traceback" not in run.stderr


def _docx_with_comment(path: Path, text: str, comment: str) -> str:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    paragraph = document.paragraphs[1]
    document.add_comment(paragraph.runs, text=comment, author="办公室", initials="BG")
    document.save(path)
    return str(path)


WORD_COMMENTS = {
    "by_id": ("fzcheck 忽略 content.first-responsible：主要负责人履职情况已另行专题报告", True),
    "by_title_halfwidth_colon": ("fzcheck 忽略 党政主要负责人履行推进法治建设第一责任人职责情况: 另行报告", True),
    "ordinary_comment": ("请补充第一责任人履职情况", False),
}


@pytest.mark.parametrize("comment, applies", WORD_COMMENTS.values(), ids=WORD_COMMENTS.keys())
def test_exception_from_word_comment(tmp_path, comment, applies):
    path = _docx_with_comment(tmp_path / "甲.docx", report("甲", first_responsible=False), comment)
    batch = check_paths([path])
    result = _result(batch, "甲", "content.first-responsible")
    assert result.is_gap and (result.exception is not None) == applies
    if applies:
        assert result.exception.source == "docx comment"


def test_word_comment_without_reason_is_refused(tmp_path):
    path = _docx_with_comment(tmp_path / "甲.docx", report("甲"), "fzcheck 忽略 content.first-responsible")
    batch = check_paths([path])
    assert batch.exit_code(None) == 2 and "理由" in batch.errors[0].message


# ---- 4. baseline: one gap fixed, one new ---------------------------------------------------------
def test_baseline_marks_new_and_unchanged(tmp_path):
    path = tmp_path / "甲.txt"
    path.write_text(report("甲", first_responsible=False, causes=""), encoding="utf-8")
    first = check_paths([str(path)])
    baseline = tmp_path / "old.json"
    baseline.write_text(json.dumps(first.as_dict(), ensure_ascii=False), encoding="utf-8")
    old_gaps = {r.rule for r in first.reports[0].gaps()}
    assert {"content.first-responsible", "content.shortcomings-causes"} <= old_gaps
    # The clerk adds the causes (one gap fixed) but the edit drops the plan's year (a new gap).
    edited = report("甲", first_responsible=False).replace("四、2025年工作安排", "四、2023年工作安排")
    path.write_text("\n\n" + edited, encoding="utf-8")  # lines move: fingerprints must not
    second = check_paths([str(path)], baseline=str(baseline))
    states = {r.rule: r.baseline for r in second.reports[0].gaps()}
    assert states["content.first-responsible"] == "unchanged"
    assert "new" in states.values()
    assert "content.shortcomings-causes" in {f.rule for f in second.reports[0].fixed}
    from checker.results import Severity

    only_old = check_paths([str(tmp_path / "甲.txt")], baseline=str(baseline))
    assert any(r.counts for r in only_old.reports[0].results)  # the new gap still counts
    assert second.exit_code(Severity.ERROR) == int(any(r.counts and r.severity is Severity.ERROR
                                                       for r in second.reports[0].results))


def test_baseline_that_is_not_fzcheck_json_is_refused(tmp_path):
    path = write(tmp_path, "甲.txt", report("甲"))
    (tmp_path / "old.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(UsageError, match="基线"):
        check_paths([path], baseline=str(tmp_path / "old.json"))


# ---- 5. concreteness -----------------------------------------------------------------------------
@pytest.mark.parametrize("unit, status", [("甲", "pass"), ("乙", "pass"), ("丙", "weak")])
def test_concreteness(tmp_path, unit, status):
    batch = check_paths([write(tmp_path, f"{unit}.txt", report(unit))])
    assert _result(batch, unit, "content.concreteness").status.value == status
    assert (batch.reports[0].concreteness < 0.25) == (status == "weak")


# ---- outputs -------------------------------------------------------------------------------------
def test_outputs_carry_the_supervisory_fields(tmp_path):
    import jsonschema

    from checker.reporters import get_reporter

    write(tmp_path / "2023", "甲.txt", report("甲", 2023))
    write(tmp_path / "2024", "甲.txt", report("甲", first_responsible=False))
    write(tmp_path / "2024", "乙.txt", report("乙", shortcomings=SHORTCOMINGS["甲"], causes=CAUSES["甲"]))
    (tmp_path / "2024" / ".fzcheck.yaml").write_text(
        "exceptions:\n  - {rule: content.first-responsible, reason: 另行专题报告}\n", encoding="utf-8")
    first = check_paths([str(tmp_path / "2024")], previous=[str(tmp_path / "2023")])
    (tmp_path / "base.json").write_text(get_reporter("json").render(first), encoding="utf-8")
    batch = check_paths([str(tmp_path / "2024")], previous=[str(tmp_path / "2023")],
                        baseline=str(tmp_path / "base.json"))
    data = json.loads(get_reporter("json").render(batch))
    schema = json.loads((Path(__file__).parent.parent / "checker/schemas/report.schema.json").read_text("utf-8"))
    jsonschema.validate(data, schema)
    results = [r for report_ in data["reports"] for r in report_["results"]]
    assert any("exception" in r for r in results) and all("fingerprint" in r for r in results)
    assert {r.get("baseline") for r in results} >= {"unchanged"}
    assert {s["source"] for report_ in data["reports"] for s in report_["similar"]} == {"batch", "previous"}
    sarif = json.loads(get_reporter("sarif").render(batch))
    sarif_schema = Path(__file__).resolve().parents[2] / "shared/schemas/sarif-schema-2.1.0.json"
    if sarif_schema.exists():
        jsonschema.validate(sarif, json.loads(sarif_schema.read_text("utf-8")))
    sarif_results = sarif["runs"][0]["results"]
    assert any(r.get("suppressions") for r in sarif_results)
    assert {r.get("baselineState") for r in sarif_results} >= {"unchanged"}
    text = get_reporter("rich").render(batch, width=100)
    assert "已说明" in text and "雷同与照搬" in text and "具体程度" in text and "上年安排落实" in text
    page = get_reporter("html").render(batch)
    assert "督察比对" in page and "已说明" in page and "另行专题报告" in page and "雷同与照搬" not in page.split(
        'id="supervision"')[0]
    import io

    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(get_reporter("xlsx").render(batch)))
    assert {"督察比对", "雷同与照搬"} <= set(workbook.sheetnames)
    copying = [[cell.value for cell in row] for row in workbook["雷同与照搬"].iter_rows(min_row=2)]
    assert {row[0] for row in copying} == {"批内", "上年"}
    csv_text = get_reporter("csv").render(batch)
    assert "已说明" in (csv_text.decode("utf-8-sig") if isinstance(csv_text, bytes) else csv_text)
