"""Time and peak memory of every hostile reader case, as a markdown table (asserts nothing).

    python benchmarks/hostile_readers.py [--only docx,pdf]

Builds each input of tests/test_hostile_readers.py in a temporary folder and runs the console
script on it through tests/hostile.py (address-space limit, timeout, rusage of the child).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from hostile import run_fzcheck  # noqa: E402
from test_hostile_readers import CASES  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="comma-separated words a case id must contain")
    args = parser.parse_args()
    words = [word for word in args.only.split(",") if word]
    print("| case | exit | s | peak MB | stderr (first line) |")
    print("|---|---|---|---|---|")
    for case in CASES:
        if words and not any(word in case.id for word in words):
            continue
        with tempfile.TemporaryDirectory(prefix="fzcheck-hostile-") as folder:
            case.build(Path(folder))
            command = [case.command, case.name, *case.args] if case.command == "check" else \
                [case.command, case.name, "-o", "annotated.docx"]
            run = run_fzcheck(command, cwd=folder)
        line = run.error_lines[0] if run.error_lines else ""
        code = "TIMEOUT" if run.timed_out else str(run.code)
        print(f"| {case.id} | {code} | {run.seconds} | {run.peak_mb:.0f} | {line[:90]} |", flush=True)


if __name__ == "__main__":
    main()
