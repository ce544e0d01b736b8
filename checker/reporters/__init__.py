"""Output formats: each reporter turns a whole Batch into text or bytes and knows nothing else."""
from __future__ import annotations

import importlib
from types import ModuleType

# name → module; each module has MEDIA ("text" | "binary") and render(batch, *, color, width).
# Imported on use, so the default terminal path never loads XlsxWriter or Jinja2.
REPORTERS: dict[str, str] = {
    "text": "checker.reporters.terminal_report",
    "json": "checker.reporters.json_report",
    "sarif": "checker.reporters.sarif_report",
    "junit": "checker.reporters.junit_report",
    "html": "checker.reporters.html_report",
    "csv": "checker.reporters.csv_report",
    "xlsx": "checker.reporters.xlsx_report",
}


ALIASES = {"rich": "text"}  # the terminal format's earlier name, still accepted


def get_reporter(name: str) -> ModuleType:
    return importlib.import_module(REPORTERS[ALIASES.get(name, name)])
