"""Throughput and tail latency of the workbench under a steady request rate.

Starts `dateline serve --workers N` on 127.0.0.1 for a database, sends requests at a fixed rate
(open loop: a request is due at its time whether or not earlier ones have answered, and its
latency counts from that time, so a backlog shows) from a pool of kept-alive connections, and
prints the rate served and p50/p95/p99 overall and per page. Bounded in time and in count.

Databases: the bundled sample corpus (ingested with the real pipeline) and a synthetic ledger of
100,000 events (the builder of benchmarks/web_latency.py). The goal: >= 200 req/s served with
p99 <= 250 ms at 100,000 events, load client on the same machine.

    .venv/bin/python benchmarks/web_load.py                            # both, 200 req/s, 30 s each
    .venv/bin/python benchmarks/web_load.py --only 100k --rate 300 --seconds 20 --workers 2
"""
from __future__ import annotations

import argparse
import http.client
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from queue import Empty, Queue

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_latency import build_synthetic, free_port, start_server  # noqa: E402

from dateline.store.db import Store  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TARGET_RATE = 200.0
TARGET_P99_MS = 250.0
MAX_REQUESTS = 100_000

# (weight, path): what a group of analysts browsing the workbench asks for.
MIX = [
    (14, "/"), (10, "/timeline"), (8, "/map/markers.json"), (6, "/map"),
    (16, "/api/events?limit=50"), (6, "/api/events?country=Iraq&limit=50"),
    (10, "/events"), (6, "/events?country=Iraq&type=Battles"), (4, "/events?q=drones"),
    (10, "/events/{event}"), (4, "/articles"), (6, "/api/session"),
]


def build_sample(path: Path) -> None:
    from dateline.extract.extractor import Extractor
    from dateline.extract.kb import load_knowledge_base
    from dateline.pipeline import ingest

    store = Store(path)
    ingest(store, [str(ROOT / "dateline" / "data" / "sample")], Extractor.from_kb(load_knowledge_base([])))
    store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()


def event_ids(db: Path, count: int = 200) -> list[str]:
    store = Store(db)
    rows = store.connection.execute("SELECT id FROM records WHERE kind = 'event' ORDER BY random() LIMIT ?",
                                    (count,)).fetchall()
    store.close()
    return [row[0] for row in rows]


def schedule(rate: float, seconds: float, ids: list[str], seed: int = 12) -> list[tuple[float, str]]:
    rng = random.Random(seed)
    weights = [weight for weight, _path in MIX]
    paths = [path for _weight, path in MIX]
    count = min(int(rate * seconds), MAX_REQUESTS)
    plan = []
    for number in range(count):
        path = rng.choices(paths, weights)[0]
        if "{event}" in path:
            path = path.replace("{event}", rng.choice(ids)) if ids else "/events"
        plan.append((number / rate, path))
    return plan


def run_load(port: int, plan: list[tuple[float, str]], connections: int,
             timeout: float) -> tuple[list[tuple[str, float, int]], float]:
    """Sends the plan; returns (path, latency ms from the due time, status) per request, and the
    wall time until the last answer."""
    due: Queue[tuple[float, str] | None] = Queue()
    results: list[tuple[str, float, int]] = []
    lock = threading.Lock()
    began = time.perf_counter() + 0.5

    def worker() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        while True:
            try:
                item = due.get(timeout=timeout + 5)
            except Empty:
                return
            if item is None:
                return
            at, path = item
            status = 0
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
            latency = (time.perf_counter() - (began + at)) * 1000
            with lock:
                results.append((path, latency, status))

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for at, path in plan:
        wait = began + at - time.perf_counter()
        if wait > 0:
            time.sleep(wait)
        due.put((at, path))
    for _ in threads:
        due.put(None)
    for thread in threads:
        thread.join(timeout=timeout + 30)
    return results, time.perf_counter() - began


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def report(name: str, results: list[tuple[str, float, int]], wall: float, rate: float, workers: int) -> bool:
    latencies = [latency for _path, latency, _status in results]
    errors = sum(1 for _path, _latency, status in results if status != 200)
    served = len(results) / wall
    p50, p95, p99 = (percentile(latencies, share) for share in (0.5, 0.95, 0.99))
    ok = served >= TARGET_RATE * 0.98 and p99 <= TARGET_P99_MS and errors == 0
    print(f"\n== {name}: {len(results)} requests offered at {rate:g}/s, {workers} worker(s) ==")
    print(f"served {served:.1f} req/s   p50 {p50:.1f} ms   p95 {p95:.1f} ms   p99 {p99:.1f} ms   errors {errors}"
          f"   (goal >= {TARGET_RATE:g} req/s, p99 <= {TARGET_P99_MS:g} ms: {'ok' if ok else 'MISSED'})")
    by_page: dict[str, list[float]] = defaultdict(list)
    for path, latency, _status in results:
        page = path.split("?")[0]
        by_page["/events/ID" if page.startswith("/events/") else page].append(latency)
    print(f"{'page':<22} {'count':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for page, values in sorted(by_page.items()):
        print(f"{page:<22} {len(values):>6} {statistics.median(values):>8.1f} {percentile(values, 0.95):>8.1f}"
              f" {percentile(values, 0.99):>8.1f}")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=TARGET_RATE, help="requests per second offered")
    parser.add_argument("--seconds", type=float, default=30.0, help="how long to offer them (at most 300)")
    parser.add_argument("--workers", type=int, default=2, help="dateline serve --workers")
    parser.add_argument("--connections", type=int, default=48, help="client connections (kept alive)")
    parser.add_argument("--events", type=int, default=100_000, help="events in the synthetic ledger")
    parser.add_argument("--only", choices=("sample", "100k"), help="one database only")
    parser.add_argument("--db", type=Path, help="keep or reuse the synthetic database here")
    parser.add_argument("--check", action="store_true", help="exit 1 when a goal is missed")
    args = parser.parse_args()
    seconds = min(args.seconds, 300.0)
    folder = tempfile.TemporaryDirectory(prefix="dateline-load-")
    databases = []
    if args.only in (None, "sample"):
        sample = Path(folder.name) / "sample.db"
        build_sample(sample)
        databases.append(("sample corpus", sample))
    if args.only in (None, "100k"):
        big = args.db or Path(folder.name) / "big.db"
        if not big.exists():
            began = time.perf_counter()
            build_synthetic(big, args.events)
            print(f"built {args.events:,} synthetic events in {time.perf_counter() - began:.0f} s")
        databases.append((f"{args.events:,} events", big))
    all_ok = True
    try:
        for name, db in databases:
            port = free_port()
            server = start_server(db, port, ("--host", "127.0.0.1", "--workers", str(args.workers)), wait=180)
            try:
                plan = schedule(args.rate, seconds, event_ids(db))
                warm = [(i * 0.01, path) for i, (_at, path) in enumerate(plan[:200])]
                run_load(port, warm, min(args.connections, 8), timeout=60)  # caches and pages warm
                results, wall = run_load(port, plan, args.connections, timeout=60)
                all_ok &= report(name, results, wall, args.rate, args.workers)
            finally:
                server.terminate()
                server.wait(timeout=30)
    finally:
        folder.cleanup()
    if args.check and not all_ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
