"""Accepted exceptions: a unit explains once why a gap is not one for it, and later runs honour it.

Two sources, both need a reason:

    # .fzcheck.yaml in the report's folder, or --config FILE
    exceptions:
      - rule: indicator.reconsideration      # a rule id, an id prefix (indicator) or a rule title
        reason: 本单位不承担行政复议职能
        files: ["*交通*"]                     # optional glob(s), relative to the config file's folder

    Word comment (批注) in the report:  fzcheck 忽略 indicator.reconsideration：本单位不承担行政复议职能

An excepted result keeps its status and gains the exception; it counts for neither score nor exit code.
"""
from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, replace
from typing import Any, Iterable

from checker.errors import UsageError
from checker.results import Report, Result, Waiver

CONFIG_NAME = ".fzcheck.yaml"
DOCX_COMMENT = "docx comment"
MAX_CONFIG_BYTES = 1024 * 1024
_KEYS = {"rule", "reason", "files"}
_COMMENT = re.compile(r"^\s*fzcheck\s*忽略\s*(?P<rule>[^：:]+?)\s*(?:[：:]\s*(?P<reason>.*))?$", re.S | re.I)
_USAGE = "应写成 exceptions: [{rule: 规则id或标题, reason: 理由, files: 可选的文件通配符}]"


@dataclass(frozen=True)
class Accepted:
    """One accepted exception as written."""

    rule: str  # a rule id, an id prefix or a rule title
    reason: str
    source: str  # the config file's path, or "docx comment"
    files: tuple[str, ...] = ()  # globs; empty: every report the source covers
    folder: str = ""  # the config file's folder: globs are relative to it

    def covers(self, path: str) -> bool:
        if not self.files:
            return True
        relative = os.path.relpath(path, self.folder or ".").replace(os.sep, "/")
        return any(fnmatch.fnmatch(relative, glob) or fnmatch.fnmatch(os.path.basename(path), glob)
                   for glob in self.files)

    def matches(self, result: Result) -> bool:
        return self.rule in (result.rule, result.title) or result.rule.startswith(self.rule + ".")


def load_config(path: str) -> tuple[Accepted, ...]:
    """The exceptions of a config file; a bad file raises UsageError (one line, exit 2)."""
    data = _read_yaml(path)
    if data is None:
        return ()
    if not isinstance(data, dict) or set(data) - {"exceptions"}:
        raise UsageError(path, f"配置文件只能有 exceptions 一项，{_USAGE}")
    items = data.get("exceptions") or []
    if not isinstance(items, list):
        raise UsageError(path, f"exceptions 应是列表，{_USAGE}")
    return tuple(_exception(item, n, path) for n, item in enumerate(items, 1))


