"""The HTTP API with the framework's test client: the CLI's JSON, statuses, limits, token, hostile files."""
from __future__ import annotations

import asyncio
import json
import logging
import os
import subprocess
import sys
import tempfile
import time

import pytest
from click.testing import CliRunner

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

import cli  # noqa: E402
import format_fixtures as ff  # noqa: E402
from checker.ruleinfo import explain_rule  # noqa: E402
from checker.ruleset import load_ruleset  # noqa: E402
from checker.web.app import Settings, create_app  # noqa: E402
from conftest import ROOT  # noqa: E402
from web_fixtures import DEPARTMENT, FLAWED, GOOD, comment_count, docx_from_text, zip_of  # noqa: E402

LOCAL = "http://127.0.0.1"


def _client(**settings) -> TestClient:
    return TestClient(create_app(Settings(workers=2, timeout=60, **settings)), base_url=LOCAL)


@pytest.fixture(scope="module")
def client():
    with _client() as running:
        yield running


@pytest.fixture(scope="module")
def small():
    """A server whose size limit is 64 KB (sample reports are a few KB)."""
    with _client(max_bytes=64 * 1024) as running:
        yield running


def _cli_json(tmp_path, monkeypatch, files: dict[str, bytes]) -> bytes:
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli.main, ["check", "--format", "json", *files])
    assert result.exit_code in (0, 1), result.output
    return result.stdout_bytes


# ---------------------------------------------------------------- the CLI's JSON, byte for byte

@pytest.mark.parametrize("files", [
    {"柳川镇报告.docx": docx_from_text(FLAWED)},
    {"good.txt": GOOD.read_bytes()},
    {"甲.docx": docx_from_text(FLAWED), "乙.txt": GOOD.read_bytes(), "丙.txt": DEPARTMENT.read_bytes()},
], ids=["one-docx", "one-txt", "three-files"])
def test_check_returns_exactly_the_cli_json(client, tmp_path, monkeypatch, files):
    response = client.post("/api/check", files=[("files", (name, data)) for name, data in files.items()])
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.content == _cli_json(tmp_path, monkeypatch, files)


def test_options_reach_the_checker(client, tmp_path, monkeypatch):
    data = GOOD.read_bytes()
    response = client.post("/api/check", files={"files": ("good.txt", data)}, data={"year": "2030", "kind": "department"})
    (tmp_path / "good.txt").write_bytes(data)
    monkeypatch.chdir(tmp_path)
    expected = CliRunner().invoke(cli.main, ["check", "--format", "json", "--year", "2030", "--kind", "department",
                                             "good.txt"]).stdout_bytes
    assert response.content == expected
    assert json.loads(response.content)["reports"][0]["report_year"] == 2030


def test_pasted_text_is_checked_like_a_txt_file(client):
    response = client.post("/api/check", data={"text": FLAWED.read_text(encoding="utf-8")})
    report = response.json()["reports"][0]
    assert response.status_code == 200 and report["path"] == "粘贴的文本.txt" and report["summary"]["missing"] > 0


def test_a_batch_goes_on_past_bad_files(client):
    files = [("files", ("好.txt", GOOD.read_bytes())), ("files", ("坏.docx", b"PK\x03\x04" + bytes(range(256)))),
             ("files", ("程序.exe", b"MZ\x90\x00")), ("files", ("炸弹.docx", ff.zip_bomb()))]
    body = client.post("/api/check", files=files).json()
    assert [r["path"] for r in body["reports"]] == ["好.txt"]
    errors = {e["path"]: e["message"] for e in body["errors"]}
    assert set(errors) == {"坏.docx", "程序.exe", "炸弹.docx"}
    assert "损坏" in errors["坏.docx"] and "不是报告文件格式" in errors["程序.exe"] and "压缩炸弹" in errors["炸弹.docx"]


def test_a_zip_of_reports_is_unpacked(client):
    package = zip_of({"下级/甲镇.txt": GOOD.read_bytes(), "下级/乙镇.docx": docx_from_text(FLAWED),
                      "说明.png": b"\x89PNG", "__MACOSX/._甲镇.txt": b"x"}, gbk_names=True)
    body = client.post("/api/check", files={"files": ("报送.zip", package)}).json()
    assert sorted(r["path"] for r in body["reports"]) == ["报送.zip/下级/乙镇.docx", "报送.zip/下级/甲镇.txt"]
    assert body["errors"] == []


