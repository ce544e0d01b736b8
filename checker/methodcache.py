"""The methods dataclasses writes for the package's classes, kept compiled in the user's cache folder.

dataclasses writes each class's methods (__init__, __repr__, __eq__, __hash__, and for a frozen class
__setattr__ and __delattr__) as Python source and compiles it with exec when the class is made: for the
package's some 55 classes, about 320 compilations and a fifth of a one-file check on Python 3.11. What
compile() makes of a source is a code object, which is kept here in marshal form (the form of a .pyc),
so a later run executes it without compiling. Marshal data is the interpreter's own: an entry is named
by the exact interpreter and the package version, a code object is kept only when read back it equals
what compile() made, and entries are used only as the rule data is (checker.rulecache: this user's
folder and file, nobody else can write them, the data's checksum holds).

preload() gives dataclasses an exec that looks a source up among the kept code objects (the very code
its own exec would compile from it, compiled as the builtin compiles it: no inherited __future__ flags)
for classes of this package only; a source not kept is compiled as usual and kept at exit. Anything
unexpected (a dataclasses without a module-level exec call, an entry that does not load) and the methods
are simply compiled, as without the cache.
"""
from __future__ import annotations

import atexit
import binascii
import builtins
import dataclasses
import hashlib
import marshal
import os
import sys
from types import CodeType
from typing import Any

from checker import __version__, rulecache

MAX_METHODS = 2000  # the package's classes make about 320

_codes: dict[str, CodeType] = {}  # source → its code: read by preload(), or compiled in this run
_new: list[str] = []  # sources compiled in this run, not yet kept
_PACKAGE = __name__.partition(".")[0]


def _interpreter() -> str:
    return hashlib.sha256(f"{sys.version}|{sys.implementation.cache_tag}|{marshal.version}".encode()).hexdigest()


def _path() -> str | None:
    where = rulecache.folder()
    return os.path.join(where, f"methods-{__version__}-{_interpreter()[:32]}.json") if where else None


def preload() -> None:
    """Let dataclasses find the methods kept by earlier runs; once per process."""
    if getattr(dataclasses, "exec", None) is _exec:
        return
    path = _path()
    if path is None:
        return
    found = rulecache.read_entry(path, _interpreter())
    _codes.update(_load(found.get("code")) if found else {})
    # dataclasses calls exec by its name; a module-level name of its own comes before the builtin.
    dataclasses.exec = _exec  # type: ignore[attr-defined]
    atexit.register(_keep, path)


def _load(packed: Any) -> dict[str, CodeType]:
    """The code objects of an entry by their source; none when the entry is not what this module wrote."""
    try:
        codes = marshal.loads(binascii.a2b_base64(packed, strict_mode=True))
    except Exception:  # noqa: BLE001 - marshal refuses damaged data in several ways; any of them: compile
        return {}
    if not isinstance(codes, dict) or not all(type(k) is str and type(v) is CodeType for k, v in codes.items()):
        return {}
    return codes


def _exec(source: Any, globals: Any = None, locals: Any = None, /, **options: Any) -> None:
    """exec as dataclasses calls it, with the package's methods compiled once for all runs."""
    if type(source) is str:
        ours = isinstance(globals, dict) and _ours(globals.get("__name__"))
        code = _codes.get(source) if ours else None
        if code is None:
            # As the builtin compiles a string for dataclasses: without the __future__ flags of this module.
            code = compile(source, "<string>", "exec", dont_inherit=True)
            if ours:
                _codes[source] = code
                _new.append(source)
        source = code
    builtins.exec(source, globals, locals, **options)


def _ours(module: Any) -> bool:
    return isinstance(module, str) and (module == _PACKAGE or module.startswith(_PACKAGE + "."))


def _keep(path: str) -> None:
    """At exit: keep the methods this run compiled with those read (best effort)."""
    try:
        where = os.path.dirname(path)
        # A class's method sources are the same in every run, so anything new is kept once: the classes a
        # rarer path makes (a reader's, the web server's) the first time it runs.
        if not _new or not rulecache.writable(where):
            return
        kept = {source: code for source, code in _codes.items() if _round_trips(code)}
        if len(kept) > MAX_METHODS:  # the newest: this run's come last
            kept = dict(list(kept.items())[-MAX_METHODS:])
        packed = binascii.b2a_base64(marshal.dumps(kept), newline=False).decode("ascii")
        rulecache.write_entry(where, path, _interpreter(), {"code": packed})
    except (Exception, KeyboardInterrupt):  # noqa: BLE001 - a cache not written is no cache, never a failed run
        pass


def _round_trips(code: CodeType) -> bool:
    try:
        return marshal.loads(marshal.dumps(code)) == code
    except (ValueError, TypeError):
        return False
