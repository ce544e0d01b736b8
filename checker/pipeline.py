"""From paths to a Batch: read, build the document, pick the rule set, evaluate; a bad file never stops a batch."""
from __future__ import annotations

import datetime
import os
import threading
from dataclasses import dataclass, replace
from typing import Iterable, Iterator, Protocol

from checker import __version__, methodcache, patterncache

patterncache.preload()  # before the modules below compile their patterns as they load
methodcache.preload()  # before they make their dataclasses

from checker.discovery import NOT_A_FILE, discover, is_regular_file
from checker.document import Overrides, build_document
from checker.engine import evaluate, unscored
from checker.errors import FzError, InputError
from checker.readers import DEFAULT_MAX_BYTES, read_bytes, read_path
from checker.report_shape import assess
from checker.results import Batch, FileError, Report
from checker.stream import BatchStream, Kept, Parked, Spool, leave_interrupt
from checker.ruleset import load_ruleset
from checker.supervise import Supervision, attach, previous_for


@dataclass(frozen=True)
class Options:
    """What a run asks of every report it checks."""

    rules: str | None = None  # a built-in name or a rule file; None: follow the report's kind
    year: int | None = None
    kind: str | None = None
    published: datetime.date | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    compare: bool = False  # keep each report's compact signature, so the batch can be compared for copying

    def overrides(self) -> Overrides:
        return Overrides(report_year=self.year, kind=self.kind, published=self.published)


# The supervisory context of this run (--previous, --config, batch comparison); set once per worker.
_SUPERVISION = Supervision()


def _set_supervision(supervision: Supervision) -> None:
    global _SUPERVISION
    _SUPERVISION = supervision


def _evaluate_text(text, options: Options, data: bytes | None = None) -> Report:
    doc = build_document(text, options.overrides())
    ruleset = load_ruleset(options.rules or doc.kind)
    why = assess(doc, ruleset.sections)
    if why is not None:  # a note, a notice, several reports in one file …: not checked rule by rule
        return unscored(doc, ruleset, why)
    supervision = _SUPERVISION
    if not (supervision.active or options.compare) and data is None:
        return evaluate(doc, ruleset)
    doc = replace(doc, previous=previous_for(doc, supervision))
    return attach(evaluate(doc, ruleset), doc, ruleset.sections, supervision, data, compare=options.compare)


def check_one(path: str, options: Options) -> Report:
    """Check one report; raises FzError when it cannot be read."""
    if path != "-" and not is_regular_file(path):
        raise InputError(path, NOT_A_FILE)
    text = read_path(path, max_bytes=options.max_bytes)
    # Word comments may carry accepted exceptions (fzcheck 忽略 …：理由).
    data = _read_docx(path) if text.format == "docx" else None
    return _evaluate_text(text, options, data)


def _read_docx(path: str) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def signature_of(path: str, options: Options):
    """Last year's report as a signature with its plan items; None when it cannot be read."""
    from checker.supervise import last_year

    try:
        doc = build_document(read_path(path, max_bytes=options.max_bytes), Overrides(kind=options.kind))
    except FzError:
        return None
    return last_year(doc, load_ruleset(options.rules or doc.kind).sections)


def check_string(content: str, name: str, options: Options) -> Report:
    return _evaluate_text(read_bytes(content.encode("utf-8"), name), options)


def check_bytes(data: bytes, name: str, options: Options) -> Report:
    """Check a report received as bytes (an upload); raises FzError when it cannot be read."""
    text = read_bytes(data, name)
    return _evaluate_text(text, options, data if text.format == "docx" else None)


def check_safely(path: str, options: Options, data: bytes | None = None) -> Report | FileError:
    """Check one report (from its path, or from `data` named `path`); an unreadable one becomes a FileError."""
    try:
        return check_one(path, options) if data is None else check_bytes(data, path, options)
    except FzError as error:
        return FileError(path=error.path or path, message=error.reason)
    except RecursionError:
        return FileError(path=path, message="文件结构嵌套过深，无法解析")
    except MemoryError:
        return FileError(path=path, message="文件过大，内存不足以解析")
    except Exception as error:  # a bug must not end a batch of hundreds of reports
        import traceback

        return FileError(path=path, internal=True, detail=traceback.format_exc(),
                         message=f"检查此文件时 fzcheck 内部出错（{type(error).__name__}）；"
                                 f"可先另存为 .docx 或 .txt 再试，并请把此文件和 --debug 的输出报告给维护者")


