"""Cold start: the commands a user runs most import only what they use, and rule patterns compile on use.

These look at sys.modules of a real run in a fresh interpreter; the timings themselves are measured by
benchmarks/run.py (figure 5), never asserted here.
"""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

# Libraries only some outputs, formats or commands need.
HEAVY = ("rich", "jinja2", "openpyxl", "xlsxwriter", "docx", "lxml", "pypdfium2", "ofdkit", "fastapi", "uvicorn",
         "starlette", "datasketch", "numpy", "scipy", "jsonschema", "multiprocessing", "charset_normalizer")
# What --version and --help need is click and the command table: no checking machinery at all.
CHECKING = ("yaml", "checker.pipeline", "checker.ruleset", "checker.kinds", "checker.readers", "checker.engine")
# What a plain check of one .txt file does not use: other formats' readers and reporters, last year's
# comparison, the batch comparison, --baseline, Word annotation, rule-file validation, the web server.
NOT_FOR_ONE_TXT = ("checker.readers.docx", "checker.readers.pdf", "checker.readers.ofd", "checker.readers.ole",
                   "checker.readers.html", "checker.readers.rtf", "checker.reporters.html_report",
                   "checker.reporters.xlsx_report", "checker.reporters.csv_report", "checker.reporters.sarif_report",
                   "checker.reporters.junit_report", "checker.followup", "checker.similarity", "checker.minhash",
                   "checker.baseline", "checker.annotate", "checker.validation", "checker.web",
                   "importlib.resources", "zipfile",
                   # parking a batch's reports on disk, writing a file or a cache entry, a terminal's width,
                   # the --previous-map table
                   "pickle", "tempfile", "shutil", "csv")

_RUN = (
    "import atexit, json, sys\n"
    "atexit.register(lambda: sys.stderr.write('\\nMODULES ' + json.dumps(sorted(sys.modules)) + '\\n'))\n"
    "sys.argv = ['fzcheck'] + sys.argv[1:]\n"
    "from cli import main\n"
    "main()\n"
)


def _modules_after(*args: str) -> tuple[set[str], subprocess.CompletedProcess]:
    done = subprocess.run([sys.executable, "-c", _RUN, *args], capture_output=True, text=True, timeout=120,
                          cwd=ROOT)
    line = next(row for row in done.stderr.splitlines() if row.startswith("MODULES "))
    return set(json.loads(line[len("MODULES "):])), done


def _loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(name for name in names if name in modules or any(m.startswith(name + ".") for m in modules))


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["check", "--help"], ["rules", "--help"]])
def test_version_and_help_load_no_checking_machinery(args):
    modules, done = _modules_after(*args)
    assert done.returncode == 0, done.stderr
    assert _loaded(modules, HEAVY + CHECKING) == []


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_one_txt_check_loads_no_heavy_library(fmt):
    args = ("check", str(ROOT / "examples" / "government-flawed.txt"), "--format", fmt)
    _modules_after(*args)  # a first run writes fzcheck's cache; the runs after it read it
    modules, done = _modules_after(*args)
    assert done.returncode == 1, done.stderr  # the flawed example has statutory gaps
    assert "checker.engine" in modules  # it did check
    assert _loaded(modules, HEAVY + NOT_FOR_ONE_TXT) == []


def test_rule_set_patterns_compile_on_first_use():
    code = ("from checker import match; from checker.ruleset import load_ruleset\n"
            "rules = load_ruleset('government')\n"
            "before = len(match._COMPILED)\n"
            "from checker import check_file\n"
            "check_file('examples/government-good.txt')\n"
            "print(before, len(match._COMPILED))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    before, after = map(int, done.stdout.split())
    assert before == 0  # loading a rule set compiles none of its phrases
    assert after > 0  # checking a report compiles those it needs


def test_a_phrase_compiles_once_and_is_shared():
    from checker.match import compile_phrase

    first, second = compile_phrase("行政复议"), compile_phrase("行政复议")
    assert first.pattern is second.pattern
    assert first.search("办理行政复议案件") and not first.search("行政诉讼")
    regex = compile_phrase({"regex": r"出庭(应诉)?率", "label": "出庭率"})
    assert regex.label == "出庭率" and regex.search("出庭应诉率100%").group(0) == "出庭应诉率"


def test_the_built_in_rule_folder_is_the_packages_own():
    from importlib.resources import files
    from importlib.util import find_spec

    import checker
    from checker import builtin_rules_dir

    found = builtin_rules_dir()
    if find_spec("checker.builtin_rules") is None:  # the checkout's own package, not installed in place
        assert found == Path(checker.__file__).resolve().parent.parent / "rules"
    else:
        assert str(found) == str(files("checker.builtin_rules"))
    assert found.joinpath("government.yaml").is_file()


def test_every_dataclass_has_a_docstring():
    # Without one, dataclasses writes one from inspect.signature when the class is made: at import.
    undocumented = []
    for path in sorted((ROOT / "checker").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and ast.get_docstring(node) is None and any(
                    "dataclass" in ast.unparse(decorator) for decorator in node.decorator_list):
                undocumented.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    assert undocumented == []
