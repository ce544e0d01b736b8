"""The HTML report in Chromium as a person sees it and prints it on A4: the single-report page and a batch overview.

The real console script writes the page; Playwright drives /usr/bin/chromium; poppler's pdftotext reads the PDF back.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest

from browser_fixtures import CHROMIUM, FZCHECK, browser  # noqa: F401  (browser is a fixture)
from conftest import EXAMPLES

A4_POINTS = (595, 842)  # pdfinfo's page size for A4, rounded

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium is not installed"),
    pytest.mark.skipif(not FZCHECK.exists(), reason="the fzcheck console script is not installed"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed"),
]
pytest.importorskip("playwright.sync_api")


def html_of(tmp_path: Path, *inputs: Path) -> Path:
    """`fzcheck check INPUTS --format html -o report.html`, as a user types it."""
    out = tmp_path / "报告.html"
    done = subprocess.run([str(FZCHECK), "check", *map(str, inputs), "--format", "html", "-o", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr
    return out


def pages_of(pdf: Path, *mode: str) -> list[str]:
    """The text of each page of a PDF: in reading order, or as laid out on the page with mode "-layout"."""
    count = int(re.search(r"Pages:\s+(\d+)", _run("pdfinfo", str(pdf))).group(1))
    return [_run("pdftotext", *mode, "-f", str(n), "-l", str(n), str(pdf), "-") for n in range(1, count + 1)]


def _run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True, timeout=60).stdout


def print_pdf(browser, page_path: Path, pdf: Path) -> dict:
    """Print the page to an A4 PDF; measure, in print media at the paper's width, what is wider than the paper.

    Chromium shrinks every page of a print to fit the widest element, so a wide table clips or shrinks the whole."""
    page = browser.new_page()
    try:
        page.goto(page_path.as_uri())
        page.pdf(path=str(pdf), format="A4")
        page.emulate_media(media="print")
        page.set_viewport_size({"width": 703, "height": 1000})  # 210 mm less the 2 × 12 mm margins, in CSS pixels
        return page.evaluate("""() => ({
            paper: document.body.clientWidth, page: document.documentElement.scrollWidth,
            tables: [...document.querySelectorAll('table')].map(t => [t.className, t.scrollWidth]),
        })""")
    finally:
        page.close()


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_single_report_page_on_screen(browser, tmp_path):
    source = EXAMPLES / "government-flawed.txt"
    path = html_of(tmp_path, source)
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    try:
        page.goto(path.as_uri())
        page.screenshot(path=str(tmp_path / "single.png"))
        assert (tmp_path / "single.png").stat().st_size > 30_000  # text and colour, not a blank page
        assert page.locator("h1").inner_text().startswith("柳川镇")
        verdict = page.locator(".verdict").inner_text()
        assert re.fullmatch(r"结论：法定内容 \d+/\d+ 符合；缺失 \d+ 项，薄弱 \d+ 项，符合 \d+ 项；得分 \d+/100", verdict)
        blocks = page.locator("article.gap")
        assert blocks.count() >= 10
        first = blocks.first.inner_text()
        assert "缺失" in first and "依据：" in first and "规则 " in first
        assert page.locator("table.matrix").count() == 0 and "报告概览" not in page.content()
        # Passes and 不适用 are folded: their list is not shown until the summary is clicked.
        others = page.locator("details.others li").first
        assert not others.is_visible()
        page.locator("details.others summary").click()
        assert others.is_visible()
    finally:
        page.close()


def test_single_report_prints_on_a4_without_blank_pages(browser, tmp_path):
    path = html_of(tmp_path, EXAMPLES / "government-flawed.txt")
    pdf = tmp_path / "single.pdf"
    layout = print_pdf(browser, path, pdf)
    assert re.search(r"Page size:.*\(A4\)", _run("pdfinfo", str(pdf)))
    pages = pages_of(pdf)
    assert 2 <= len(pages) <= 12
    assert all(_flat(text) for text in pages), [n for n, text in enumerate(pages, 1) if not _flat(text)]
    everything = _flat("".join(pages))
    # The folded list of passes and 不适用 is printed too, and nothing is wider than the paper.
    assert "其余" in everything and "text.suspicious" in everything
    assert layout["page"] <= layout["paper"], layout
    # No gap block is cut in two: each block's title is on the page that shows its rule id at the block's end.
    html = path.read_text(encoding="utf-8")
    blocks = re.findall(r'<article class="gap \w+">\s*<h3><span[^>]*>[^<]*</span> ([^<]+)<.*?规则 ([\w.-]+)</p>', html, re.S)
    assert len(blocks) >= 10
    for title, rule in blocks:
        page = next(text for text in pages if f"规则 {rule}" in text)
        assert _flat(unescape(title)) in _flat(page), (title, rule)


def test_batch_overview_prints_the_whole_matrix(browser, tmp_path, shared_dir):
    seeds = sorted((shared_dir / "seeds").glob("*.txt"))
    path = html_of(tmp_path, *seeds, EXAMPLES)
    html = path.read_text(encoding="utf-8")
    titles = [unescape(t) for t in re.findall(r'<span class="col-title">([^<]+)</span>', html)]
    sections = [unescape(t) for t in re.findall(r'<section class="report" id="[^"]+">\s*<h3>([^<]+)</h3>', html)]
    assert len(titles) >= 20 and len(sections) == len(seeds) + 3
    pdf = tmp_path / "batch.pdf"
    layout = print_pdf(browser, path, pdf)
    pages = pages_of(pdf)
    assert re.search(r"Page size:.*\(A4\)", _run("pdfinfo", str(pdf)))
    assert all(_flat(text) for text in pages), [n for n, text in enumerate(pages, 1) if not _flat(text)]
    # The overview pages, then each report from the top of a page of its own.
    assert len(sections) + 1 <= len(pages) <= 8 * len(sections)
    for title in sections:
        assert any(_flat(text).startswith(_flat(title)) for text in pages), title
    # Nothing is wider than the paper, the matrix included, and every column is on its page: numbered in the
    # header row, titled in the list under it.
    assert layout["page"] <= layout["paper"] and dict(layout["tables"])["matrix"] <= layout["paper"], layout
    at = next(n for n, text in enumerate(pages) if "报告×规则一览" in _flat(text))
    header = next(line for line in pages_of(pdf, "-layout")[at].splitlines()
                  if line.strip().startswith("报告 / 单位") and re.search(r"\b1\s+2\s+3\b", line))
    assert re.findall(r"\d+", header) == [str(n) for n in range(1, len(titles) + 1)]
    listed = _flat(pages[at][pages[at].index("报告 / 单位"):])
    for title in titles:
        assert _flat(title) in listed, title
