"""Layers stay apart: readers, kinds and reporters do not import each other; packaging lists every package."""
from __future__ import annotations

import ast
import configparser
from pathlib import Path

import pytest

from conftest import ROOT

CHECKER = ROOT / "checker"
# module prefix → prefixes it must not import
FORBIDDEN = {
    "checker.readers": ("checker.kinds", "checker.reporters", "checker.ruleset", "checker.engine", "checker.document"),
    "checker.kinds": ("checker.readers", "checker.reporters", "checker.ruleset", "checker.pipeline"),
    "checker.reporters": ("checker.readers", "checker.kinds", "checker.ruleset", "checker.engine", "checker.document"),
    "checker.results": ("checker.",),
    "checker.text": ("checker.results", "checker.readers", "checker.kinds", "checker.reporters"),
}


def _modules():
    for path in sorted(CHECKER.rglob("*.py")):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        yield name, path


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


@pytest.mark.parametrize("name, path", list(_modules()), ids=lambda v: str(v) if isinstance(v, str) else "")
def test_layer_imports(name, path):
    for prefix, banned in FORBIDDEN.items():
        if name == prefix or name.startswith(prefix + "."):
            bad = [i for i in _imports(path) if i.startswith(banned) and not i.startswith(prefix)]
            assert not bad, f"{name} imports {bad}"


def test_cli_holds_no_checking_logic():
    source = (ROOT / "cli.py").read_text(encoding="utf-8")
    assert "import re\n" not in source and "Status." not in source


def test_setup_cfg_lists_every_package():
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    listed = set(config["options"]["packages"].split())
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in CHECKER.rglob("__init__.py")}
    assert on_disk <= listed
    assert "checker.builtin_rules" in listed and (ROOT / "rules" / "__init__.py").exists()
