"""A batch is written report by report: the writers read each report once, the parent keeps none of them,
and what they write is exactly the output of the whole batch rendered at once."""
from __future__ import annotations

import csv
import gc
import io
import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace

import pytest

from conftest import ROOT
from sample_batches import clean_government, department, sample_batch, township, UNREADABLE
from supervisory_samples import CAUSES, SHORTCOMINGS, report, write

from checker.output import open_output
from checker.pipeline import check_paths, stream_paths
from checker.reporters import csv_report, json_report, xlsx_report
from checker.reporters.table_rows import RESULT_HEADER
from checker.results import Batch, NotAReport, Report, Severity
from checker.stream import BatchStream, Kept, Spool, of_batch

EXAMPLES = ROOT / "examples"
BATCHES = {
    "sample": sample_batch(),
    "empty": Batch(version="0.1.0"),
    "errors only": Batch(errors=(UNREADABLE,), version="0.1.0"),
    "one": Batch(reports=(department(),), version="0.1.0"),
}


class Watched:
    """A stream whose reports are handed out one at a time, noting how far the writer had written each time."""

    def __init__(self, batch: Batch, out: io.BytesIO):
        self.version, self.errors, self.count = batch.version, batch.errors, len(batch.reports)
        self._reports, self._out = batch.reports, out
        self.written_before: list[int] = []
        self.handed = 0

    def reports(self):
        for report in self._reports:
            self.written_before.append(self._out.tell())
            self.handed += 1
            yield report

    def rendered(self, render):
        return map(render, self.reports())


@pytest.mark.parametrize("name", BATCHES)
def test_streamed_json_is_byte_for_byte_the_whole_batch_dumped(name):
    batch = BATCHES[name]
    out = io.BytesIO()
    json_report.write(of_batch(batch), out)
    assert out.getvalue().decode("utf-8") == json_report.render(batch)
    assert json.loads(out.getvalue()) == batch.as_dict()


@pytest.mark.parametrize("module", [json_report, csv_report, xlsx_report], ids=["json", "csv", "xlsx"])
def test_writers_take_each_report_once_and_write_before_asking_for_the_next(module):
    batch = Batch(reports=(township(), department(), clean_government()) * 10, errors=(UNREADABLE,), version="0.1.0")
    out = io.BytesIO()
    stream = Watched(batch, out)
    module.write(stream, out)
    assert stream.handed == len(batch.reports)
    if module is not xlsx_report:  # a zip is assembled at the end; its rows go to a temporary file meanwhile
        # Written as they come (give or take a buffer), not gathered first: most of the output is out
        # before the last report is asked for.
        assert stream.written_before == sorted(stream.written_before)
        assert stream.written_before[-1] > len(out.getvalue()) / 2
    if module is xlsx_report:
        assert out.getvalue()[:2] == b"PK"
    else:
        assert out.getvalue() == _bytes(module.render(batch))


def test_a_batch_stream_is_read_once():
    stream = of_batch(sample_batch())
    assert len(list(stream.reports())) == 3
    with pytest.raises(RuntimeError):
        list(stream.reports())


def test_a_spool_gives_back_its_reports_in_order_once():
    spool = Spool()
    reports = [township(), department(), clean_government()]
    for report in reports:
        spool.add(report)
    assert spool.count == 3 and list(spool) == reports
    with pytest.raises(RuntimeError):
        list(spool)


def test_a_sealed_spool_reads_any_report_by_position():
    spool = Spool()
    reports = [township(), department(), clean_government()]
    for report in reports:
        spool.add(report)
    spool.seal()
    assert [spool.read_at(n) for n in (2, 0, 1)] == [reports[2], reports[0], reports[1]]


