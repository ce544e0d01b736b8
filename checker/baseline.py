"""Only what is new: compare a run with an earlier JSON output by result fingerprints.

A gap whose fingerprint the baseline already had is "unchanged" and does not decide the exit code;
a baseline gap no longer found is listed as fixed. Reports are matched by path, then file name, then issuer.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace
from typing import Any

from checker.errors import UsageError
from checker.results import Batch, Fixed, Report

MAX_BASELINE_BYTES = 200 * 1024 * 1024
_GAP = {"weak", "missing"}


@dataclass(frozen=True)
class BaselineReport:
    """One report of the baseline run: where it was, whose it is, and its gaps by fingerprint."""

    path: str
    issuer: str
    gaps: dict[str, tuple[str, str]]  # fingerprint → (rule, title)


@dataclass(frozen=True)
class Baseline:
    """An earlier JSON output, report by report, to compare a run with."""

    source: str
    reports: tuple[BaselineReport, ...]

    def find(self, report: Report) -> BaselineReport | None:
        """The baseline's entry for a report: the same path, else the one with its file name or issuer."""
        for same in (lambda b: b.path == report.path,
                     lambda b: os.path.basename(b.path) == os.path.basename(report.path),
                     lambda b: bool(report.issuer) and b.issuer == report.issuer):
            found = [b for b in self.reports if same(b)]
            if len(found) == 1:
                return found[0]
        return None


def load_baseline(path: str) -> Baseline:
    """Read an earlier `--format json` output; anything else is refused in one line."""
    try:
        if os.path.getsize(path) > MAX_BASELINE_BYTES:
            raise UsageError(path, "基线文件超过 200 MB，不像是 fzcheck 的 JSON 输出")
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise UsageError(path, "基线文件不存在；请给出上次用 --format json 输出的文件") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise UsageError(path, "基线文件不是 JSON；请给出上次用 fzcheck check --format json -o 文件 输出的文件") from None
    except OSError as exc:
        raise UsageError(path, f"无法读取基线文件（{exc.strerror or exc}）") from None
    if not isinstance(data, dict) or not isinstance(data.get("reports"), list):
        raise UsageError(path, "基线文件不是 fzcheck 的 JSON 输出（缺少 reports）")
    return Baseline(source=path, reports=tuple(_report(item, path) for item in data["reports"]))


def _report(item: Any, path: str) -> BaselineReport:
    if not isinstance(item, dict) or not isinstance(item.get("results"), list):
        raise UsageError(path, "基线文件中的报告缺少 results，不是 fzcheck 的 JSON 输出")
    gaps = {}
    for result in item["results"]:
        if not isinstance(result, dict):
            continue
        if "fingerprint" not in result:
            raise UsageError(path, "基线文件的结果没有 fingerprint（旧版本输出）；请用当前版本重新生成基线")
        if result.get("status") in _GAP:
            gaps[str(result["fingerprint"])] = (str(result.get("rule", "")), str(result.get("title", "")))
    return BaselineReport(path=str(item.get("path", "")), issuer=str(item.get("issuer", "")), gaps=gaps)


def mark(report: Report, baseline: Baseline) -> Report:
    """Each gap new or unchanged; the baseline's gaps not found any more listed as fixed."""
    old = baseline.find(report)
    known = old.gaps if old else {}
    results = tuple(replace(r, baseline="unchanged" if r.fingerprint in known else "new") if r.is_gap else r
                    for r in report.results)
    current = {r.fingerprint for r in report.results if r.is_gap}
    fixed = tuple(Fixed(rule, title, fingerprint) for fingerprint, (rule, title) in known.items()
                  if fingerprint not in current)
    return replace(report, results=results, fixed=fixed)


def mark_batch(batch: Batch, baseline: Baseline) -> Batch:
    return replace(batch, reports=tuple(mark(report, baseline) for report in batch.reports))
