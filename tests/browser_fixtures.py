"""Headless Chromium for the browser tests: one path, one set of flags, one Playwright fixture."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
# No network features and nothing remembered between runs.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync"]
FZCHECK = Path(sys.executable).with_name("fzcheck")


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()