def test_exit_code_of_a_stream_is_that_of_the_batch():
    note = replace(clean_government(), results=(), not_a_report=NotAReport("too_short", "只有几行，不是年度报告"))
    for batch in (sample_batch(), Batch(reports=(clean_government(),), version="x"),
                  Batch(reports=(township(), department()), version="x"),
                  Batch(reports=(clean_government(), note), version="x")):
        for fail_on in (Severity.ERROR, Severity.WARNING, Severity.INFO, None):
            stream = of_batch(batch)
            list(stream.reports())
            assert stream.exit_code(fail_on) == batch.exit_code(fail_on), (batch, fail_on)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """A batch that needs every batch-level step: two units sharing a part, an accepted exception, last
    year's report, the examples and a broken file; plus a baseline from an earlier run."""
    root = tmp_path_factory.mktemp("batch")
    write(root / "2023", "甲.txt", report("甲", 2023))
    this_year = root / "2024"
    write(this_year, "甲.txt", report("甲", first_responsible=False))
    write(this_year, "乙.txt", report("乙", shortcomings=SHORTCOMINGS["甲"], causes=CAUSES["甲"]))
    (this_year / ".fzcheck.yaml").write_text(
        "exceptions:\n  - {rule: content.first-responsible, reason: 另行专题报告}\n", encoding="utf-8")
    for example in ("government-good.txt", "government-flawed.txt", "department.txt"):
        shutil.copy(EXAMPLES / example, this_year / example)
    (this_year / "z-broken.txt").write_bytes(b"\x00\x01\x02" * 200)
    (root / "base.json").write_text(json_report.render(check_paths([str(this_year / "甲.txt")])), encoding="utf-8")
    return root


def _options(root):
    return {"previous": [str(root / "2023")], "baseline": str(root / "base.json")}


def _arguments(root):
    return ["--previous", str(root / "2023"), "--baseline", str(root / "base.json")]


def test_the_parent_keeps_no_report_while_the_batch_waits_to_be_written(folder):
    stream = stream_paths([str(folder / "2024")], jobs=1, **_options(folder))
    gc.collect()
    alive = [o for o in gc.get_objects() if isinstance(o, Report) and o.path.startswith(str(folder))]
    assert isinstance(stream._parked, Spool) and stream.count == 5
    assert alive == []  # every report waits on disk, not in this process's memory
    from checker.signature import Packed

    assert not any(isinstance(o, Packed) for o in gc.get_objects())  # nor do the digests' sentences
    assert len(list(stream.reports())) == 5


def test_streamed_batch_equals_the_batch_checked_whole(folder):
    whole = check_paths([str(folder / "2024")], jobs=1, **_options(folder))
    sources = {similar.source for report in whole.reports for similar in report.similar}
    assert sources == {"batch", "previous"}  # copying was found, so settling mattered
    assert any(r.exception for report in whole.reports for r in report.results)
    assert any(report.fixed is not None for report in whole.reports)
    for module in (json_report, csv_report):
        out = io.BytesIO()
        module.write(stream_paths([str(folder / "2024")], jobs=1, **_options(folder)), out)
        assert out.getvalue() == _bytes(module.render(whole))


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_batch_rendered_by_several_processes_is_the_batch_rendered_by_one(folder, jobs):
    """Checked with two processes, the batch is read back, settled and rendered by two: the same bytes and
    the same exit code as the whole batch rendered here."""
    import multiprocessing

    whole = check_paths([str(folder / "2024")], jobs=1, **_options(folder))
    stream = stream_paths([str(folder / "2024")], jobs=jobs, **_options(folder))
    assert stream._jobs == jobs
    out = io.BytesIO()
    json_report.write(stream, out)
    assert out.getvalue() == _bytes(json_report.render(whole))
    for fail_on in (Severity.ERROR, Severity.WARNING, Severity.INFO, None):
        assert stream.exit_code(fail_on) == whole.exit_code(fail_on)
    assert multiprocessing.active_children() == []


