"""Comment screening speed: the time to load the shipped screener (weights, lists, patterns,
third-party classifier) in a fresh process, and comments screened per second on one core.

Reads the labelled comments of ../shared/data/comments/train.jsonl (texts only) or --file.
Load time is measured in a new interpreter so that nothing is cached; the throughput loop
screens every comment once, in file order, after a warm-up of 200.

    .venv/bin/python benchmarks/screening_speed.py
    .venv/bin/python benchmarks/screening_speed.py --limit 3000
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "comments" / "train.jsonl"
LOAD = ("import time; started, cpu = time.perf_counter(), time.process_time(); "
        "from dateline.moderation.screening import default_screener; default_screener(); "
        "print(time.perf_counter() - started, time.process_time() - cpu)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=DATA, help="JSONL with a text per line.")
    parser.add_argument("--limit", type=int, default=0, help="Screen only the first N comments.")
    args = parser.parse_args()
    if not args.file.is_file():
        sys.exit(f"screening_speed: {args.file}: no such file")
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    loads = []
    cpus = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", LOAD], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout
        wall, cpu = out.strip().splitlines()[-1].split()
        loads.append(float(wall))
        cpus.append(float(cpu))
    print(f"load (fresh process, imports included): best {min(loads):.2f} s, "
          f"median {sorted(loads)[1]:.2f} s over 3 (CPU time: best {min(cpus):.2f} s)")

    sys.path.insert(0, str(ROOT))
    from dateline.moderation.screening import default_screener

    texts = [json.loads(line)["text"] for line in args.file.read_text(encoding="utf-8").split("\n")
             if line.strip()]
    if args.limit:
        texts = texts[:args.limit]
    screener = default_screener()
    for text in texts[:200]:
        screener.screen(text)
    started, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        screener.screen(text)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"throughput: {len(texts)} comments in {elapsed:.1f} s = {len(texts) / elapsed:.0f} "
          f"comments/s on one core ({elapsed / len(texts) * 1000:.2f} ms each; median length "
          f"{sorted(len(t) for t in texts)[len(texts) // 2]} characters)")
    print(f"CPU time of this process: {cpu:.1f} s = {len(texts) / cpu:.0f} comments per CPU "
          f"second (what a quiet core would give; wall time counts waiting for a busy one)")


if __name__ == "__main__":
    main()
