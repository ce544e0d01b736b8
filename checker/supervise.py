"""The supervisory stage around checking: last year's reports, accepted exceptions, batch copying, baseline.

    prepare()   in the parent, before any report is read: configs, baseline and last year's signatures
    attach()    in the worker, per report: its last year's report, its exceptions, its digest for the batch
    finish()    in the parent, after all reports: copying between units, then the baseline

Only digests cross from workers to the parent, never a document's text: per part a MinHash (for LSH)
and the packed sentence shingles with short quotes (to confirm and quote the candidate pairs).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Mapping

from checker import exceptions as accepted
from checker.errors import FzError, UsageError
from checker.location import Places, places, stamp
from checker.results import Batch, Report, Similar, Status, distinct
from checker.signature import PARTS, Digest, Signature, build_signature, digest

SHARED_RULE_KIND = "shared"
_ISSUER_NOISE = re.compile(r"[\s（）()]|中共|委员会")


@dataclass(frozen=True)
class Supervision:
    """What the stage needs in every worker; small enough to send to each once."""

    config: tuple[accepted.Accepted, ...] = ()  # from --config: every report
    folders: Mapping[str, tuple[accepted.Accepted, ...]] = field(default_factory=dict)  # .fzcheck.yaml by folder
    previous: Mapping[str, Signature] = field(default_factory=dict)  # by normalised issuer, and by mapped path

    @property
    def active(self) -> bool:
        return bool(self.config or self.folders or self.previous)


def issuer_key(issuer: str) -> str:
    return _ISSUER_NOISE.sub("", issuer)


def prepare(targets: list[str], *, config: str | None = None, previous: Iterable[str] = (),
            previous_map: str | None = None, known_rules=list, read=None) -> Supervision:
    """Load and validate everything up front: a bad config, map or previous folder stops the run (exit 2)."""
    explicit = accepted.load_config(config) if config else ()
    folders = accepted.folder_configs(targets)
    listed = list(explicit) + [e for items in folders.values() for e in items]
    if listed:
        accepted.check_rules_known(listed, known_rules())
    return Supervision(config=explicit, folders=folders,
                       previous=_previous(list(previous), previous_map, read) if previous else {})


def _previous(paths: list[str], mapping: str | None, read) -> dict[str, Signature]:
    from checker.discovery import expand_paths

    files = expand_paths(paths)
    missing = [p for p in files if not os.path.exists(p)]
    if missing or not files:
        raise UsageError(", ".join(missing or paths), "找不到上一年度报告；--previous 应为上年报告的文件或目录")
    signatures = [s for s in read(files) if s is not None]
    index: dict[str, Signature] = {}
    for signature in signatures:
        if signature.issuer:
            index.setdefault("issuer:" + issuer_key(signature.issuer), signature)
    if mapping:
        by_path = {os.path.normpath(s.path): s for s in signatures}
        for this_year, last_year in _read_map(mapping):
            found = by_path.get(os.path.normpath(last_year))
            if found is None:
                raise UsageError(mapping, f"对照表中的上年报告“{last_year}”不在 --previous 给出的报告中")
            index["path:" + os.path.normpath(this_year)] = found
            index["name:" + os.path.basename(this_year)] = found
    return index


def last_year(doc, sections) -> Signature:
    """Last year's report as a signature, with its plan item by item."""
    from checker.followup import plan_items
    from checker.locate import find_section

    plan = find_section(doc, sections["plan"]) if "plan" in sections else None
    return build_signature(doc, sections, plan_items(plan.lines) if plan and not plan.is_inline else ())


def _read_map(path: str) -> list[tuple[str, str]]:
    """Rows of `本年度报告,上一年度报告` (a header row is allowed)."""
    import csv  # only --previous-map reads a CSV file

    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = [row for row in csv.reader(handle) if any(cell.strip() for cell in row)]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise UsageError(path, f"无法读取对照表（{getattr(exc, 'strerror', None) or exc}）；应为 UTF-8 编码的 CSV") from None
    if rows and rows[0][:1] and not os.path.splitext(rows[0][0])[1]:
        rows = rows[1:]  # a header such as 本年度报告,上一年度报告
    bad = next((n for n, row in enumerate(rows, 1) if len(row) != 2 or not all(c.strip() for c in row)), None)
    if bad:
        raise UsageError(path, f"对照表第{bad}行应为两列：本年度报告文件,上一年度报告文件")
    return [(a.strip(), b.strip()) for a, b in rows]


def previous_for(doc, supervision: Supervision) -> Signature | None:
    index = supervision.previous
    for key in ("path:" + os.path.normpath(doc.path), "name:" + os.path.basename(doc.path),
                "issuer:" + issuer_key(doc.issuer)):
        if key in index and index[key].path != doc.path:
            return index[key]
    return None


def exceptions_for(path: str, supervision: Supervision, data: bytes | None) -> list[accepted.Accepted]:
    found = list(supervision.config) + list(supervision.folders.get(os.path.dirname(os.path.abspath(path)), ()))
    if data is not None:
        found += accepted.docx_comments(data, path)
    return found


@dataclass(frozen=True)
class Pending:
    """What finish() still needs of a report."""

    digest: Digest | None
    exceptions: tuple[accepted.Accepted, ...]
    places: Places = field(default_factory=dict)  # where its lines stand, for quotes of copied sentences