class Progress(Protocol):
    def start(self, total: int) -> None: ...
    def advance(self, path: str) -> None: ...
    def close(self) -> None: ...


def check_paths(paths: Iterable[str], options: Options = Options(), *, jobs: int | None = 1,
                progress: Progress | None = None, config: str | None = None, previous: Iterable[str] = (),
                previous_map: str | None = None, baseline: str | None = None) -> Batch:
    """Check every report; unreadable ones become errors and the rest go on. jobs 0/None: one process per CPU.

    config: an exceptions file for every report (besides each folder's .fzcheck.yaml); previous: last
    year's reports; previous_map: a CSV pairing this year's files with last year's; baseline: an earlier JSON output.
    """
    return stream_paths(paths, options, jobs=jobs, progress=progress, config=config, previous=previous,
                        previous_map=previous_map, baseline=baseline, spool=False).collect()


def stream_paths(paths: Iterable[str], options: Options = Options(), *, jobs: int | None = 1,
                 progress: Progress | None = None, config: str | None = None, previous: Iterable[str] = (),
                 previous_map: str | None = None, baseline: str | None = None, spool: bool = True) -> BatchStream:
    """As check_paths, but the reports are read out once, one at a time, for writers that write as they go.

    Every report is checked before this returns (the batch comparison needs all of them); with `spool`
    each waits on disk meanwhile, so the memory a batch takes does not grow with its reports' contents.
    """
    paths = list(paths)
    found = discover(paths)
    targets = found.files
    if options.rules:
        load_ruleset(options.rules)  # an invalid rule file stops the run before any report is read
    if not targets and not found.errors:
        raise InputError(", ".join(paths), "没有找到可检查的报告文件（支持 .txt .docx .doc .wps .pdf .html .ofd .rtf）")
    options = replace(options, compare=len(targets) > 1)
    from checker import supervise

    loaded = None
    if baseline:
        from checker.baseline import load_baseline  # only a run given --baseline reads one

        loaded = load_baseline(baseline)
    supervision = supervise.prepare(
        targets, config=config, previous=previous, previous_map=previous_map,
        known_rules=lambda: _known_rules(options), read=lambda files: [signature_of(f, options) for f in files])
    _set_supervision(supervision)
    errors: list[FileError] = list(found.errors)
    parked = Spool() if spool and len(targets) > 1 else Kept()
    # Given each report's digest in batch order, compares the batch for copying while it is checked.
    copying = _copying() if options.compare else None
    # With the reports on disk, so are the digests' packed sentences: only their MinHashes stay here.
    store = Parked() if isinstance(parked, Spool) else None
    names: list[tuple[str, str]] = []
    if progress:
        progress.start(len(targets))
    try:
        for path, outcome in _run(targets, options, jobs, pickled=isinstance(parked, Spool)):
            if isinstance(outcome, FileError):
                errors.append(outcome)
            else:
                # The comparison holds the digest from now on; the report need not carry it.
                found, report = (outcome.digest, None) if isinstance(outcome, _Pickled) else _without_digest(outcome)
                if copying is not None:
                    copying.add(supervise.park(found, store) if found is not None and store is not None else found)
                names.append((outcome.path, outcome.issuer))
                if report is None:
                    parked.add_pickled(outcome.pickled)
                else:
                    parked.add(report)
            if progress:
                progress.advance(path)
    except BaseException:
        parked.discard()
        raise
    finally:
        if progress:
            progress.close()
        _set_supervision(Supervision())
    if supervision.active or options.compare or loaded:
        settle = supervise.settler(copying, names, loaded)
    else:
        settle = _as_checked
    return BatchStream(parked, tuple(errors), __version__, settle, jobs=worker_count(jobs, len(targets)))


