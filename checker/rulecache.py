"""The built-in rule files' data kept as JSON in the user's cache folder, so a run need not parse their YAML.

Parsing the national rule set (and importing PyYAML for it) took about a fifth of a one-file check. An
entry is plain data (JSON: nothing in it can run), named by the package version and the SHA-256 of the
YAML text, so an edited rule file or another version never reads a stale entry. It is used only when the
folder and the file belong to this user and nobody else can write them, and only when the data's own
checksum holds; anything else (missing, corrupt, foreign, unreadable) is ignored and the YAML is parsed.
Writing is best effort: a read-only home just means no cache. FZCHECK_CACHE_DIR names another folder;
set to an empty value it turns the cache off. checker.patterncache and checker.methodcache keep their
entries (compiled patterns; compiled code, as a .pyc holds) here in the same form, under the same checks.
"""
from __future__ import annotations

import hashlib
import json
import os
import stat
from typing import Any, Callable

from checker import __version__

MAX_ENTRY_BYTES = 8 * 1024 * 1024  # the national set's data is about 60 kB


def folder() -> str | None:
    chosen = os.environ.get("FZCHECK_CACHE_DIR")
    if chosen is not None:
        return chosen or None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "fzcheck")


def rule_data(text: str, parse: Callable[[str], Any]) -> Any:
    """The data of a built-in rule file's YAML `text`: from the cache, else parse(text) (and keep it)."""
    where = folder()
    if where is None:
        return parse(text)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    path = os.path.join(where, f"rules-{__version__}-{digest[:32]}.json")
    found = read_entry(path, digest)
    if found is not None:
        return found
    data = parse(text)
    write_entry(where, path, digest, data)
    return data


def read_entry(path: str, source: str) -> dict | None:
    """The data of the entry at `path` if it was made from `source` (a digest) and holds; else None."""
    try:
        if not (_private(os.path.dirname(path)) and _private(path)):
            return None
        with open(path, "rb") as handle:
            raw = handle.read(MAX_ENTRY_BYTES + 1)
        if len(raw) > MAX_ENTRY_BYTES:
            return None
        entry = json.loads(raw)
        payload = entry["data"]
        if entry["source"] != source or entry["check"] != hashlib.sha256(payload.encode("utf-8")).hexdigest():
            return None
        data = json.loads(payload)
        return data if isinstance(data, dict) else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None


def _private(path: str) -> bool:
    """Ours and writable by nobody else (a folder others can write could hold anyone's entry)."""
    info = os.lstat(path)
    return (info.st_uid == os.geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
            and (stat.S_ISDIR(info.st_mode) or stat.S_ISREG(info.st_mode)))


def writable(where: str) -> bool:
    """Whether entries can be kept in the folder `where` (made if missing): ours, private and writable."""
    try:
        os.makedirs(where, mode=0o700, exist_ok=True)
        return _private(where) and os.access(where, os.W_OK)
    except OSError:
        return False


def write_entry(where: str, path: str, source: str, data: dict) -> None:
    """Keep `data` (plain JSON data) at `path` in the folder `where`, made from `source`; best effort."""
    try:
        payload = json.dumps(data, ensure_ascii=False)  # key order kept: parts and rules follow it
        try:
            payload.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate (a pattern's range) can be kept only as an escape
            payload = json.dumps(data)
        if json.loads(payload) != data:  # a value JSON cannot keep as it is (a date, a number as a key)
            return
        os.makedirs(where, mode=0o700, exist_ok=True)
        if not _private(where):
            return
        import tempfile  # only when an entry is written, not on every run that reads one

        entry = json.dumps({"source": source, "check": hashlib.sha256(payload.encode("utf-8")).hexdigest(),
                            "data": payload}, ensure_ascii=False)
        handle, temp = tempfile.mkstemp(prefix=".rules-", suffix=".tmp", dir=where)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(entry)
            os.replace(temp, path)  # readers see the whole entry or none
        except BaseException:
            os.unlink(temp)
            raise
    except (OSError, TypeError, ValueError, RecursionError):
        pass
