"""Compiled patterns kept between runs (checker/patterncache.py): a run that reads them gives the same
output byte for byte as one that compiles every pattern; an entry that is damaged, malformed or made by
another interpreter is never used."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, SHARED

from checker import patterncache, rulecache

# The console command, reporting on stderr how many patterns it took from the cache.
_RUN = ("import atexit, sys\n"
        "from checker import patterncache\n"
        "atexit.register(lambda: sys.stderr.write('\\nKEPT %d\\n' % len(patterncache._kept or ())))\n"
        "sys.argv = ['fzcheck'] + sys.argv[1:]\n"
        "from cli import main\n"
        "main()\n")

needs_engine = pytest.mark.skipif(patterncache._engine() is None, reason="this interpreter's re has other internals")


def _check(cache: str, *paths: str) -> tuple[str, int]:
    env = {**os.environ, "FZCHECK_CACHE_DIR": cache}
    done = subprocess.run([sys.executable, "-c", _RUN, "check", *paths, "--format", "json", "--jobs", "1"],
                          capture_output=True, text=True, timeout=300, cwd=ROOT, env=env)
    assert done.returncode in (0, 1), done.stderr
    kept = next(int(row.split()[1]) for row in done.stderr.splitlines() if row.startswith("KEPT "))
    return done.stdout, kept


def _reports() -> list[str]:
    found = sorted(str(p) for p in EXAMPLES.glob("*.txt"))
    seeds = SHARED / "seeds"
    return found + (sorted(str(p) for p in seeds.glob("*.txt")) if seeds.is_dir() else [])


def _entry(folder) -> str:
    [path] = [p for p in folder.iterdir() if p.name.startswith("patterns-")]
    return str(path)


@needs_engine
def test_a_run_with_kept_patterns_gives_the_same_output(tmp_path):
    folder = tmp_path / "cache"
    plain, none_kept = _check("", *_reports())  # no cache at all
    first, _ = _check(str(folder), *_reports())  # compiles, then keeps them
    second, kept = _check(str(folder), *_reports())
    assert none_kept == 0 and kept > 300  # the code's and the rule sets' patterns came from the cache
    assert first == plain and second == plain
    # re keeps 512 patterns, fewer than a run of every report compiles: those it dropped before the first
    # run ended are kept by the second; from then on nothing is new and the entry is not written again.
    written = os.stat(_entry(folder)).st_mtime_ns
    assert _check(str(folder), *_reports())[0] == plain
    assert os.stat(_entry(folder)).st_mtime_ns == written


@needs_engine
def test_every_kept_pattern_equals_what_re_compiles(tmp_path):
    folder = tmp_path / "cache"
    _check(str(folder), str(EXAMPLES / "government-flawed.txt"))
    sre = patterncache._engine()[0]
    data = rulecache.read_entry(_entry(folder), patterncache._interpreter(sre))
    assert data and len(data["patterns"]) > 200
    for entry in data["patterns"]:
        assert patterncache._build(sre, entry) == re.compile(entry[0], entry[1]), entry[0]


@needs_engine
@pytest.mark.parametrize("damage", ["code not base64", "code as numbers", "code cut short", "groups off",
                                    "group name elsewhere", "too few fields", "not a list"])
def test_a_malformed_entry_is_not_built(damage):
    sre = patterncache._engine()[0]
    entry = patterncache.describe(r"(?P<年份>\d{4})年(度)?", 0)
    assert patterncache._build(sre, entry) == re.compile(r"(?P<年份>\d{4})年(度)?")
    source, flags, final, code, groups, groupindex, indexgroup = entry
    damaged = {
        "code not base64": [source, flags, final, "1 2 3!", groups, groupindex, indexgroup],
        "code as numbers": [source, flags, final, [1, 2, 3], groups, groupindex, indexgroup],
        "code cut short": [source, flags, final, code[:-8], groups, groupindex, indexgroup],
        "groups off": [source, flags, final, code, groups + 3, groupindex, indexgroup],
        "group name elsewhere": [source, flags, final, code, groups, {"年份": 2}, indexgroup],
        "too few fields": [source, flags, final, code],
        "not a list": {"source": source},
    }[damage]
    assert patterncache._build(sre, damaged) is None


@needs_engine
@pytest.mark.parametrize("damage", ["checksum", "other interpreter", "malformed entries"])
def test_a_damaged_or_foreign_cache_is_not_used(tmp_path, damage):
    folder = tmp_path / "cache"
    reference, _ = _check(str(folder), str(EXAMPLES / "government-flawed.txt"))
    path = _entry(folder)
    record = json.loads(open(path, encoding="utf-8").read())
    data = json.loads(record["data"])
    if damage == "checksum":  # one op changed: the data no longer matches its checksum
        code = data["patterns"][0][3]
        data["patterns"][0][3] = ("B" if code[0] == "A" else "A") + code[1:]
        record["data"] = json.dumps(data)
        open(path, "w", encoding="utf-8").write(json.dumps(record))
    elif damage == "other interpreter":
        record["source"] = "0" * 64
        open(path, "w", encoding="utf-8").write(json.dumps(record))
    else:  # well-formed JSON with a valid checksum, but no entry the engine can take
        data["patterns"] = [[e[0], e[1], e[2], "AAAA", e[4], e[5], e[6]] for e in data["patterns"]]
        sre = patterncache._engine()[0]
        rulecache.write_entry(str(folder), path, patterncache._interpreter(sre), data)
    output, kept = _check(str(folder), str(EXAMPLES / "government-flawed.txt"))
    assert kept == 0 and output == reference


@needs_engine
def test_the_entry_is_named_by_the_interpreter(monkeypatch):
    sre = patterncache._engine()[0]
    here = patterncache._interpreter(sre)
    monkeypatch.setattr(sys, "version", sys.version + " (another build)")
    assert patterncache._interpreter(sre) != here


def test_without_the_internals_nothing_is_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("FZCHECK_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(patterncache, "_engine", lambda: None)
    monkeypatch.setattr(patterncache, "_kept", None)
    patterncache.preload()
    assert patterncache._kept == {} and patterncache.describe("a+", 0) is None
    assert not list(tmp_path.iterdir())


@needs_engine
@pytest.mark.skipif(not (Path(sys.executable).parent / "fzcheck").exists(), reason="the console script is not installed")
def test_the_console_script_shows_the_same_screen_with_kept_patterns(tmp_path):
    from test_terminal import assert_same_screen_with_cache

    assert_same_screen_with_cache(tmp_path / "cache")
    assert _entry(tmp_path / "cache")


def test_nothing_is_described_where_the_entry_cannot_be_written(tmp_path, monkeypatch):
    described = []
    monkeypatch.setattr(patterncache, "_kept", {})
    monkeypatch.setattr(rulecache, "writable", lambda where: False)
    monkeypatch.setattr(patterncache, "describe", lambda *key: described.append(key))
    for number in range(patterncache.MIN_NEW * 2):
        re.compile(f"新编译的第{number}个模式[0-9]+")
    patterncache._keep(str(tmp_path / "patterns.json"))
    assert described == [] and not list(tmp_path.iterdir())
    monkeypatch.setattr(rulecache, "writable", lambda where: True)
    patterncache._keep(str(tmp_path / "patterns.json"))
    assert len(described) >= patterncache.MIN_NEW * 2  # where it can be written, the new patterns are described