@dataclass(frozen=True)
class _Pickled:
    """A report a worker checked for a batch that parks its reports: pickled there, without its digest, so
    the parent writes it where it waits as it came instead of reading it and pickling it again."""

    path: str
    issuer: str
    digest: object  # signature.Digest, or None
    pickled: bytes


def _without_digest(report: Report):
    """The report's digest for the batch comparison (None when it has none) and the report without it."""
    from checker import supervise

    pending = report.pending
    if not isinstance(pending, supervise.Pending) or pending.digest is None:
        return None, report
    return pending.digest, replace(report, pending=replace(pending, digest=None))


def _copying():
    from checker.copying import Copying  # only a batch compares

    return Copying()


def _as_checked(index: int, report: Report) -> Report:
    return report


def _known_rules(options: Options) -> list[tuple[str, str]]:
    names = [options.rules] if options.rules else ["government", "department"]
    return [(rule.id, rule.title) for name in names for rule in load_ruleset(name).rules]


def worker_count(jobs: int | None, files: int) -> int:
    """Processes to use: `jobs`, or with 0/None (auto) one per CPU; never more than there are files."""
    if not jobs:
        jobs = _cpus()
    return max(1, min(jobs, files))


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _run(targets: list[str], options: Options, jobs: int | None,
         pickled: bool = False) -> Iterator[tuple[str, Report | _Pickled | FileError]]:
    """Each target checked, in order. pickled: the reports checked by workers come _Pickled."""
    jobs = worker_count(jobs, len(targets))
    if jobs == 1:
        for path in targets:
            yield path, check_safely(path, options)
        return
    import multiprocessing  # only batches pay for it

    _load_rulesets(options)  # parsed once here; forked workers inherit it, spawned ones load it once
    # Chunks big enough that a message carries several reports (the rule texts they share are sent
    # once per chunk), small enough that both processes stay busy to the end.
    chunk = max(1, min(16, len(targets) // (jobs * 8)))
    # Workers that run ahead of the parent would pile finished reports up in its memory: hand out tasks
    # only while fewer than `window` are unread (a slot frees as each outcome is taken). Enough that
    # the workers keep busy while the parent compares the last reports for copying (checker/copying.py).
    window = jobs * chunk * 8
    room = threading.Semaphore(window)

    def tasks() -> Iterator[tuple[int, str, Options]]:
        for index, path in enumerate(targets):
            room.acquire()
            yield index, path, options

    with multiprocessing.Pool(jobs, initializer=_start_worker, initargs=(_SUPERVISION, options, pickled)) as pool:
        pending: dict[int, Report | _Pickled | FileError] = {}
        following = 0
        try:
            for index, outcome in pool.imap_unordered(_check_indexed, tasks(), chunksize=chunk):
                room.release()
                pending[index] = outcome
                while following in pending:  # restore the order of the files, holding back only what came early
                    yield targets[following], pending.pop(following)
                    following += 1
        finally:
            room.release(len(targets))  # never leave the pool's feeder waiting when the loop stops early


_PICKLE = False  # in a worker: the parent parks the reports, so they go back _Pickled


def _check_indexed(task: tuple[int, str, Options]) -> tuple[int, Report | _Pickled | FileError]:
    index, path, options = task
    outcome = check_safely(path, options)
    if _PICKLE and isinstance(outcome, Report):
        import pickle

        found, report = _without_digest(outcome)
        outcome = _Pickled(report.path, report.issuer, found, pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL))
    return index, outcome


def _start_worker(supervision: Supervision, options: Options, pickled: bool) -> None:
    global _PICKLE
    leave_interrupt()
    _PICKLE = pickled
    _set_supervision(supervision)
    _load_rulesets(options)


def _load_rulesets(options: Options) -> None:
    for name in [options.rules] if options.rules else ["government", "department"]:
        try:
            load_ruleset(name)
        except FzError:
            pass  # reported where the rule set is used
