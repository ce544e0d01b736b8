"""The web application: settings, security headers, token, body limit, JSON errors, and the worker pool's life."""
from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import tempfile
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from checker import __version__
from checker.readers import DEFAULT_MAX_BYTES
from checker.web.errors import HttpError
from checker.web.uploads import MAX_FILES
from checker.web.workers import WorkerPool

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
TOKEN_COOKIE = "fzcheck_token"
# Only this server's own files: no inline script or style, no other origin, no framing.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
LIMIT_KEY = "fzcheck.body_limit"  # set in the request scope when BodyLimit cut the body off
OPEN_PATHS = ("/healthz", "/static/")  # no report data behind them


@dataclass(frozen=True)
class Settings:
    """How the web server runs: address, token, limits and workers."""

    host: str = "127.0.0.1"
    token: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    workers: int = 2
    timeout: float = 60.0

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)

    @property
    def body_limit(self) -> int:
        """A whole request: several reports, or a .zip, plus the form around them."""
        return 8 * self.max_bytes + 1024 * 1024


def is_loopback(host: str) -> bool:
    return host in LOOPBACK_HOSTS or host.startswith("127.")


def error_response(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers={"Cache-Control": "no-store"})


class BodyLimit:
    """Refuse a request body past `limit` bytes with 413, by Content-Length or while it streams in."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        message = f"上传内容超过 {self.limit // (1024 * 1024)} MB，请分批上传"
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            return await error_response(413, message)(scope, receive, send)
        received = 0

        async def counted() -> dict:
            nonlocal received
            event = await receive()
            received += len(event.get("body", b""))
            if received > self.limit:
                # Raising here would reach the form parser wrapped in other exceptions; the
                # parser sees the client go away, and parse_form answers 413 from the mark.
                scope[LIMIT_KEY] = message
                return {"type": "http.disconnect"}
            return event

        await self.app(scope, counted, send)


def create_app(settings: Settings = Settings()) -> FastAPI:
    from checker.web import api, pages

    pool = WorkerPool(settings.workers, settings.timeout)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        # Uploads that outgrow memory, and the converters' scratch files, go to a private
        # folder (mode 700) that is removed when the server stops.
        private = app.state.private = tempfile.mkdtemp(prefix="fzcheck-serve-")
        saved = tempfile.tempdir, os.environ.get("TMPDIR")
        tempfile.tempdir = os.environ["TMPDIR"] = private
        try:
            await pool.start()
            yield
        finally:
            await pool.close()
            tempfile.tempdir = saved[0]
            if saved[1] is None:
                os.environ.pop("TMPDIR", None)
            else:
                os.environ["TMPDIR"] = saved[1]
            shutil.rmtree(private, ignore_errors=True)

    app = FastAPI(
        title="fzcheck", version=__version__, lifespan=lifespan,
        description="法治政府建设年度报告合规检查 HTTP 接口。/api/check 返回与 `fzcheck check --format json` 相同的 JSON。",
        docs_url=None, redoc_url=None,  # their pages load scripts from a CDN; /docs is served offline below
    )
    app.state.settings = settings
    app.state.pool = pool
    app.state.max_files = MAX_FILES
    app.state.private = None
    app.mount("/static", StaticFiles(packages=[("checker.web", "static")]), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    @app.middleware("http")
    async def guard(request: Request, call_next):
        path = request.url.path
        if settings.token and not path.startswith(OPEN_PATHS):
            given = request.query_params.get("token")
            if given is not None and request.method == "GET" and _same(given, settings.token):
                # A link with ?token= logs the browser in once; the token then travels as a cookie.
                response = RedirectResponse(path, status_code=303)
                response.set_cookie(TOKEN_COOKIE, settings.token, httponly=True, samesite="strict")
                return _secured(response)
            if not _authorised(request, settings.token):
                return _secured(error_response(
                    401, "缺少或错误的访问令牌：请在请求头 Authorization: Bearer <令牌> 中提供，或用管理员给出的带 ?token= 的链接打开页面"))
        if settings.loopback and request.url.hostname not in LOOPBACK_HOSTS + ("testserver",):
            # A page from elsewhere that renames itself to 127.0.0.1 (DNS rebinding) must not reach us.
            return _secured(error_response(400, "请用 http://127.0.0.1 访问本服务"))
        return _secured(await call_next(request))

    app.add_middleware(BodyLimit, limit=settings.body_limit)  # added last: runs first

    @app.exception_handler(HttpError)
    async def http_error(request: Request, error: HttpError):
        return error_response(error.status, error.message)

    @app.exception_handler(HTTPException)
    async def starlette_error(request: Request, error: HTTPException):
        words = {404: f"没有这个地址：{request.url.path[:80]}；页面在 /，接口说明在 /docs",
                 405: "这个地址不支持该请求方法；接口说明见 /docs"}
        return error_response(error.status_code, words.get(error.status_code, str(error.detail)))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError):
        return error_response(400, "请求参数有误；接口说明见 /docs")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception):
        return error_response(500, f"服务内部错误（{type(error).__name__}），请重试；反复出现请联系管理员")

    return app


def _same(given: str, token: str) -> bool:
    return secrets.compare_digest(given.encode("utf-8"), token.encode("utf-8"))


def _authorised(request: Request, token: str) -> bool:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer ") and _same(header[7:].strip(), token):
        return True
    cookie = request.cookies.get(TOKEN_COOKIE)
    return cookie is not None and _same(cookie, token)


def _secured(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    response.headers.setdefault("Cache-Control", "no-store")
    return response