def test_workers_of_a_parked_batch_send_their_reports_pickled(folder):
    """The parent writes such a report where it waits as it came: the same report, without its digest."""
    import pickle

    from checker.pipeline import Options, _Pickled, _run, check_safely

    targets = sorted(str(p) for p in (folder / "2024").glob("*.txt"))
    options = Options(compare=True)
    outcomes = dict(_run(targets, options, 2, pickled=True))
    for path in targets:
        alone = check_safely(path, options)
        if isinstance(alone, Report):
            sent = outcomes[path]
            assert isinstance(sent, _Pickled) and (sent.path, sent.issuer) == (alone.path, alone.issuer)
            assert sent.digest == alone.pending.digest
            assert pickle.loads(sent.pickled) == replace(alone, pending=replace(alone.pending, digest=None))
        else:
            assert outcomes[path] == alone  # an unreadable file stays an error
    assert all(isinstance(outcome, Report) for _, outcome in _run(targets[:2], options, 2))


def test_a_writer_stopping_midway_leaves_no_process_behind(folder):
    import multiprocessing

    stream = stream_paths([str(folder / "2024")], jobs=2, **_options(folder))
    texts = stream.rendered(lambda report: report.path)
    assert next(texts).endswith(".txt")
    texts.close()  # as when writing the output fails
    assert multiprocessing.active_children() == []
    with pytest.raises(RuntimeError):
        list(stream.reports())


def test_xlsx_from_the_command_opens_with_every_row(folder, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "汇总.xlsx"
    done = _fzcheck("check", str(folder / "2024"), "--format", "xlsx", "-o", str(target), "--jobs", "2",
                    *_arguments(folder))
    assert done.returncode == 2, done.stderr  # the broken file
    whole = check_paths([str(folder / "2024")], jobs=1, **_options(folder))
    book = openpyxl.load_workbook(target, read_only=True)
    assert book.sheetnames == ["汇总", "全部结果", "常见问题", "督察比对", "雷同与照搬", "无法读取"]
    rows = list(book["全部结果"].iter_rows(values_only=True))
    assert rows[0] == RESULT_HEADER
    assert len(rows) - 1 == sum(len(r.results) for r in whole.reports) + len(whole.errors)
    assert [row[0] for row in book["汇总"].iter_rows(min_row=2, values_only=True)] != []
    assert len(list(book["汇总"].iter_rows(min_row=2))) == len(whole.reports)
    book.close()


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_command_output_equals_the_whole_batch_rendered(folder, tmp_path, fmt):
    target = tmp_path / f"out.{fmt}"
    done = _fzcheck("check", str(folder / "2024"), "--format", fmt, "-o", str(target), "--jobs", "2",
                    *_arguments(folder))
    assert done.returncode == 2, done.stderr
    whole = check_paths([str(folder / "2024")], jobs=1, **_options(folder))
    rendered = {"json": json_report, "csv": csv_report}[fmt].render(whole)
    assert target.read_bytes() == _bytes(rendered)
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8-sig"))))
        assert rows[-1][RESULT_HEADER.index("状态代码")] == "unreadable"


def test_json_to_standard_output_streams_the_same_bytes(folder):
    done = _fzcheck("check", str(folder / "2024"), "--format", "json", *_arguments(folder))
    whole = check_paths([str(folder / "2024")], jobs=1, **_options(folder))
    assert done.stdout == json_report.render(whole)


def test_a_writer_that_fails_leaves_the_old_output_and_no_temporary(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")

    class Broken(Exception):
        pass

    def failing():
        yield township()
        raise Broken

    stream = BatchStream(Kept(), (), "x", lambda index, report: report)
    stream.reports = failing  # the writer has begun when the batch breaks off
    with pytest.raises(Broken):
        with open_output(str(target)) as out:
            json_report.write(stream, out)
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["out.json"]


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600)])
def test_streamed_output_honours_the_umask(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        target = tmp_path / "out.csv"
        with open_output(str(target)) as out:
            csv_report.write(of_batch(sample_batch()), out)
        assert target.stat().st_mode & 0o777 == mode
        assert target.read_bytes() == csv_report.render(sample_batch())
    finally:
        os.umask(old)


def _fzcheck(*args: str) -> subprocess.CompletedProcess:
    code = "import sys; sys.argv = ['fzcheck'] + sys.argv[1:]; from cli import main; main()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300,
                          cwd=ROOT)


def _bytes(rendered: str | bytes) -> bytes:
    return rendered.encode("utf-8") if isinstance(rendered, str) else rendered
