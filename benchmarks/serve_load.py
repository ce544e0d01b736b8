"""Load check of `fzcheck serve`: 50 uploads from 10 concurrent clients on loopback, every answer compared
with the CLI's JSON for the same file; prints throughput, latencies and the server's peak memory.

Run by hand: python benchmarks/serve_load.py [--requests 50] [--clients 10] [--workers 2]. Asserts nothing
about speed; exits 1 if any answer is wrong. Linux only (reads /proc for memory).
"""
from __future__ import annotations

import argparse
import io
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FZCHECK = Path(sys.executable).with_name("fzcheck")


def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        if line.strip():
            document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _uploads(folder: Path) -> dict[str, bytes]:
    """The examples as .txt and as .docx (written to folder, where the CLI reads them)."""
    files = {}
    for path in sorted((ROOT / "examples").glob("*.txt")):
        files[path.name] = path.read_bytes()
        files[path.stem + ".docx"] = _docx(path.read_text(encoding="utf-8"))
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return files


def _expected(folder: Path, names: list[str]) -> dict[str, bytes]:
    answers = {}
    for name in names:
        done = subprocess.run([str(FZCHECK), "check", "--format", "json", "--fail-on", "never", name],
                              cwd=folder, capture_output=True, timeout=120)
        answers[name] = done.stdout
    return answers


def _post(base: str, name: str, data: bytes) -> tuple[int, bytes, float]:
    boundary = uuid.uuid4().hex
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n\r\n').encode() \
        + data + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(base + "/api/check", data=body, method="POST",
                                     headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=300) as answer:
            return answer.status, answer.read(), time.perf_counter() - started
    except urllib.error.HTTPError as error:
        return error.code, error.read(), time.perf_counter() - started


def _tree(pid: int) -> list[int]:
    pids = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                for child in handle.read().split():
                    pids.extend(_tree(int(child)))
    except OSError:
        pass
    return pids


def _status(pid: int, key: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith(key + ":"):
                    return int(line.split()[1])  # kB
    except OSError:
        pass
    return 0


class MemoryWatch(threading.Thread):
    """Samples the summed resident memory of the server and its worker processes every 50 ms."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kb = 0
        self.hwm_kb: dict[int, int] = {}
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            pids = _tree(self.pid)
            self.peak_kb = max(self.peak_kb, sum(_status(p, "VmRSS") for p in pids))
            for p in pids:
                self.hwm_kb[p] = max(self.hwm_kb.get(p, 0), _status(p, "VmHWM"))
            time.sleep(0.05)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        files = _uploads(folder)
        names = sorted(files)
        expected = _expected(folder, names)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = subprocess.Popen([str(FZCHECK), "serve", "--port", str(port), "--workers", str(args.workers)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(120):
                try:
                    urllib.request.urlopen(base + "/healthz", timeout=2).close()
                    break
                except OSError:
                    time.sleep(0.5)
            _post(base, names[0], files[names[0]])  # warm the workers, as a running server is
            watch = MemoryWatch(server.pid)
            watch.start()
            jobs = [names[i % len(names)] for i in range(args.requests)]
            started = time.perf_counter()
            with ThreadPoolExecutor(args.clients) as clients:
                answers = list(clients.map(lambda name: (name, *_post(base, name, files[name])), jobs))
            elapsed = time.perf_counter() - started
            watch.stop.set()
            watch.join()
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(30)
    wrong = [name for name, status, body, _ in answers if status != 200 or body != expected[name]]
    latencies = sorted(seconds for *_, seconds in answers)
    print(f"requests: {len(answers)} from {args.clients} concurrent clients, {args.workers} worker processes, "
          f"{len(names)} distinct files ({', '.join(names)})")
    print(f"answered correctly (identical to fzcheck check --format json): {len(answers) - len(wrong)}/{len(answers)}")
    print(f"wall time: {elapsed:.1f} s   throughput: {len(answers) / elapsed:.1f} requests/s")
    print(f"latency: median {statistics.median(latencies):.2f} s   p95 {latencies[int(0.95 * (len(latencies) - 1))]:.2f} s"
          f"   max {latencies[-1]:.2f} s")
    print(f"server peak memory: {watch.peak_kb / 1024:.0f} MB resident in total (server + workers, sampled); "
          f"per process peak (VmHWM): {', '.join(f'{kb / 1024:.0f}' for kb in sorted(watch.hwm_kb.values(), reverse=True))} MB")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
