"""The built-in rule files' parsed data is cached as JSON per version and YAML text; a cache that is missing,
corrupt, stale or writable by others is never used, and a run with it gives the same rule set."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT

from checker import rulecache

_LOAD = ("import json, sys\n"
         "from checker.ruleset import load_ruleset\n"
         "rules = load_ruleset('government')\n"
         "print(json.dumps({'yaml': 'yaml' in sys.modules, 'rules': [[r.id, r.title, r.kind, repr(r.params)]"
         " for r in rules.rules], 'sections': sorted(rules.sections)}, ensure_ascii=False))\n")


def _load(cache: str | None) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "FZCHECK_CACHE_DIR"}
    if cache is not None:
        env["FZCHECK_CACHE_DIR"] = cache
    done = subprocess.run([sys.executable, "-c", _LOAD], capture_output=True, text=True, timeout=120, cwd=ROOT,
                          env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _entries(folder) -> list:
    return sorted(p for p in folder.iterdir() if p.name.startswith("rules-"))


def test_a_second_run_reads_the_cache_and_gets_the_same_rule_set(tmp_path):
    folder = tmp_path / "cache"
    first = _load(str(folder))
    assert first["yaml"] and _entries(folder)  # parsed, then kept
    second = _load(str(folder))
    assert not second["yaml"]  # PyYAML not even imported
    assert second["rules"] == first["rules"] and second["sections"] == first["sections"]
    assert _load("") == first  # an empty FZCHECK_CACHE_DIR turns the cache off


@pytest.mark.parametrize("damage", ["garbage", "truncated", "data edited", "other source", "deep", "not a record"])
def test_a_damaged_entry_is_ignored_and_written_anew(tmp_path, damage):
    folder = tmp_path / "cache"
    reference = _load(str(folder))
    for entry in _entries(folder):
        raw = entry.read_text(encoding="utf-8")
        record = json.loads(raw)
        if damage == "garbage":
            entry.write_bytes(os.urandom(200))
        elif damage == "truncated":
            entry.write_text(raw[: len(raw) // 2], encoding="utf-8")
        elif damage == "data edited":  # the data no longer matches its own checksum
            entry.write_text(json.dumps({**record, "data": record["data"].replace("severity", "sever")}),
                             encoding="utf-8")
        elif damage == "other source":
            entry.write_text(json.dumps({**record, "source": "0" * 64}), encoding="utf-8")
        elif damage == "deep":
            entry.write_text("[" * 100_000, encoding="utf-8")
        else:
            entry.write_text(json.dumps({**record, "data": 12}), encoding="utf-8")
    again = _load(str(folder))
    assert again["yaml"] and again["rules"] == reference["rules"]
    assert not _load(str(folder))["yaml"]  # the entry was written again


def test_a_folder_others_can_write_is_not_read(tmp_path):
    folder = tmp_path / "cache"
    _load(str(folder))
    os.chmod(folder, 0o777)
    try:
        assert _load(str(folder))["yaml"]
    finally:
        os.chmod(folder, 0o700)
    for entry in _entries(folder):
        os.chmod(entry, 0o666)
    assert _load(str(folder))["yaml"]


def test_an_edited_rule_file_never_meets_an_old_entry(tmp_path, monkeypatch):
    monkeypatch.setenv("FZCHECK_CACHE_DIR", str(tmp_path))
    parsed = []

    def parse(text):
        parsed.append(text)
        return {"rules": [{"id": text}]}

    assert rulecache.rule_data("a: 1", parse) == {"rules": [{"id": "a: 1"}]}
    assert rulecache.rule_data("a: 1", parse) == {"rules": [{"id": "a: 1"}]}
    assert rulecache.rule_data("a: 2", parse) == {"rules": [{"id": "a: 2"}]}
    assert parsed == ["a: 1", "a: 2"]


def test_data_json_cannot_keep_is_not_cached(tmp_path, monkeypatch):
    import datetime

    monkeypatch.setenv("FZCHECK_CACHE_DIR", str(tmp_path))
    for data in ({1: "a number as a key"}, {"when": datetime.date(2024, 3, 28)}):
        assert rulecache.rule_data(repr(data), lambda text: data) == data
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_cache_folder_only_means_no_cache(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("x", encoding="utf-8")
    monkeypatch.setenv("FZCHECK_CACHE_DIR", str(blocked / "sub"))
    assert rulecache.rule_data("a: 1", lambda text: {"a": 1}) == {"a": 1}