def _read_yaml(path: str) -> Any:
    """The config's YAML, parsed with the same bounds as rule files (no aliases, limited nesting and size)."""
    import yaml

    from checker import ruleyaml

    try:
        if os.path.getsize(path) > MAX_CONFIG_BYTES:
            raise UsageError(path, "配置文件超过 1 MB，不像是 fzcheck 配置；请检查路径")
        with open(path, encoding="utf-8") as handle:
            return ruleyaml.load(handle.read())
    except FileNotFoundError:
        raise UsageError(path, "配置文件不存在，请检查 --config 的路径") from None
    except UnicodeDecodeError:
        raise UsageError(path, "配置文件应为 UTF-8 编码") from None
    except OSError as exc:
        raise UsageError(path, f"无法读取配置文件（{exc.strerror or exc}）") from None
    except ruleyaml.Refused as exc:
        raise UsageError(path, f"配置文件无效：{exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第{mark.line + 1}行" if mark else ""
        raise UsageError(path, f"配置文件 YAML 语法错误{where}：{getattr(exc, 'problem', '') or exc}") from None


def _exception(item: Any, number: int, path: str) -> Accepted:
    where = f"exceptions 第{number}项"
    if not isinstance(item, dict) or set(item) - _KEYS:
        raise UsageError(path, f"{where}格式不对，{_USAGE}")
    rule, reason, files = item.get("rule"), item.get("reason"), item.get("files", [])
    if not isinstance(rule, str) or not rule.strip():
        raise UsageError(path, f"{where}没有写 rule（规则 id 或标题）")
    if not isinstance(reason, str) or not reason.strip():
        raise UsageError(path, f"{where}（{rule}）没有写理由 reason；说明本单位为什么没有这项内容后才能忽略")
    if isinstance(files, str):
        files = [files]
    if not isinstance(files, list) or not all(isinstance(f, str) and f for f in files):
        raise UsageError(path, f"{where}（{rule}）的 files 应是文件通配符或其列表，如 files: [\"*交通*\"]")
    return Accepted(rule=rule.strip(), reason=reason.strip(), source=path, files=tuple(files),
                      folder=os.path.dirname(path))


def check_rules_known(exceptions: Iterable[Accepted], known: Iterable[tuple[str, str]]) -> None:
    """Refuse an exception naming no rule: a typo would otherwise silently except nothing."""
    pairs = list(known)
    for exception in exceptions:
        if not any(exception.rule in (rule, title) or rule.startswith(exception.rule + ".") for rule, title in pairs):
            raise UsageError(exception.source, f"忽略的规则“{exception.rule}”不存在；请写规则 id（fzcheck rules list 可查）或规则标题")


def folder_configs(paths: Iterable[str]) -> dict[str, tuple[Accepted, ...]]:
    """The .fzcheck.yaml of each report's folder, loaded once per folder."""
    found: dict[str, tuple[Accepted, ...]] = {}
    for path in paths:
        folder = os.path.dirname(os.path.abspath(path))
        if folder not in found:
            config = os.path.join(folder, CONFIG_NAME)
            found[folder] = _relative_source(load_config(config), path) if os.path.isfile(config) else ()
    return {folder: items for folder, items in found.items() if items}


def _relative_source(items: tuple[Accepted, ...], report: str) -> tuple[Accepted, ...]:
    # Show the config as the user would find it: beside the report, as they named the report.
    shown = os.path.join(os.path.dirname(report), CONFIG_NAME)
    return tuple(replace(item, source=shown) for item in items)


def docx_comments(data: bytes, path: str) -> tuple[Accepted, ...]:
    """The `fzcheck 忽略 …：理由` comments of a Word file; one without a reason is refused."""
    from checker.readers.docx import W, open_zip, xml_parser

    with open_zip(data, path) as package:
        try:
            raw = package.read("word/comments.xml")
        except KeyError:
            return ()
    from lxml import etree

    try:
        root = etree.fromstring(raw, xml_parser())
    except etree.XMLSyntaxError:
        return ()
    found = []
    for comment in root.iter(f"{{{W}}}comment"):
        paragraphs = ["".join(t.text or "" for t in p.iter(f"{{{W}}}t")) for p in comment.iter(f"{{{W}}}p")]
        match = _COMMENT.match("\n".join(paragraphs).strip())
        if not match:
            continue
        reason = (match.group("reason") or "").strip()
        if not reason:
            raise UsageError(path, f"Word 批注“fzcheck 忽略 {match.group('rule')}”没有写理由；"
                                   "请写成“fzcheck 忽略 规则id或标题：理由”")
        found.append(Accepted(rule=match.group("rule").strip(), reason=reason, source=DOCX_COMMENT))
    return tuple(found)


def apply(report: Report, exceptions: Iterable[Accepted]) -> Report:
    """Mark the gaps an exception covers; a result's status stays as the check found it."""
    relevant = [e for e in exceptions if e.covers(report.path)]
    if not relevant:
        return report
    results = []
    for result in report.results:
        hit = next((e for e in relevant if e.matches(result)), None) if result.is_gap else None
        results.append(replace(result, exception=Waiver(hit.reason, hit.source)) if hit else result)
    return replace(report, results=tuple(results))
