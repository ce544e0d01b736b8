"""The pages: 自查 (one report), 批量 (several files or a .zip), 规则, the API description; and their fragments."""
from __future__ import annotations

import asyncio
import json
from functools import lru_cache
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, StreamingResponse

from checker import __version__
from checker.results import Batch
from checker.web.api import parse_form
from checker.web.checking import check_uploads
from checker.web.errors import HttpError, bad_request
from checker.web.uploads import FORMATS_HINT, REPORT_FORMATS, options_from, read_uploads

router = APIRouter(include_in_schema=False)
ACCEPT = ".docx,.doc,.wps,.pdf,.txt,.html,.htm,.mht,.ofd,.rtf"


@lru_cache(maxsize=1)
def _environment() -> Any:
    from jinja2 import ChoiceLoader, Environment, PackageLoader

    # autoescape=True: report text and file names are shown as text whatever they contain. The pages' own
    # templates first, then the HTML report's, whose partials (overview row, 督察比对) the batch page shares.
    loader = ChoiceLoader([PackageLoader("checker.web", "templates"), PackageLoader("checker", "templates")])
    return Environment(loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True)


def render(template: str, **context: Any) -> str:
    return _environment().get_template(template).render({"version": __version__, **context})


def page(template: str, active: str, **context: Any) -> HTMLResponse:
    from checker.labels import KIND_LABEL

    return HTMLResponse(render(template, active=active, accept=ACCEPT, formats_hint=FORMATS_HINT, kinds=KIND_LABEL,
                                   report_formats=REPORT_FORMATS, **context))


@router.get("/")
async def check_page() -> HTMLResponse:
    return page("check.html", "check")


@router.get("/batch")
async def batch_page() -> HTMLResponse:
    return page("batch.html", "batch")


@router.get("/rules")
async def rules_page(set: str = "government") -> HTMLResponse:
    from checker.labels import group_label, severity_label
    from checker.ruleinfo import explain_rule
    from checker.ruleset import builtin_names, load_ruleset

    names = builtin_names()
    if set not in names:
        raise bad_request(f"没有名为 {set[:40]!r} 的内置规则集；可用：{'、'.join(names)}")
    ruleset = load_ruleset(set)
    rules = [{"id": r.id, "title": r.title, "group": group_label(r), "severity": severity_label(r.severity),
              "severity_code": r.severity.value, "explanation": explain_rule(r)} for r in ruleset.rules]
    return page("rules.html", "rules", names=names, current=set, title=ruleset.title, rules=rules)


@router.get("/docs")
async def docs_page(request: Request) -> HTMLResponse:
    schema = request.app.openapi()
    endpoints = [{"method": method.upper(), "path": path, "summary": op.get("summary", "")}
                 for path, item in schema["paths"].items() for method, op in item.items()]
    return page("docs.html", "docs", endpoints=endpoints)


@router.post("/ui/check")
async def check_fragment(request: Request) -> HTMLResponse:
    form = await parse_form(request)
    options, uploads, rejected = await _read(request, form)
    if len(uploads) + len(rejected) > 1:
        raise bad_request("自查一次检查一份报告；多份报告请用“批量检查”页")
    batch = await check_uploads(request.app.state.pool, uploads, rejected, options)
    return HTMLResponse(render("report_view.html", **report_view(batch, options.rules)))


@router.post("/ui/batch")
async def batch_fragment(request: Request) -> StreamingResponse:
    """Progress as JSON lines ({"done", "total"}), then {"html": the overview} or {"error": …}."""
    form = await parse_form(request)
    options, uploads, rejected = await _read(request, form)
    lines: asyncio.Queue[dict | None] = asyncio.Queue()
    total = len(uploads)

    async def work() -> None:
        try:
            lines.put_nowait({"done": 0, "total": total})
            batch = await check_uploads(request.app.state.pool, uploads, rejected, options,
                                        lambda done: lines.put_nowait({"done": done, "total": total}))
            html = await asyncio.to_thread(lambda: render("batch_view.html", **batch_view(batch)))
            lines.put_nowait({"html": html})
        except HttpError as error:
            lines.put_nowait({"error": error.message, "status": error.status})
        except Exception as error:  # noqa: BLE001 - the stream has started: report in it, not as a status
            lines.put_nowait({"error": f"服务内部错误（{type(error).__name__}），请重试", "status": 500})
        finally:
            lines.put_nowait(None)

    task = asyncio.create_task(work())

    async def stream():
        while (item := await lines.get()) is not None:
            yield json.dumps(item, ensure_ascii=False) + "\n"
        await task

    return StreamingResponse(stream(), media_type="application/x-ndjson")


async def _read(request: Request, form: Any):
    from checker.ruleset import builtin_names

    settings = request.app.state.settings
    options = options_from(form, settings.max_bytes, builtin_names())
    uploads, rejected = await read_uploads(form, settings.max_bytes)
    return options, uploads, rejected


def report_view(batch: Batch, rules: str | None) -> dict[str, Any]:
    """One report for the page: gaps first (most serious first), each with its rule's explanation."""
    from checker.reporters.html_report import page_context

    report = batch.reports[0]
    view = page_context(batch)["reports"][0]
    order = {result.rule: rank for rank, result in enumerate(report.gaps())}
    results = view["results"]
    gaps = sorted((r for r in results if r["is_gap"]), key=lambda r: order.get(r["rule"], 0))
    explanations = _explanations(rules or report.ruleset)
    placements = {r.rule: r.placement.text for r in report.results if r.is_gap and r.placement is not None}
    for result in results:
        result["explanation"] = explanations.get(result["rule"], "")
        result["placement"] = placements.get(result["rule"], "")
    return {"report": view, "gaps": gaps, "others": [r for r in results if not r["is_gap"]],
            "errors": [e.as_dict() for e in batch.errors]}


def _explanations(ref: str) -> dict[str, str]:
    from checker.errors import FzError
    from checker.ruleinfo import explain_rule
    from checker.ruleset import load_ruleset

    try:
        return {rule.id: explain_rule(rule) for rule in load_ruleset(ref).rules}
    except FzError:
        return {}


def batch_view(batch: Batch) -> dict[str, Any]:
    """The batch for the page: the HTML report's overview, common gaps, 督察比对, matrix and each report's gaps."""
    from checker.reporters.html_report import page_context

    context = page_context(batch)
    for report in context["reports"]:
        report["gaps"] = [r for r in report["results"] if r["is_gap"]]
    return context
