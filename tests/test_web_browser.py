"""The pages in a real browser: the real `fzcheck serve` on a loopback port, driven by Playwright with Chromium."""
from __future__ import annotations

import io
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from browser_fixtures import CHROMIUM, FZCHECK, browser  # noqa: F401  (browser is a fixture)
from web_fixtures import DEPARTMENT, FLAWED, GOOD, comment_count, docx_from_text


pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium is not installed"),
    pytest.mark.skipif(not FZCHECK.exists(), reason="the fzcheck console script is not installed"),
]
pytest.importorskip("playwright.sync_api")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`fzcheck serve` with its temporary files in a folder of our own, stopped with Ctrl+C at the end."""
    scratch = tmp_path_factory.mktemp("server-tmp")
    port = _free_port()
    log = tmp_path_factory.mktemp("server-log") / "serve.log"
    env = {**os.environ, "TMPDIR": str(scratch), "FZCHECK_TOKEN": ""}
    with open(log, "wb") as out:
        process = subprocess.Popen([str(FZCHECK), "serve", "--port", str(port), "--workers", "2"],
                                   stdout=out, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=2) as answer:
                    if json.load(answer)["status"] == "ok":
                        break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("fzcheck serve did not answer /healthz within a minute: " + log.read_text(errors="replace"))
        yield {"base": base, "scratch": scratch, "log": log}
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
    # Nothing uploaded is left behind, and no report text reached the server's output.
    assert list(scratch.iterdir()) == []
    assert "柳川镇" not in log.read_text(encoding="utf-8", errors="replace")


@pytest.fixture
def page(browser, server):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1200, "height": 900}, locale="zh-CN")
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda error: problems.append(str(error)))
    # Answers with an error status are logged by the browser as failed loads; the page shows them itself.
    opened.on("console", lambda message: problems.append(message.text)
              if message.type == "error" and not message.text.startswith("Failed to load resource") else None)
    yield opened
    context.close()
    assert problems == []  # no script error, nothing refused by the content security policy


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("FZCHECK_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _api_json(base: str, name: str, data: bytes) -> dict:
    boundary = uuid.uuid4().hex
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
            f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(base + "/api/check", data=body, method="POST",
                                     headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    with urllib.request.urlopen(request, timeout=120) as answer:
        return json.load(answer)


def test_one_report_shows_gaps_and_downloads_the_annotated_docx(page, server, shots, tmp_path):
    report = tmp_path / "柳川镇报告.docx"
    report.write_bytes(docx_from_text(FLAWED))
    expected = _api_json(server["base"], report.name, report.read_bytes())["reports"][0]["results"]
    gaps = [r for r in expected if r["status"] in ("weak", "missing")]

    page.goto(server["base"] + "/")
    page.set_input_files("input[name=files]", str(report))
    page.click("button[type=submit]")
    page.wait_for_selector(".report", timeout=120_000)
    page.screenshot(path=str(shots / "check.png"))
    page.screenshot(path=str(shots / "check-full.png"), full_page=True)

    findings = page.locator(".finding")
    assert findings.count() == len(gaps)
    assert page.locator(".finding.missing").count() == sum(r["status"] == "missing" for r in gaps) > 0
    text = page.inner_text(".result")
    for gap in gaps:
        assert gap["title"] in text and gap["suggestion"] in text
    # The legal basis and the rule's explanation open on demand.
    first = findings.first
    assert not first.locator("details pre").is_visible()
    first.locator("summary", has_text="规则说明").click()
    assert "判定标准" in first.locator("details pre").inner_text()

    with page.expect_download() as caught:
        page.click("text=下载批注版 Word")
    download = caught.value
    assert download.suggested_filename == "柳川镇报告.批注.docx"
    located = sum(1 for r in gaps if r["evidence"] or r.get("placement"))
    assert comment_count(Path(download.path()).read_bytes()) == located + 1  # plus the summary comment


def test_three_files_batch_shows_overview_and_downloads_xlsx(page, server, shots, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    flawed = tmp_path / "柳川镇.docx"
    flawed.write_bytes(docx_from_text(FLAWED))
    files = [str(flawed), str(GOOD), str(DEPARTMENT)]

    page.goto(server["base"] + "/batch")
    page.set_input_files("input[name=files]", files)
    page.click("button[type=submit]")
    page.wait_for_selector(".batch", timeout=180_000)
    page.screenshot(path=str(shots / "batch.png"), full_page=True)

    assert page.inner_text(".progress-text") == "已检查 3 / 3 份"
    assert page.locator("table.overview tbody tr").count() == 3
    assert page.locator("table.matrix tbody tr").count() == 3
    assert page.locator("table.common tbody tr").count() > 0
    overview = page.inner_text("table.overview")
    assert "柳川镇" in overview and "government-good.txt" in overview and "department.txt" in overview
    # 督察比对 as in the downloadable report: each report's concreteness, then the copying verdict.
    assert page.locator("#supervision").is_visible()
    assert page.locator("table.supervision tbody tr").count() == 3
    assert "具体程度" in page.inner_text("table.supervision") and "雷同与照搬" in page.inner_text(".batch")
    # On paper: the result without the page's controls, nothing wider than A4 less its margins (703 CSS px).
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 703, "height": 1000})
    assert not page.locator("#batch-form").is_visible() and not page.locator(".downloads").is_visible()
    assert not page.locator("header.top").is_visible() and page.locator("table.matrix").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 703
    page.pdf(path=str(shots / "batch-print.pdf"), format="A4")
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 1200, "height": 900})

    with page.expect_download() as caught:
        page.click("text=下载 Excel 汇总")
    workbook = openpyxl.load_workbook(io.BytesIO(Path(caught.value.path()).read_bytes()))
    first = workbook.worksheets[0]
    names = [str(cell.value) for row in first.iter_rows() for cell in row if cell.value]
    assert any("柳川镇" in name for name in names) and any("department.txt" in n for n in names)


def test_hostile_file_name_and_text_stay_text(page, server, shots, tmp_path):
    hostile = tmp_path / "<img src=x onerror=window.hit=1>.txt"
    hostile.write_text(GOOD.read_text(encoding="utf-8").replace("一、", "一、<script>window.hit=2</script>", 1),
                       encoding="utf-8")
    page.goto(server["base"] + "/")
    page.set_input_files("input[name=files]", str(hostile))
    page.click("button[type=submit]")
    page.wait_for_selector(".report", timeout=120_000)
    assert page.locator(".result img").count() == 0 and page.locator(".result script").count() == 0
    assert "<img src=x onerror=window.hit=1>.txt" in page.inner_text(".report-head")
    assert page.evaluate("window.hit") is None


def test_errors_show_as_one_line_on_the_page(page, server, tmp_path):
    broken = tmp_path / "损坏.docx"
    broken.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    page.goto(server["base"] + "/")
    page.set_input_files("input[name=files]", str(broken))
    page.click("button[type=submit]")
    page.wait_for_selector(".status.error", timeout=60_000)
    assert "损坏" in page.inner_text(".status") and page.locator(".report").count() == 0


def test_rules_page_lists_rules_with_explanations(page, server, shots):
    page.goto(server["base"] + "/rules")
    rules = page.locator("details.rule")
    assert rules.count() > 10
    rules.first.locator("summary").click()
    assert "怎么改" in rules.first.locator("pre").inner_text()
    page.screenshot(path=str(shots / "rules.png"))
    page.goto(server["base"] + "/rules?set=department")
    assert page.locator("h2").inner_text().startswith("department")


def test_pasted_text_is_checked(page, server):
    page.goto(server["base"] + "/")
    page.click("text=或者粘贴报告正文")
    page.fill("textarea[name=text]", FLAWED.read_text(encoding="utf-8"))
    page.click("button[type=submit]")
    page.wait_for_selector(".report", timeout=120_000)
    assert page.locator(".finding").count() > 0
    assert page.locator("[data-docx-only]").is_hidden()  # nothing to annotate without a Word file
