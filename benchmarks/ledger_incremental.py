"""Time to add one article to a ledger of 10k and 100k events: incremental update vs full rebuild.

    python benchmarks/ledger_incremental.py [--sizes 10000 100000] [--repeat 5]

The ledger is built from the synthetic candidates of `resolve_scaling.py` (four countries, twenty
provinces, about 30 candidates a day), stored in a fresh SQLite file and resolved whole once.
Then articles of one new report each (a random day, province and place of the same period) are
added one at a time, and `update_ledger` is timed: it replays the merge's decisions from the new
report and re-decides only the reports a changed cluster reaches (`dateline.resolve.replay`).
Prints the full rebuild's seconds, the median and worst incremental milliseconds, the median
number of reports decided again and of mentions in the records re-made, and the peak RSS.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from resolve_scaling import candidates  # noqa: E402

from dateline.ledger import rebuild_ledger, update_ledger  # noqa: E402
from dateline.model import Article, Source, record_kind, record_to_dict  # noqa: E402
from dateline.store.db import Store  # noqa: E402


def build(store: Store, size: int) -> list:
    mentions = candidates(size)
    with store.transaction() as db:
        for number, (_mid, article, record) in enumerate(mentions):
            db.execute("INSERT OR IGNORE INTO articles (id, content_hash, origin, published_method, text,"
                       " words) VALUES (?,?,?,?,?,?)", (article, f"hash-{article}", article, "none",
                                                        f"text {article}", 2))
            db.execute("INSERT INTO mentions (article_id, kind, position, body) VALUES (?,?,?,?)",
                       (article, record_kind(record), number,
                        json.dumps(record_to_dict(record), ensure_ascii=False)))
    return mentions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    print(f"{'events':>8}  {'records':>8}  {'full s':>8}  {'incr ms (median)':>16}  {'incr ms (max)':>13}"
          f"  {'decided':>7}  {'re-made':>7}  {'peak RSS MB':>11}")
    rng = random.Random(11)
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            store = Store(Path(folder) / "bench.db")
            mentions = build(store, size)
            started = time.perf_counter()
            records = rebuild_ledger(store)
            full = time.perf_counter() - started
            times, decided, components = [], [], []
            for number in range(args.repeat):
                _mid, _article, template = rng.choice(mentions)
                article = f"new-{number}"
                record = replace(template, sources=[Source(article, f"A new report {number}.")],
                                 fatalities=rng.choice((None, 1, 4)))
                store.add_article(Article(id=article, text=f"text {article}", content_hash=f"h-{article}"),
                                  [record])
                started = time.perf_counter()
                update = update_ledger(store)
                times.append((time.perf_counter() - started) * 1000)
                components.append(update.mentions)
                decided.append(update.decided)
                assert update.mode == "incremental", update
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{size:>8}  {records:>8}  {full:>8.2f}  {statistics.median(times):>16.1f}  {max(times):>13.1f}"
                  f"  {int(statistics.median(decided)):>7}  {int(statistics.median(components)):>7}  {peak:>11.0f}")
            store.close()


if __name__ == "__main__":
    main()
