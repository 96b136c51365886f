"""Time and memory of resolution (merging) for 1k, 10k and 100k synthetic candidate events.

    python benchmarks/resolve_scaling.py [--sizes 1000 10000 100000]

Each synthetic event is told by one to three "articles" with small disagreements (a day off, a
range instead of a day, an unidentified actor, the province instead of the place), in four
countries, twenty provinces and a thousand places. The period grows with the ledger (about 30
candidates a day, the density of a busy year of ACLED's Iraq and Syria data), as a real ledger
grows by covering more time, not by packing more events into the same days. Prints seconds, microseconds per
candidate, the ratio of time to n·log2(n) (flat when growth is n·log n) and peak traced memory.
"""
from __future__ import annotations

import argparse
import math
import random
import sys
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dateline.model import EventRecord, Source  # noqa: E402  (path set above)
from dateline.resolve.merge import resolve  # noqa: E402

COUNTRIES = ["Iraq", "Syria", "Jordan", "Kuwait"]
ACTORS = ["Military Forces of the United States", "Kataib Hezbollah", "Islamic State (Syria)",
          "Military Forces of Turkey", "Syrian Democratic Forces"]


def candidates(events: int, seed: int = 7) -> list[tuple[int, str, EventRecord]]:
    rng = random.Random(seed)
    out: list[tuple[int, str, EventRecord]] = []
    start = date(2024, 1, 1)
    days = max(365, events // 30)
    for number in range(events // 2):
        country = rng.choice(COUNTRIES)
        admin1 = f"{country} province {rng.randrange(5)}"
        place = rng.randrange(50)
        day = start + timedelta(days=rng.randrange(days))
        actor1, actor2 = rng.sample(ACTORS, 2)
        for told in range(rng.choice((1, 2, 3))):
            if len(out) >= events:
                break
            record = EventRecord(
                event_date=(day + timedelta(days=rng.choice((0, 0, 0, 1)))).isoformat(),
                date_precision=rng.choice(("day", "day", "day", "range")),
                event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                actor1=actor1 if rng.random() > 0.2 else f"Unidentified Armed Group ({country})",
                actor2=actor2, country=country, admin1=admin1,
                location=f"{admin1} place {place}" if rng.random() > 0.2 else None,
                latitude=30 + place / 10, longitude=40 + place / 10, geo_precision=1,
                fatalities=rng.choice((None, 1, 2, 3)), injured=None,
                sources=[Source(f"article-{number}-{told}", f"Report {number} as told by source {told}.")])
            out.append((len(out), f"article-{number}-{told}", record))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    args = parser.parse_args()
    print(f"{'candidates':>10}  {'events':>8}  {'seconds':>8}  {'µs/cand':>8}  {'t/(n·log n)':>12}  {'peak MB':>8}")
    for size in args.sizes:
        mentions = candidates(size)
        started = time.perf_counter()
        ledger = resolve(mentions)  # type: ignore[arg-type]
        seconds = time.perf_counter() - started
        # Memory in a second, traced run (tracing slows the first several times over).
        tracemalloc.start()
        resolve(mentions)  # type: ignore[arg-type]
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        ratio = seconds / (size * math.log2(size)) * 1e9
        print(f"{size:>10}  {len(ledger):>8}  {seconds:>8.2f}  {seconds / size * 1e6:>8.1f}  "
              f"{ratio:>9.1f} ns  {peak:>8.1f}")


if __name__ == "__main__":
    main()
