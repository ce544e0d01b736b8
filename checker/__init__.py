"""fzcheck: compliance checker for 法治政府建设年度报告."""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from checker.results import Report


def builtin_rules_dir() -> Any:
    """The folder of built-in rule sets: package data when installed, rules/ in a checkout.

    An installed package in a plain folder (the usual case) is read from there without importing
    importlib.resources (and the zipfile and tempfile it brings), which a one-file check does not need."""
    from importlib.util import find_spec
    from pathlib import Path

    try:
        spec = find_spec("checker.builtin_rules")
    except ModuleNotFoundError:
        spec = None
    if spec is None:
        return Path(__file__).resolve().parent.parent / "rules"
    folders = list(spec.submodule_search_locations or ())
    if len(folders) == 1 and os.path.isdir(folders[0]):
        return Path(folders[0])
    from importlib.resources import files

    return files("checker.builtin_rules")


def check_file(path: str, **options: Any) -> "Report":
    """Check one report file; options as for `fzcheck check` (rules, year, kind, published)."""
    from checker.pipeline import Options, check_one

    return check_one(path, Options(**options))


def check_text(text: str, *, name: str = "<text>", **options: Any) -> "Report":
    """Check a report given as a string."""
    from checker.pipeline import Options, check_string

    return check_string(text, name, Options(**options))