@pytest.mark.parametrize("fmt, media, magic", [
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK\x03\x04"),
    ("csv", "text/csv", "\ufeff".encode()),
    ("html", "text/html", b"<!DOCTYPE html>"),
    ("sarif", "application/sarif+json", b"{"),
    ("junit", "application/xml", b"<?xml"),
])
def test_other_formats_come_from_the_reporters(client, fmt, media, magic):
    response = client.post("/api/check", files={"files": ("good.txt", GOOD.read_bytes())}, data={"format": fmt})
    assert response.status_code == 200 and response.headers["content-type"].startswith(media)
    assert response.content.startswith(magic)
    if fmt != "sarif":
        assert "attachment" in response.headers["content-disposition"]


# ---------------------------------------------------------------- statuses: one Chinese line each

def _exe() -> list:
    return [("files", ("setup.exe", b"MZ\x90\x00" * 10))]


STATUS_CASES = {
    "no-file": ({}, {}, 400, "没有收到文件"),
    "bad-year": ({"year": "1800"}, {"files": ("a.txt", b"x")}, 400, "year"),
    "superscript-year": ({"year": "²⁰²⁴"}, {"files": ("a.txt", b"x")}, 400, "year"),
    "bad-kind": ({"kind": "city"}, {"files": ("a.txt", b"x")}, 400, "kind"),
    "rules-path": ({"rules": "../../etc/passwd"}, {"files": ("a.txt", b"x")}, 400, "内置规则集"),
    "bad-format": ({"format": "docx"}, {"files": ("a.txt", b"x")}, 400, "format"),
    "bad-date": ({"published": "2024-13-01"}, {"files": ("a.txt", b"x")}, 400, "YYYY-MM-DD"),
    "not-a-report": ({}, _exe(), 415, "不是报告文件格式"),
    "zip-without-reports": ({}, {"files": ("a.zip", zip_of({"a.png": b"x"}))}, 415, "没有报告文件"),
    "corrupt-docx": ({}, {"files": ("a.docx", b"PK\x03\x04" + bytes(range(256)) * 4)}, 422, "损坏"),
    "empty": ({}, {"files": ("a.txt", b"")}, 422, "空"),
    "zip-bomb": ({}, {"files": ("a.docx", ff.zip_bomb())}, 422, "压缩炸弹"),
    "zip-bomb-in-zip": ({}, {"files": ("a.zip", zip_of({"x.docx": ff.zip_bomb()}))}, 422, "压缩炸弹"),
    "binary-junk": ({}, {"files": ("a.txt", bytes(range(256)) * 64)}, 422, "二进制"),
}


def _entity_bomb() -> bytes:
    entities = "".join(f'<!ENTITY e{i + 1} "' + f"&e{i};" * 10 + '">' for i in range(9))
    doctype = f'<!DOCTYPE w:document [<!ENTITY e0 "lollollollol">{entities}]>'
    return ff.raw_docx("<w:p><w:r><w:t>前&e9;后</w:t></w:r></w:p>", doctype=doctype)


STATUS_CASES["entity-bomb"] = ({}, {"files": ("a.docx", _entity_bomb())}, 422, "")


@pytest.mark.parametrize("case", list(STATUS_CASES))
def test_errors_have_their_status_and_one_chinese_line(client, case):
    data, files, status, words = STATUS_CASES[case]
    started = time.monotonic()
    response = client.post("/api/check", data=data, files=files)
    assert time.monotonic() - started < 60
    assert response.status_code == status, response.text
    message = response.json()["error"]
    assert words in message and "\n" not in message and any("\u4e00" <= ch <= "\u9fff" for ch in message)
    assert client.post("/api/check", files={"files": ("good.txt", GOOD.read_bytes())}).status_code == 200


def test_a_body_that_is_not_multipart_is_415(client):
    response = client.post("/api/check", json={"files": "x"})
    assert response.status_code == 415 and "multipart" in response.json()["error"]


def test_a_file_over_the_size_limit_is_413(small):
    big = ("a" * 70 * 1024).encode()
    response = small.post("/api/check", files={"files": ("big.txt", big)})
    assert response.status_code == 413 and "大小上限 64 KB" in response.json()["error"]


def test_a_body_over_the_request_limit_is_413_before_it_is_read(small):
    limit = small.app.state.settings.body_limit
    response = small.post("/api/check", content=b"x" * (limit + 1),
                          headers={"content-type": "multipart/form-data; boundary=b"})
    assert response.status_code == 413 and "分批上传" in response.json()["error"]


