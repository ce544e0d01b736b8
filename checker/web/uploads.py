"""From a multipart request to named report bytes and Options: names cleaned, sizes and formats checked, .zip unpacked."""
from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass
from typing import Any

from checker.pipeline import Options
from checker.readers import SUFFIXES
from checker.web.errors import HttpError, bad_request

MAX_FILES = 200  # per request, counting the reports inside a .zip
PASTED_NAME = "粘贴的文本.txt"
REPORT_FORMATS = ".docx .doc .wps .pdf .txt .html .ofd .rtf"
FORMATS_HINT = f"支持 {REPORT_FORMATS}，或把多份报告打成一个 .zip"
NO_FILES = f"没有收到文件：请在 files 字段上传报告，或在 text 字段粘贴正文；{FORMATS_HINT}"
_UNSAFE = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Upload:
    """An uploaded file: its name and bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class Rejected:
    """A file refused before checking, with the status it earns when it is the only one."""

    name: str
    message: str
    status: int


def too_large(max_bytes: int) -> str:
    return f"文件超过大小上限 {size_text(max_bytes)}，请拆分后再上传（上限由服务端 --max-size 设定）"


def size_text(count: int) -> str:
    return f"{count // (1024 * 1024)} MB" if count >= 1024 * 1024 else f"{max(1, count // 1024)} KB"


def safe_name(raw: str | None) -> str:
    """A file name for display only: the last path component, no control characters, bounded length."""
    name = _UNSAFE.sub("", (raw or "").replace("\\", "/").rsplit("/", 1)[-1]).strip()
    return name[:120] or "未命名文件"


def options_from(form: Any, max_bytes: int, builtin: list[str]) -> Options:
    """Options from the form fields year, kind, rules and published; a bad value is a 400."""
    year = _field(form, "year")
    if year is not None:
        if not year.isdecimal() or not 2000 <= int(year) <= 2099:
            raise bad_request(f"year 应为 2000—2099 之间的年份，如 2024（收到 {year[:20]!r}）")
    kind = _field(form, "kind")
    if kind is not None and kind not in ("government", "department"):
        raise bad_request(f"kind 只能是 government（政府）或 department（部门）（收到 {kind[:20]!r}）")
    rules = _field(form, "rules")
    if rules is not None and rules not in builtin:
        # Only built-in names: a path sent by a client must never reach the server's file system.
        raise bad_request(f"rules 只能是内置规则集之一：{'、'.join(builtin)}（收到 {rules[:40]!r}）")
    published = _field(form, "published")
    when = None
    if published is not None:
        try:
            when = datetime.date.fromisoformat(published)
        except ValueError:
            raise bad_request(f"published 日期应写成 YYYY-MM-DD，如 2024-03-28（收到 {published[:20]!r}）") from None
    return Options(rules=rules, year=int(year) if year else None, kind=kind, published=when, max_bytes=max_bytes)


def _field(form: Any, key: str) -> str | None:
    value = form.get(key)
    if value is None or not isinstance(value, str) or not value.strip():
        return None
    return value.strip()


async def read_uploads(form: Any, max_bytes: int, *, allow_zip: bool = True) -> tuple[list[Upload], list[Rejected]]:
    """The files of the `files` field (and a pasted `text`), each at most max_bytes; a .zip becomes its reports."""
    import asyncio

    uploads: list[Upload] = []
    rejected: list[Rejected] = []
    for item in form.getlist("files"):
        if isinstance(item, str):
            continue  # an empty file input arrives as an empty string
        data = await item.read(max_bytes + 1)
        if not item.filename and not data:
            continue  # a browser sends an empty part for a file input left empty
        name = safe_name(item.filename)
        if len(data) > max_bytes:
            rejected.append(Rejected(name, too_large(max_bytes), 413))
            continue
        suffix = os.path.splitext(name)[1].lower()
        if allow_zip and (suffix == ".zip" or (suffix not in SUFFIXES and data[:4] == b"PK\x03\x04")):
            inner, refused = await asyncio.to_thread(unpack_zip, name, data, max_bytes)
            uploads.extend(inner)
            rejected.extend(refused)
        elif suffix in SUFFIXES:
            uploads.append(Upload(name, data))
        else:
            rejected.append(Rejected(name, f"不是报告文件格式；{FORMATS_HINT}", 415))
    text = _field(form, "text")
    if text is not None:
        data = text.encode("utf-8")
        if len(data) > max_bytes:
            rejected.append(Rejected(PASTED_NAME, too_large(max_bytes), 413))
        else:
            uploads.append(Upload(PASTED_NAME, data))
    if len(uploads) + len(rejected) > MAX_FILES:
        raise HttpError(413, f"一次最多检查 {MAX_FILES} 份报告，请分批上传")
    if not uploads and not rejected:
        raise bad_request(NO_FILES)
    return uploads, rejected


def unpack_zip(name: str, data: bytes, max_bytes: int) -> tuple[list[Upload], list[Rejected]]:
    """The reports inside a .zip, under the readers' zip-bomb limits; other files in it are ignored."""
    from checker.errors import InputError
    from checker.readers.docx import open_zip

    try:
        package = open_zip(data, name, broken="压缩包已损坏或不完整，无法解压；请重新打包后上传")
    except InputError as error:
        return [], [Rejected(name, error.reason, 422)]
    found: list[Upload] = []
    refused: list[Rejected] = []
    with package:
        for entry in package.infolist():
            inner = _member_name(entry)
            base = inner.rsplit("/", 1)[-1]
            if entry.is_dir() or base.startswith((".", "~$")) or "__MACOSX" in inner or ".批注." in base:
                continue
            if os.path.splitext(base)[1].lower() not in SUFFIXES:
                continue
            shown = f"{name}/{inner}"
            if entry.file_size > max_bytes:
                refused.append(Rejected(shown, too_large(max_bytes), 413))
                continue
            try:
                found.append(Upload(shown, package.read(entry)))
            except Exception:  # noqa: BLE001 - zipfile raises BadZipFile, zlib.error, NotImplementedError …
                refused.append(Rejected(shown, "压缩包中的这个文件已损坏或加密，无法解压", 422))
    if not found and not refused:
        refused.append(Rejected(name, f"压缩包中没有报告文件；{FORMATS_HINT}", 415))
    return found, refused


def _member_name(entry: Any) -> str:
    """A member's path; names packed by Chinese Windows are GBK without the UTF-8 flag."""
    raw = entry.filename
    if not entry.flag_bits & 0x800:
        try:
            raw = raw.encode("cp437").decode("gb18030")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    parts = [safe_name(part) for part in raw.replace("\\", "/").split("/") if part not in ("", ".", "..")]
    return "/".join(parts)
