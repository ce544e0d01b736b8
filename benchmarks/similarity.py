"""Copying detection over a large batch: signatures and the MinHash/LSH comparison, timed (asserts nothing).

    python benchmarks/similarity.py              # 1,000 reports
    python benchmarks/similarity.py --reports 3000

The corpus is synthetic and built in memory: each report's sentences are drawn from a vocabulary of random
two-character words (so independent reports share only chance 4-grams), every report opens its measures with
the same four slogans (template phrasing), and every 50th report copies the shortcomings and causes of the
one before it. Printed: seconds to build the digests (what each worker adds per report: signature,
MinHash per part, packed sentences), the bytes of a digest as it crosses from a worker to the parent,
seconds for the parent's whole batch comparison (LSH, then the sentence check of candidate pairs), and
how many of the planted pairs were found (recall) with how many other pairs (false alarms).
"""
from __future__ import annotations

import argparse
import os
import pickle
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.document import Overrides, build_document  # noqa: E402
from checker.readers import read_bytes  # noqa: E402
from checker.ruleset import load_ruleset  # noqa: E402
from checker.signature import build_signature, digest  # noqa: E402
from checker.similarity import copied_pairs  # noqa: E402

# A vocabulary of two-character words drawn from the common CJK block: reports written independently share
# few 4-grams, as real ones do; a handful of slogans every report repeats stands for template phrasing.
_RNG = random.Random(7)
WORDS = ["".join(chr(_RNG.randint(0x4E00, 0x62FF)) for _ in range(2)) for _ in range(4000)]
SLOGANS = ["深入学习贯彻习近平法治思想，全面推进依法行政。", "坚持以人民为中心，持续优化法治化营商环境。",
           "进一步压实法治建设第一责任人职责，推动各项工作落地见效。", "不断提升依法行政能力和水平，法治政府建设取得新成效。"]


def sentence(rng: random.Random) -> str:
    words = "".join(rng.choice(WORDS) for _ in range(rng.randint(6, 12)))
    return f"{words}{rng.randint(2, 300)}次，{''.join(rng.choice(WORDS) for _ in range(4))}达到{rng.randint(60, 100)}%。"


def problem(rng: random.Random) -> str:
    return "".join(rng.choice(WORDS) for _ in range(rng.randint(8, 14))) + "。"


def report(rng: random.Random, number: int, shortcomings: str, causes: str) -> str:
    measures = "".join(SLOGANS) + "".join(sentence(rng) for _ in range(rng.randint(15, 40)))
    plan = "".join(f"{'一二三四五'[i]}是{problem(rng)}" for i in range(5))
    return (f"第{number}镇2024年法治政府建设情况报告\n一、2024年推进法治政府建设的主要举措和成效\n{measures}\n"
            f"二、存在的不足和原因\n{shortcomings}\n究其原因，{causes}\n四、2025年工作安排\n{plan}\n"
            f"第{number}镇人民政府\n2025年2月20日\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    args = parser.parse_args()
    rng = random.Random(13)
    texts, planted = [], set()
    for number in range(args.reports):
        if number % 50 == 1:  # copy the shortcomings and causes of the report before
            shortcomings, causes = previous
            planted.add((number - 1, number))
        else:
            shortcomings = "".join(problem(rng) for _ in range(4))
            causes = "".join(problem(rng) for _ in range(3))
        previous = (shortcomings, causes)
        texts.append(report(rng, number, shortcomings, causes))
    sections = load_ruleset("government").sections
    started = time.perf_counter()
    digests = []
    for number, text in enumerate(texts):
        doc = build_document(read_bytes(text.encode("utf-8"), f"{number}.txt"), Overrides(kind="government"))
        digests.append(digest(build_signature(doc, sections)))
    built = time.perf_counter() - started
    size = sum(len(pickle.dumps(d)) for d in digests) / len(digests)
    started = time.perf_counter()
    pairs = copied_pairs(digests)
    compared = time.perf_counter() - started
    found = {(i, j) for i, j, *_ in pairs}
    print(f"reports: {len(digests)}; load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"digests: {built:.2f} s ({1000 * built / len(digests):.2f} ms a report, with document parsing); "
          f"{size / 1024:.1f} KB a report (pickled)")
    print(f"batch comparison (LSH + sentence check, 4 parts): {compared:.2f} s")
    print(f"planted pairs found: {len(found & planted)}/{len(planted)}; other pairs flagged: {len(found - planted)}")


if __name__ == "__main__":
    main()
