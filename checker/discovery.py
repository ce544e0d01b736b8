"""Which files a batch checks: folders searched, globs expanded, each real file once, unreadable folders named."""
from __future__ import annotations

import fnmatch
import glob
import os
import stat
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from checker.readers import SUFFIXES
from checker.results import FileError

UNREADABLE_FOLDER = "没有读取权限，无法列出此目录中的报告，请检查目录权限（如 chmod u+rx）"
NOT_A_FILE = "不是普通文件（命名管道、设备或套接字），已跳过；请给出报告文件本身"


@dataclass
class Found:
    """The report files found under the paths given, and the paths that cannot be checked."""

    files: list[str] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)


def discover(paths: Iterable[str]) -> Found:
    """Files to check, in argument order: folders are searched for reports, globs expanded.

    A file reached twice (a symlink, `a.txt` and `./a.txt`, a ** over a symlink loop) is kept once,
    under the first name it was found by.
    """
    found = Found()
    for path in paths:
        if path != "-" and not os.path.lexists(path) and glob.has_magic(path):
            matches = sorted(set(_glob(path, found.errors)))
            found.files.extend(matches or [path])
        elif os.path.isdir(path):
            found.files.extend(_reports_in(path, found.errors))
        else:
            found.files.append(path)
    found.files = _once(found.files)
    found.errors = list({error.path: error for error in found.errors}.values())
    return found


def expand_paths(paths: Iterable[str]) -> list[str]:
    return discover(paths).files


def is_regular_file(path: str) -> bool:
    """True for a regular file (or a link to one); FIFOs block a reader and devices never end."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True  # missing or unreadable: the reader gives the precise reason


def _once(files: list[str]) -> list[str]:
    seen: set[str] = set()
    result = []
    for path in files:
        key = path if path == "-" else os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            result.append(path)
    return result


def _is_report_name(name: str) -> bool:
    return (os.path.splitext(name)[1].lower() in SUFFIXES and not name.startswith((".", "~$"))
            and ".批注." not in name)


def _reports_in(folder: str, errors: list[FileError]) -> list[str]:
    result = []

    def unreadable(exc: OSError) -> None:
        errors.append(FileError(path=exc.filename or folder, message=UNREADABLE_FOLDER))

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        result.extend(os.path.join(root, name) for name in sorted(files) if _is_report_name(name))
    return result


def _glob(pattern: str, errors: list[FileError]) -> Iterator[str]:
    """glob.glob(pattern, recursive=True), except that ** does not follow symlinked folders
    (a loop would otherwise repeat every file forty times, or exponentially with two links)."""
    head, parts = _split(pattern)
    yield from _match(head, parts, errors, set())


def _split(pattern: str) -> tuple[str, list[str]]:
    drive, rest = os.path.splitdrive(pattern)
    parts = rest.split(os.sep)
    if parts and parts[0] == "":  # absolute
        return drive + os.sep, [p for p in parts[1:] if p]
    return drive, [p for p in parts if p]


def _match(base: str, parts: list[str], errors: list[FileError], visited: set[tuple[int, int]]) -> Iterator[str]:
    if not parts:
        if base and os.path.lexists(base):
            yield base
        return
    part, rest = parts[0], parts[1:]
    folder = base or os.curdir
    if part == "**":
        yield from _match(base, rest, errors, visited)  # ** matches no folder at all, too
        try:
            info = os.stat(folder)
        except OSError:
            return
        if (info.st_dev, info.st_ino) in visited:
            return
        visited = visited | {(info.st_dev, info.st_ino)}
        for name, is_dir in _entries(folder, errors):
            if name.startswith("."):
                continue
            if is_dir:
                yield from _match(os.path.join(base, name), parts, errors, visited)
            elif not rest:  # a trailing ** names the files at every level, as glob's does
                yield os.path.join(base, name)
        return
    if not glob.has_magic(part):
        yield from _match(os.path.join(base, part), rest, errors, visited)
        return
    for name, _ in _entries(folder, errors):
        if (not name.startswith(".") or part.startswith(".")) and fnmatch.fnmatchcase(name, part):
            yield from _match(os.path.join(base, name), rest, errors, visited)


def _entries(folder: str, errors: list[FileError]) -> list[tuple[str, bool]]:
    """(name, is a real folder, not a link to one) for each entry."""
    try:
        with os.scandir(folder) as entries:
            return sorted((e.name, e.is_dir(follow_symlinks=False)) for e in entries)
    except PermissionError:
        errors.append(FileError(path=folder, message=UNREADABLE_FOLDER))
    except OSError:
        pass
    return []
