"""Speed and memory of fzcheck on the project's examples (and ../shared/seeds when present).

Run by hand: python benchmarks/run.py [--repeat N]. Prints a small table; asserts nothing.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _inputs() -> list[Path]:
    files = sorted((ROOT / "examples").glob("*.txt"))
    seeds = ROOT.parent / "shared" / "seeds"
    return files + (sorted(seeds.glob("*.txt")) if seeds.is_dir() else [])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    from checker import check_file

    files = _inputs()
    check_file(str(files[0]))  # load rule sets once, as a batch does
    print(f"{'file':<40} {'median ms':>10} {'peak KiB':>10}")
    for path in files:
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            check_file(str(path))
            times.append((time.perf_counter() - start) * 1000)
        tracemalloc.start()
        check_file(str(path))
        peak = tracemalloc.get_traced_memory()[1] / 1024
        tracemalloc.stop()
        print(f"{path.name:<40} {statistics.median(times):>10.1f} {peak:>10.0f}")
    _batch(files)
    start = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "cli.py"), "--version"], check=True, capture_output=True)
    print(f"cold start (cli --version): {(time.perf_counter() - start) * 1000:.0f} ms")
    start = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "cli.py"), "check", str(files[0]), "--format", "json"],
                   capture_output=True)
    print(f"cold check of one .txt (cli): {(time.perf_counter() - start) * 1000:.0f} ms")


def _batch(files: list[Path], copies: int = 200) -> None:
    """A supervisory office's folder: many reports, checked with one and with two processes."""
    import shutil
    import tempfile

    from checker.pipeline import check_paths

    with tempfile.TemporaryDirectory() as folder:
        for index in range(copies):
            shutil.copy(files[index % len(files)], Path(folder) / f"{index:04d}.txt")
        for jobs in (1, 2):
            start = time.perf_counter()
            batch = check_paths([folder], jobs=jobs)
            elapsed = time.perf_counter() - start
            print(f"batch of {len(batch.reports)} reports, --jobs {jobs}: {elapsed:.2f} s")


if __name__ == "__main__":
    main()
