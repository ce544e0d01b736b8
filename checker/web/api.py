"""The HTTP API: /api/check (the CLI's JSON or another report format), /api/annotate, /api/rules, /healthz."""
from __future__ import annotations

import asyncio
import os
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from checker.results import Batch, FileError
from checker.web import jobs
from checker.web.checking import check_uploads, nothing_readable, run_job
from checker.web.app import LIMIT_KEY
from checker.web.errors import HttpError, bad_request
from checker.web.uploads import FORMATS_HINT, NO_FILES, options_from, read_uploads

router = APIRouter()

# format → (media type, download name); json is the default and the CLI's own output.
FORMATS = {
    "json": ("application/json", None),
    "html": ("text/html; charset=utf-8", "fzcheck-报告.html"),
    "csv": ("text/csv; charset=utf-8", "fzcheck-结果.csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "fzcheck-汇总.xlsx"),
    "sarif": ("application/sarif+json", "fzcheck.sarif"),
    "junit": ("application/xml", "fzcheck-junit.xml"),
}
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

_FIELDS = {
    "year": {"type": "integer", "minimum": 2000, "maximum": 2099, "description": "报告年度（不填则从标题、开头或落款推断）"},
    "kind": {"type": "string", "enum": ["government", "department"], "description": "报告类型（不填则按发文主体推断）"},
    "rules": {"type": "string", "description": "内置规则集名称（government、department、profiles/…），见 GET /api/rules"},
    "published": {"type": "string", "format": "date", "description": "向社会公开的日期 YYYY-MM-DD"},
}


def _multipart(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    return {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": schema}}}}


_ERRORS = {
    "400": {"description": "参数有误"}, "401": {"description": "缺少或错误的访问令牌"},
    "413": {"description": "文件或请求过大"}, "415": {"description": "不是报告文件格式"},
    "422": {"description": "文件无法读取（损坏、加密、扫描件、压缩炸弹、超时）"},
}


async def parse_form(request: Request) -> Any:
    """The multipart form, with the size limits of this server; anything else is a 415."""
    content_type = request.headers.get("content-type", "")
    if not content_type:
        raise bad_request(NO_FILES)
    if not content_type.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        raise HttpError(415, "请以 multipart/form-data 上传：文件放在 files 字段，或把正文放在 text 字段")
    settings = request.app.state.settings
    try:
        return await request.form(max_files=request.app.state.max_files + 1, max_fields=50,
                                  max_part_size=settings.max_bytes)
    except Exception:  # noqa: BLE001 - starlette's MultiPartException, a cut-off body
        if LIMIT_KEY in request.scope:
            raise HttpError(413, request.scope[LIMIT_KEY]) from None
        raise bad_request("上传内容格式有误，无法解析表单；请用 multipart/form-data 上传") from None


async def checked_batch(request: Request, form: Any, on_done=None) -> tuple[Batch, int]:
    """The uploads of a form checked in the worker pool, and how many files that was."""
    from checker.ruleset import builtin_names

    settings = request.app.state.settings
    options = options_from(form, settings.max_bytes, builtin_names())
    uploads, rejected = await read_uploads(form, settings.max_bytes)
    total = len(uploads)
    if on_done:
        on_done(0, total)
    batch = await check_uploads(request.app.state.pool, uploads, rejected, options,
                                (lambda done: on_done(done, total)) if on_done else None)
    return batch, total


def render(batch: Batch, fmt: str) -> bytes:
    from checker.reporters import get_reporter

    data = get_reporter(fmt).render(batch, color=False, width=None)
    return data.encode("utf-8") if isinstance(data, str) else data


def attachment(name: str) -> str:
    """A Content-Disposition for a Chinese file name (RFC 6266), with an ASCII fallback."""
    ascii_name = "".join(ch if ch.isascii() and ch.isalnum() or ch in "._-" else "_" for ch in name)
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


@router.post("/api/check", summary="检查一份或多份报告", responses={"200": {"description": "与 fzcheck check --format json 相同的 JSON（format 为其他值时是相应格式的文件）"}, **_ERRORS},
             openapi_extra=_multipart({
                 "files": {"type": "array", "items": {"type": "string", "format": "binary"},
                           "description": f"报告文件，可多个；{FORMATS_HINT}"},
                 "text": {"type": "string", "description": "或直接粘贴报告正文"},
                 **_FIELDS,
                 "format": {"type": "string", "enum": sorted(FORMATS), "default": "json", "description": "返回格式"},
             }))
async def check(request: Request) -> Response:
    form = await parse_form(request)
    raw = form.get("format")
    fmt = raw.strip() if isinstance(raw, str) and raw.strip() else "json"
    if fmt not in FORMATS:
        raise bad_request(f"format 只能是 {'、'.join(sorted(FORMATS))} 之一（收到 {fmt[:20]!r}）")
    batch, _ = await checked_batch(request, form)
    data = await asyncio.to_thread(render, batch, fmt)
    media, name = FORMATS[fmt]
    headers = {"Content-Disposition": attachment(name)} if name else {}
    return Response(data, media_type=media, headers=headers)


@router.post("/api/annotate", summary="在 Word 文件中插入批注，返回批注版 .docx", responses={"200": {"description": "批注版 .docx"}, **_ERRORS},
             openapi_extra=_multipart({"files": {"type": "string", "format": "binary", "description": "一份 .docx 报告"},
                                       **_FIELDS}, ["files"]))
async def annotate(request: Request) -> Response:
    from checker.ruleset import builtin_names

    form = await parse_form(request)
    settings = request.app.state.settings
    options = options_from(form, settings.max_bytes, builtin_names())
    uploads, rejected = await read_uploads(form, settings.max_bytes, allow_zip=False)
    if len(uploads) + len(rejected) != 1:
        raise bad_request("批注一次只处理一份 .docx 报告，请只上传一个文件")
    if rejected:
        raise nothing_readable(rejected, [])
    upload = uploads[0]
    if not upload.name.lower().endswith(".docx"):
        raise HttpError(415, f"{upload.name}: 批注功能只支持 .docx 文件；.doc/.wps 请先另存为 .docx")
    outcome = await run_job(request.app.state.pool, jobs.annotate, upload, options)
    if isinstance(outcome, FileError):
        raise HttpError(422, f"{outcome.path}: {outcome.message}")
    data, report = outcome
    headers = {"Content-Disposition": attachment(os.path.splitext(upload.name)[0] + ".批注.docx"),
               "X-Fzcheck-Gaps": str(len(report.gaps())), "X-Fzcheck-Score": "" if report.score is None else str(report.score)}
    if report.not_a_report is not None:  # not scored: say what the file is instead, as a code
        headers["X-Fzcheck-Not-A-Report"] = report.not_a_report.code
    return Response(data, media_type=DOCX_TYPE, headers=headers)


@router.get("/api/rules", summary="内置规则集及其规则")
async def rules(rules: str | None = None) -> JSONResponse:
    from checker.labels import group_label
    from checker.ruleset import builtin_names, load_ruleset

    names = builtin_names()
    if rules is not None and rules not in names:
        raise bad_request(f"没有名为 {rules[:40]!r} 的内置规则集；可用：{'、'.join(names)}")
    sets = []
    for name in [rules] if rules else names:
        ruleset = load_ruleset(name)
        sets.append({"name": name, "title": ruleset.title, "rules": [
            {"id": r.id, "title": r.title, "severity": r.severity.value, "group": group_label(r)} for r in ruleset.rules]})
    return JSONResponse({"rulesets": sets})


@router.get("/api/rules/{rule_id}", summary="一条规则的说明（与 fzcheck explain 相同的文字）")
async def rule(rule_id: str, rules: str = "government") -> JSONResponse:
    from checker.labels import group_label
    from checker.placeholders import fill
    from checker.ruleinfo import explain_rule, meanings
    from checker.ruleset import builtin_names, load_ruleset

    if rules not in builtin_names():
        raise bad_request(f"没有名为 {rules[:40]!r} 的内置规则集；可用：{'、'.join(builtin_names())}")
    found = load_ruleset(rules).get(rule_id)
    if found is None:
        raise HttpError(404, f"规则集 {rules} 中没有规则 {rule_id[:60]}；用 GET /api/rules 查看全部规则")
    return JSONResponse({
        "id": found.id, "title": fill(found.title), "severity": found.severity.value, "group": group_label(found),
        "reason": fill(found.reason), "basis": fill(found.basis), "suggestion": fill(found.suggestion),
        "example": fill(found.example), "meaning": {k: fill(v) for k, v in meanings(found).items()}, "ruleset": rules,
        "explanation": explain_rule(found),
    })


@router.get("/healthz", summary="服务状态")
async def healthz(request: Request) -> JSONResponse:
    pool = request.app.state.pool
    return JSONResponse({"status": "ok", "workers": len(pool.pids())})
