"""Seconds from a feed item's appearance to its event on the served pages, with `serve --watch`.

    python benchmarks/watch_latency.py [--interval 30] [--items 4]

Serves a feed and its article pages from 127.0.0.1 (synthetic wire reports), runs the web app and
the watcher in one process as `dateline serve --watch` does, publishes one new item at a random
moment of each polling period, and polls `/api/events` until its event is there. The latency is
at most the feed's interval plus one fetch, extraction and ledger update; on average half the
interval plus that.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from fastapi.testclient import TestClient  # noqa: E402
from feed_server import FeedServer  # noqa: E402
from synthetic_news import report  # noqa: E402

from dateline.extract.extractor import Extractor  # noqa: E402
from dateline.extract.kb import load_knowledge_base  # noqa: E402
from dateline.serve.app import create_app  # noqa: E402
from dateline.store.db import Store  # noqa: E402
from dateline.watch.config import FeedSpec, WatchConfig  # noqa: E402
from dateline.watch.watcher import Watcher  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interval", type=float, default=30.0, help="the feed's polling interval, seconds")
    parser.add_argument("--items", type=int, default=4)
    args = parser.parse_args()
    rng = random.Random(21)
    server = FeedServer().start()
    reports = [report(n, random.Random(100 + n)) for n in range(args.items + 1)]
    items: list[dict[str, str]] = []

    def publish(number: int) -> None:
        item = dict(reports[number], link=f"/story/{number}")
        server.page(item["link"], item["title"], item["text"])
        items.append(item)
        server.feed("/wire.xml", items)

    publish(0)
    extractor = Extractor.from_kb(load_knowledge_base())
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "live.db"
        client = TestClient(create_app(str(db)))
        stop = threading.Event()

        def watch() -> None:
            store = Store(db)
            config = WatchConfig((FeedSpec(server.base + "/wire.xml", "Test Wire", args.interval),),
                                 host_delay=1.0, timeout=20.0)
            Watcher(store, config, extractor).run(stop)
            store.close()

        threading.Thread(target=watch, daemon=True).start()
        known = wait_for_new(client, set())
        latencies = []
        for number in range(1, args.items + 1):
            time.sleep(rng.uniform(0, args.interval))
            publish(number)
            appeared = time.monotonic()
            known = wait_for_new(client, known)
            latencies.append(time.monotonic() - appeared)
            print(f"item {number}: on the page after {latencies[-1]:.1f} s")
        stop.set()
    server.stop()
    print(f"interval {args.interval:g} s: mean {statistics.mean(latencies):.1f} s, "
          f"max {max(latencies):.1f} s ({max(latencies) / 60:.2f} min) from appearance to the page")


def wait_for_new(client: TestClient, known: set[str], seconds: float = 900) -> set[str]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ids = {item["id"] for item in client.get("/api/events", params={"limit": 500}).json()["items"]}
        if ids - known:
            return ids
        time.sleep(0.2)
    raise SystemExit(f"no new event after {seconds} s")


if __name__ == "__main__":
    main()
