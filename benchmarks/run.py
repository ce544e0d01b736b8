"""Speed and memory of fzcheck, as five figures printed in one run (asserts nothing).

    python benchmarks/run.py            # full: 1,000 reports, sizes up to 20 MB, 10,000 reports for memory
    python benchmarks/run.py --quick    # smaller corpus, sizes up to 2 MB, 2,000 reports for memory
    python benchmarks/run.py --only 1,3 # some of the figures
    python benchmarks/run.py --only 4 --memory 2000,5000 --tree ../main   # figure 4 of another checkout

The corpus is synthetic: the paragraphs of examples/*.txt (and of ../shared/seeds/*.txt when present)
recombined into reports in a temporary folder, never written into the project.

1. per report: fzcheck (in process, --jobs 1, JSON rendered) against a baseline scan that reads each
   file, normalises it once and runs every pattern of the rule set over it once; target ratio <= 3.
2. linear in size: seconds per MB and peak memory per MB of text from 10 KB to 20 MB (one process each);
   target: flat seconds per MB, memory a small multiple of the text.
3. parallel: the console command with --jobs 2 against --jobs 1 on the same corpus; target ratio <= 0.6.
4. batch memory: peak RSS of the command's own process (the parent, which gathers and writes the results;
   VmHWM from /proc/self/status at its exit, workers not counted) for 2,000, 5,000 and 10,000 distinct
   reports to json, csv and xlsx, with the growth per 1,000 reports; target < 300 MB at 10,000.
5. cold start: `fzcheck --version` < 100 ms and `fzcheck check one.txt` < 250 ms (medians), with bytecode
   cached as an installation has it and fzcheck's cache (rule data, compiled patterns) as a user's second
   run has it, both in a temporary folder written by one warm-up run; the bare interpreter measured alike.

Timings are medians of --repeat runs; on a shared machine compare the ratios, which are measured in one run.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.、．])")
# Runs the console command and reports its own peak RSS (VmHWM) on stderr as it exits.
_MEASURED_CLI = (
    "import atexit, sys\n"
    "def _peak():\n"
    "    for row in open('/proc/self/status'):\n"
    "        if row.startswith('VmHWM'): sys.stderr.write('PEAK_KB ' + row.split()[1] + '\\n')\n"
    "atexit.register(_peak)\n"
    "sys.argv = ['fzcheck'] + sys.argv[1:]\n"
    "sys.path.insert(0, {root!r})\n"
    "from cli import main\n"
    "main()\n"
)


def _sources() -> list[Path]:
    files = sorted((ROOT / "examples").glob("*.txt"))
    seeds = ROOT.parent / "shared" / "seeds"
    return files + (sorted(seeds.glob("*.txt")) if seeds.is_dir() else [])


def _read_lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _is_body(line: str) -> bool:
    return len(line) > 40 and not _HEADING.match(line)


_REPORT_CHARS = 7000  # a typical county or department report


_CLAUSE = re.compile(r"(?<=[，。；：])")
_FILLER = "的地得之其并及与和也还又再更均都皆亦即乃则而且且以于为把被给向从在对按照经由"


def build_corpus(folder: Path, count: int, seed: int = 12, *, distinct: bool = False) -> int:
    """Write `count` reports: each keeps a source report's title, headings and signature and swaps
    most body paragraphs for paragraphs of other reports. Returns the total characters written.

    distinct: body paragraphs are new combinations of clauses (split at ，。；：) drawn from all the
    sources instead of whole paragraphs, so two reports rarely share a sentence, as in a real batch;
    whole shared paragraphs make the batch comparison flag most pairs, which a real batch never does."""
    rng = random.Random(seed)
    sources = [_read_lines(path) for path in _sources()]
    pool = [line for lines in sources for line in lines if _is_body(line)]
    clauses = [piece for line in pool for piece in _CLAUSE.split(line) if len(piece) > 4]

    def paragraph(like: str) -> str:
        if not distinct:
            return rng.choice(pool)
        text = ""
        while len(text) < len(like):
            text += rng.choice(clauses)
        # A character of filler about every sixth keeps most words but few 4-character runs in common
        # with any other report, so the batch comparison finds no copying (it compares 4-grams).
        text = filled(text)
        return text if text.endswith("。") else text + "。"

    def filled(text: str) -> str:
        return "".join(ch + rng.choice(_FILLER) if ch >= "\u4e00" and rng.random() < 0.17 else ch for ch in text)

    def own(number: int, line: str, lines: list[str]) -> str:
        """A line kept from the source made this report's own: a short item filled, a heading's words
        kept and the text running on after it filled; the title and signature stay as they are."""
        signature = number >= len(lines) - 3 and len(line) <= 40
        if not distinct or number < 2 or signature or len(line) < 12:
            return line
        if _HEADING.match(line):
            head, mark, rest = line.partition("。")
            return head + mark + filled(rest)
        return filled(line)

    total = 0
    for index in range(count):
        base = sources[index % len(sources)]
        share = 1.0 if distinct else 0.7  # of the body paragraphs replaced
        lines = [paragraph(line) if _is_body(line) and rng.random() < share else own(number, line, base)
                 for number, line in enumerate(base)]
        body = [i for i, line in enumerate(lines) if _is_body(line)] or [len(lines) // 2]
        size = sum(len(line) + 1 for line in lines)
        while size < _REPORT_CHARS:  # grow short reports with more paragraphs inside their parts
            extra = paragraph(rng.choice(pool))
            lines.insert(rng.choice(body) + 1, extra)
            size += len(extra) + 1
        text = "\n".join(lines) + "\n"
        (folder / f"{index:05d}.txt").write_text(text, encoding="utf-8")
        total += len(text)
    return total


def build_sized(path: Path, size: int, seed: int = 12) -> None:
    """One report of about `size` bytes: a real report's frame with its body repeated and recombined."""
    rng = random.Random(seed)
    sources = [_read_lines(p) for p in _sources()]
    pool = [line for lines in sources for line in lines if _is_body(line)]
    base = max(sources, key=len)
    head, tail = base[:3], base[-3:]
    body: list[str] = []
    written = sum(len(line.encode()) + 1 for line in head + tail)
    rounds = 0
    while written < size:
        rounds += 1
        for line in base[3:-3]:
            piece = rng.choice(pool) if _is_body(line) else line
            body.append(piece)
            written += len(piece.encode()) + 1
            if written >= size:
                break
    path.write_text("\n".join(head + body + tail) + "\n", encoding="utf-8")


