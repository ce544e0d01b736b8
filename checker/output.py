"""Writing results: atomically to a file, streamed to a device or pipe, or to standard output."""
from __future__ import annotations

import errno
import os
import re
import stat
import sys
from contextlib import ExitStack, contextmanager
from typing import BinaryIO, Iterator

from checker.errors import UsageError

# Temporaries carry the writer's process id, so a later run can tell a stale one (its writer was
# killed) from one still being written, and remove it.
_TEMP_PREFIX = ".fzcheck-"
_TEMP = re.compile(r"\.fzcheck-(\d+)-[^/]*\.tmp\Z")
# Names that stand for an already open descriptor: writing must go through them, never replace them.
_FD_LINK = re.compile(r"/(?:proc/(?:self|thread-self|\d+)/fd/\d+|dev/fd/\d+|dev/std(?:in|out|err))\Z")

_WHY = {errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限", errno.EROFS: "所在文件系统只读",
        errno.ENOSPC: "磁盘空间不足", errno.EDQUOT: "磁盘配额已满", errno.ENOENT: "无法在该位置创建文件",
        errno.EISDIR: "这是一个目录", errno.ENOTDIR: "路径中有一段不是目录", errno.ENAMETOOLONG: "文件名过长"}


def write_output(path: str, data: str | bytes) -> None:
    """Write a result where -o points: '-' is standard output, a device or pipe is streamed into,
    anything else is written atomically (a symlink's target is replaced, the link is kept)."""
    if path == "-":
        write_stdout(data)
        return
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if _is_stream(path):
        _stream(path, payload)
    else:
        write_atomic(os.path.realpath(path), payload, shown=path)


def write_atomic(path: str, data: str | bytes, *, shown: str | None = None) -> None:
    """Write to a temporary file beside the target, then rename it over the target.

    The file gets the mode an existing target had, else the one the user's umask gives a new file.
    `shown` is the name messages use (the path as the user typed it).
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with _atomic(path, shown or path) as out:
        out.write(payload)


@contextmanager
def open_output(path: str, *, seekable: bool = False) -> Iterator[BinaryIO]:
    """A binary handle for a writer that writes as it goes, to where -o points (as write_output): '-' is
    standard output, a device or pipe is streamed into, anything else is a temporary file beside the target,
    renamed over it only once the writer has finished. seekable: the writer seeks (a zip file), so a
    stream gets the bytes from an unnamed temporary file at the end."""
    if path == "-" or _is_stream(path):
        with ExitStack() as stack:
            target = sys.stdout.buffer if path == "-" else stack.enter_context(_open_stream(path))
            if path == "-":
                sys.stdout.flush()
            try:
                if seekable:
                    import shutil
                    import tempfile

                    with tempfile.TemporaryFile(prefix=_TEMP_PREFIX) as spool:
                        yield spool
                        spool.seek(0)
                        shutil.copyfileobj(spool, target)
                else:
                    yield target
                target.flush()
            except BrokenPipeError:
                pass  # the reader stopped early, as `| head` does
        return
    with _atomic(os.path.realpath(path), path) as out:
        yield out


@contextmanager
def _open_stream(path: str) -> Iterator[BinaryIO]:
    try:
        handle = open(path, "wb")
    except OSError as exc:
        raise _unwritable(path, exc) from None
    with handle:
        yield handle


@contextmanager
def _atomic(path: str, shown: str) -> Iterator[BinaryIO]:
    import tempfile  # here, not at the top: a run that prints its result need not load it

    directory = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        raise UsageError(shown, "输出路径是一个目录，请给出文件名，如 -o 结果.json")
    if not os.path.isdir(directory):
        raise UsageError(shown, "输出目录不存在，请先创建目录或换一个输出路径")
    _remove_stale_temporaries(directory)
    try:
        handle, temp = tempfile.mkstemp(prefix=f"{_TEMP_PREFIX}{os.getpid()}-", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise _unwritable(shown, exc) from None
    try:
        os.fchmod(handle, _mode_for(path))
        with os.fdopen(handle, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException as exc:
        if os.path.lexists(temp):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise _unwritable(shown, exc) from None
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


def _is_stream(path: str) -> bool:
    """A character device, FIFO or socket, or a link to an open descriptor (/dev/stdout, /proc/self/fd/1)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        return True
    seen = 0
    current = os.path.abspath(path)
    while seen < 40:
        if _FD_LINK.search(current):
            return True
        if not os.path.islink(current):
            return False
        current = os.path.normpath(os.path.join(os.path.dirname(current), os.readlink(current)))
        seen += 1
    return False


def _stream(path: str, payload: bytes) -> None:
    try:
        with open(path, "wb", buffering=0) as out:
            view = memoryview(payload)
            while view:
                view = view[out.write(view):]
    except BrokenPipeError:
        pass  # the reader stopped early, as `| head` does
    except OSError as exc:
        raise _unwritable(path, exc) from None


def _unwritable(path: str, exc: OSError) -> UsageError:
    why = _WHY.get(exc.errno, "无法写入")
    return UsageError(path, f"无法写入输出文件（{why}），请换一个有写入权限的位置，如当前目录下的文件")


def _remove_stale_temporaries(directory: str) -> None:
    """Temporaries our own earlier runs left when killed mid-write: their process no longer runs."""
    try:
        names = os.listdir(directory)
    except OSError:
        return
    uid = os.geteuid()
    for name in names:
        found = _TEMP.match(name)
        if not found or _running(int(found.group(1))):
            continue
        full = os.path.join(directory, name)
        try:
            info = os.lstat(full)
            if stat.S_ISREG(info.st_mode) and info.st_uid == uid:
                os.unlink(full)
        except OSError:
            pass


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by someone else
    return True


def refuse_overwriting_inputs(output: str, inputs: list[str]) -> None:
    """An output path that is, or resolves to, an input file would destroy the report being checked.

    `inputs` are the files after folders and globs are expanded.
    """
    if output == "-" or _is_stream(output):
        return
    target = os.path.realpath(output)
    for path in inputs:
        if path != "-" and os.path.lexists(path) and os.path.realpath(path) == target:
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
