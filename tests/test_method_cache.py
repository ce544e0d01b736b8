"""Dataclass methods kept between runs (checker/methodcache.py): a kept method is the very code dataclasses
compiles, a run that reads them gives the same output byte for byte as one that compiles them, and an
entry that is damaged or made by another interpreter is never used."""
from __future__ import annotations

import binascii
import dataclasses
import json
import marshal
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT

from checker import methodcache, rulecache

METHODS = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__")
# The console command, reporting on stderr how many methods it read from the cache and how many it compiled.
_RUN = ("import atexit, sys\n"
        "from checker import methodcache\n"
        "atexit.register(lambda: sys.stderr.write('\\nMETHODS %d %d\\n' % (len(methodcache._codes) - "
        "len(methodcache._new), len(methodcache._new))))\n"
        "sys.argv = ['fzcheck'] + sys.argv[1:]\n"
        "from cli import main\n"
        "main()\n")


def _check(cache: str, *paths: str) -> tuple[str, int, int]:
    env = {**os.environ, "FZCHECK_CACHE_DIR": cache}
    done = subprocess.run([sys.executable, "-c", _RUN, "check", *paths, "--format", "json"],
                          capture_output=True, text=True, timeout=300, cwd=ROOT, env=env)
    assert done.returncode in (0, 1), done.stderr
    read, compiled = next(map(int, row.split()[1:]) for row in done.stderr.splitlines() if row.startswith("METHODS "))
    return done.stdout, read, compiled


def _entry(folder) -> str:
    [path] = [p for p in folder.iterdir() if p.name.startswith("methods-")]
    return str(path)


def _probe(module: str) -> type:
    """A frozen dataclass made now, as if written in `module`."""
    namespace = {"__module__": module, "__annotations__": {"number": int, "words": str}, "words": ""}
    return dataclasses.dataclass(frozen=True)(type("Probe", (), namespace))


def _same_methods(one: type, other: type) -> bool:
    return all(getattr(one, name).__code__ == getattr(other, name).__code__ for name in METHODS)


