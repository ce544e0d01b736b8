"""The human path: the real console script in a pseudo-terminal at 80 and 120 columns with colour, and the terminal
report's line breaking (never inside a number, date, rule id or ……; never 。、 at a line start)."""
from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import shutil
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

import format_fixtures as ff
from checker.pipeline import check_paths
from checker.reporters import terminal_report
from checker.reporters.wrap import middle, width, wrap
from conftest import EXAMPLES, ROOT, SHARED

SCRIPT = Path(sys.executable).parent / "fzcheck"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")
NO_START = "。，、；：！？）》”"
SEEDS = sorted((SHARED / "seeds").glob("*.txt"))


def run_in_pty(argv: list[str], columns: int, cwd: Path | str = ROOT, timeout: float = 120,
               env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run a command with a pseudo-terminal of the given width as stdin, stdout and stderr; its exit code and screen."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES", "FZCHECK_DEBUG")}
    environment.update({"TERM": "xterm-256color", "LANG": "C.UTF-8", **(env or {})})
    process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=environment,
                               start_new_session=True)
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:  # the other side closed: the command has ended
                break
            if not data:
                break
            chunks.append(data)
        elif process.poll() is not None:
            break
    else:
        process.kill()
    os.close(master)
    code = process.wait(timeout=10)
    return code, b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")


def assert_same_screen_with_cache(cache: Path) -> None:
    """The README example in a pty at 80 columns shows the same screen with fzcheck's cache off, with the
    cache in `cache` written by the run, and with it read back."""
    args = [str(SCRIPT), "check", "examples/government-flawed.txt"]
    plain = run_in_pty(args, 80, env={"FZCHECK_CACHE_DIR": ""})
    first = run_in_pty(args, 80, env={"FZCHECK_CACHE_DIR": str(cache)})  # compiles and keeps
    second = run_in_pty(args, 80, env={"FZCHECK_CACHE_DIR": str(cache)})  # reads back what was kept
    assert plain[0] == 1 and "优先补充" in plain[1] and "Traceback" not in plain[1]
    assert first == plain and second == plain


def screen_lines(output: str) -> list[str]:
    """What stays on screen: colour codes gone, and a line rewritten after a carriage return shows its last state."""
    return [ANSI.sub("", line).split("\r")[-1] for line in output.split("\n")]


def assert_fits(lines: list[str], columns: int) -> None:
    for line in lines:
        assert width(line) <= columns, f"wider than {columns}: {line!r}"
        assert not line.lstrip(" 　").startswith(tuple(NO_START)), f"line starts with punctuation: {line!r}"


def assert_nothing_split(lines: list[str]) -> None:
    for before, after in zip(lines, lines[1:]):
        head = after.lstrip(" 　")
        assert not (before[-1:].isdigit() and head[:1].isdigit()), f"number split: {before!r} / {after!r}"
        assert not (before.endswith("…") and head.startswith("…")), f"…… split: {before!r} / {after!r}"
        assert not (re.search(r"[a-z0-9-]\.$|[a-z]-$", before) and re.match(r"[a-z]", head)), \
            f"rule id split: {before!r} / {after!r}"


needs_script = pytest.mark.skipif(not SCRIPT.exists(), reason="the fzcheck console script is not installed")


# ------------------------------------------------------------------ the console script in a pseudo-terminal

PTY_CASES = [
    # argv after fzcheck, exit code, words on screen
    (["check", "examples/government-flawed.txt"], 1, ["优先补充", "content.measures", "建议：", "位置：在全文末尾补写"]),
    (["check", "examples/government-good.txt"], 0, ["法定内容 6/6 符合", "未发现需要补充的内容"]),
    (["check", "examples/"], 1, ["报告概览：共", "文件：examples/government-flawed.txt", "各报告共性问题"]),
    (["check", "examples/government-flawed.txt", "--all"], 1, ["✔ 符合", "– 不适用"]),
    (["explain", "content.first-responsible"], 0, ["依据", "判定标准", "怎么改"]),
    (["rules", "list"], 0, ["content.first-responsible", "内置规则集"]),
]


@needs_script
@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("args, code, words", PTY_CASES, ids=[" ".join(c[0]) for c in PTY_CASES])
def test_console_script_in_a_terminal(args, code, words, columns):
    status, output = run_in_pty([str(SCRIPT), *args], columns)
    assert status == code, output
    assert "Traceback" not in output
    if args[0] == "check":
        assert "\x1b[" in output  # colour is on in a terminal
    lines = screen_lines(output)
    flat = "\n".join(lines)
    for word in words:
        assert word in flat
    if args[0] == "check":
        assert_fits(lines, columns)
        assert_nothing_split(lines)


