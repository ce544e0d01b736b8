"""Starting the server: the token, the warning for a non-loopback host, the port check, uvicorn."""
from __future__ import annotations

import os
import secrets
import shutil
import socket
from typing import Callable

from checker.errors import UsageError
from checker.web.app import Settings, is_loopback

TOKEN_ENV = "FZCHECK_TOKEN"


def resolve_token(token_file: str | None, environ: dict[str, str] | None = None) -> str | None:
    """The access token from --token-file, else from the environment; None when neither is set."""
    environ = os.environ if environ is None else environ
    if token_file:
        try:
            with open(token_file, encoding="utf-8") as handle:
                token = handle.read().strip()
        except OSError as error:
            raise UsageError(token_file, f"无法读取令牌文件（{error.strerror or error}）") from None
        except UnicodeDecodeError:
            raise UsageError(token_file, "令牌文件应为 UTF-8 文本") from None
        if len(token) < 8:
            raise UsageError(token_file, "令牌文件为空或令牌太短，请写入至少 8 个字符的随机令牌")
        return token
    token = environ.get(TOKEN_ENV, "").strip()
    return token or None


def settings_for(host: str, token: str | None, warn: Callable[[str], None], **limits) -> Settings:
    """Settings to serve with; a non-loopback host without a token gets a random one and a warning."""
    if token is None and not is_loopback(host):
        token = secrets.token_urlsafe(18)
        warn(f"警告：{host} 不只本机可访问，而未设置访问令牌；已生成本次有效的临时令牌 {token}，"
             f"长期使用请用 --token-file 或环境变量 {TOKEN_ENV} 设置固定令牌")
    return Settings(host=host, token=token, **limits)


def check_port(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            reason = "已被占用" if error.errno in (98, 48, 10048) else f"无法使用（{error.strerror}）"
            raise UsageError("", f"{host}:{port} {reason}，请用 --port 换一个端口或用 --host 换一个地址") from None


def page_address(settings: Settings, port: int) -> str:
    """The address to open; a server on all interfaces is shown as this machine's, with a hint."""
    everywhere = settings.host in ("0.0.0.0", "::")
    host = "127.0.0.1" if everywhere else f"[{settings.host}]" if ":" in settings.host else settings.host
    address = f"http://{host}:{port}/" + (f"?token={settings.token}" if settings.token else "")
    return address + ("（其他电脑把 127.0.0.1 换成本机的 IP 地址）" if everywhere else "")


def run(settings: Settings, port: int, echo: Callable[[str], None]) -> int:
    import uvicorn

    from checker.web.app import create_app

    check_port(settings.host, port)
    echo(f"检查页面：{page_address(settings, port)}　（{settings.workers} 个检查进程，按 Ctrl+C 停止）")
    # No access log: its lines would carry ?token= links; report text never reaches any log.
    app = create_app(settings)
    try:
        uvicorn.run(app, host=settings.host, port=port, log_level="warning", access_log=False, server_header=False)
    finally:
        # A Ctrl+C during start-up can end the server before its shutdown removes the private folder.
        if app.state.private:
            shutil.rmtree(app.state.private, ignore_errors=True)
    return 0