def test_a_streamed_body_over_the_limit_is_413(small):
    limit = small.app.state.settings.body_limit

    def chunks():
        yield b'--b\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\n'
        for _ in range(limit // 65536 + 2):
            yield b"y" * 65536

    response = small.post("/api/check", content=chunks(), headers={"content-type": "multipart/form-data; boundary=b"})
    assert response.status_code == 413


def test_unknown_address_is_a_chinese_404(client):
    response = client.get("/nope")
    assert response.status_code == 404 and "没有这个地址" in response.json()["error"]


# ---------------------------------------------------------------- annotate

def test_annotate_returns_the_commented_docx(client):
    data = docx_from_text(FLAWED)
    response = client.post("/api/annotate", files={"files": ("柳川镇.docx", data)})
    assert response.status_code == 200
    gaps = int(response.headers["x-fzcheck-gaps"])
    located = sum(1 for r in json.loads(client.post("/api/check", files={"files": ("柳川镇.docx", data)}).content)
                  ["reports"][0]["results"] if r["status"] in ("weak", "missing") and (r["evidence"] or r.get("placement")))
    assert gaps > located > 0 and comment_count(response.content) == located + 1  # plus the summary comment
    assert "filename*=UTF-8''%E6%9F%B3%E5%B7%9D%E9%95%87.%E6%89%B9%E6%B3%A8.docx" in response.headers["content-disposition"]


@pytest.mark.parametrize("files, status, words", [
    ({"files": ("a.txt", b"text")}, 415, ".docx"),
    ({"files": ("a.docx", ff.zip_bomb())}, 422, "压缩炸弹"),
    ([("files", ("a.docx", b"1")), ("files", ("b.docx", b"2"))], 400, "一份"),
], ids=["not-docx", "zip-bomb", "two-files"])
def test_annotate_refusals(client, files, status, words):
    response = client.post("/api/annotate", files=files)
    assert response.status_code == status and words in response.json()["error"]


# ---------------------------------------------------------------- rules, health, description

def test_rules_list_and_one_rule_with_the_explain_text(client):
    sets = {s["name"]: s for s in client.get("/api/rules").json()["rulesets"]}
    assert {"government", "department"} <= set(sets)
    assert "content.measures" in [r["id"] for r in sets["government"]["rules"]]
    body = client.get("/api/rules/content.measures").json()
    assert body["explanation"] == explain_rule(load_ruleset("government").get("content.measures"))
    assert client.get("/api/rules/no.such").status_code == 404
    assert client.get("/api/rules", params={"rules": "/etc/passwd"}).status_code == 400


def test_health_openapi_and_offline_docs(client):
    assert client.get("/healthz").json() == {"status": "ok", "workers": 2}
    schema = client.get("/openapi.json").json()
    assert {"/api/check", "/api/annotate", "/api/rules", "/api/rules/{rule_id}", "/healthz"} <= set(schema["paths"])
    docs = client.get("/docs").text
    assert "/api/check" in docs and "cdn" not in docs.lower()


# ---------------------------------------------------------------- token, host, headers

@pytest.fixture(scope="module")
def guarded():
    with _client(host="0.0.0.0", token="s3cret-token") as running:
        yield running


@pytest.mark.parametrize("headers, status", [
    ({}, 401), ({"Authorization": "Bearer wrong"}, 401), ({"Authorization": "Bearer s3cret-token"}, 200),
], ids=["missing", "wrong", "right"])
def test_token_is_required_when_set(guarded, headers, status):
    response = guarded.post("/api/check", files={"files": ("good.txt", GOOD.read_bytes())}, headers=headers)
    assert response.status_code == status
    if status == 401:
        assert "令牌" in response.json()["error"]
        assert guarded.get("/", headers=headers).status_code == 401


def test_token_link_logs_a_browser_in_with_a_cookie(guarded):
    guarded.cookies.clear()
    assert guarded.get("/healthz").status_code == 200  # open: monitoring needs no token
    response = guarded.get("/?token=s3cret-token", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/"
    assert "httponly" in response.headers["set-cookie"].lower()
    assert guarded.get("/").status_code == 200
    guarded.cookies.clear()
    assert guarded.get("/").status_code == 401


def test_loopback_server_refuses_other_host_names(client):
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400


def test_pages_send_a_restrictive_policy(client):
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"] and "default-src 'none'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY" and headers["cache-control"] == "no-store"


# ---------------------------------------------------------------- pages' fragments escape everything

def test_file_names_and_report_text_are_escaped(client):
    hostile = '<img src=x onerror=alert(1)>.txt'
    text = GOOD.read_text(encoding="utf-8").replace("一、", "一、<script>alert(2)</script>", 1)
    html = client.post("/ui/check", files={"files": (hostile, text.encode())}).text
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;.txt" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    stream = client.post("/ui/batch", files=[("files", (hostile, text.encode())), ("files", ("坏.docx", b"PK\x03\x04x"))])
    lines = [json.loads(line) for line in stream.text.splitlines()]
    assert lines[0] == {"done": 0, "total": 2} and lines[-2]["done"] == 2
    assert "<img src=x" not in lines[-1]["html"] and "<script>" not in lines[-1]["html"]
    assert "坏.docx" in lines[-1]["html"]


def test_rules_page_shows_each_explanation(client):
    html = client.get("/rules").text
    assert html.count('<details class="rule">') == len(load_ruleset("government").rules)
    assert client.get("/rules", params={"set": "../x"}).status_code == 400


# ---------------------------------------------------------------- privacy

def test_nothing_is_logged_and_the_private_folder_goes(caplog):
    marker = "独一无二的标记文字七七七"
    text = GOOD.read_text(encoding="utf-8") + "\n" + marker * 30000  # > 1 MB, so spooled; under 40万字
    caplog.set_level(logging.DEBUG)
    app = create_app(Settings(workers=1))
    with TestClient(app, base_url=LOCAL) as running:
        private = tempfile.gettempdir()
        assert os.path.basename(private).startswith("fzcheck-serve-") and os.stat(private).st_mode & 0o077 == 0
        assert running.post("/api/check", files={"files": ("秘.txt", text.encode())}).status_code == 200
        assert os.listdir(private) == []  # the spooled upload is gone with the response
    assert not os.path.exists(private) and tempfile.gettempdir() != private
    assert marker not in caplog.text


# ---------------------------------------------------------------- the worker pool

def test_a_stuck_or_dying_job_is_stopped_and_its_worker_replaced():
    from checker.web.workers import WorkerCrashed, WorkerPool, WorkerTimeout
    from web_jobs import die, sleep

    async def scenario():
        pool = WorkerPool(1, timeout=8)
        await pool.start()
        try:
            with pytest.raises(WorkerTimeout):
                await pool.run(sleep, 60)
            with pytest.raises(WorkerCrashed):
                await pool.run(die)
            return await pool.run(sleep, 0), len(pool.pids())
        finally:
            await pool.close()

    started = time.monotonic()
    assert asyncio.run(scenario()) == ("woke", 1)
    assert time.monotonic() - started < 60


def test_jobs_beyond_the_workers_wait_their_turn():
    from checker.web.workers import WorkerPool
    from web_jobs import sleep

    async def scenario():
        pool = WorkerPool(2, timeout=30)
        await pool.start()
        try:
            await asyncio.gather(*(pool.run(sleep, 0) for _ in range(2)))  # both workers warm
            started = time.monotonic()
            await asyncio.gather(*(pool.run(sleep, 1) for _ in range(4)))
            return time.monotonic() - started
        finally:
            await pool.close()

    assert asyncio.run(scenario()) >= 1.9  # four one-second jobs on two workers take two rounds


# ---------------------------------------------------------------- the command

def test_check_does_not_load_the_web_stack():
    code = ("import sys; from click.testing import CliRunner; import cli;"
            "CliRunner().invoke(cli.main, ['check', 'examples/government-good.txt']);"
            "print([m for m in ('fastapi', 'starlette', 'uvicorn', 'pydantic', 'multipart', 'checker.web')"
            " if m in sys.modules])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.stdout.strip() == "[]", result.stderr


def test_non_loopback_without_token_gets_a_random_one_and_a_warning():
    from checker.web.server import settings_for

    lines: list[str] = []
    settings = settings_for("0.0.0.0", None, lines.append)
    assert settings.token and len(settings.token) >= 16 and len(lines) == 1 and "令牌" in lines[0]
    assert settings_for("127.0.0.1", None, lines.append).token is None and len(lines) == 1


@pytest.mark.parametrize("content, env, expected", [
    ("  file-token-123\n", {"FZCHECK_TOKEN": "env-token-456"}, "file-token-123"),
    (None, {"FZCHECK_TOKEN": "env-token-456"}, "env-token-456"),
    (None, {}, None),
])
def test_token_comes_from_the_file_then_the_environment(tmp_path, content, env, expected):
    from checker.web.server import resolve_token

    path = None
    if content is not None:
        path = tmp_path / "token.txt"
        path.write_text(content, encoding="utf-8")
    assert resolve_token(str(path) if path else None, env) == expected


@pytest.mark.parametrize("setup, words", [("short-token", "令牌太短"), ("missing", "无法读取令牌文件"), ("busy-port", "已被占用")])
def test_serve_refuses_with_one_chinese_line(tmp_path, setup, words):
    import socket

    args = ["serve", "--port", "65000"]
    holder = None
    if setup == "short-token":
        (tmp_path / "t.txt").write_text("abc", encoding="utf-8")
        args += ["--token-file", str(tmp_path / "t.txt")]
    elif setup == "missing":
        args += ["--token-file", str(tmp_path / "none.txt")]
    else:
        holder = socket.socket()
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        args = ["serve", "--port", str(holder.getsockname()[1])]
    try:
        result = CliRunner().invoke(cli.main, args)
    finally:
        if holder:
            holder.close()
    assert result.exit_code == 2 and words in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_an_empty_file_input_beside_pasted_text_is_ignored(client):
    response = client.post("/ui/check", files={"files": ("", b"")}, data={"text": GOOD.read_text(encoding="utf-8")})
    assert response.status_code == 200 and "粘贴的文本.txt" in response.text


# ---------------------------------------------------------------- the batch page shows what the HTML report shows

def _supervisory_uploads(copied: bool) -> list:
    """Three townships with parts of their own; with `copied`, 乙 takes 甲's shortcomings, figures changed."""
    from supervisory_samples import CAUSES, SHORTCOMINGS, report, with_figures_changed

    other = with_figures_changed(SHORTCOMINGS["甲"]) if copied else SHORTCOMINGS["乙"]
    texts = {
        "甲镇.txt": report("甲"),
        "乙镇.txt": report("乙", shortcomings=other, plan="一是推进村级法律顾问全覆盖。二是配齐执法记录仪等执法装备。"),
        "丙镇.txt": report("丙", shortcomings="一是政务公开栏目更新不及时，部分信息公开滞后。二是镇级规范性文件起草质量参差不齐。",
                          causes="究其原因，主要是镇级法制审核人员只有1名，专业力量薄弱。",
                          plan="一是建立行政执法与刑事司法衔接联席会议制度。二是开展政务公开标准化建设。"),
    }
    assert CAUSES["乙"] in texts["乙镇.txt"]
    return [("files", (name, text.encode("utf-8"))) for name, text in texts.items()]


def _section(html: str, start: str, end: str) -> str:
    """The markup from one marker to the next, whitespace between tags ignored."""
    import re

    part = html[html.index(start):]
    return re.sub(r">\s+<", "><", " ".join(part[:part.index(end)].split()))


SUPERVISION_PAGES = [
    # (name, copied, expected in the batch page's 督察比对 section)
    ("copied shortcomings", True, ['<table class="supervision">', '<table class="copying">', "批内", "存在的不足",
                                   "甲镇人民政府", "乙镇人民政府"]),
    ("all different", False, ['<table class="supervision">', "雷同与照搬：未发现"]),
]


@pytest.mark.parametrize("name, copied, expected", SUPERVISION_PAGES, ids=[c[0] for c in SUPERVISION_PAGES])
def test_batch_page_has_the_reports_supervision_sections(client, name, copied, expected):
    uploads = _supervisory_uploads(copied)
    lines = [json.loads(line) for line in client.post("/ui/batch", files=uploads).text.splitlines()]
    page = lines[-1]["html"]
    download = client.post("/api/check", files=uploads, data={"format": "html"}).text
    section = _section(page, 'id="supervision"', "报告 × 规则 一览")
    for text in expected:
        assert text in section, text
    assert ('<table class="copying">' in section) is copied
    # The same partial draws both: the tables are the same markup in the page and in the downloaded report.
    for start, end in (('<table class="supervision">', "</table>"), ('<table class="copying">', "</table>")):
        if start in section:
            assert _section(page, start, end) == _section(download, start, end)
    # The overview rows too: one partial, the same rows, in the same order.
    assert _section(page, '<table class="overview">', "</table>").split("<tbody>")[1] == \
        _section(download, '<table class="overview">', "</table>").split("<tbody>")[1]
