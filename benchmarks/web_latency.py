"""Latency of the events API and the events table page on a large ledger.

Loads N synthetic events (100,000 by default) through `Store.replace_records`, as an ingest
would (so the index triggers do the work they do in use), starts `dateline serve` on 127.0.0.1,
and times a bounded number of requests with filters, one at a time over a kept-alive connection.
Prints the median and 95th percentile per endpoint and per filter; the target is p95 <= 100 ms.

    .venv/bin/python benchmarks/web_latency.py                 # 100,000 events
    .venv/bin/python benchmarks/web_latency.py --events 20000 --requests 100 --check
"""
from __future__ import annotations

import argparse
import http.client
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

from dateline.model import EventRecord, Evidence, Source
from dateline.store.db import Store
from dateline.store.ledger_index import ensure_ledger_index

TARGET_MS = 100.0
PLACES = [("Iraq", "Anbar", "Ain al-Asad Air Base", 33.79, 42.44), ("Iraq", "Baghdad", "Mashtal", 33.33, 44.45),
          ("Iraq", "Babil", "Jurf al-Nasr", 32.87, 44.19), ("Iraq", "Erbil", "Erbil Air Base", 36.24, 43.96),
          ("Iraq", "Nineveh", "Sinjar", 36.32, 41.87), ("Syria", "Hasakah", "Rumaylan", 37.01, 41.95),
          ("Syria", "Deir ez-Zor", "Al-Mayadin", 35.02, 40.45), ("Syria", "Homs", "Al-Tanf", 33.49, 38.66),
          ("Jordan", "Mafraq", "Tower 22", 33.31, 38.70), ("Iraq", "Salah al-Din", "Balad", 34.01, 44.15)]
ACTORS = ["Military Forces of the United States", "Kataib Hezbollah", "Islamic Resistance in Iraq",
          "Popular Mobilization Forces", "Harakat Hezbollah al-Nujaba", "Unidentified Armed Group (Iraq)",
          "Military Forces of Turkey", "Sinjar Resistance Units", "Islamic State (Syria)", "Coalition Forces",
          "Military Forces of Iraq", "Civilians (Iraq)", "Islamic Revolutionary Guard Corps"]
TYPES = [("Explosions/Remote violence", "Air/drone strike", "drone"),
         ("Explosions/Remote violence", "Shelling/artillery/missile attack", "rocket"),
         ("Explosions/Remote violence", "Remote explosive/landmine/IED", "ied"),
         ("Battles", "Armed clash", "small arms"), ("Strategic developments", "Disrupted weapons use", "drone"),
         ("Violence against civilians", "Attack", "small arms")]
# Quotes are drawn from a few hundred words with a Zipf-like frequency, as news text is: function
# words in nearly every quote, "drones" in about half, "ambush" or "garrison" in a few percent.
COMMON = ("the a of in on and to was were said at by near after with from late night officials "
          "security sources forces attack strike base").split()
CONTENT = ("convoy perimeter drones rockets missiles airstrike checkpoint compound headquarters militia "
           "fighters commander vehicle warehouse airfield barracks outpost patrol interception artillery "
           "mortar explosion casualties wounded killed injured statement ministry spokesman claimed denied "
           "retaliation escalation ceasefire withdrawal embassy consulate pipeline oilfield bridge highway "
           "village district province border crossing garrison depot radar launcher battery shelling "
           "ambush raid clash gunmen bombing roadside device sniper hostage kidnapping protest riot "
           "demonstrators police arrests curfew evacuation hospital school market mosque airport harbour").split()
CONTENT += [f"{stem}{suffix}" for stem in ("reported", "targeted", "struck", "fired", "launched")
            for suffix in ("", "ly", "s")]
WEIGHTS = [1 / (rank + 1) for rank in range(len(CONTENT))]


def synthetic_events(count: int, seed: int = 7) -> list[tuple[str, EventRecord, list[int]]]:
    """Returns `count` plausible resolved events over two years, reproducibly."""
    rng = random.Random(seed)
    start = date(2023, 1, 1)
    out = []
    for number in range(count):
        country, admin1, location, lat, lon = rng.choice(PLACES)
        event_type, sub_type, weapon = rng.choice(TYPES)
        actor1, actor2 = rng.sample(ACTORS, 2)
        day = (start + timedelta(days=rng.randrange(730))).isoformat()
        words = [rng.choice(COMMON) if rng.random() < 0.6 else rng.choices(CONTENT, WEIGHTS)[0]
                 for _ in range(rng.randrange(18, 40))]
        quote = " ".join(words + [location, actor2]).capitalize() + "."
        killed = rng.choice([None, 0, 1, 2, 3, 5, 12])
        record = EventRecord(
            event_date=day, date_precision="day", event_type=event_type, sub_event_type=sub_type,
            actor1=actor1, actor2=actor2, country=country, admin1=admin1, location=location,
            latitude=lat + rng.uniform(-0.2, 0.2), longitude=lon + rng.uniform(-0.2, 0.2), geo_precision=1,
            fatalities=killed, injured=rng.choice([None, 0, 1, 4]), weapons=[weapon],
            sources=[Source(f"art-{number // 3:06d}", quote)],
            notes=f"On {day} {actor1}: {sub_type.lower()} against {actor2} in {location}, {admin1}, {country}.",
            evidence={"location": Evidence(location, location, "gazetteer"),
                      "actor1": Evidence(actor1, actor1, "synthetic"),
                      "event_type": Evidence(event_type, weapon, "synthetic trigger")})
        out.append((f"ev-{number:010x}", record, []))
    return out


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def build_synthetic(path: Path, events: int) -> None:
    """Writes a ledger of `events` synthetic events (indexed, checkpointed, analysed) at `path`."""
    store = Store(path)
    ensure_ledger_index(store)
    store.replace_records(synthetic_events(events))  # type: ignore[arg-type]
    store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.connection.execute("ANALYZE")
    store.close()


