"""What a worker process runs for one upload; failures come back as values (FzError does not pickle)."""
from __future__ import annotations

from checker.errors import FzError
from checker.pipeline import Options, check_bytes, check_safely
from checker.results import FileError, Report


def check(name: str, data: bytes, options: Options) -> Report | FileError:
    return check_safely(name, options, data)


def annotate(name: str, data: bytes, options: Options) -> tuple[bytes, Report] | FileError:
    from checker.annotate import annotate_docx

    try:
        report = check_bytes(data, name, options)
        return annotate_docx(data, report), report
    except FzError as error:
        return FileError(path=name, message=error.reason)