def attach(report: Report, doc, sections, supervision: Supervision, data: bytes | None, *,
           compare: bool = False) -> Report:
    """Per report, in the worker: similar-to-last-year entries, exceptions, and the digest for the batch."""
    excepted = tuple(exceptions_for(report.path, supervision, data))
    signature = build_signature(doc, sections) if (compare or doc.previous is not None) else None
    similar = ()
    if doc.previous is not None and signature is not None:
        from checker.similarity import compare

        similar = tuple(Similar(o.part, doc.previous.path, o.share, "previous", doc.previous.issuer,
                                tuple(s.quote for s in o.shared[:3])) for o in compare(signature, doc.previous)
                        if o.copied)
    report = replace(report, similar=similar,
                     pending=Pending(digest(signature) if compare else None, excepted,
                                     places(doc) if compare else {}))
    return accepted.apply(report, excepted)


def park(found: Digest, store) -> Digest:
    """The digest with its packed sentences (most of its size) in `store` (checker.stream.Parked): a
    batch of thousands keeps only the MinHashes in memory, and reads a part's sentences back when
    LSH proposes it as half of a pair."""
    return replace(found, parts=_ParkedParts(store, {name: store.append(packed) for name, packed in found.parts.items()}))


class _ParkedParts(Mapping):
    """A digest's parts, each read from where it was parked each time it is asked for."""

    def __init__(self, store, positions: dict[str, int]) -> None:
        self._store, self._positions = store, positions

    def __getitem__(self, name: str):
        return self._store[self._positions[name]]

    def __iter__(self):
        return iter(self._positions)

    def __len__(self) -> int:
        return len(self._positions)


def finish(batch: Batch, baseline=None) -> Batch:
    """In the parent, after every report: copying between units, then only-what-is-new."""
    reports = batch.reports
    digests = [r.pending.digest if isinstance(r.pending, Pending) else None for r in reports]
    copying = None
    if sum(found is not None for found in digests) > 1:
        from checker.copying import Copying

        copying = Copying()
        for found in digests:
            copying.add(found)
    settle = settler(copying, [(r.path, r.issuer) for r in reports], baseline)
    return replace(batch, reports=tuple(settle(n, r) for n, r in enumerate(reports)))


def settler(copying, names: list[tuple[str, str]], baseline=None):
    """The batch's verdicts, worked out once every report's digest is in (`copying`: a checker.copying.Copying
    given each report's digest in batch order, or None when the batch is not compared; `names`: path and issuer, in batch order), as a function
    that settles report n when it is written; so the reports themselves need not stay in memory while the
    batch is compared."""
    present = set(copying.present) if copying is not None else set()
    compared = len(present) > 1
    found = _batch_copying(copying) if compared else {}
    if baseline is not None:
        from checker.baseline import mark

    def settle(index: int, report: Report) -> Report:
        if compared:
            report = _shared_verdict(report, _similar(found.get(index, []), names), index in present)
        report = replace(report, pending=None)
        return mark(report, baseline) if baseline is not None else report

    return settle


def _batch_copying(copying):
    """Per report (batch position), the other reports it shares parts with: (the other's position, this
    report's overlap)."""
    found: dict[int, list[tuple[int, Any]]] = {}
    for a, b, mine, theirs in copying.pairs():
        for me, other, overlap in ((a, b, mine), (b, a, theirs)):
            if overlap.shared:
                found.setdefault(me, []).append((other, overlap))
    return found


def _similar(found: list[tuple[int, Any]], names: list[tuple[str, str]]) -> list[tuple[Similar, Any]]:
    """A report's similar entries, made as the report is settled (by whichever process writes it)."""
    entries = []
    for other, overlap in found:
        path, issuer = names[other]
        entries.append((Similar(overlap.part, path, overlap.share, "batch", issuer,
                                tuple(s.quote for s in overlap.shared[:3])), overlap))
    return entries


def _shared_verdict(report: Report, found: list, compared: bool) -> Report:
    """The batch's verdict on text.shared-with-other-unit, and the report's similar entries."""
    from checker.similarity import COPIED_SHARE

    copied = sorted((item for item in found if item[1].copied), key=lambda item: (-item[0].share, item[0].path))
    results = []
    for result in report.results:
        if compared and result.rule.startswith("text.shared") and result.status is Status.NOT_APPLICABLE:
            result = _shared_result(result, copied, report.pending)
        results.append(result)
    similar = [entry for entry, overlap in found if entry.share >= COPIED_SHARE]
    report = replace(report, results=tuple(results), similar=report.similar + tuple(
        sorted(similar, key=lambda s: (PARTS.index(s.part), -s.share, s.path))))
    pending = report.pending
    return accepted.apply(report, pending.exceptions) if isinstance(pending, Pending) else report


def _shared_result(result, copied: list, pending: Any):
    from checker.kinds.shared import verdict

    finding = verdict([(entry.other or entry.path, overlap) for entry, overlap in copied])
    known = pending.places if isinstance(pending, Pending) else {}
    return replace(result, status=finding.status, message=finding.message,
                   evidence=stamp(distinct(finding.evidence), known))