def start_server(db: Path, port: int, options: tuple[str, ...] = (), wait: float = 120) -> subprocess.Popen[bytes]:
    """Starts `dateline serve` (with `options`) and returns once it answers, or exits after `wait` s."""
    process = subprocess.Popen([sys.executable, "-m", "dateline", "--db", str(db), "serve", "--port", str(port),
                                *options], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/api/session")
            connection.getresponse().read()
            return process
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.2)
    process.kill()
    raise SystemExit("dateline serve did not start")


def timed_get(connection: http.client.HTTPConnection, path: str) -> tuple[float, bytes]:
    began = time.perf_counter()
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - began) * 1000
    if response.status != 200:
        raise SystemExit(f"GET {path} answered {response.status}: {body[:300]!r}")
    return elapsed, body


def scenarios() -> dict[str, dict[str, str]]:
    """Filter sets a user would try, each applied to the API and to the table."""
    return {
        "no filter": {},
        "country + period": {"country": "Iraq", "from": "2023-06-01", "to": "2023-09-30"},
        "actor": {"actor": "Kataib Hezbollah"},
        "actor + period": {"actor": "Military Forces of the United States", "from": "2024-01-01", "to": "2024-03-31"},
        "province + type": {"province": "Anbar", "type": "Battles"},
        "text search": {"q": "ambush"},
        "text + country": {"q": "garrison", "country": "Syria"},
        "common word": {"q": "drones"},
        "words + actor": {"q": "rockets launched", "actor": "Islamic Resistance in Iraq"},
    }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000, help="synthetic events to load")
    parser.add_argument("--requests", type=int, default=40, help="timed requests per endpoint and filter")
    parser.add_argument("--db", type=Path, help="keep the database here (default: a temporary folder)")
    parser.add_argument("--check", action="store_true", help=f"exit 1 when a p95 is over {TARGET_MS:g} ms")
    args = parser.parse_args()
    folder = tempfile.TemporaryDirectory(prefix="dateline-bench-")
    db = args.db or Path(folder.name) / "bench.db"
    if not db.exists():
        began = time.perf_counter()
        build_synthetic(db, args.events)
        print(f"loaded {args.events:,} events (index and search maintained by triggers) in "
              f"{time.perf_counter() - began:.1f} s")
    port = free_port()
    server = start_server(db, port)
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        results: dict[str, list[float]] = {"api": [], "table": []}
        rows = []
        for name, filters in scenarios().items():
            for kind in ("api", "table"):
                path = ("/api/events?" if kind == "api" else "/events?") + urlencode(filters)
                variants = [path]
                if kind == "api":  # the second page through the cursor
                    first = timed_get(connection, path)[1]
                    cursor = json.loads(first)["next_cursor"]
                    if cursor:
                        variants.append(path + ("&" if filters else "") + urlencode({"cursor": cursor}))
                else:  # a later page, sorted by another column
                    variants.append(path + ("&" if filters else "") + "sort=fatalities&page=5")
                for variant in variants:
                    timed_get(connection, variant)  # warm the server's caches and SQLite's pages
                times = [timed_get(connection, variants[i % len(variants)])[0] for i in range(args.requests)]
                results[kind].extend(times)
                rows.append((name, kind, statistics.median(times), percentile(times, 0.95)))
        print(f"\n{'filter':<20} {'endpoint':<10} {'median ms':>10} {'p95 ms':>8}")
        for name, kind, median, p95 in rows:
            print(f"{name:<20} {kind:<10} {median:>10.1f} {p95:>8.1f}")
        print()
        missed = False
        for kind, label in (("api", "GET /api/events"), ("table", "GET /events (table page)")):
            median, p95 = statistics.median(results[kind]), percentile(results[kind], 0.95)
            verdict = "ok" if p95 <= TARGET_MS else "OVER TARGET"
            missed |= p95 > TARGET_MS
            print(f"{label:<26} median {median:6.1f} ms   p95 {p95:6.1f} ms   ({len(results[kind])} requests, "
                  f"target p95 <= {TARGET_MS:g} ms: {verdict})")
    finally:
        server.terminate()
        server.wait(timeout=10)
        folder.cleanup()
    if args.check and missed:
        sys.exit(1)


if __name__ == "__main__":
    main()