def _patterns(ruleset) -> list[re.Pattern[str]]:
    """Every compiled pattern reachable from the rule set's rules and section locators."""
    from checker.match import Phrase

    found: dict[tuple[str, int], re.Pattern[str]] = {}

    def walk(value, depth=0):
        if depth > 8:
            return
        if isinstance(value, Phrase):  # compiled on first use: its compiled form is not a field
            value = value.pattern
        if isinstance(value, re.Pattern):
            found.setdefault((value.pattern, value.flags), value)
        elif isinstance(value, (tuple, list, set, frozenset)):
            for item in value:
                walk(item, depth + 1)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item, depth + 1)
        elif hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                walk(getattr(value, name), depth + 1)

    for rule in ruleset.rules:
        walk(rule.params)
    walk(ruleset)
    return list(found.values())


def baseline_scan(files: list[Path], patterns: list[re.Pattern[str]]) -> int:
    from checker.readers.txt import decode
    from checker.text import normalise

    hits = 0
    for path in files:
        text = decode(path.read_bytes(), str(path))
        norm = "\n".join(normalise(line) for line in text.splitlines())
        for pattern in patterns:
            for _ in pattern.finditer(norm):
                hits += 1
    return hits


def _median_time(action, repeat: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of `action` (CPU time suffers less from a busy machine)."""
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(times), statistics.median(cpu)


TREE = ROOT  # the checkout whose command is measured (--tree: compare an older one with the same corpus)


def _cli(args: list[str], check: bool = True) -> tuple[float, int]:
    """Run the console command; returns (seconds, peak RSS of its own process in KB).

    The peak is VmHWM of the command's own process (the parent), read from /proc/self/status as it exits;
    worker processes have their own and are not counted."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _MEASURED_CLI.format(root=str(TREE)), *args],
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if check and done.returncode not in (0, 1):
        raise SystemExit(f"fzcheck {' '.join(args)} failed ({done.returncode}): {done.stderr[-2000:]}")
    peak = next((int(row.split()[1]) for row in done.stderr.splitlines() if row.startswith("PEAK_KB")), 0)
    return elapsed, peak


def figure_scan(corpus: Path, repeat: int) -> None:
    from checker.pipeline import check_paths
    from checker.reporters import json_report
    from checker.ruleset import load_ruleset

    files = sorted(corpus.glob("*.txt"))
    patterns = _patterns(load_ruleset("government"))
    _patterns(load_ruleset("department"))
    check_paths([str(files[0])], jobs=1)  # load the rule sets once, as a batch does
    base, base_cpu = _median_time(lambda: baseline_scan(files, patterns), repeat)
    full, full_cpu = _median_time(
        lambda: json_report.render(check_paths([str(corpus)], jobs=1), color=False, width=None), repeat)
    per = 1000 / len(files)
    print(f"1. per report ({len(files)} reports, {len(patterns)} patterns): baseline scan {base * per:.2f} ms, "
          f"fzcheck {full * per:.2f} ms, ratio {full / base:.1f}x (target <= 3); "
          f"CPU time {base_cpu * per:.2f} ms vs {full_cpu * per:.2f} ms, ratio {full_cpu / base_cpu:.1f}x")


_AUTO = "auto"
_SIZE_CHILD = (
    "import sys, time, resource\n"
    "sys.path.insert(0, {root!r})\n"
    "from checker.pipeline import Options, check_one\n"
    "from checker.readers import limits\n"
    "limits.MAX_CHARS = limits.MAX_LINES = limits.MAX_TEXT_BYTES = 1 << 40  # scaling, not the report limits\n"
    "check_one({warm!r}, Options())\n"
    "def hwm():\n"
    "    return next(int(r.split()[1]) for r in open('/proc/self/status') if r.startswith('VmHWM'))\n"
    "def rss():\n"
    "    return next(int(r.split()[1]) for r in open('/proc/self/status') if r.startswith('VmRSS'))\n"
    "before = rss()\n"
    "start = time.perf_counter()\n"
    "check_one({path!r}, Options())\n"
    "print(time.perf_counter() - start, max(0, hwm() - before))\n"
)


def figure_sizes(folder: Path, sizes: list[int], repeat: int) -> None:
    warm = folder / "warm.txt"
    build_sized(warm, 10_000)
    rows = []
    for size in sizes:
        path = folder / f"size-{size}.txt"
        build_sized(path, size)
        actual = path.stat().st_size / 1e6
        runs = []
        for _ in range(repeat if size <= 2_000_000 else max(1, repeat // 3)):
            out = subprocess.run([sys.executable, "-c", _SIZE_CHILD.format(root=str(ROOT), warm=str(warm),
                                                                         path=str(path))],
                                 capture_output=True, text=True, check=True).stdout.split()
            runs.append((float(out[0]), int(out[1])))
        seconds = statistics.median(r[0] for r in runs)
        peak = statistics.median(r[1] for r in runs) / 1024
        rows.append((actual, seconds, peak))
        path.unlink()
    print("2. linear in size (one report per process; memory = peak RSS growth while checking):")
    for actual, seconds, peak in rows:
        print(f"   {actual:8.2f} MB  {seconds:7.3f} s  {seconds / actual:6.2f} s/MB  "
              f"peak +{peak:6.1f} MB  ({peak / actual:5.1f}x the file)")
    per_mb = [s / a for a, s, _ in rows]
    print(f"   spread of s/MB (largest/smallest): {max(per_mb) / min(per_mb):.1f}x (flat = close to 1)")


def _auto_jobs() -> str:
    """'auto' where the command knows it (older versions took only a number)."""
    done = subprocess.run([sys.executable, str(TREE / "cli.py"), "check", "--help"], capture_output=True, text=True)
    return "auto" if "auto" in done.stdout else "2"


def figure_jobs(corpus: Path, repeat: int) -> None:
    out = corpus.parent / "jobs.json"
    times = {}
    for jobs in ("1", "2", _AUTO):
        runs = [_cli(["check", str(corpus), "--format", "json", "-o", str(out), "--jobs", jobs])[0]
                for _ in range(repeat)]
        times[jobs] = statistics.median(runs)
    times["auto"] = times[_AUTO]
    count = len(list(corpus.glob("*.txt")))
    print(f"3. parallel ({count} reports, console command, json): --jobs 1 {times['1']:.2f} s, "
          f"--jobs 2 {times['2']:.2f} s, ratio {times['2'] / times['1']:.2f} (target <= 0.6); "
          f"--jobs auto {times['auto']:.2f} s")


def figure_memory(folder: Path, counts: list[int], formats: list[str]) -> None:
    """Parent peak RSS and time for batches of several sizes (distinct reports), and the growth per
    1,000 reports between the smallest and the largest: memory that does not grow with the batch is flat."""
    rows: dict[str, list[tuple[int, float, float]]] = {fmt: [] for fmt in formats}
    for count in counts:
        corpus = folder / f"memory-{count}"
        corpus.mkdir(exist_ok=True)
        chars = build_corpus(corpus, count, seed=count, distinct=True)
        for fmt in formats:
            seconds, peak = _cli(["check", str(corpus), "--format", fmt, "-o", str(folder / f"all.{fmt}"),
                                  "--jobs", _AUTO])
            rows[fmt].append((count, peak / 1024, seconds))
            print(f"   {count} reports ({chars / count:.0f} characters each) to {fmt}: parent peak RSS "
                  f"{peak / 1024:.0f} MB, {seconds:.1f} s, output {(folder / f'all.{fmt}').stat().st_size / 1e6:.1f} MB",
                  flush=True)
        shutil.rmtree(corpus)
    for fmt, found in rows.items():
        (small, low, _), (large, high, _) = found[0], found[-1]
        slope = (high - low) / (large - small) * 1000 if large > small else 0.0
        projected = high + slope * (10_000 - large) / 1000
        print(f"4. batch memory, {fmt}: " + ", ".join(f"{n} reports {mb:.0f} MB" for n, mb, _ in found)
              + f"; growth {slope:.1f} MB per 1,000 reports, so about {projected:.0f} MB at 10,000 (target < 300 MB)")


def _cold_env(cache: Path) -> dict[str, str]:
    """The child environment of figure 5: bytecode cached, as in a real installation (pip compiles .pyc
    when it installs; an editable install writes them on the first run), but into a temporary folder,
    never into the project tree, whatever PYTHONDONTWRITEBYTECODE the calling shell sets; fzcheck's own
    cache (rule data, compiled patterns) in a temporary folder too, as a user has it from the second run."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache / "bytecode")
    env["FZCHECK_CACHE_DIR"] = str(cache / "fzcheck")
    return env


def _cold_run(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one run of a command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, env=env)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}): {done.stderr[-2000:]!r}")
    return elapsed, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def figure_cold(sample: Path, repeat: int) -> None:
    with tempfile.TemporaryDirectory(prefix="fzcheck-pycache-") as cache:
        env = _cold_env(Path(cache))
        runs = {
            "bare": [sys.executable, "-c", "pass"],
            "version": [sys.executable, "-c", _MEASURED_CLI.format(root=str(TREE)), "--version"],
            "one": [sys.executable, "-c", _MEASURED_CLI.format(root=str(TREE)), "check", str(sample),
                    "--format", "json"],
        }
        for args in runs.values():  # the warm-up run writes what the measured runs read
            _cold_run(args, env)
        times = {name: [_cold_run(args, env) for _ in range(repeat)] for name, args in runs.items()}
    wall = {name: statistics.median(t for t, _ in found) * 1000 for name, found in times.items()}
    cpu = {name: statistics.median(c for _, c in found) * 1000 for name, found in times.items()}
    print(f"5. cold start (medians of {repeat}, after one warm-up run that wrote the bytecode and fzcheck's cache; "
          f"bare interpreter {wall['bare']:.0f} ms): --version {wall['version']:.0f} ms (target < 100), "
          f"check one.txt {wall['one']:.0f} ms (target < 250); CPU time {cpu['bare']:.0f}, {cpu['version']:.0f} "
          f"and {cpu['one']:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller corpus and sizes (about a minute)")
    parser.add_argument("--repeat", type=int, default=None, help="runs per timing (median); default 3, quick 1")
    parser.add_argument("--reports", type=int, default=None, help="reports in the corpus (default 1000, quick 300)")
    parser.add_argument("--only", default="1,2,3,4,5", help="which figures, e.g. 1,3")
    parser.add_argument("--memory", default=None, help="batch sizes for figure 4, e.g. 2000,5000 (default 2000,5000,10000)")
    parser.add_argument("--formats", default="json,csv,xlsx", help="output formats for figure 4")
    parser.add_argument("--tree", default=None, help="measure the command of another checkout (figures 3-5)")
    args = parser.parse_args()
    global TREE
    TREE = Path(args.tree).resolve() if args.tree else ROOT
    repeat = args.repeat or (1 if args.quick else 3)
    count = args.reports or (300 if args.quick else 1000)
    only = {int(x) for x in args.only.split(",")}
    global _AUTO
    _AUTO = _auto_jobs()
    load = os.getloadavg()
    print(f"fzcheck benchmark: {os.cpu_count()} CPUs ({len(os.sched_getaffinity(0))} usable), "
          f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="fzcheck-bench-") as temp:
        corpus = Path(temp) / "corpus"
        corpus.mkdir()
        if only - {4}:
            chars = build_corpus(corpus, count)
            print(f"corpus: {count} synthetic reports, {chars / count:.0f} characters each on average")
        if 1 in only:
            figure_scan(corpus, repeat)
        if 2 in only:
            sizes = [10_000, 100_000, 1_000_000, 2_000_000] if args.quick else \
                [10_000, 100_000, 1_000_000, 5_000_000, 20_000_000]
            figure_sizes(Path(temp), sizes, repeat)
        if 3 in only:
            figure_jobs(corpus, repeat)
        if 4 in only:
            counts = [int(n) for n in args.memory.split(",")] if args.memory else \
                ([500, 2000] if args.quick else [2000, 5000, 10_000])
            figure_memory(Path(temp), counts, args.formats.split(","))
        if 5 in only:
            figure_cold(sorted(corpus.glob("*.txt"))[0], max(5, repeat))
    load = os.getloadavg()
    print(f"load average at the end: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")


if __name__ == "__main__":
    main()
