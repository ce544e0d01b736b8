"""The HTML report as a browser shows it: headless Chromium screenshots and dumps the page."""
from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from checker.reporters import get_reporter
from sample_batches import sample_batch

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
WIDTH, HEIGHT = 1280, 2000

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed")


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    """Run headless Chromium with no network features and a throwaway profile."""
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}", *args,
    ]
    return subprocess.run(command, capture_output=True, timeout=120, cwd=tmp_path)


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("html")
    path = folder / "汇总.html"
    path.write_text(get_reporter("html").render(sample_batch()), encoding="utf-8")
    return path


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the PNG's IHDR chunk."""
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n" and header[12:16] == b"IHDR"
    return struct.unpack(">II", header[16:24])


def test_screenshot_has_the_window_size_and_content(page, tmp_path):
    shot = tmp_path / "shot.png"
    chromium(tmp_path, f"--screenshot={shot}", f"--window-size={WIDTH},{HEIGHT}", page.as_uri())
    assert shot.is_file()
    assert png_size(shot) == (WIDTH, HEIGHT)
    # A blank white page compresses to a few KB; tables, colours and Chinese text do not.
    assert shot.stat().st_size > 50_000


def test_dom_holds_the_report_text_and_no_script(page, tmp_path):
    done = chromium(tmp_path, "--dump-dom", page.as_uri())
    dom = done.stdout.decode("utf-8")
    assert "法治政府建设年度报告检查汇总" in dom
    assert "城东镇人民政府关于2023年度法治政府建设情况的报告" in dom
    assert "党政主要负责人履行推进法治建设第一责任人职责情况" in dom
    assert 'class="matrix"' in dom
    # The evidence's <script> stayed text: the browser built no script element from it.
    assert "<script" not in dom.lower() and "&lt;script&gt;" in dom
