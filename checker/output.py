"""Writing results: atomically to a file, or to standard output."""
from __future__ import annotations

import os
import sys
import tempfile

from checker.errors import UsageError


def write_atomic(path: str, data: str | bytes) -> None:
    """Write to a temporary file beside the target, then rename it over the target."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        raise UsageError(path, "输出目录不存在，请先创建目录或换一个输出路径")
    handle, temp = tempfile.mkstemp(prefix=".fzcheck-", suffix=".tmp", dir=directory)
    try:
        os.fchmod(handle, _mode_for(path))
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


def _mode_for(path: str) -> int:
    """The mode an editor would give: the existing file's, else 0666 less the umask (mkstemp makes 0600)."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        pass
    umask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(umask)
    return 0o666 & ~umask


def refuse_overwriting_inputs(output: str, inputs: list[str]) -> None:
    """An output path that names an input file would destroy the report being checked."""
    target = os.path.realpath(output)
    for path in inputs:
        if path != "-" and os.path.exists(path) and os.path.realpath(path) == target:
            raise UsageError(output, "输出文件与被检查的报告是同一个文件，请换一个输出路径，报告原文不会被覆盖")


def write_stdout(data: str | bytes) -> None:
    if isinstance(data, bytes):
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(data)
        if not data.endswith("\n"):
            sys.stdout.write("\n")
        sys.stdout.flush()