def test_a_kept_method_is_the_code_dataclasses_compiles(monkeypatch):
    monkeypatch.setitem(sys.modules, "checker._probe", types.ModuleType("checker._probe"))
    monkeypatch.setattr(methodcache, "_codes", {})
    monkeypatch.setattr(methodcache, "_new", [])
    monkeypatch.delattr(dataclasses, "exec", raising=False)
    plain = _probe("checker._probe")  # compiled by dataclasses' own exec
    monkeypatch.setattr(dataclasses, "exec", methodcache._exec, raising=False)
    compiled = _probe("checker._probe")
    assert len(methodcache._new) == len(METHODS)
    packed = binascii.b2a_base64(marshal.dumps(methodcache._codes), newline=False).decode("ascii")
    monkeypatch.setattr(methodcache, "_codes", methodcache._load(packed))  # as a later run reads them
    read = _probe("checker._probe")
    assert len(methodcache._new) == len(METHODS)  # nothing compiled again
    assert _same_methods(plain, compiled) and _same_methods(plain, read)
    assert read(1, "依法行政") == read(1, "依法行政") != read(1, "")
    assert repr(read(2)) == repr(plain(2)) and hash(read(3, "法")) == hash(plain(3, "法"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        read(1).number = 2


def test_other_packages_classes_are_compiled_as_without_the_cache(monkeypatch):
    monkeypatch.setattr(methodcache, "_codes", {})
    monkeypatch.setattr(methodcache, "_new", [])
    monkeypatch.delattr(dataclasses, "exec", raising=False)
    plain = _probe("elsewhere")
    monkeypatch.setattr(dataclasses, "exec", methodcache._exec, raising=False)
    other = _probe("elsewhere")
    assert methodcache._codes == {} and _same_methods(plain, other)
    # the annotations are values, as dataclasses makes them, not the strings of this module's __future__
    assert other.__init__.__annotations__ == plain.__init__.__annotations__ == {"number": int, "words": str,
                                                                                 "return": None}


@pytest.mark.parametrize("packed", [None, 12, "not base64!", "AAAA",
                                    binascii.b2a_base64(marshal.dumps([1, 2])).decode(),
                                    binascii.b2a_base64(marshal.dumps({"def f(): pass": "text"})).decode(),
                                    binascii.b2a_base64(marshal.dumps({1: compile("1", "<string>", "exec")})).decode()])
def test_an_entry_that_is_not_code_by_source_is_not_used(packed):
    assert methodcache._load(packed) == {}


def test_a_run_with_kept_methods_gives_the_same_output(tmp_path):
    folder = tmp_path / "cache"
    reports = [str(p) for p in sorted(EXAMPLES.glob("*.txt"))]
    plain, none_read, _ = _check("", *reports)  # no cache at all
    first, _, compiled = _check(str(folder), *reports)  # compiles, then keeps them
    second, read, compiled_again = _check(str(folder), *reports)
    assert none_read == 0 and compiled > 200 and read >= compiled and compiled_again == 0
    assert first == plain and second == plain
    written = os.stat(_entry(folder)).st_mtime_ns  # nothing new: the entry is not written again
    assert _check(str(folder), *reports)[0] == plain
    assert os.stat(_entry(folder)).st_mtime_ns == written


@pytest.mark.parametrize("damage", ["checksum", "other interpreter", "not code"])
def test_a_damaged_or_foreign_entry_is_not_used(tmp_path, damage):
    folder = tmp_path / "cache"
    reference, _, _ = _check(str(folder), str(EXAMPLES / "government-flawed.txt"))
    path = _entry(folder)
    record = json.loads(open(path, encoding="utf-8").read())
    if damage == "checksum":  # one character of the code changed: the data no longer matches its checksum
        data = json.loads(record["data"])
        data["code"] = ("B" if data["code"][0] == "A" else "A") + data["code"][1:]
        record["data"] = json.dumps(data)
        open(path, "w", encoding="utf-8").write(json.dumps(record))
    elif damage == "other interpreter":
        record["source"] = "0" * 64
        open(path, "w", encoding="utf-8").write(json.dumps(record))
    else:  # a valid checksum over data that is no code
        rulecache.write_entry(str(folder), path, methodcache._interpreter(), {"code": "AAAA"})
    output, read, compiled = _check(str(folder), str(EXAMPLES / "government-flawed.txt"))
    assert read == 0 and compiled > 200 and output == reference


def test_the_entry_is_named_by_the_interpreter(monkeypatch):
    here = methodcache._interpreter()
    monkeypatch.setattr(sys, "version", sys.version + " (another build)")
    assert methodcache._interpreter() != here


def test_a_method_compiled_once_is_kept_where_it_can_be_written(tmp_path, monkeypatch):
    source = "def __create_fn__():\n def __repr__(self):\n  return 'x'\n return __repr__"
    code = compile(source, "<string>", "exec", dont_inherit=True)
    monkeypatch.setattr(methodcache, "_codes", {source: code})
    monkeypatch.setattr(methodcache, "_new", [source])
    monkeypatch.setattr(rulecache, "writable", lambda where: False)
    methodcache._keep(str(tmp_path / "methods.json"))
    assert not list(tmp_path.iterdir())
    monkeypatch.undo()
    monkeypatch.setattr(methodcache, "_codes", {source: code})
    monkeypatch.setattr(methodcache, "_new", [source])
    methodcache._keep(str(tmp_path / "methods.json"))
    found = rulecache.read_entry(str(tmp_path / "methods.json"), methodcache._interpreter())
    assert found and methodcache._load(found["code"]) == {source: code}


@pytest.mark.skipif(not (Path(sys.executable).parent / "fzcheck").exists(), reason="the console script is not installed")
def test_the_console_script_shows_the_same_screen_with_kept_methods(tmp_path):
    from test_terminal import assert_same_screen_with_cache

    assert_same_screen_with_cache(tmp_path / "cache")
    assert _entry(tmp_path / "cache")