@needs_script
@pytest.mark.parametrize("columns", [80, 120])
def test_annotate_in_a_terminal(tmp_path, columns):
    source = tmp_path / "报告.docx"
    source.write_bytes(ff.docx_bytes(ff.REPORT[:10], numbered=True))
    status, output = run_in_pty([str(SCRIPT), "annotate", str(source)], columns)
    assert status == 1 and "Traceback" not in output, output
    assert "已写入" in output and (tmp_path / "报告.批注.docx").is_file()


@needs_script
def test_an_internal_error_in_a_terminal_is_one_line_and_exit_3(tmp_path):
    # A fault injected at interpreter start-up: the rule engine raises as a bug would.
    (tmp_path / "sitecustomize.py").write_text(
        "import checker.pipeline\n"
        "def _broken(*args, **kwargs):\n    raise RuntimeError('injected')\n"
        "checker.pipeline.evaluate = _broken\n", encoding="utf-8")
    status, output = run_in_pty([str(SCRIPT), "check", "examples/government-good.txt"], 80,
                                env={"PYTHONPATH": str(tmp_path)})
    assert status == 3 and "Traceback" not in output, output
    assert "内部出错（RuntimeError）" in output
    status, output = run_in_pty([str(SCRIPT), "check", "--debug", "examples/government-good.txt"], 80,
                                env={"PYTHONPATH": str(tmp_path)})
    assert status == 3 and "Traceback" in output and "injected" in output


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("FZCHECK_INSTALL_TEST") or not shutil.which("script"),
                    reason="installs the package into a new venv (~90 s): set FZCHECK_INSTALL_TEST=1 (CI does)")
def test_readme_quick_start_verbatim_in_an_80_column_terminal(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"```bash\n(python3 -m venv[^\n]*fzcheck check [^\n]*)\n```", readme).group(1)
    copy = tmp_path / "fzcheck"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".venv", ".git", "__pycache__", "*.egg-info", "build"))
    status, output = run_in_pty(["script", "-qec", f"stty cols 80 rows 50; {command}", "/dev/null"], 80,
                                cwd=copy, timeout=600)
    assert status == 1, output[-3000:]
    assert "Traceback" not in output
    report = screen_lines(output[output.index("fzcheck 法治政府建设年度报告检查") - 100:])
    assert_fits(report[1:], 80)
    assert "优先补充" in output


# ------------------------------------------------------------------ the report's text, at several widths

REPORTS = [str(EXAMPLES / "government-flawed.txt"), str(EXAMPLES / "department.txt")] + [str(p) for p in SEEDS]


@pytest.mark.parametrize("path", REPORTS, ids=[Path(p).name for p in REPORTS])
@pytest.mark.parametrize("columns", [60, 80, 120])
def test_report_fits_and_breaks_lines_cleanly(path, columns):
    batch = check_paths([path])
    lines = terminal_report.render(batch, width=columns).split("\n")
    assert_fits(lines, columns)
    assert_nothing_split(lines)
    report = batch.reports[0]
    for result in report.gaps():
        assert any(result.rule in line for line in lines), f"{result.rule} not whole on one line"


@pytest.mark.parametrize("path", [str(p) for p in SEEDS], ids=[p.name for p in SEEDS])
def test_a_real_report_is_short_gaps_first(path):
    batch = check_paths([path])
    report = batch.reports[0]
    text = terminal_report.render(batch, width=80)
    lines = text.split("\n")
    gaps = len(report.gaps())
    assert len(lines) <= 25 + 7 * gaps, f"{len(lines)} lines for {gaps} gaps"
    assert "✔ 符合" not in text  # passes are counted, not listed
    assert "加 --all 显示全部规则" in text
    first_block = text.index("\n✘ ") if "\n✘ " in text else text.index("\n⚠ ")
    assert text.index("优先补充") < first_block
    everything = terminal_report.render(batch, width=80, show_all=True)
    assert everything.count("\n✔ 符合") == report.summary()["pass"]


def test_priority_list_keeps_each_item_whole_and_names_a_missing_signature():
    batch = check_paths([str(EXAMPLES / "government-flawed.txt")])
    text = terminal_report.render(batch, width=80)
    listed = text[text.index("优先补充："):text.index("\n\n", text.index("优先补充："))].split("\n")[1:]
    assert all(re.match(r"  \d+\. [✘⚠] (缺失|薄弱)　\S", line) or line.startswith("       ") for line in listed)
    assert any("落款单位和日期" in line for line in listed)


def test_colour_only_when_asked():
    batch = check_paths([str(EXAMPLES / "government-flawed.txt")])
    assert "\x1b[" not in terminal_report.render(batch)
    assert "\x1b[" in terminal_report.render(batch, color=True)


def test_control_characters_in_report_text_never_reach_the_terminal():
    from checker.results import Batch, Evidence, Report, Result, Severity, Status

    hostile = "一、主要举措\x1b[2J\x1b]0;title\x07和成效\x9b31m"
    result = Result(rule="content.measures", title="主要举措", status=Status.WEAK, severity=Severity.ERROR,
                    message=f"有“{hostile}”部分", suggestion="补充", basis="", evidence=(Evidence(2, hostile),))
    report = Report(path="a\x1b[31m.txt", title=hostile, issuer="某镇\x07", kind="government", report_year=2023,
                    date=None, ruleset="government", results=(result,))
    text = terminal_report.render(Batch(reports=(report, report)), color=False, show_all=True, details=True)
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text


