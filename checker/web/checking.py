"""Check uploads in the worker pool and assemble a Batch, in upload order; a bad file never stops the rest."""
from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import Callable

from checker import __version__
from checker.pipeline import Options
from checker.supervise import finish
from checker.results import Batch, FileError, Report
from checker.web import jobs
from checker.web.errors import HttpError
from checker.web.uploads import Rejected, Upload
from checker.web.workers import WorkerCrashed, WorkerFailed, WorkerPool, WorkerTimeout


def timeout_message(seconds: float) -> str:
    return f"检查超过 {seconds:g} 秒仍未完成，已停止；请确认文件能在 Word/WPS 中正常打开，或另存为 .docx 后重试"


CRASHED = "检查此文件时处理进程异常退出（文件结构异常或过大）；请在 Word/WPS 中另存为 .docx 后重试"


def failed(kind: str) -> str:
    return f"无法解析此文件（{kind}），请另存为 .docx 或 .txt 后重试"


async def run_job(pool: WorkerPool, job, upload: Upload, options: Options):
    """One job in a worker; a timeout, crash or unexpected exception becomes a FileError."""
    try:
        return await pool.run(job, upload.name, upload.data, options)
    except WorkerTimeout:
        return FileError(upload.name, timeout_message(pool.timeout))
    except WorkerCrashed:
        return FileError(upload.name, CRASHED)
    except WorkerFailed as error:
        return FileError(upload.name, failed(str(error)))


async def check_uploads(pool: WorkerPool, uploads: list[Upload], rejected: list[Rejected], options: Options,
                        on_done: Callable[[int], None] | None = None) -> Batch:
    """Every upload checked (at most pool.size at once); raises HttpError when not one report could be read."""
    done = 0

    async def one(upload: Upload) -> Report | FileError:
        nonlocal done
        outcome = await run_job(pool, jobs.check, upload, options)
        done += 1
        if on_done:
            on_done(done)
        return outcome

    options = replace(options, compare=len(uploads) > 1)  # a batch is compared for copying, as on the CLI
    outcomes = await asyncio.gather(*(one(upload) for upload in uploads))
    reports = tuple(o for o in outcomes if isinstance(o, Report))
    errors = tuple([FileError(r.name, r.message) for r in rejected] + [o for o in outcomes if isinstance(o, FileError)])
    if not reports:
        raise nothing_readable(rejected, [o for o in outcomes if isinstance(o, FileError)])
    return finish(Batch(reports=reports, errors=errors, version=__version__))


def nothing_readable(rejected: list[Rejected], errors: list[FileError]) -> HttpError:
    """The answer when no file could be checked: the first refusal's status (413/415), else 422."""
    first = rejected[0] if rejected else None
    status = first.status if first else 422
    problems = [(r.name, r.message) for r in rejected] + [(e.path, e.message) for e in errors]
    name, message = problems[0]
    more = f"（另有 {len(problems) - 1} 个文件也无法检查）" if len(problems) > 1 else ""
    return HttpError(status, f"{name}: {message}{more}")
