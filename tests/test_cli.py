"""The command line: exit codes, one-line errors, batches past bad files, outputs."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

import cli
from conftest import EXAMPLES, ROOT

GOOD = str(EXAMPLES / "government-good.txt")
FLAWED = str(EXAMPLES / "government-flawed.txt")
DEPARTMENT = str(EXAMPLES / "department.txt")
SCHEMA = json.loads((ROOT / "checker" / "schemas" / "report.schema.json").read_text(encoding="utf-8"))


def run(*args, input=None):
    return CliRunner().invoke(cli.main, list(args), input=input)


@pytest.mark.parametrize("args, code", [
    (["check", GOOD], 0),
    (["check", FLAWED], 1),
    (["check", FLAWED, "--fail-on", "never"], 0),
    (["check", DEPARTMENT, "--fail-on", "error"], 0),
    (["check", GOOD, "--fail-on", "info"], 0),
    (["check", "nope.txt"], 2),
    (["check", GOOD, "--format", "nosuch"], 2),
    (["check", GOOD, "--format", "xlsx"], 2),
    (["check", GOOD, "--year", "1800"], 2),
    (["check", GOOD, "--published", "2025-13-01"], 2),
    (["check", GOOD, "--rules", "nosuchset"], 2),
])
def test_exit_codes(args, code):
    result = run(*args)
    assert result.exit_code == code, result.output + result.stderr


@pytest.mark.parametrize("args, words", [
    (["check", "nope.txt"], "nope.txt: 文件不存在"),
    (["check", GOOD, "--format", "xlsx"], "请用 -o 指定保存位置"),
    (["check", GOOD, "--format", "csv"], "给 Excel 等表格软件打开的文件"),
    (["check", GOOD, "--rules", "nosuchset"], "找不到规则集"),
])
def test_errors_are_one_chinese_line(args, words):
    result = run(*args)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_json_output_conforms_to_the_shipped_schema():
    result = run("check", GOOD, FLAWED, DEPARTMENT, "--format", "json")
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert [r["ruleset"] for r in data["reports"]] == ["government", "government", "department"]
    assert data["errors"] == []


def test_batch_goes_on_past_a_bad_file(tmp_path):
    bad = tmp_path / "坏文件.docx"
    bad.write_bytes(b"PK\x03\x04 this is not a zip")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run("check", GOOD, str(bad), str(empty), FLAWED, "--format", "json")
    data = json.loads(result.stdout)
    assert result.exit_code == 2
    assert len(data["reports"]) == 2
    assert sorted(Path(e["path"]).name for e in data["errors"]) == ["empty.txt", "坏文件.docx"]
    assert all(e["message"] for e in data["errors"])


def test_folder_is_expanded(tmp_path):
    for name in ("a.txt", "b.txt"):
        shutil.copy(GOOD, tmp_path / name)
    (tmp_path / "notes.xyz").write_text("x", encoding="utf-8")
    data = json.loads(run("check", str(tmp_path), "--format", "json").stdout)
    assert [Path(r["path"]).name for r in data["reports"]] == ["a.txt", "b.txt"]


def test_parallel_jobs_give_the_same_results(tmp_path):
    for index in range(4):
        shutil.copy(FLAWED if index % 2 else GOOD, tmp_path / f"{index}.txt")
    serial = json.loads(run("check", str(tmp_path), "--format", "json", "--jobs", "1").stdout)
    for jobs in ("2", "auto", "0", "3"):
        assert json.loads(run("check", str(tmp_path), "--format", "json", "--jobs", jobs).stdout) == serial


def test_stdin():
    text = Path(GOOD).read_text(encoding="utf-8")
    result = run("check", "-", "--format", "json", input=text.encode("gb18030"))
    assert json.loads(result.stdout)["reports"][0]["summary"]["score"] == 100


def test_output_file_is_written_atomically_and_never_over_an_input(tmp_path):
    target = tmp_path / "out.json"
    result = run("check", FLAWED, "--format", "json", "-o", str(target))
    assert result.exit_code == 1
    assert json.loads(target.read_text(encoding="utf-8"))["reports"]
    assert not [p for p in os.listdir(tmp_path) if p.startswith(".fzcheck-")]
    copy = tmp_path / "r.txt"
    shutil.copy(GOOD, copy)
    before = copy.read_bytes()
    result = run("check", str(copy), "--format", "json", "-o", str(copy))
    assert result.exit_code == 2 and copy.read_bytes() == before


def test_terminal_report_is_plain_when_piped():
    result = run("check", FLAWED)
    assert "\x1b[" not in result.stdout
    for words in ("柳川镇", "报告年度：2024", "法定内容", "重点指标", "格式", "优先补充", "写的是2024年，应为2025年", "第8行"):
        assert words in result.stdout


def test_year_and_kind_overrides():
    data = json.loads(run("check", GOOD, "--format", "json", "--year", "2023", "--kind", "department").stdout)
    report = data["reports"][0]
    assert (report["report_year"], report["kind"], report["ruleset"]) == (2023, "department", "department")
    plan = next(r for r in report["results"] if r["rule"] == "year.plan-is-next-year")
    assert plan["status"] == "missing"


def test_rules_commands(tmp_path):
    assert "content.first-responsible" in run("rules", "list").stdout
    shown = run("rules", "show", "content.first-responsible")
    assert shown.exit_code == 0 and "亲自部署" in shown.stdout and "检查参数" in shown.stdout
    explained = run("explain", "indicator.court-appearance")
    assert explained.exit_code == 0
    for words in ("依据", "行政诉讼法", "判定标准", "符合（pass）", "合规写法示例"):
        assert words in explained.stdout
    assert run("explain", "no.such-rule").exit_code == 2
    assert run("rules", "validate", str(EXAMPLES / "rules" / "custom-profile.yaml")).exit_code == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nrules:\n  - id: x.y\n    severity: fatal\n", encoding="utf-8")
    result = run("rules", "validate", str(bad))
    assert result.exit_code == 2 and "规则 x.y: severity:" in result.stderr


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and "fzcheck" in result.stdout


@pytest.mark.skipif(shutil.which("fzcheck") is None, reason="fzcheck is not installed as a command")
def test_installed_command_works_from_another_directory(tmp_path):
    result = subprocess.run(["fzcheck", "check", GOOD, "--format", "json"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["reports"][0]["ruleset"] == "government"


def test_folder_with_a_broken_report_finishes_and_exits_2(tmp_path):
    shutil.copy(GOOD, tmp_path / "a.txt")
    shutil.copy(FLAWED, tmp_path / "b.txt")
    (tmp_path / "c.docx").write_bytes(b"PK\x03\x04 truncated")
    result = run("check", str(tmp_path), "--format", "json", "--jobs", "2")
    data = json.loads(result.stdout)
    assert result.exit_code == 2
    assert len(data["reports"]) == 2 and [Path(e["path"]).name for e in data["errors"]] == ["c.docx"]
    assert result.stderr.count("\n") == 1 and "c.docx" in result.stderr


def test_library_api_matches_the_command_line():
    from checker import check_file, check_text

    by_file = check_file(FLAWED)
    by_text = check_text(Path(FLAWED).read_text(encoding="utf-8"), name="flawed.txt")
    assert [(r.rule, r.status) for r in by_file.results] == [(r.rule, r.status) for r in by_text.results]
    assert check_file(GOOD, year=2023).report_year == 2023
    cli_json = json.loads(run("check", FLAWED, "--format", "json").stdout)["reports"][0]
    assert cli_json == by_file.as_dict()


@pytest.mark.parametrize("published, status", [("2025-03-28", "pass"), ("2025-04-08", "weak"), (None, "not_applicable")])
def test_published_date_checks_the_1_april_rule(published, status):
    args = ["check", GOOD, "--format", "json"] + (["--published", published] if published else [])
    report = json.loads(run(*args).stdout)["reports"][0]
    assert next(r["status"] for r in report["results"] if r["rule"] == "timing.publication") == status


def _explode(*args, **kwargs):
    raise ZeroDivisionError("a bug")


@pytest.mark.parametrize("args, env, traceback", [
    (["check", GOOD], {}, False),
    (["check", GOOD, "--debug"], {}, True),
    (["--debug", "check", GOOD], {}, True),
    (["check", GOOD], {"FZCHECK_DEBUG": "1"}, True),
])
def test_an_unexpected_exception_is_exit_3_with_one_line(monkeypatch, args, env, traceback):
    import checker.pipeline

    monkeypatch.setattr(checker.pipeline, "stream_paths", _explode)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    if not env:
        monkeypatch.delenv("FZCHECK_DEBUG", raising=False)
    result = run(*args)
    assert result.exit_code == 3
    assert result.stderr.strip().splitlines()[-1].startswith("fzcheck: 内部错误（ZeroDivisionError）")
    assert ("Traceback" in result.stderr) is traceback
    assert len(result.stderr.strip().splitlines()) > 1 if traceback else len(result.stderr.strip().splitlines()) == 1


def test_a_bug_in_one_file_of_a_batch_is_exit_3_and_the_batch_goes_on(monkeypatch):
    import checker.pipeline

    real = checker.pipeline.check_one

    def flaky(path, options):
        return _explode() if path == FLAWED else real(path, options)

    monkeypatch.setattr(checker.pipeline, "check_one", flaky)
    monkeypatch.delenv("FZCHECK_DEBUG", raising=False)
    result = run("check", GOOD, FLAWED, "--format", "json")
    assert result.exit_code == 3
    data = json.loads(result.stdout)
    assert [r["path"] for r in data["reports"]] == [GOOD]
    assert "内部出错" in data["errors"][0]["message"] and "Traceback" not in result.stderr
    assert "Traceback" in run("check", GOOD, FLAWED, "--format", "json", "--debug").stderr


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_outputs_honour_the_umask(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        target = tmp_path / "out.json"
        assert run("check", GOOD, "--format", "json", "-o", str(target)).exit_code == 0
        assert target.stat().st_mode & 0o777 == mode
    finally:
        os.umask(old)


# click's own messages, in Chinese, one line, exit 2
USAGE_ERRORS = [
    (["check", GOOD, "--format", "nosuch"], "'--format' 的值无效：'nosuch' 不在可选值"),
    (["check"], "缺少参数 '报告...'"),
    (["nosuch"], "没有命令 'nosuch'"),
    (["check", GOOD, "--year", "1800"], "'--year' 的值无效：1800 超出范围"),
    (["check", GOOD, "--jobs", "x"], "应为 1 到 64 之间的整数或 auto"),
    (["check", GOOD, "--bogus"], "没有选项 '--bogus'"),
    (["check", GOOD, "-o"], "选项 '-o' 后面需要写一个值"),
    (["explain"], "缺少参数 '规则'"),
]


@pytest.mark.parametrize("args, words", USAGE_ERRORS, ids=[" ".join(a[0][:1] + a[0][2:]) for a in USAGE_ERRORS])
def test_usage_errors_are_one_chinese_line_and_exit_2(args, words):
    result = run(*args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and "查看用法" in lines[0], result.stderr
    assert not re.search(r"Usage|Error|Invalid|Try ", result.stderr)


@pytest.mark.parametrize("args", [["-h"], ["check", "-h"], ["annotate", "-h"], ["explain", "-h"], ["rules", "-h"],
                                  ["rules", "list", "-h"], ["rules", "show", "-h"], ["rules", "validate", "-h"],
                                  ["rules", "diff", "-h"], ["serve", "-h"], []])
def test_help_is_chinese(args):
    result = run(*args)
    assert result.exit_code == 0
    assert "用法：" in result.stdout and "显示本帮助并退出" in result.stdout
    english = re.findall(r"\b(Usage|Options|Commands|Show this|default|INTEGER|FLOAT|RANGE|TEXT|PATH|FILENAME)\b",
                         result.stdout)
    assert not english, english
    assert "原子" not in result.stdout


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version(flag):
    result = run(flag)
    assert result.exit_code == 0 and result.stdout.startswith("fzcheck 版本 ")


def test_format_text_and_its_old_name_rich_give_the_same_report():
    assert run("check", FLAWED, "--format", "text").stdout == run("check", FLAWED, "--format", "rich").stdout