WRAP_CASES = [
    # text, columns, what must stay whole on one line
    ("全年共办理行政复议案件1234567件，纠错率为12.5%，较上年提高了3个百分点。", 20, ["1234567", "12.5%"]),
    ("落款日期为2023年12月28日，早于规定时限，符合要求，请保持。", 18, ["2023年12月28日"]),
    ("规则 indicator.administrative-reconsideration 见说明", 44, ["indicator.administrative-reconsideration"]),
    ("可用“究其原因，主要是……”“产生问题的原因在于……”等表述。", 16, ["……"]),
]


@pytest.mark.parametrize("text, columns, whole", WRAP_CASES)
def test_wrap_keeps_units_whole(text, columns, whole):
    lines = wrap(text, columns)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for piece in whole:
        assert text.count(piece) == sum(line.count(piece) for line in lines)
    for line in lines[1:]:
        assert not line.startswith(tuple(NO_START))
    for line in lines:
        assert width(line) <= max(columns, max(width(p) for p in whole))


def test_middle_keeps_the_centre_of_an_evidence_window():
    window = "…前文前文前文前文前文前文，履行推进法治建设第一责任人职责，后文后文后文后文后文后文…"
    cut = middle(window, 40)
    assert "第一责任人职责" in cut and cut.startswith("…") and cut.endswith("…") and width(cut) <= 40


SEED_SCREEN_LINES = 95  # a real report with a dozen or more gaps: about one and a half screens at 80 columns


@needs_script
@pytest.mark.parametrize("path", SEEDS, ids=[p.name for p in SEEDS])
def test_a_real_report_fits_about_ninety_lines_at_80_columns(path):
    status, output = run_in_pty([str(SCRIPT), "check", str(path)], 80)
    assert status in (0, 1) and "Traceback" not in output, output
    lines = screen_lines(output.rstrip("\n"))
    assert len(lines) <= SEED_SCREEN_LINES, f"{len(lines)} lines"
    flat = "\n".join(lines)
    report = check_paths([str(path)]).reports[0]
    for result in report.gaps():  # what a clerk acts on stays: status, title, rule id whole, what was found
        assert any(result.rule in line for line in lines), result.rule
        assert result.title in flat.replace("\n", "") or result.title[:12] in flat
    assert flat.count("原文：") == sum(1 for r in report.gaps() if r.evidence)
    assert flat.count("建议：") == sum(1 for r in report.gaps() if r.suggestion)


ESSENTIAL_CASES = [
    # advice, room in cells, what the terminal shows
    ("写明述法的对象。另写形式。", 80, "写明述法的对象。"),
    ("写明本年度作出（或公布目录的）重大行政决策事项数，并说明这些决策履行公众参与、专家论证、风险评估的情况。", 60,
     "写明本年度作出（或公布目录的）重大行政决策事项数…"),
    ("写明年终述法的对象和范围（多少名主要负责人或多少个单位述法、是否实现全覆盖）、述法形式和结果。", 60,
     "写明年终述法的对象和范围…"),
    ("写明制定和公开普法责任清单的情况、落实普法责任制开展的普法活动和以案释法情况及普法履职评议结果。", 60,
     "写明制定和公开普法责任清单的情况…"),
]


@pytest.mark.parametrize("advice, room, shown", ESSENTIAL_CASES, ids=[f"case{i}" for i in range(len(ESSENTIAL_CASES))])
def test_the_terminal_shows_the_first_sentence_of_the_advice_cut_at_a_clause(advice, room, shown):
    assert terminal_report.essential(advice, room) == shown
    assert width(shown) <= room


# ------------------------------------------------------------------ a Word report: places a Word user can use

@needs_script
@pytest.mark.parametrize("columns", [80, 120])
def test_a_word_report_names_places_by_headings_not_line_numbers(tmp_path, columns):
    source = tmp_path / "报告.docx"
    source.write_bytes(ff.docx_bytes((EXAMPLES / "government-flawed.txt").read_text(encoding="utf-8").splitlines()))
    status, output = run_in_pty([str(SCRIPT), "check", str(source)], columns)
    assert status == 1 and "Traceback" not in output, output
    lines = screen_lines(output)
    assert_fits(lines, columns)
    assert_nothing_split(lines)
    flat = "\n".join(lines)
    assert not re.search(r"第\d+[段行]", flat), flat  # a Word file has no line numbers its reader can use
    quotes = [line for line in lines if line.lstrip().startswith("原文：")]
    assert quotes and any("一、主要工作 › （二）" in line or "一、主要工作" in line for line in quotes), quotes
    assert "位置：在全文末尾补写" in flat
